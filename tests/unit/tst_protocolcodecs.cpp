// The protocols on the WebSocket, each fed frames directly: Socket.IO 4, graphql-transport-ws, plain with on-open
// messages.
#include "ProtocolTesting.h"
#include "protocol/GraphqlWsProtocol.h"
#include "protocol/PlainProtocol.h"
#include "protocol/SockJsProtocol.h"
#include "protocol/SocketIoProtocol.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace herald::protocol;

namespace {

using Link = herald::test::RecordingLink;

const QByteArray kOpen =
    R"(0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000})";

} // namespace

class TestProtocolCodecs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void connectionUrl_data();
    void connectionUrl();
    void handshake_joinsTheNamespaceWithAuth_data();
    void handshake_joinsTheNamespaceWithAuth();
    void pings_areAnswered();
    void events_becomeMessagesNamedByTheEvent_data();
    void events_becomeMessagesNamedByTheEvent();
    void ackRequests_areAcknowledged();
    void binaryEvents_carryTheirAttachments();
    void otherNamespaces_areIgnored();
    void refusals_areNotRetried();
    void malformedPackets_failAndRetry_data();
    void malformedPackets_failAndRetry();
    void emit_sendsJsonOrText();
    void reconnect_startsOver();
    void randomPackets_neverCrash();
    void plain_onOpenMessagesCarryTheSecret();
    void plain_secretInJsonIsEscaped();
    void plain_answersAndKeepalive();
    void graphql_initSubscribeNext();
    void graphql_errorsAndCompletion();
    void graphql_malformedMessagesFailAndRetry_data();
    void graphql_malformedMessagesFailAndRetry();
    void sockjs_framesAreUnwrapped();
};

void TestProtocolCodecs::connectionUrl_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("expected");
    QTest::newRow("http root") << "http://127.0.0.1:3000/"
                               << "ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket";
    QTest::newRow("https no path") << "https://chat.example.org"
                                   << "wss://chat.example.org/socket.io/?EIO=4&transport=websocket";
    QTest::newRow("custom path and token") << "ws://h:1/my-io/?token=t"
                                           << "ws://h:1/my-io/?token=t&EIO=4&transport=websocket";
    QTest::newRow("already complete") << "ws://h/socket.io/?EIO=3&transport=polling"
                                      << "ws://h/socket.io/?EIO=4&transport=websocket";
}

void TestProtocolCodecs::connectionUrl()
{
    QFETCH(QString, given);
    QFETCH(QString, expected);
    SocketIoProtocol protocol(QStringLiteral("/"), {});
    QCOMPARE(protocol.connectionUrl(QUrl(given)).toString(), expected);
}

void TestProtocolCodecs::handshake_joinsTheNamespaceWithAuth_data()
{
    QTest::addColumn<QString>("nameSpace");
    QTest::addColumn<QByteArray>("auth");
    QTest::addColumn<QString>("connect");
    QTest::newRow("default") << "/" << QByteArray() << "40";
    QTest::newRow("default with auth") << "/" << QByteArray(R"({"token":"t"})") << R"(40{"token":"t"})";
    QTest::newRow("namespace") << "/chat" << QByteArray() << "40/chat,";
    QTest::newRow("namespace with auth") << "chat" << QByteArray(R"({"token":"t"})") << R"(40/chat,{"token":"t"})";
}

void TestProtocolCodecs::handshake_joinsTheNamespaceWithAuth()
{
    QFETCH(QString, nameSpace);
    QFETCH(QByteArray, auth);
    QFETCH(QString, connect);
    SocketIoProtocol protocol(nameSpace, auth);
    Link link;
    QList<AppMessage> out;
    protocol.opened(link);
    QVERIFY(link.sent.isEmpty()); // the server speaks first
    protocol.textReceived(kOpen, link, out);
    QCOMPARE(link.sent, QStringList{connect});
    QVERIFY(!protocol.ready());
    const QString prefix = nameSpace == QLatin1String("/") ? QString() : QStringLiteral("/chat,");
    protocol.textReceived(QByteArray("40" + prefix.toUtf8() + R"({"sid":"x"})"), link, out);
    QVERIFY(protocol.ready());
    QVERIFY(out.isEmpty());
    QVERIFY(link.failure.isEmpty());
}

void TestProtocolCodecs::pings_areAnswered()
{
    SocketIoProtocol protocol({}, {});
    Link link;
    QList<AppMessage> out;
    protocol.textReceived(kOpen, link, out);
    protocol.textReceived("2", link, out);
    protocol.textReceived("2probe", link, out);
    protocol.textReceived("6", link, out);
    QCOMPARE(link.sent, (QStringList{QStringLiteral("40"), QStringLiteral("3"), QStringLiteral("3probe")}));
    QVERIFY(out.isEmpty()); // protocol traffic is never a message
}

