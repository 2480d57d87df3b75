// MQTT 3.1.1 and 5: the packet codec fed bytes, and the protocol fed frames as a broker would send them.
#include "ProtocolTesting.h"
#include "protocol/MessageProtocol.h"
#include "protocol/MqttPackets.h"
#include "protocol/MqttProtocol.h"

#include <QRandomGenerator>
#include <QTest>

using namespace herald::protocol;
namespace mq = herald::protocol::mqtt;

namespace {

using Link = herald::test::RecordingLink;

QByteArray hex(const char *digits)
{
    return QByteArray::fromHex(digits);
}

using herald::test::mqtt::packet;

QByteArray mqttString(const QByteArray &utf8)
{
    return herald::test::mqtt::string(utf8);
}

QByteArray connack(bool sessionPresent = false, quint8 code = 0)
{
    return packet(0x20, QByteArray(1, char(sessionPresent ? 1 : 0)) + char(code));
}

QByteArray suback(quint16 id, const QByteArray &codes, bool v5 = false)
{
    return packet(0x90,
                  QByteArray(1, char(id >> 8)) + char(id & 0xff) + (v5 ? QByteArray(1, 0) : QByteArray()) + codes);
}

QByteArray brokerPublish(const QByteArray &topic, const QByteArray &payload, int qos = 0, quint16 id = 0,
                         bool retain = false, bool v5 = false)
{
    QByteArray body = mqttString(topic);
    if (qos > 0) {
        body += char(id >> 8);
        body += char(id & 0xff);
    }
    if (v5) {
        body += char(0);
    }
    return packet(quint8(0x30 | (qos << 1) | (retain ? 1 : 0)), body + payload);
}

mq::Packet decodeOne(const QByteArray &bytes)
{
    mq::StreamDecoder decoder(1 << 20);
    QList<mq::Packet> packets;
    QString error;
    if (!decoder.feed(bytes, packets, &error) || packets.size() != 1) {
        qWarning("could not decode %s: %s", bytes.toHex().constData(), qPrintable(error));
        return {};
    }
    return packets.first();
}

MqttProtocol::Settings settings(QStringList topics, int qos = 0)
{
    MqttProtocol::Settings s;
    s.topics = std::move(topics);
    s.qos = qos;
    return s;
}

// Opens the protocol and answers its CONNECT and SUBSCRIBE as a broker would.
void handshake(MqttProtocol &protocol, Link &link, bool sessionPresent = false)
{
    QList<AppMessage> out;
    protocol.opened(link);
    protocol.binaryReceived(connack(sessionPresent), link, out);
    const mq::Packet subscribe = decodeOne(link.sentBinary.value(link.sentBinary.size() - 1));
    if (subscribe.type == mq::Subscribe) {
        const quint16 id = quint16((quint8(subscribe.body[0]) << 8) | quint8(subscribe.body[1]));
        protocol.binaryReceived(suback(id, QByteArray(1, 1)), link, out);
    }
}

} // namespace

class TestMqtt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void connect_v311_isByteExact();
    void connect_v5_carriesSessionExpiryAndLimit();
    void subscribeAndPublish_areByteExact();
    void remainingLength_boundaries_data();
    void remainingLength_boundaries();
    void decoder_splitAtEveryByteGivesTheSamePackets();
    void decoder_lyingLengthFailsFromTheHeader_data();
    void decoder_lyingLengthFailsFromTheHeader();
    void parsePublish_malformed_data();
    void parsePublish_malformed();
    void parseConnack_v5Properties();
    void topicFilters_data();
    void topicFilters();
    void topicMatches_data();
    void topicMatches();

    void protocol_connectsSubscribesAndDeliversTopics();
    void protocol_qos1IsAcknowledgedAfterDelivery();
    void protocol_retainedAndBinaryMessages();
    void protocol_refusedCredentialsAreNotRetried();
    void protocol_refusedSubscriptionIsNotRetried();
    void protocol_unavailableBrokerIsRetried();
    void protocol_publishQos1IsResentUntilAcknowledged();
    void protocol_keepaliveFailsWhenPingIsUnanswered();
    void protocol_malformedInputFailsAndRetries_data();
    void protocol_malformedInputFailsAndRetries();
    void protocol_fixedClientIdKeepsTheSession();
    void protocol_v5BrokerKeepaliveAndTakeover();
    void protocol_sendWithoutTopicSaysWhy();
    void protocol_ownMessagesAreNotDeliveredBack();
    void forFeed_keepsOneSessionPerFeed();
    void protocol_inFlightIsBounded();
    void protocol_randomBytesNeverCrash();
};

