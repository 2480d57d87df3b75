#include "MqttProtocol.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSysInfo>

#include <algorithm>

namespace herald::protocol {

namespace {

QString randomClientId()
{
    return QStringLiteral("herald-%1").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
}

constexpr quint32 kSessionExpirySeconds = 7 * 24 * 3600; // MQTT 5: a persistent session outlives a week away

} // namespace

MqttProtocol::MqttProtocol(Settings settings)
    : m_settings(std::move(settings))
    , m_decoder(m_settings.maxPacketSize)
    , m_keepAliveSeconds(m_settings.keepAliveSeconds)
{}

QString MqttProtocol::defaultPublishTopic(const QString &publishTopic, const QStringList &topics)
{
    if (!publishTopic.isEmpty()) {
        return publishTopic;
    }
    return topics.size() == 1 && mqtt::validTopicName(topics.first()) ? topics.first() : QString();
}

ProtocolOptions MqttProtocol::forFeed(ProtocolOptions options, const QString &feedName, const QString &username)
{
    if (options.qos < 0) {
        options.qos = 1;
    }
    if (options.clientId.isEmpty()) {
        const QByteArray seed = QSysInfo::machineUniqueId() + '/' + feedName.toUtf8();
        options.clientId =
            QStringLiteral("herald-") +
            QString::fromLatin1(QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toHex().left(16));
    }
    options.username = username;
    return options;
}

void MqttProtocol::opened(ProtocolLink &link)
{
    m_decoder.reset();
    m_connected = false;
    m_ready = false;
    m_pingOutstanding = false;
    m_keepAliveSeconds = m_settings.keepAliveSeconds;
    m_clientId = m_settings.clientId.isEmpty() ? randomClientId() : m_settings.clientId;
    mqtt::ConnectOptions connect;
    connect.version = m_settings.version;
    connect.clientId = m_clientId;
    connect.cleanStart = m_settings.clientId.isEmpty();
    connect.keepAliveSeconds = m_settings.keepAliveSeconds;
    connect.sessionExpirySeconds = connect.cleanStart ? 0 : kSessionExpirySeconds;
    connect.maximumPacketSize = quint32(m_settings.maxPacketSize);
    connect.username = m_settings.username;
    connect.password = m_settings.password;
    link.sendBinary(mqtt::connect(connect));
}

void MqttProtocol::textReceived(QByteArrayView utf8, ProtocolLink &link, QList<AppMessage> &)
{
    fail(link,
         QStringLiteral("the broker sent a text message (%1 bytes); MQTT over WebSocket is binary: "
                        "is this an MQTT endpoint?")
             .arg(utf8.size()),
         true);
}

void MqttProtocol::binaryReceived(const QByteArray &bytes, ProtocolLink &link, QList<AppMessage> &out)
{
    QList<mqtt::Packet> packets;
    QString error;
    const bool ok = m_decoder.feed(bytes, packets, &error);
    m_failed = false;
    for (const mqtt::Packet &packet : std::as_const(packets)) {
        packetReceived(packet, link, out);
        if (m_failed) {
            return; // the connection is being dropped: what followed in the frame is not acted on
        }
    }
    if (!ok) {
        m_decoder.reset();
        fail(link, error, true);
    }
}

void MqttProtocol::packetReceived(const mqtt::Packet &packet, ProtocolLink &link, QList<AppMessage> &out)
{
    if (packet.type != mqtt::Connack && !m_connected) {
        fail(link, QStringLiteral("the broker sent packet type %1 before its CONNACK").arg(packet.type), true);
        return;
    }
    QString error;
    switch (packet.type) {
    case mqtt::Connack:
        connackReceived(packet, link);
        return;
    case mqtt::Suback:
        subackReceived(packet, link);
        return;
    case mqtt::Publish:
        publishReceived(packet, link, out);
        return;
    case mqtt::Puback:
        if (const auto id = mqtt::parsePuback(packet, &error)) {
            m_unacknowledged.remove(*id);
        } else {
            fail(link, error, true);
        }
        return;
    case mqtt::Pingresp:
        m_pingOutstanding = false;
        return;
    case mqtt::Disconnect: {
        const QString reason = mqtt::disconnectReason(packet, m_settings.version);
        // Another client with our id took the session: coming back would only take it back and forth.
        const bool takenOver = !packet.body.isEmpty() && quint8(packet.body[0]) == 0x8e;
        fail(link,
             QStringLiteral("the broker disconnected%1")
                 .arg(reason.isEmpty() ? QString() : QStringLiteral(": ") + reason),
             !takenOver);
        return;
    }
    default:
        fail(link,
             QStringLiteral("the broker sent packet type %1, which a client does not expect here").arg(packet.type),
             true);
    }
}

void MqttProtocol::connackReceived(const mqtt::Packet &packet, ProtocolLink &link)
{
    QString error;
    const auto connack = mqtt::parseConnack(packet, m_settings.version, &error);
    if (!connack || m_connected) {
        fail(link, connack ? QStringLiteral("the broker sent a second CONNACK") : error, true);
        return;
    }
    if (connack->code != 0) {
        QString message = QStringLiteral("the broker refused the connection: %1")
                              .arg(mqtt::connackRefusal(connack->code, m_settings.version));
        if (!connack->reason.isEmpty()) {
            message += QStringLiteral(" (%1)").arg(connack->reason);
        }
        fail(link, message, mqtt::connackRetryable(connack->code, m_settings.version));
        return;
    }
    m_connected = true;
    m_sessionPresent = connack->sessionPresent;
    if (connack->keepAlive) {
        m_keepAliveSeconds = *connack->keepAlive;
    }
    // QoS 1 publishes the last connection did not see acknowledged go again, marked as duplicates: at least once.
    for (QByteArray again : std::as_const(m_unacknowledged)) {
        again[0] = char(again[0] | 0x08);
        link.sendBinary(again);
    }
    if (m_settings.topics.isEmpty()) {
        m_ready = true;
        return;
    }
    m_subscribeId = nextPacketId();
    link.sendBinary(mqtt::subscribe(m_settings.version, m_subscribeId, m_settings.topics, m_settings.qos, true));
}

void MqttProtocol::subackReceived(const mqtt::Packet &packet, ProtocolLink &link)
{
    QString error;
    const auto suback = mqtt::parseSuback(packet, m_settings.version, &error);
    if (!suback) {
        fail(link, error, true);
        return;
    }
    if (suback->packetId != m_subscribeId || suback->codes.size() != m_settings.topics.size()) {
        fail(link,
             QStringLiteral("the broker answered a subscription Herald did not make (packet %1, %2 "
                            "filters)")
                 .arg(suback->packetId)
                 .arg(suback->codes.size()),
             true);
        return;
    }
    QStringList refused;
    for (qsizetype i = 0; i < suback->codes.size(); ++i) {
        if (suback->codes[i] >= 0x80) {
            refused << (m_settings.version == mqtt::Version::V5
                            ? QStringLiteral("%1 (%2)").arg(m_settings.topics[i], mqtt::reasonName(suback->codes[i]))
                            : m_settings.topics[i]);
        }
    }
    if (!refused.isEmpty()) {
        fail(link,
             QStringLiteral("the broker refused the subscription to %1; check the topic and what "
                            "this user may read")
                 .arg(refused.join(QStringLiteral(", "))),
             false);
        return;
    }
    m_ready = true;
}

void MqttProtocol::publishReceived(const mqtt::Packet &packet, ProtocolLink &link, QList<AppMessage> &out)
{
    QString error;
    const auto publish = mqtt::parsePublish(packet, m_settings.version, &error);
    if (!publish) {
        fail(link, error, true);
        return;
    }
    if (publish->qos == 2) {
        fail(link,
             QStringLiteral("the broker sent a QoS 2 message on %1 though Herald subscribed at QoS %2")
                 .arg(publish->topic)
                 .arg(m_settings.qos),
             true);
        return;
    }
    const qsizetype echo = m_echoes.indexOf(qMakePair(publish->topic, publish->payload));
    if (echo >= 0) {
        m_echoes.removeAt(echo);
        if (publish->qos == 1) {
            link.sendBinary(mqtt::puback(m_settings.version, publish->packetId));
        }
        return;
    }
    AppMessage message;
    message.type = publish->topic;
    message.retained = publish->retain;
    QString text = QString::fromUtf8(publish->payload);
    if (text.toUtf8() == publish->payload) {
        message.text = std::move(text);
    } else {
        message.binary = true;
        message.bytes = publish->payload;
    }
    out.append(std::move(message));
    if (publish->qos == 1) {
        // Acknowledged once handed on: a message lost before that is sent again by the broker.
        link.sendBinary(mqtt::puback(m_settings.version, publish->packetId));
    }
}

void MqttProtocol::fail(ProtocolLink &link, const QString &message, bool retry)
{
    m_failed = true;
    m_decoder.reset();
    link.protocolFailed(message, retry);
}

quint16 MqttProtocol::nextPacketId()
{
    do {
        ++m_lastPacketId;
    } while (m_lastPacketId == 0 || m_unacknowledged.contains(m_lastPacketId));
    return m_lastPacketId;
}

void MqttProtocol::send(const QString &text, const QString &type, ProtocolLink &link)
{
    const QString topic = type.isEmpty() ? defaultPublishTopic(m_settings.publishTopic, m_settings.topics) : type;
    if (!mqtt::validTopicName(topic)) {
        fail(link,
             topic.isEmpty() ? QStringLiteral("nothing says which topic to publish to: give one")
                             : QStringLiteral("\"%1\" is not a topic to publish to (no + or #)").arg(topic),
             false);
        return;
    }
    const int qos = std::min(m_settings.qos, 1);
    // Packet ids are 16 bits: a broker that acknowledges nothing must not make the next id impossible to find.
    constexpr qsizetype kMaxInFlight = 1024;
    if (qos == 1 && m_unacknowledged.size() >= kMaxInFlight) {
        fail(link,
             QStringLiteral("the broker acknowledged none of the last %1 QoS 1 messages; connecting again to resend "
                            "them")
                 .arg(kMaxInFlight),
             true);
        return;
    }
    const quint16 id = qos == 1 ? nextPacketId() : 0;
    const QByteArray packet = mqtt::publish(m_settings.version, topic, text.toUtf8(), qos, id, m_settings.retain);
    if (qos == 1) {
        m_unacknowledged.insert(id, packet);
    }
    const bool comesBack = std::any_of(m_settings.topics.cbegin(), m_settings.topics.cend(),
                                       [&topic](const QString &filter) { return mqtt::topicMatches(filter, topic); });
    if (m_settings.version == mqtt::Version::V311 && comesBack) {
        constexpr qsizetype kMaxEchoes = 64;
        m_echoes.append({topic, text.toUtf8()});
        if (m_echoes.size() > kMaxEchoes) {
            m_echoes.removeFirst();
        }
    }
    link.sendBinary(packet);
}

void MqttProtocol::leaving(ProtocolLink &link)
{
    link.sendBinary(mqtt::disconnect(m_settings.version));
}

void MqttProtocol::keepalive(ProtocolLink &link)
{
    if (m_pingOutstanding) {
        fail(link, QStringLiteral("the broker did not answer a ping within %1 s").arg(m_keepAliveSeconds), true);
        return;
    }
    m_pingOutstanding = true;
    link.sendBinary(mqtt::pingreq());
}

QString MqttProtocol::readyDescription() const
{
    QString text =
        QStringLiteral("MQTT %1, client %2")
            .arg(m_settings.version == mqtt::Version::V5 ? QStringLiteral("5") : QStringLiteral("3.1.1"), m_clientId);
    if (!m_settings.clientId.isEmpty()) {
        text += m_sessionPresent ? QStringLiteral(", session resumed") : QStringLiteral(", new session");
    }
    if (!m_settings.topics.isEmpty()) {
        text += QStringLiteral(", subscribed to %1 at QoS %2")
                    .arg(m_settings.topics.join(QStringLiteral(", ")))
                    .arg(m_settings.qos);
    }
    return text;
}

} // namespace herald::protocol