void TestProtocolCodecs::events_becomeMessagesNamedByTheEvent_data()
{
    QTest::addColumn<QByteArray>("packet");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("text");
    QTest::newRow("string") << QByteArray(R"(42["chat","hello 😀"])") << "chat"
                            << "hello 😀";
    QTest::newRow("object") << QByteArray(R"(42["build",{"status":"passed","n":7}])") << "build"
                            << R"({"status":"passed","n":7})";
    // As the server wrote it: not sorted, not rounded to a double, its spacing kept.
    QTest::newRow("big number") << QByteArray(R"(42["id",12345678901234567890])") << "id"
                                << "12345678901234567890";
    QTest::newRow("spacing") << QByteArray(R"(42[ "build" , {"b" : 1.50, "a":[ 2 ]} ])") << "build"
                             << R"({"b" : 1.50, "a":[ 2 ]})";
    QTest::newRow("number") << QByteArray(R"(42["tick",3])") << "tick"
                            << "3";
    QTest::newRow("no argument") << QByteArray(R"(42["ping"])") << "ping"
                                 << "";
    QTest::newRow("several") << QByteArray(R"(42["move","a",1,true])") << "move"
                             << R"(["a",1,true])";
    QTest::newRow("several with brackets in strings") << QByteArray(R"(42["move","a]b",{"k":"}\"{"},1.0e2])") << "move"
                                                      << R"(["a]b",{"k":"}\"{"},1.0e2])";
}

void TestProtocolCodecs::events_becomeMessagesNamedByTheEvent()
{
    QFETCH(QByteArray, packet);
    QFETCH(QString, type);
    QFETCH(QString, text);
    SocketIoProtocol protocol({}, {});
    Link link;
    QList<AppMessage> out;
    protocol.textReceived(kOpen, link, out);
    protocol.textReceived("40{\"sid\":\"x\"}", link, out);
    protocol.textReceived(packet, link, out);
    QCOMPARE(out.size(), 1);
    QCOMPARE(out[0].type, type);
    QCOMPARE(out[0].text, text);
}

void TestProtocolCodecs::ackRequests_areAcknowledged()
{
    SocketIoProtocol protocol(QStringLiteral("/ns"), {});
    Link link;
    QList<AppMessage> out;
    protocol.textReceived(kOpen, link, out);
    protocol.textReceived("40/ns,{\"sid\":\"x\"}", link, out);
    protocol.textReceived(R"(42/ns,17["job",{"id":1}])", link, out);
    QCOMPARE(link.sent.last(), QStringLiteral("43/ns,17[]"));
    QCOMPARE(out.size(), 1);
    QCOMPARE(out[0].type, QStringLiteral("job"));
}

void TestProtocolCodecs::binaryEvents_carryTheirAttachments()
{
    SocketIoProtocol protocol({}, {});
    Link link;
    QList<AppMessage> out;
    protocol.textReceived(kOpen, link, out);
    protocol.textReceived("40{\"sid\":\"x\"}", link, out);
    protocol.textReceived(R"(452-["file",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])", link, out);
    QVERIFY(out.isEmpty());
    protocol.binaryReceived("one", link, out);
    QVERIFY(out.isEmpty());
    protocol.binaryReceived("two", link, out);
    QCOMPARE(out.size(), 1);
    QCOMPARE(out[0].text, QString::fromUtf8(R"(["b25l","dHdv"])"));
    // A binary frame nobody announced breaks the protocol.
    protocol.binaryReceived("stray", link, out);
    QVERIFY(!link.failure.isEmpty());
    QVERIFY(link.retry);
}

void TestProtocolCodecs::otherNamespaces_areIgnored()
{
    SocketIoProtocol protocol(QStringLiteral("/mine"), {});
    Link link;
    QList<AppMessage> out;
    protocol.textReceived(kOpen, link, out);
    protocol.textReceived("40/mine,{\"sid\":\"x\"}", link, out);
    protocol.textReceived(R"(42["root","x"])", link, out);
    protocol.textReceived(R"(42/other,["other","x"])", link, out);
    protocol.textReceived(R"(42/mine,["mine","x"])", link, out);
    QCOMPARE(out.size(), 1);
    QCOMPARE(out[0].type, QStringLiteral("mine"));
}