void TestMqtt::connect_v311_isByteExact()
{
    mq::ConnectOptions options;
    options.clientId = QStringLiteral("c1");
    options.username = QStringLiteral("u");
    options.password = "pw";
    options.keepAliveSeconds = 60;
    // 0x10, length 22: "MQTT", level 4, flags user|password|clean, keepalive 60, "c1", "u", "pw"
    QCOMPARE(mq::connect(options).toHex(), hex("1015"
                                               "00044d515454"
                                               "04"
                                               "c2"
                                               "003c"
                                               "00026331"
                                               "000175"
                                               "00027077")
                                               .toHex());
    options.username.clear();
    options.password.clear();
    options.cleanStart = false;
    QCOMPARE(mq::connect(options).toHex(), hex("100e"
                                               "00044d515454"
                                               "04"
                                               "00"
                                               "003c"
                                               "00026331")
                                               .toHex());
}

void TestMqtt::connect_v5_carriesSessionExpiryAndLimit()
{
    mq::ConnectOptions options;
    options.version = mq::Version::V5;
    options.clientId = QStringLiteral("c");
    options.cleanStart = false;
    options.sessionExpirySeconds = 604800;
    options.maximumPacketSize = 16777216;
    // properties: 0x11 session expiry 604800 (0x00093a80), 0x27 maximum packet size 0x01000000
    QCOMPARE(mq::connect(options).toHex(), hex("1018"
                                               "00044d515454"
                                               "05"
                                               "00"
                                               "001e"
                                               "0a"
                                               "1100093a80"
                                               "2701000000"
                                               "000163")
                                               .toHex());
}

void TestMqtt::subscribeAndPublish_areByteExact()
{
    QCOMPARE(mq::subscribe(mq::Version::V311, 7, {QStringLiteral("a/+"), QStringLiteral("#")}, 1).toHex(),
             hex("820c"
                 "0007"
                 "0003612f2b"
                 "01"
                 "000123"
                 "01")
                 .toHex());
    QCOMPARE(mq::subscribe(mq::Version::V5, 7, {QStringLiteral("#")}, 0).toHex(), hex("8207"
                                                                                      "0007"
                                                                                      "00"
                                                                                      "000123"
                                                                                      "00")
                                                                                      .toHex());
    QCOMPARE(mq::publish(mq::Version::V311, QStringLiteral("t"), "hi", 1, 9, true).toHex(), hex("3307"
                                                                                                "000174"
                                                                                                "0009"
                                                                                                "6869")
                                                                                                .toHex());
    QCOMPARE(mq::publish(mq::Version::V5, QStringLiteral("t"), "hi", 0, 0, false).toHex(), hex("3006"
                                                                                               "000174"
                                                                                               "00"
                                                                                               "6869")
                                                                                               .toHex());
    QCOMPARE(mq::puback(mq::Version::V311, 0x1234).toHex(), hex("40021234").toHex());
    QCOMPARE(mq::pingreq().toHex(), hex("c000").toHex());
    QCOMPARE(mq::disconnect(mq::Version::V5).toHex(), hex("e000").toHex());
}

void TestMqtt::remainingLength_boundaries_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<int>("lengthBytes");
    const std::initializer_list<std::pair<int, int>> cases{{0, 1},     {127, 1},   {128, 2},
                                                           {16383, 2}, {16384, 3}, {300000, 3}};
    for (const auto &[length, bytes] : cases) {
        QTest::addRow("%d", length) << length << bytes;
    }
}

void TestMqtt::remainingLength_boundaries()
{
    QFETCH(int, length);
    QFETCH(int, lengthBytes);
    const QByteArray payload(length - 3 < 0 ? 0 : length - 3, 'x');
    const QByteArray bytes = length == 0 ? packet(0xd0, {}) : brokerPublish("t", payload);
    QCOMPARE(bytes.size(), 1 + lengthBytes + length);
    const mq::Packet decoded = decodeOne(bytes);
    QCOMPARE(decoded.body.size(), length);
}

