#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

// MQTT 3.1.1 and 5 control packets: what a client sends, built; what a broker sends, parsed. No I/O and no state
// beyond the stream buffer, so every rule is tested by feeding bytes.
namespace herald::protocol::mqtt {

enum class Version : quint8 { V311 = 4, V5 = 5 };

enum PacketType : quint8 {
    Connect = 1,
    Connack = 2,
    Publish = 3,
    Puback = 4,
    Pubrec = 5,
    Pubrel = 6,
    Pubcomp = 7,
    Subscribe = 8,
    Suback = 9,
    Unsubscribe = 10,
    Unsuback = 11,
    Pingreq = 12,
    Pingresp = 13,
    Disconnect = 14,
    Auth = 15,
};

struct Packet
{
    quint8 type = 0;
    quint8 flags = 0; // the low nibble of the first byte
    QByteArray body;  // what follows the remaining length
};

// Splits the byte stream (which WebSocket frames cut anywhere: a frame may hold several packets or part of one)
// into packets. A remaining length that is malformed or over the limit is an error, found from the header alone,
// so a lying length never makes it buffer.
class StreamDecoder
{
public:
    explicit StreamDecoder(qsizetype maxPacketSize)
        : m_maxPacketSize(maxPacketSize)
    {}
    // Appends bytes and takes out the whole packets; false with error (for a person) when the stream is broken.
    bool feed(QByteArrayView bytes, QList<Packet> &out, QString *error);
    void reset() { m_buffer.clear(); }
    qsizetype buffered() const { return m_buffer.size(); }

private:
    qsizetype m_maxPacketSize;
    QByteArray m_buffer;
};

struct ConnectOptions
{
    Version version = Version::V311;
    QString clientId;
    bool cleanStart = true;
    quint16 keepAliveSeconds = 30;
    quint32 sessionExpirySeconds = 0; // MQTT 5: how long the broker keeps the session after we leave
    quint32 maximumPacketSize = 0;    // MQTT 5: the largest packet we take (0: not said)
    QString username;                 // empty: none
    QByteArray password;              // empty: none
};

QByteArray connect(const ConnectOptions &options);
// Topic filters, each at qos (0 or 1). noLocal (MQTT 5): the broker does not send back what this client publishes.
QByteArray subscribe(Version version, quint16 packetId, const QStringList &filters, int qos, bool noLocal = false);
QByteArray publish(Version version, const QString &topic, const QByteArray &payload, int qos, quint16 packetId,
                   bool retain);
QByteArray puback(Version version, quint16 packetId);
QByteArray pingreq();
QByteArray disconnect(Version version);

struct ConnackInfo
{
    bool sessionPresent = false;
    quint8 code = 0;                  // 3.1.1 return code or 5 reason code; 0 is accepted
    QString reason;                   // MQTT 5 reason string, when the broker gave one
    std::optional<quint16> keepAlive; // MQTT 5: the broker's keepalive, which replaces ours
    QString assignedClientId;         // MQTT 5
};
struct PublishInfo
{
    QString topic;
    QByteArray payload;
    int qos = 0;
    bool retain = false;
    bool duplicate = false;
    quint16 packetId = 0; // when qos > 0
};
struct SubackInfo
{
    quint16 packetId = 0;
    QList<quint8> codes; // per filter: the granted QoS, or 0x80 and up when refused
};

// Each parses a packet's body, or says in error what is wrong with it.
std::optional<ConnackInfo> parseConnack(const Packet &packet, Version version, QString *error);
std::optional<PublishInfo> parsePublish(const Packet &packet, Version version, QString *error);
std::optional<SubackInfo> parseSuback(const Packet &packet, Version version, QString *error);
// PUBACK: its packet id.
std::optional<quint16> parsePuback(const Packet &packet, QString *error);
// An MQTT 5 DISCONNECT from the broker: its reason in words (empty for a normal one).
QString disconnectReason(const Packet &packet, Version version);

// What a CONNACK refusal means, for a person, and whether trying again later can help.
QString connackRefusal(quint8 code, Version version);
bool connackRetryable(quint8 code, Version version);
// An MQTT 5 reason code's name (0x87 "not authorized").
QString reasonName(quint8 code);

// Whether a topic filter is well formed: not empty, '#' only last and alone in its level, '+' alone in its level.
bool validTopicFilter(const QString &filter);
// Whether a topic can be published to: not empty, no wildcards.
bool validTopicName(const QString &topic);
// Whether a subscription to filter receives what is published to topic (+ one level, # the rest; a topic that
// starts with $ is not matched by a wildcard in the first level).
bool topicMatches(const QString &filter, const QString &topic);

} // namespace herald::protocol::mqtt