void TestProtocolCodecs::refusals_areNotRetried()
{
    for (const QByteArray &packet : {QByteArray(R"(44{"message":"not authorized"})"), QByteArray("41")}) {
        SocketIoProtocol protocol({}, {});
        Link link;
        QList<AppMessage> out;
        protocol.textReceived(kOpen, link, out);
        protocol.textReceived(packet, link, out);
        QVERIFY(!link.failure.isEmpty());
        QVERIFY(!link.retry);
        if (packet.startsWith("44")) {
            QVERIFY2(link.failure.contains(QLatin1String("not authorized")), qPrintable(link.failure));
        }
    }
}

void TestProtocolCodecs::malformedPackets_failAndRetry_data()
{
    QTest::addColumn<QByteArray>("packet");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("engine type") << QByteArray("9hello");
    QTest::newRow("socket type") << QByteArray("47");
    QTest::newRow("bad json") << QByteArray(R"(42["chat",)");
    QTest::newRow("event without a name") << QByteArray("42[1,2]");
    QTest::newRow("event not an array") << QByteArray(R"(42{"a":1})");
    QTest::newRow("attachments without dash") << QByteArray(R"(452["f"])");
    QTest::newRow("too many attachments") << QByteArray(R"(45999999-["f"])");
    QTest::newRow("Engine.IO 3 open") << QByteArray("0");
}

void TestProtocolCodecs::malformedPackets_failAndRetry()
{
    QFETCH(QByteArray, packet);
    SocketIoProtocol protocol({}, {});
    Link link;
    QList<AppMessage> out;
    if (!packet.startsWith('0')) {
        protocol.textReceived(kOpen, link, out);
        protocol.textReceived("40{\"sid\":\"x\"}", link, out);
    }
    protocol.textReceived(packet, link, out);
    QVERIFY(!link.failure.isEmpty());
    QVERIFY(link.retry);
    QVERIFY(out.isEmpty());
}