void TestMqtt::decoder_splitAtEveryByteGivesTheSamePackets()
{
    const QByteArray stream = connack(true) + suback(1, "\x01\x80") + brokerPublish("a/b", "hello", 1, 5) +
                              packet(0xd0, {}) + brokerPublish("big", QByteArray(200, 'z'));
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        for (qsizetype second = cut; second <= stream.size(); second += 7) {
            mq::StreamDecoder decoder(1 << 20);
            QList<mq::Packet> packets;
            QString error;
            QVERIFY(decoder.feed(QByteArrayView(stream).first(cut), packets, &error));
            QVERIFY(decoder.feed(QByteArrayView(stream).sliced(cut, second - cut), packets, &error));
            QVERIFY(decoder.feed(QByteArrayView(stream).sliced(second), packets, &error));
            QCOMPARE(packets.size(), 5);
            QCOMPARE(packets[2].type, quint8(mq::Publish));
            QCOMPARE(packets[2].flags, quint8(0x02));
            QCOMPARE(packets[4].body.size(), 205);
            QCOMPARE(decoder.buffered(), 0);
        }
    }
}

void TestMqtt::decoder_lyingLengthFailsFromTheHeader_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("expected");
    QTest::newRow("five length bytes") << hex("30ffffffff01") << "more than four bytes";
    QTest::newRow("256 MiB announced") << hex("30ffffff7f") << "over the 1048576-byte limit";
    QTest::newRow("just over the limit") << hex("3081804000") << "1048577-byte packet";
}

void TestMqtt::decoder_lyingLengthFailsFromTheHeader()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, expected);
    mq::StreamDecoder decoder(1 << 20);
    QList<mq::Packet> packets;
    QString error;
    QVERIFY(!decoder.feed(header, packets, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(packets.isEmpty());

    // A length under the limit that the bytes never fill is held, and only up to what it announced.
    mq::StreamDecoder waiting(1 << 20);
    QVERIFY(waiting.feed(hex("30ffff3f") + QByteArray(1000, 'x'), packets, &error));
    QVERIFY(packets.isEmpty());
    QCOMPARE(waiting.buffered(), 1004);
}

void TestMqtt::parsePublish_malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("v5");
    QTest::addColumn<QString>("expected");
    QTest::newRow("qos 3") << packet(0x36, mqttString("t") + "\0\1x") << false << "QoS 3";
    QTest::newRow("topic cut short") << packet(0x30, hex("0010") + "ab") << false << "topic is cut short";
    QTest::newRow("topic not utf-8") << packet(0x30, mqttString("\xc3\x28")) << false << "not UTF-8";
    QTest::newRow("topic with nul") << packet(0x30, mqttString(QByteArray("a\0b", 3))) << false << "not UTF-8";
    QTest::newRow("qos 1 without id") << packet(0x32, mqttString("t")) << false << "without a packet id";
    QTest::newRow("packet id 0") << packet(0x32, mqttString("t") + QByteArray(2, 0)) << false << "without a packet id";
    QTest::newRow("wildcard topic") << packet(0x30, mqttString("a/#")) << false << "wildcards";
    QTest::newRow("empty topic") << packet(0x30, mqttString("")) << false << "empty";
    QTest::newRow("v5 properties too long")
        << packet(0x30, mqttString("t") + "\x09" + "x") << true << "properties are longer";
    QTest::newRow("v5 topic alias") << packet(0x30, mqttString("t") + hex("03230001")) << true << "topic alias";
    QTest::newRow("v5 unknown property") << packet(0x30, mqttString("t") + hex("017f")) << true << "0x7f";
    QTest::newRow("v5 property cut short") << packet(0x30, mqttString("t") + hex("020200")) << true << "cut short";
}

void TestMqtt::parsePublish_malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, v5);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!mq::parsePublish(decodeOne(bytes), v5 ? mq::Version::V5 : mq::Version::V311, &error));
    QVERIFY2(error.startsWith(QStringLiteral("the broker sent a malformed PUBLISH packet")), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestMqtt::parseConnack_v5Properties()
{
    // session present, success; properties: server keepalive 20, assigned id "x1", reason "hi", user property
    const QByteArray properties = hex("130014") + "\x12" + mqttString("x1") + "\x1f" + mqttString("hi") + "\x26" +
                                  mqttString("k") + mqttString("v") + hex("2101002401");
    QString error;
    const auto info = mq::parseConnack(decodeOne(packet(0x20, hex("0100") + char(properties.size()) + properties)),
                                       mq::Version::V5, &error);
    QVERIFY2(info, qPrintable(error));
    QVERIFY(info->sessionPresent);
    QCOMPARE(info->code, quint8(0));
    QCOMPARE(info->keepAlive, std::optional<quint16>(20));
    QCOMPARE(info->assignedClientId, QStringLiteral("x1"));
    QCOMPARE(info->reason, QStringLiteral("hi"));

    QVERIFY(!mq::parseConnack(decodeOne(packet(0x20, hex("02"))), mq::Version::V311, &error));
    QVERIFY(!mq::parseConnack(decodeOne(packet(0x20, hex("0200"))), mq::Version::V311, &error)); // reserved flag
    QVERIFY(error.contains(QStringLiteral("CONNACK")));
}

void TestMqtt::topicFilters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("filter");
    QTest::addColumn<bool>("name");
    QTest::newRow("plain") << "home/kitchen/temp" << true << true;
    QTest::newRow("hash") << "#" << true << false;
    QTest::newRow("hash last") << "home/#" << true << false;
    QTest::newRow("plus") << "home/+/temp" << true << false;
    QTest::newRow("plus alone") << "+" << true << false;
    QTest::newRow("hash in the middle") << "home/#/temp" << false << false;
    QTest::newRow("hash in a level") << "home/ab#" << false << false;
    QTest::newRow("plus in a level") << "home/a+" << false << false;
    QTest::newRow("empty") << "" << false << false;
    QTest::newRow("leading slash") << "/a" << true << true;
    QTest::newRow("nul") << QStringLiteral("a") + QChar(0) << false << false;
}

