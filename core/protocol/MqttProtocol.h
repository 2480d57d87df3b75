#pragma once

#include "protocol/MessageProtocol.h"
#include "protocol/MqttPackets.h"

#include <QMap>

namespace herald::protocol {

// MQTT 3.1.1 or 5 over WebSocket (subprotocol "mqtt"): CONNECT with user and password, SUBSCRIBE to topic
// filters, QoS 0 and 1 both ways (PUBACK), PINGREQ keepalive, retained messages, and a persistent session when the
// client id is fixed, so that QoS 1 messages published while away arrive on return. The topic is each message's
// type. A refusal that retrying cannot mend (bad credentials, a refused subscription) is not retried. What this
// client publishes is not delivered back to it (MQTT 5's No Local; with 3.1.1 its echo is dropped).
class MqttProtocol final : public MessageProtocol
{
public:
    struct Settings
    {
        mqtt::Version version = mqtt::Version::V311;
        QStringList topics;
        int qos = 0;
        QString publishTopic;
        QString clientId; // empty: a new one each connection, with a clean session
        QString username;
        QByteArray password;
        bool retain = false;
        quint16 keepAliveSeconds = 30;
        qsizetype maxPacketSize = 16 * 1024 * 1024;
    };
    explicit MqttProtocol(Settings settings);

    QString name() const override
    {
        return m_settings.version == mqtt::Version::V5 ? QStringLiteral("mqtt5") : QStringLiteral("mqtt");
    }
    QStringList subprotocols() const override { return {QStringLiteral("mqtt")}; }
    void opened(ProtocolLink &link) override;
    void textReceived(QByteArrayView utf8, ProtocolLink &link, QList<AppMessage> &out) override;
    void binaryReceived(const QByteArray &bytes, ProtocolLink &link, QList<AppMessage> &out) override;
    bool ready() const override { return m_ready; }
    // Publishes text to type, or to the publish topic when type is empty.
    void send(const QString &text, const QString &type, ProtocolLink &link) override;
    void leaving(ProtocolLink &link) override;
    QString readyDescription() const override;
    int keepaliveIntervalMs() const override { return m_keepAliveSeconds * 1000; }
    void keepalive(ProtocolLink &link) override;
    bool settled() const override { return m_unacknowledged.isEmpty(); }

    // Where send() publishes when it is given no topic: the publish topic, else the only filter when it names one
    // topic; empty when there is none.
    static QString defaultPublishTopic(const QString &publishTopic, const QStringList &topics);
    // A feed's options: QoS 1 unless set, and a client id that is the same on each run of this machine's Herald
    // for this feed and differs on another machine (two that shared one would take the session from each other).
    static ProtocolOptions forFeed(ProtocolOptions options, const QString &feedName, const QString &username);

private:
    void packetReceived(const mqtt::Packet &packet, ProtocolLink &link, QList<AppMessage> &out);
    void connackReceived(const mqtt::Packet &packet, ProtocolLink &link);
    void subackReceived(const mqtt::Packet &packet, ProtocolLink &link);
    void publishReceived(const mqtt::Packet &packet, ProtocolLink &link, QList<AppMessage> &out);
    quint16 nextPacketId();
    void fail(ProtocolLink &link, const QString &message, bool retry);

    Settings m_settings;
    QString m_clientId;
    mqtt::StreamDecoder m_decoder;
    bool m_connected = false;
    bool m_failed = false;
    bool m_ready = false;
    bool m_pingOutstanding = false;
    bool m_sessionPresent = false;
    quint16 m_keepAliveSeconds;
    quint16 m_subscribeId = 0;
    quint16 m_lastPacketId = 0;
    QMap<quint16, QByteArray> m_unacknowledged; // QoS 1 publishes waiting for their PUBACK, by packet id
    // MQTT 3.1.1 has no "no local" subscription: what we published to a topic we follow comes back, and is
    // dropped once here so that a chat shows it once (the last few, bounded).
    QList<QPair<QString, QByteArray>> m_echoes;
};

} // namespace herald::protocol