void TestProtocolCodecs::emit_sendsJsonOrText()
{
    SocketIoProtocol protocol(QStringLiteral("/ops"), {});
    Link link;
    protocol.send(QStringLiteral("deploy \"now\""), QStringLiteral("chat"), link);
    protocol.send(QString::fromUtf8(R"({"room":"ops"})"), {}, link);
    protocol.send(QStringLiteral("[1,2]"), QStringLiteral("list"), link);
    // What a person wrote goes out as written: key order, 1.10, a number past 2^53 (Qt would write 1.1 and
    // 12345678901234567000, and sort the keys).
    protocol.send(QString::fromUtf8(R"( {"z":1.10,"a":12345678901234567890} )"), QStringLiteral("exact"), link);
    protocol.send(QStringLiteral("{not json"), QStringLiteral("text"), link); // a string, then
    QCOMPARE(link.sent, (QStringList{QStringLiteral("42/ops,[\"chat\",\"deploy \\\"now\\\"\"]"),
                                     QString::fromUtf8(R"(42/ops,["message",{"room":"ops"}])"),
                                     QString::fromUtf8(R"(42/ops,["list",[1,2]])"),
                                     QString::fromUtf8(R"(42/ops,["exact",{"z":1.10,"a":12345678901234567890}])"),
                                     QString::fromUtf8(R"(42/ops,["text","{not json"])")}));
}

void TestProtocolCodecs::reconnect_startsOver()
{
    SocketIoProtocol protocol({}, {});
    Link link;
    QList<AppMessage> out;
    protocol.textReceived(kOpen, link, out);
    protocol.textReceived("40{\"sid\":\"x\"}", link, out);
    QVERIFY(protocol.ready());
    protocol.opened(link);
    QVERIFY(!protocol.ready());
    protocol.textReceived(R"(42["early","x"])", link, out); // before the new open: wrong
    QVERIFY(!link.failure.isEmpty());
}

void TestProtocolCodecs::randomPackets_neverCrash()
{
    QRandomGenerator random(4);
    static const QByteArray pieces[] = {"0",   "2",    "4",           "40", "42", "45",   "1-", "/ns,",         "17",
                                        "[",   "]",    "{",           "}",  "\"", "chat", ",",  "_placeholder", ":true",
                                        "num", "\xff", "0{\"sid\":1}"};
    for (int round = 0; round < 20000; ++round) {
        SocketIoProtocol protocol(QStringLiteral("/ns"), {});
        Link link;
        QList<AppMessage> out;
        protocol.textReceived(kOpen, link, out);
        for (int packets = 0; packets < 6; ++packets) {
            QByteArray packet;
            for (int i = int(random.bounded(8)); i >= 0; --i) {
                packet += pieces[random.bounded(int(std::size(pieces)))];
            }
            if (random.bounded(4) == 0) {
                protocol.binaryReceived(packet, link, out);
            } else {
                protocol.textReceived(packet, link, out);
            }
        }
        QVERIFY(out.size() <= 6);
    }
}

void TestProtocolCodecs::plain_answersAndKeepalive()
{
    PlainProtocol protocol({}, QStringLiteral("t0k"), QStringLiteral("{\"op\":\"ka\",\"token\":\"${secret}\"}"), 20,
                           {{QStringLiteral("ping (\\d+)"), QStringLiteral("pong ${1} ${secret}")},
                            {QStringLiteral("hello"), QStringLiteral("hi")}});
    QCOMPARE(protocol.keepaliveIntervalMs(), 20000);
    Link link;
    QList<AppMessage> out;
    protocol.opened(link);
    protocol.textReceived("ping 42", link, out);
    protocol.textReceived("hello", link, out);
    protocol.textReceived("ping 42 and more", link, out); // the whole message must match
    protocol.textReceived("say hello", link, out);
    QCOMPARE(link.sent, (QStringList{QStringLiteral("pong 42 t0k"), QStringLiteral("hi")}));
    QCOMPARE(out.size(), 2);
    QCOMPARE(out[0].text, QStringLiteral("ping 42 and more"));
    QCOMPARE(out[1].text, QStringLiteral("say hello"));
    protocol.keepalive(link);
    QCOMPARE(link.sent.last(), QStringLiteral("{\"op\":\"ka\",\"token\":\"t0k\"}"));
    QVERIFY(!PlainProtocol::checkAnswer({QStringLiteral("(unclosed"), QStringLiteral("x")}).isEmpty());
    QVERIFY(PlainProtocol::checkAnswer({QStringLiteral("\\{\"op\":\"ping\"\\}"), QStringLiteral("x")}).isEmpty());
}

void TestProtocolCodecs::plain_onOpenMessagesCarryTheSecret()
{
    PlainProtocol protocol({QString::fromUtf8(R"({"type":"auth","token":"${secret}"})"), QStringLiteral("subscribe")},
                           QStringLiteral("t0ken"));
    Link link;
    protocol.opened(link);
    protocol.opened(link); // after every reconnect
    QCOMPARE(link.sent,
             (QStringList{QString::fromUtf8(R"({"type":"auth","token":"t0ken"})"), QStringLiteral("subscribe"),
                          QString::fromUtf8(R"({"type":"auth","token":"t0ken"})"), QStringLiteral("subscribe")}));
    QList<AppMessage> out;
    protocol.textReceived("as it is", link, out);
    QCOMPARE(out.value(0).text, QStringLiteral("as it is"));
}

void TestProtocolCodecs::plain_secretInJsonIsEscaped()
{
    QCOMPARE(PlainProtocol::expand(QStringLiteral("{\"token\":\"${secret}\"}"), QStringLiteral("a\"b")),
             QStringLiteral("{\"token\":\"a\\\"b\"}"));
    QCOMPARE(PlainProtocol::expand(QStringLiteral("AUTH ${secret}"), QStringLiteral("a\"b")),
             QStringLiteral("AUTH a\"b"));
}

void TestProtocolCodecs::graphql_initSubscribeNext()
{
    GraphqlWsProtocol protocol(QStringLiteral("subscription { greetings }"), QJsonObject{{QStringLiteral("n"), 1}},
                               QJsonObject{{QStringLiteral("token"), QStringLiteral("t")}});
    QCOMPARE(protocol.subprotocols(), QStringList{QStringLiteral("graphql-transport-ws")});
    Link link;
    QList<AppMessage> out;
    protocol.opened(link);
    QCOMPARE(link.sent, QStringList{QStringLiteral("{\"payload\":{\"token\":\"t\"},\"type\":\"connection_init\"}")});
    QVERIFY(!protocol.ready());
    protocol.textReceived("{\"type\":\"connection_ack\"}", link, out);
    QVERIFY(protocol.ready());
    QCOMPARE(link.sent.last(), QStringLiteral("{\"id\":\"1\",\"payload\":{\"query\":\"subscription { greetings }\","
                                              "\"variables\":{\"n\":1}},\"type\":\"subscribe\"}"));
    protocol.textReceived("{\"type\":\"ping\"}", link, out);
    QCOMPARE(link.sent.last(), QStringLiteral("{\"type\":\"pong\"}"));
    protocol.textReceived("{\"id\":\"1\",\"type\":\"next\",\"payload\":{\"data\":{\"greetings\":\"Hi\"}}}", link, out);
    protocol.textReceived("{\"id\":\"1\",\"type\":\"next\",\"payload\":{\"data\":{\"job\":{\"id\":3}}}}", link, out);
    protocol.textReceived(R"({"payload":{"data":{"zeta":{"z":1,"a":12345678901234567891}}},"type":"next","id":"1"})",
                          link, out);
    QCOMPARE(out.size(), 3);
    QCOMPARE(out[2].type, QStringLiteral("zeta"));
    QCOMPARE(out[2].text, QString::fromUtf8(R"({"z":1,"a":12345678901234567891})"));
    QCOMPARE(out[0].type, QStringLiteral("greetings"));
    QCOMPARE(out[0].text, QStringLiteral("Hi"));
    QCOMPARE(out[1].text, QStringLiteral("{\"id\":3}"));
    QVERIFY(link.failure.isEmpty());
}

void TestProtocolCodecs::graphql_errorsAndCompletion()
{
    GraphqlWsProtocol protocol(QStringLiteral("subscription { nope }"), {}, {});
    Link link;
    QList<AppMessage> out;
    protocol.opened(link);
    protocol.textReceived("{\"type\":\"connection_ack\"}", link, out);
    protocol.textReceived("{\"id\":\"1\",\"type\":\"error\",\"payload\":[{\"message\":\"Cannot query field\"}]}", link,
                          out);
    QCOMPARE(link.failure, QStringLiteral("the GraphQL server refused the subscription: Cannot query field"));
    QVERIFY(!link.retry);
    protocol.textReceived("{\"id\":\"1\",\"type\":\"complete\"}", link, out);
    QCOMPARE(link.completed, QStringLiteral("the GraphQL server completed the subscription"));
    QVERIFY(out.isEmpty());
}

void TestProtocolCodecs::graphql_malformedMessagesFailAndRetry_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("not JSON") << QByteArray("{\"type\":");
    QTest::newRow("no type") << QByteArray("{\"id\":\"1\"}");
    QTest::newRow("next without an id") << QByteArray("{\"type\":\"next\",\"payload\":{\"data\":{}}}");
    QTest::newRow("unknown type") << QByteArray("{\"type\":\"data\",\"id\":\"1\"}");
    QTest::newRow("an array") << QByteArray("[1]");
}