void TestMqtt::topicFilters()
{
    QFETCH(QString, text);
    QFETCH(bool, filter);
    QFETCH(bool, name);
    QCOMPARE(mq::validTopicFilter(text), filter);
    QCOMPARE(mq::validTopicName(text), name);
}

void TestMqtt::topicMatches_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("topic");
    QTest::addColumn<bool>("matches");
    QTest::newRow("exact") << "a/b"
                           << "a/b" << true;
    QTest::newRow("other") << "a/b"
                           << "a/c" << false;
    QTest::newRow("plus") << "a/+/c"
                          << "a/x/c" << true;
    QTest::newRow("plus is one level") << "a/+"
                                       << "a/x/c" << false;
    QTest::newRow("hash") << "a/#"
                          << "a/x/c" << true;
    QTest::newRow("hash has the parent") << "a/#"
                                         << "a" << true;
    QTest::newRow("hash alone") << "#"
                                << "anything/at/all" << true;
    QTest::newRow("system topic") << "#"
                                  << "$SYS/uptime" << false;
    QTest::newRow("system topic by name") << "$SYS/#"
                                          << "$SYS/uptime" << true;
    QTest::newRow("longer filter") << "a/b/c"
                                   << "a/b" << false;
    QTest::newRow("empty level") << "a//b"
                                 << "a//b" << true;
}

void TestMqtt::topicMatches()
{
    QFETCH(QString, filter);
    QFETCH(QString, topic);
    QFETCH(bool, matches);
    QCOMPARE(mq::topicMatches(filter, topic), matches);
}

void TestMqtt::protocol_connectsSubscribesAndDeliversTopics()
{
    MqttProtocol protocol(settings({QStringLiteral("home/+/temp"), QStringLiteral("alerts/#")}));
    QCOMPARE(protocol.subprotocols(), QStringList{QStringLiteral("mqtt")});
    Link link;
    QList<AppMessage> out;
    protocol.opened(link);
    QCOMPARE(link.sentBinary.size(), 1);
    const mq::Packet connect = decodeOne(link.sentBinary[0]);
    QCOMPARE(connect.type, quint8(mq::Connect));
    QVERIFY(connect.body.contains("herald-")); // a fresh client id
    QVERIFY(!protocol.ready());

    protocol.binaryReceived(connack(), link, out);
    QCOMPARE(link.sentBinary.size(), 2);
    const mq::Packet subscribe = decodeOne(link.sentBinary[1]);
    QCOMPARE(subscribe.type, quint8(mq::Subscribe));
    QCOMPARE(subscribe.flags, quint8(0x02));
    QVERIFY(subscribe.body.contains("home/+/temp"));
    QVERIFY(subscribe.body.contains("alerts/#"));
    QVERIFY(!protocol.ready());

    // A SUBACK and a message in one frame.
    const quint16 id = quint16((quint8(subscribe.body[0]) << 8) | quint8(subscribe.body[1]));
    protocol.binaryReceived(suback(id, QByteArray(2, 0)) + brokerPublish("home/kitchen/temp", "21.5"), link, out);
    QVERIFY(protocol.ready());
    QVERIFY(link.failure.isEmpty());
    QCOMPARE(out.size(), 1);
    QCOMPARE(out[0].type, QStringLiteral("home/kitchen/temp"));
    QCOMPARE(out[0].text, QStringLiteral("21.5"));
    QVERIFY(!out[0].binary);
    QVERIFY(!out[0].retained);
    QVERIFY2(protocol.readyDescription().contains(QStringLiteral("subscribed to home/+/temp, alerts/# at QoS 0")),
             qPrintable(protocol.readyDescription()));
    QCOMPARE(link.sentBinary.size(), 2); // nothing to acknowledge at QoS 0
}

void TestMqtt::protocol_qos1IsAcknowledgedAfterDelivery()
{
    MqttProtocol protocol(settings({QStringLiteral("jobs")}, 1));
    Link link;
    handshake(protocol, link);
    QList<AppMessage> out;
    // Split inside the packet: nothing comes out, nothing is acknowledged, until the rest arrives.
    const QByteArray message = brokerPublish("jobs", "done", 1, 0x0102);
    protocol.binaryReceived(message.first(5), link, out);
    QVERIFY(out.isEmpty());
    const qsizetype sentBefore = link.sentBinary.size();
    protocol.binaryReceived(message.sliced(5), link, out);
    QCOMPARE(out.size(), 1);
    QCOMPARE(out[0].text, QStringLiteral("done"));
    QCOMPARE(link.sentBinary.size(), sentBefore + 1);
    QCOMPARE(link.sentBinary.last().toHex(), hex("40020102").toHex());
}

void TestMqtt::protocol_retainedAndBinaryMessages()
{
    MqttProtocol protocol(settings({QStringLiteral("#")}));
    Link link;
    handshake(protocol, link);
    QList<AppMessage> out;
    protocol.binaryReceived(
        brokerPublish("state", "on", 0, 0, true) + brokerPublish("raw", QByteArray("\xff\x00\x01", 3)), link, out);
    QCOMPARE(out.size(), 2);
    QVERIFY(out[0].retained);
    QCOMPARE(out[0].text, QStringLiteral("on"));
    QVERIFY(out[1].binary);
    QCOMPARE(out[1].bytes, QByteArray("\xff\x00\x01", 3));
    QCOMPARE(out[1].type, QStringLiteral("raw"));
}

void TestMqtt::protocol_refusedCredentialsAreNotRetried()
{
    for (const auto version : {mq::Version::V311, mq::Version::V5}) {
        MqttProtocol::Settings s = settings({QStringLiteral("t")});
        s.version = version;
        s.username = QStringLiteral("u");
        s.password = "wrong";
        MqttProtocol protocol(s);
        Link link;
        QList<AppMessage> out;
        protocol.opened(link);
        QVERIFY(decodeOne(link.sentBinary[0]).body.contains("wrong"));
        protocol.binaryReceived(connack(false, version == mq::Version::V5 ? 0x86 : 4), link, out);
        QVERIFY2(link.failure.contains(QStringLiteral("user name or password")), qPrintable(link.failure));
        QVERIFY(!link.retry);
        QVERIFY(!protocol.ready());
    }
}

void TestMqtt::protocol_refusedSubscriptionIsNotRetried()
{
    MqttProtocol::Settings s = settings({QStringLiteral("ok"), QStringLiteral("secret/#")});
    s.version = mq::Version::V5;
    MqttProtocol protocol(s);
    Link link;
    QList<AppMessage> out;
    protocol.opened(link);
    protocol.binaryReceived(connack(), link, out);
    protocol.binaryReceived(suback(1, QByteArray("\x00\x87", 2), true), link, out);
    QVERIFY2(link.failure.contains(QStringLiteral("secret/# (not authorized)")), qPrintable(link.failure));
    QVERIFY(!link.failure.contains(QStringLiteral("ok,")));
    QVERIFY(!link.retry);
}

void TestMqtt::protocol_unavailableBrokerIsRetried()
{
    // A 3.1.1-only broker (aedes) answers an MQTT 5 CONNECT with 3.1.1's code 1.
    MqttProtocol::Settings v5 = settings({QStringLiteral("t")});
    v5.version = mq::Version::V5;
    MqttProtocol five(v5);
    Link refused;
    QList<AppMessage> none;
    five.opened(refused);
    five.binaryReceived(connack(false, 1), refused, none);
    QVERIFY2(refused.failure.contains(QStringLiteral("does not speak MQTT 5")), qPrintable(refused.failure));
    QVERIFY(!refused.retry);

    MqttProtocol protocol(settings({QStringLiteral("t")}));
    Link link;
    QList<AppMessage> out;
    protocol.opened(link);
    protocol.binaryReceived(connack(false, 3), link, out);
    QVERIFY2(link.failure.contains(QStringLiteral("unavailable")), qPrintable(link.failure));
    QVERIFY(link.retry);
}