void TestProtocolCodecs::graphql_malformedMessagesFailAndRetry()
{
    QFETCH(QByteArray, message);
    GraphqlWsProtocol protocol(QStringLiteral("subscription { x }"), {}, {});
    Link link;
    QList<AppMessage> out;
    protocol.opened(link);
    protocol.textReceived("{\"type\":\"connection_ack\"}", link, out);
    protocol.textReceived(message, link, out);
    QVERIFY(!link.failure.isEmpty());
    QVERIFY(link.retry);
    QVERIFY(out.isEmpty());
}

void TestProtocolCodecs::sockjs_framesAreUnwrapped()
{
    SockJsProtocol protocol;
    const QString path = protocol.connectionUrl(QUrl(QStringLiteral("http://h:1/echo"))).path();
    QVERIFY2(QRegularExpression(QStringLiteral("^/echo/\\d{3}/[0-9a-z]+/websocket$")).match(path).hasMatch(),
             qPrintable(path));
    Link link;
    QList<AppMessage> out;
    protocol.opened(link);
    QVERIFY(!protocol.ready());
    protocol.textReceived("o", link, out);
    QVERIFY(protocol.ready());
    protocol.textReceived("h", link, out);
    protocol.textReceived("a[\"one\",\"{\\\"n\\\":1}\",2]", link, out);
    QCOMPARE(out.size(), 3);
    QCOMPARE(out[0].text, QStringLiteral("one"));
    QCOMPARE(out[1].text, QStringLiteral("{\"n\":1}"));
    QCOMPARE(out[2].text, QStringLiteral("2"));
    protocol.textReceived(R"(a[{"b":1,"a":9007199254740993}])", link, out);
    QCOMPARE(out.size(), 4);
    QCOMPARE(out[3].text, QString::fromUtf8(R"({"b":1,"a":9007199254740993})"));
    protocol.send(QStringLiteral("hi \"x\""), {}, link);
    QCOMPARE(link.sent.last(), QStringLiteral("[\"hi \\\"x\\\"\"]"));
    protocol.textReceived("a[broken", link, out);
    QVERIFY(link.retry && !link.failure.isEmpty());
    protocol.textReceived("c[3000,\"Go away!\"]", link, out);
    QCOMPARE(link.failure, QStringLiteral("the SockJS server closed the session: 3000 Go away!"));
    QVERIFY(!link.retry);
}

QTEST_GUILESS_MAIN(TestProtocolCodecs)
#include "tst_protocolcodecs.moc"