void TestMqtt::protocol_publishQos1IsResentUntilAcknowledged()
{
    MqttProtocol::Settings s = settings({QStringLiteral("chat/in")}, 1);
    s.publishTopic = QStringLiteral("chat/out");
    MqttProtocol protocol(s);
    Link link;
    handshake(protocol, link);
    QVERIFY(protocol.settled());
    protocol.send(QStringLiteral("hello"), {}, link);
    protocol.send(QStringLiteral("second"), QStringLiteral("other/topic"), link);
    QVERIFY(!protocol.settled());
    const mq::Packet first = decodeOne(link.sentBinary[link.sentBinary.size() - 2]);
    QCOMPARE(first.type, quint8(mq::Publish));
    QCOMPARE(first.flags, quint8(0x02));
    QVERIFY(first.body.contains("chat/out"));
    QVERIFY(first.body.endsWith("hello"));
    const mq::Packet second = decodeOne(link.sentBinary.last());
    QVERIFY(second.body.contains("other/topic"));
    const QByteArray firstId = first.body.mid(2 + 8, 2);
    const QByteArray secondId = second.body.mid(2 + 11, 2);
    QVERIFY(firstId != secondId);

    // The connection drops before the second PUBACK: after the next CONNACK it goes again, marked DUP.
    QList<AppMessage> out;
    protocol.binaryReceived(packet(0x40, firstId), link, out);
    QVERIFY(!protocol.settled());
    link.sentBinary.clear();
    protocol.opened(link);
    protocol.binaryReceived(connack(true), link, out);
    QCOMPARE(link.sentBinary.size(), 3); // CONNECT, the publish again, SUBSCRIBE
    const mq::Packet again = decodeOne(link.sentBinary[1]);
    QCOMPARE(again.flags, quint8(0x0a));
    QCOMPARE(again.body, second.body);
    protocol.binaryReceived(packet(0x40, secondId), link, out);
    QVERIFY(protocol.settled());
    QVERIFY(link.failure.isEmpty());

    protocol.leaving(link);
    QCOMPARE(link.sentBinary.last().toHex(), hex("e000").toHex());
}

void TestMqtt::protocol_keepaliveFailsWhenPingIsUnanswered()
{
    MqttProtocol protocol(settings({QStringLiteral("t")}));
    Link link;
    handshake(protocol, link);
    QCOMPARE(protocol.keepaliveIntervalMs(), 30000);
    QList<AppMessage> out;
    protocol.keepalive(link);
    QCOMPARE(link.sentBinary.last().toHex(), hex("c000").toHex());
    protocol.binaryReceived(packet(0xd0, {}), link, out);
    protocol.keepalive(link);
    QVERIFY(link.failure.isEmpty());
    protocol.keepalive(link); // the second ping went unanswered
    QVERIFY2(link.failure.contains(QStringLiteral("did not answer a ping")), qPrintable(link.failure));
    QVERIFY(link.retry);
}

void TestMqtt::protocol_malformedInputFailsAndRetries_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("lying length") << hex("30ffffff7f") + QByteArray(64, 'x') << "over the";
    QTest::newRow("five length bytes") << hex("3080808080800100") << "more than four bytes";
    QTest::newRow("qos 2") << brokerPublish("t", "x", 2, 1) << "QoS 2";
    QTest::newRow("bad publish") << packet(0x32, mqttString("t")) << "without a packet id";
    QTest::newRow("second connack") << connack() << "second CONNACK";
    QTest::newRow("server's connect") << packet(0x10, {}) << "does not expect";
    QTest::newRow("puback without id") << packet(0x40, {}) << "PUBACK";
}

void TestMqtt::protocol_malformedInputFailsAndRetries()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    MqttProtocol protocol(settings({QStringLiteral("t")}));
    Link link;
    handshake(protocol, link);
    QList<AppMessage> out;
    protocol.binaryReceived(bytes, link, out);
    QVERIFY2(link.failure.contains(expected), qPrintable(link.failure));
    QVERIFY(link.retry);
    QVERIFY(out.isEmpty());

    // Text on an MQTT socket is not MQTT; a packet before CONNACK neither.
    MqttProtocol fresh(settings({QStringLiteral("t")}));
    Link other;
    fresh.opened(other);
    fresh.textReceived("hello", other, out);
    QVERIFY(other.failure.contains(QStringLiteral("binary")));
    fresh.opened(other);
    fresh.binaryReceived(brokerPublish("t", "early"), other, out);
    QVERIFY(other.failure.contains(QStringLiteral("before its CONNACK")));
    QVERIFY(out.isEmpty());
}

void TestMqtt::protocol_fixedClientIdKeepsTheSession()
{
    MqttProtocol::Settings s = settings({QStringLiteral("t")}, 1);
    s.clientId = QStringLiteral("herald-fixed");
    MqttProtocol protocol(s);
    Link link;
    handshake(protocol, link, true);
    const mq::Packet connect = decodeOne(link.sentBinary[0]);
    QCOMPARE(quint8(connect.body[7]) & 0x02, 0); // no clean session
    QVERIFY(connect.body.endsWith("herald-fixed"));
    QVERIFY2(protocol.readyDescription().contains(QStringLiteral("client herald-fixed, session resumed")),
             qPrintable(protocol.readyDescription()));
}

void TestMqtt::protocol_v5BrokerKeepaliveAndTakeover()
{
    MqttProtocol::Settings s = settings({});
    s.version = mq::Version::V5;
    s.publishTopic = QStringLiteral("out");
    MqttProtocol protocol(s);
    QCOMPARE(protocol.name(), QStringLiteral("mqtt5"));
    Link link;
    QList<AppMessage> out;
    protocol.opened(link);
    protocol.binaryReceived(packet(0x20, hex("0000"
                                             "03"
                                             "13000a")),
                            link, out);
    QVERIFY(protocol.ready()); // no topics: ready at CONNACK
    QCOMPARE(protocol.keepaliveIntervalMs(), 10000);
    protocol.binaryReceived(packet(0xe0, hex("8e00")), link, out);
    QVERIFY2(link.failure.contains(QStringLiteral("session taken over")), qPrintable(link.failure));
    QVERIFY(!link.retry);
    protocol.binaryReceived(packet(0xe0, hex("8b00")), link, out);
    QVERIFY(link.failure.contains(QStringLiteral("shutting down")));
    QVERIFY(link.retry);
}

void TestMqtt::protocol_sendWithoutTopicSaysWhy()
{
    QCOMPARE(MqttProtocol::defaultPublishTopic({}, {QStringLiteral("a/b")}), QStringLiteral("a/b"));
    QCOMPARE(MqttProtocol::defaultPublishTopic({}, {QStringLiteral("a/#")}), QString());
    QCOMPARE(MqttProtocol::defaultPublishTopic({}, {QStringLiteral("a"), QStringLiteral("b")}), QString());
    QCOMPARE(MqttProtocol::defaultPublishTopic(QStringLiteral("p"), {QStringLiteral("a")}), QStringLiteral("p"));

    MqttProtocol protocol(settings({QStringLiteral("a/#")}));
    Link link;
    handshake(protocol, link);
    const qsizetype sent = link.sentBinary.size();
    protocol.send(QStringLiteral("x"), {}, link);
    QVERIFY2(link.failure.contains(QStringLiteral("which topic")), qPrintable(link.failure));
    protocol.send(QStringLiteral("x"), QStringLiteral("a/+"), link);
    QVERIFY(link.failure.contains(QStringLiteral("no + or #")));
    QCOMPARE(link.sentBinary.size(), sent);
    QVERIFY(protocol.settled());
}

void TestMqtt::protocol_ownMessagesAreNotDeliveredBack()
{
    // MQTT 5 asks the broker: No Local on every filter.
    MqttProtocol::Settings v5 = settings({QStringLiteral("room")});
    v5.version = mq::Version::V5;
    MqttProtocol five(v5);
    Link link5;
    QList<AppMessage> out;
    five.opened(link5);
    five.binaryReceived(connack(), link5, out);
    QCOMPARE(decodeOne(link5.sentBinary.last()).body.right(1).toHex(), QByteArray("04"));

    // MQTT 3.1.1 cannot: the echo is dropped once, and the same text from someone else later still arrives.
    MqttProtocol protocol(settings({QStringLiteral("room")}, 1));
    Link link;
    handshake(protocol, link);
    protocol.send(QStringLiteral("hello"), {}, link);
    protocol.binaryReceived(brokerPublish("room", "hello", 1, 9), link, out);
    QVERIFY(out.isEmpty());
    QCOMPARE(link.sentBinary.last().toHex(), hex("40020009").toHex()); // still acknowledged
    protocol.binaryReceived(brokerPublish("room", "hello", 1, 10), link, out);
    QCOMPARE(out.size(), 1);
    // What goes to a topic it does not follow cannot come back: nothing is held for it.
    protocol.send(QStringLiteral("elsewhere"), QStringLiteral("other"), link);
    protocol.send(QStringLiteral("hello"), QStringLiteral("other"), link);
    protocol.binaryReceived(brokerPublish("room", "hello", 1, 11), link, out);
    QCOMPARE(out.size(), 2);
}

void TestMqtt::forFeed_keepsOneSessionPerFeed()
{
    ProtocolOptions options;
    options.name = QStringLiteral("mqtt");
    options.topics = {QStringLiteral("t")};
    const ProtocolOptions a = forFeed(options, QStringLiteral("sensors"), QStringLiteral("ops"));
    QCOMPARE(a.qos, 1);
    QCOMPARE(a.username, QStringLiteral("ops"));
    QVERIFY(a.clientId.startsWith(QStringLiteral("herald-")));
    QCOMPARE(a.clientId.size(), 7 + 16);
    QCOMPARE(forFeed(options, QStringLiteral("sensors"), {}).clientId, a.clientId); // the same on every run
    QVERIFY(forFeed(options, QStringLiteral("other"), {}).clientId != a.clientId);
    options.qos = 0;
    options.clientId = QStringLiteral("mine");
    QCOMPARE(forFeed(options, QStringLiteral("sensors"), {}).clientId, QStringLiteral("mine"));
    QCOMPARE(forFeed(options, QStringLiteral("sensors"), {}).qos, 0);
    QVERIFY(carriesCredentials(QStringLiteral("mqtt5")));
    options.name = QStringLiteral("MQTT"); // a hand-written config, read as createProtocol reads it
    options.clientId.clear();
    QVERIFY(!forFeed(options, QStringLiteral("sensors"), {}).clientId.isEmpty());
    options.name = QStringLiteral("mqtt");
    QVERIFY(!carriesCredentials(QStringLiteral("socketio")));
    options.name = QStringLiteral("socketio");
    options.qos = -1;
    options.clientId.clear();
    QVERIFY(forFeed(options, QStringLiteral("x"), QStringLiteral("u")).clientId.isEmpty());
}

void TestMqtt::protocol_inFlightIsBounded()
{
    MqttProtocol::Settings s = settings({}, 1);
    s.publishTopic = QStringLiteral("out");
    MqttProtocol protocol(s);
    Link link;
    QList<AppMessage> out;
    protocol.opened(link);
    protocol.binaryReceived(connack(), link, out);
    for (int i = 0; i < 1024; ++i) {
        protocol.send(QString::number(i), {}, link);
    }
    QCOMPARE(link.failures, 0);
    protocol.send(QStringLiteral("one more"), {}, link); // none acknowledged: connect again, not loop for an id
    QVERIFY2(link.failure.contains(QStringLiteral("acknowledged none")), qPrintable(link.failure));
    QVERIFY(link.retry);
    link.sentBinary.clear();
    protocol.opened(link);
    protocol.binaryReceived(connack(true), link, out);
    QCOMPARE(link.sentBinary.size(), 1 + 1024); // CONNECT, then every unacknowledged message again
}

void TestMqtt::protocol_randomBytesNeverCrash()
{
    QRandomGenerator random(12);
    const QByteArray pieces[] = {connack(),
                                 connack(true, 5),
                                 suback(1, "\x01"),
                                 suback(1, "\x80"),
                                 brokerPublish("t", "x", 1, 3),
                                 packet(0xd0, {}),
                                 packet(0x40, hex("0001")),
                                 hex("30"),
                                 hex("ff"),
                                 hex("7f"),
                                 hex("00"),
                                 hex("80"),
                                 hex("0003"),
                                 QByteArray("\xc3\x28")};
    for (int round = 0; round < 5000; ++round) {
        MqttProtocol::Settings s = settings({QStringLiteral("t")}, int(random.bounded(2)));
        s.version = random.bounded(2) ? mq::Version::V5 : mq::Version::V311;
        s.maxPacketSize = 4096;
        MqttProtocol protocol(s);
        Link link;
        QList<AppMessage> out;
        protocol.opened(link);
        for (int frames = 0; frames < 6; ++frames) {
            QByteArray frame;
            for (int i = int(random.bounded(6)); i >= 0; --i) {
                frame += pieces[random.bounded(int(std::size(pieces)))];
            }
            protocol.binaryReceived(frame, link, out);
            if (link.failures > 0) {
                QVERIFY(!link.failure.isEmpty());
                protocol.opened(link);
                link.failures = 0;
            }
        }
        for (const AppMessage &message : std::as_const(out)) {
            QCOMPARE(message.type, QStringLiteral("t"));
        }
    }
}

QTEST_APPLESS_MAIN(TestMqtt)
#include "tst_mqtt.moc"
