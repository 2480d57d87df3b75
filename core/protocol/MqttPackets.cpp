#include "MqttPackets.h"

namespace herald::protocol::mqtt {

namespace {

constexpr qsizetype kMaxRemainingLength = 268435455; // four length bytes

void appendUint16(QByteArray &out, quint16 value)
{
    out.append(char(value >> 8));
    out.append(char(value & 0xff));
}

void appendUint32(QByteArray &out, quint32 value)
{
    for (int shift = 24; shift >= 0; shift -= 8) {
        out.append(char((value >> shift) & 0xff));
    }
}

void appendVarint(QByteArray &out, quint32 value)
{
    do {
        quint8 byte = value % 128;
        value /= 128;
        if (value > 0) {
            byte |= 0x80;
        }
        out.append(char(byte));
    } while (value > 0);
}

void appendBinary(QByteArray &out, const QByteArray &bytes)
{
    appendUint16(out, quint16(std::min<qsizetype>(bytes.size(), 0xffff)));
    out.append(bytes.first(std::min<qsizetype>(bytes.size(), 0xffff)));
}

void appendString(QByteArray &out, const QString &text)
{
    appendBinary(out, text.toUtf8());
}

QByteArray withFixedHeader(quint8 type, quint8 flags, const QByteArray &body)
{
    QByteArray packet;
    packet.reserve(body.size() + 5);
    packet.append(char((type << 4) | (flags & 0x0f)));
    appendVarint(packet, quint32(body.size()));
    packet.append(body);
    return packet;
}

// Reads a packet body front to back; any read past the end marks it failed and yields zeros.
class Reader
{
public:
    explicit Reader(QByteArrayView bytes)
        : m_bytes(bytes)
    {}
    bool failed() const { return m_failed; }
    qsizetype left() const { return m_bytes.size() - m_at; }
    bool atEnd() const { return m_at >= m_bytes.size(); }

    quint8 byte()
    {
        if (!need(1)) {
            return 0;
        }
        return quint8(m_bytes[m_at++]);
    }
    quint16 uint16()
    {
        if (!need(2)) {
            return 0;
        }
        const quint16 value = quint16((quint8(m_bytes[m_at]) << 8) | quint8(m_bytes[m_at + 1]));
        m_at += 2;
        return value;
    }
    quint32 uint32()
    {
        const quint32 high = uint16();
        return (high << 16) | uint16();
    }
    quint32 varint()
    {
        quint32 value = 0;
        for (int i = 0, shift = 0; i < 4; ++i, shift += 7) {
            const quint8 b = byte();
            value |= quint32(b & 0x7f) << shift;
            if (!(b & 0x80)) {
                return value;
            }
        }
        m_failed = true;
        return 0;
    }
    QByteArrayView bytes(qsizetype count)
    {
        if (!need(count)) {
            return {};
        }
        const QByteArrayView view = m_bytes.sliced(m_at, count);
        m_at += count;
        return view;
    }
    QByteArrayView binary() { return bytes(uint16()); }
    std::optional<QString> string()
    {
        const QByteArrayView utf8 = binary();
        QString text = QString::fromUtf8(utf8);
        // MQTT strings are well-formed UTF-8 without U+0000.
        if (m_failed || text.contains(QChar(0)) || text.toUtf8() != utf8) {
            m_failed = true;
            return std::nullopt;
        }
        return text;
    }
    QByteArrayView rest() { return bytes(left()); }

private:
    bool need(qsizetype count)
    {
        if (m_failed || count < 0 || left() < count) {
            m_failed = true;
            return false;
        }
        return true;
    }

    QByteArrayView m_bytes;
    qsizetype m_at = 0;
    bool m_failed = false;
};

// The MQTT 5 properties this client acts on; the others are read past by their type.
struct Properties
{
    QString reasonString;
    std::optional<quint16> serverKeepAlive;
    std::optional<quint16> topicAlias;
    QString assignedClientId;
};

bool readProperties(Reader &reader, Properties &properties, QString *error)
{
    const quint32 length = reader.varint();
    if (reader.failed() || length > quint32(reader.left())) {
        *error = QStringLiteral("its properties are longer than the packet");
        return false;
    }
    Reader props(reader.bytes(qsizetype(length)));
    while (!props.atEnd()) {
        const quint32 id = props.varint();
        switch (id) {
        case 0x01:
        case 0x17:
        case 0x19:
        case 0x24:
        case 0x25:
        case 0x28:
        case 0x29:
        case 0x2a:
            props.byte();
            break;
        case 0x13:
            properties.serverKeepAlive = props.uint16();
            break;
        case 0x23:
            properties.topicAlias = props.uint16();
            break;
        case 0x21:
        case 0x22:
            props.uint16();
            break;
        case 0x02:
        case 0x11:
        case 0x18:
        case 0x27:
            props.uint32();
            break;
        case 0x0b:
            props.varint();
            break;
        case 0x12:
            properties.assignedClientId = props.string().value_or(QString());
            break;
        case 0x1f:
            properties.reasonString = props.string().value_or(QString());
            break;
        case 0x03:
        case 0x08:
        case 0x15:
        case 0x1a:
        case 0x1c:
            props.string();
            break;
        case 0x09:
        case 0x16:
            props.binary();
            break;
        case 0x26:
            props.string();
            props.string();
            break;
        default:
            *error = QStringLiteral("it has a property MQTT 5 does not define (0x%1)").arg(id, 2, 16, QLatin1Char('0'));
            return false;
        }
        if (props.failed()) {
            *error = QStringLiteral("property 0x%1 is cut short or not UTF-8").arg(id, 2, 16, QLatin1Char('0'));
            return false;
        }
    }
    return true;
}

QString packetProblem(const char *packet, const QString &what)
{
    return QStringLiteral("the broker sent a malformed %1 packet: %2").arg(QLatin1String(packet), what);
}

} // namespace

bool StreamDecoder::feed(QByteArrayView bytes, QList<Packet> &out, QString *error)
{
    m_buffer.append(bytes);
    qsizetype at = 0;
    while (m_buffer.size() - at >= 2) {
        quint32 length = 0;
        qsizetype headerSize = 1;
        bool complete = false;
        for (int i = 0; i < 4 && at + headerSize < m_buffer.size(); ++i) {
            const quint8 b = quint8(m_buffer[at + headerSize]);
            ++headerSize;
            length |= quint32(b & 0x7f) << (7 * i);
            if (!(b & 0x80)) {
                complete = true;
                break;
            }
            if (i == 3) {
                *error = QStringLiteral("the broker sent a packet length of more than four bytes (not MQTT)");
                return false;
            }
        }
        if (!complete) {
            break;
        }
        if (qsizetype(length) > m_maxPacketSize || qsizetype(length) > kMaxRemainingLength) {
            *error = QStringLiteral("the broker announced a %1-byte packet, over the %2-byte limit")
                         .arg(length)
                         .arg(m_maxPacketSize);
            return false;
        }
        if (m_buffer.size() - at < headerSize + qsizetype(length)) {
            break;
        }
        const quint8 first = quint8(m_buffer[at]);
        Packet packet;
        packet.type = first >> 4;
        packet.flags = first & 0x0f;
        packet.body = m_buffer.sliced(at + headerSize, qsizetype(length));
        out.append(std::move(packet));
        at += headerSize + qsizetype(length);
    }
    m_buffer.remove(0, at);
    return true;
}

QByteArray connect(const ConnectOptions &options)
{
    const bool v5 = options.version == Version::V5;
    // MQTT 3.1.1 allows a password only with a user name.
    const bool hasUser = !options.username.isEmpty() || (!v5 && !options.password.isEmpty());
    const bool hasPassword = !options.password.isEmpty();
    QByteArray body;
    appendString(body, QStringLiteral("MQTT"));
    body.append(char(options.version));
    quint8 flags = 0;
    if (hasUser) {
        flags |= 0x80;
    }
    if (hasPassword) {
        flags |= 0x40;
    }
    if (options.cleanStart) {
        flags |= 0x02;
    }
    body.append(char(flags));
    appendUint16(body, options.keepAliveSeconds);
    if (v5) {
        QByteArray properties;
        if (options.sessionExpirySeconds > 0) {
            properties.append(char(0x11));
            appendUint32(properties, options.sessionExpirySeconds);
        }
        if (options.maximumPacketSize > 0) {
            properties.append(char(0x27));
            appendUint32(properties, options.maximumPacketSize);
        }
        appendVarint(body, quint32(properties.size()));
        body.append(properties);
    }
    appendString(body, options.clientId);
    if (hasUser) {
        appendString(body, options.username);
    }
    if (hasPassword) {
        appendBinary(body, options.password);
    }
    return withFixedHeader(Connect, 0, body);
}

QByteArray subscribe(Version version, quint16 packetId, const QStringList &filters, int qos, bool noLocal)
{
    QByteArray body;
    appendUint16(body, packetId);
    if (version == Version::V5) {
        body.append(char(0)); // no properties
    }
    for (const QString &filter : filters) {
        appendString(body, filter);
        body.append(char((qos & 0x03) | (noLocal && version == Version::V5 ? 0x04 : 0)));
    }
    return withFixedHeader(Subscribe, 0x02, body);
}

QByteArray publish(Version version, const QString &topic, const QByteArray &payload, int qos, quint16 packetId,
                   bool retain)
{
    QByteArray body;
    body.reserve(payload.size() + topic.size() + 8);
    appendString(body, topic);
    if (qos > 0) {
        appendUint16(body, packetId);
    }
    if (version == Version::V5) {
        body.append(char(0));
    }
    body.append(payload);
    return withFixedHeader(Publish, quint8(((qos & 0x03) << 1) | (retain ? 1 : 0)), body);
}

QByteArray puback(Version, quint16 packetId)
{
    // MQTT 5 lets a success PUBACK end after the packet id, as 3.1.1's does.
    QByteArray body;
    appendUint16(body, packetId);
    return withFixedHeader(Puback, 0, body);
}

QByteArray pingreq()
{
    return withFixedHeader(Pingreq, 0, {});
}

QByteArray disconnect(Version)
{
    return withFixedHeader(Disconnect, 0, {}); // MQTT 5: no reason code means a normal disconnection
}

std::optional<ConnackInfo> parseConnack(const Packet &packet, Version version, QString *error)
{
    Reader reader(packet.body);
    ConnackInfo connack;
    const quint8 flags = reader.byte();
    connack.sessionPresent = flags & 0x01;
    connack.code = reader.byte();
    if (reader.failed() || (flags & 0xfe)) {
        *error = packetProblem("CONNACK", QStringLiteral("its flags or code are missing or wrong"));
        return std::nullopt;
    }
    if (version == Version::V5 && !reader.atEnd()) {
        Properties properties;
        QString problem;
        if (!readProperties(reader, properties, &problem)) {
            *error = packetProblem("CONNACK", problem);
            return std::nullopt;
        }
        connack.reason = properties.reasonString;
        connack.keepAlive = properties.serverKeepAlive;
        connack.assignedClientId = properties.assignedClientId;
    }
    return connack;
}

std::optional<PublishInfo> parsePublish(const Packet &packet, Version version, QString *error)
{
    PublishInfo publish;
    publish.qos = (packet.flags >> 1) & 0x03;
    publish.retain = packet.flags & 0x01;
    publish.duplicate = packet.flags & 0x08;
    if (publish.qos == 3) {
        *error = packetProblem("PUBLISH", QStringLiteral("QoS 3 does not exist"));
        return std::nullopt;
    }
    Reader reader(packet.body);
    const std::optional<QString> topic = reader.string();
    if (!topic) {
        *error = packetProblem("PUBLISH", QStringLiteral("its topic is cut short or not UTF-8"));
        return std::nullopt;
    }
    publish.topic = *topic;
    if (publish.qos > 0) {
        publish.packetId = reader.uint16();
        if (reader.failed() || publish.packetId == 0) {
            *error = packetProblem("PUBLISH", QStringLiteral("a QoS %1 message without a packet id").arg(publish.qos));
            return std::nullopt;
        }
    }
    if (version == Version::V5) {
        Properties properties;
        QString problem;
        if (!readProperties(reader, properties, &problem)) {
            *error = packetProblem("PUBLISH", problem);
            return std::nullopt;
        }
        if (properties.topicAlias) {
            // We announce no Topic Alias Maximum, so a broker must not use aliases with us.
            *error = packetProblem("PUBLISH", QStringLiteral("it uses a topic alias, which this client did not allow"));
            return std::nullopt;
        }
    }
    if (publish.topic.isEmpty() || !validTopicName(publish.topic)) {
        *error =
            packetProblem("PUBLISH", QStringLiteral("its topic \"%1\" is empty or has wildcards").arg(publish.topic));
        return std::nullopt;
    }
    publish.payload = reader.rest().toByteArray();
    return publish;
}

std::optional<SubackInfo> parseSuback(const Packet &packet, Version version, QString *error)
{
    Reader reader(packet.body);
    SubackInfo suback;
    suback.packetId = reader.uint16();
    if (version == Version::V5) {
        Properties properties;
        QString problem;
        if (!reader.failed() && !readProperties(reader, properties, &problem)) {
            *error = packetProblem("SUBACK", problem);
            return std::nullopt;
        }
    }
    for (const char code : reader.rest()) {
        suback.codes << quint8(code);
    }
    if (reader.failed() || suback.codes.isEmpty()) {
        *error = packetProblem("SUBACK", QStringLiteral("it has no packet id or no return codes"));
        return std::nullopt;
    }
    return suback;
}

std::optional<quint16> parsePuback(const Packet &packet, QString *error)
{
    Reader reader(packet.body);
    const quint16 id = reader.uint16();
    if (reader.failed() || id == 0) {
        *error = packetProblem("PUBACK", QStringLiteral("it has no packet id"));
        return std::nullopt;
    }
    return id;
}

QString disconnectReason(const Packet &packet, Version version)
{
    if (version != Version::V5 || packet.body.isEmpty()) {
        return {};
    }
    Reader reader(packet.body);
    const quint8 code = reader.byte();
    QString text = code == 0 ? QString() : reasonName(code);
    if (!reader.atEnd()) {
        Properties properties;
        QString ignored;
        if (readProperties(reader, properties, &ignored) && !properties.reasonString.isEmpty()) {
            text = text.isEmpty() ? properties.reasonString : text + QStringLiteral(": ") + properties.reasonString;
        }
    }
    return text;
}

QString reasonName(quint8 code)
{
    switch (code) {
    case 0x00:
        return QStringLiteral("success");
    case 0x04:
        return QStringLiteral("disconnect with will message");
    case 0x80:
        return QStringLiteral("unspecified error");
    case 0x81:
        return QStringLiteral("malformed packet");
    case 0x82:
        return QStringLiteral("protocol error");
    case 0x83:
        return QStringLiteral("implementation specific error");
    case 0x84:
        return QStringLiteral("unsupported protocol version");
    case 0x85:
        return QStringLiteral("client identifier not valid");
    case 0x86:
        return QStringLiteral("bad user name or password");
    case 0x87:
        return QStringLiteral("not authorized");
    case 0x88:
        return QStringLiteral("server unavailable");
    case 0x89:
        return QStringLiteral("server busy");
    case 0x8a:
        return QStringLiteral("banned");
    case 0x8b:
        return QStringLiteral("server shutting down");
    case 0x8c:
        return QStringLiteral("bad authentication method");
    case 0x8d:
        return QStringLiteral("keep alive timeout");
    case 0x8e:
        return QStringLiteral("session taken over");
    case 0x8f:
        return QStringLiteral("topic filter invalid");
    case 0x90:
        return QStringLiteral("topic name invalid");
    case 0x93:
        return QStringLiteral("receive maximum exceeded");
    case 0x94:
        return QStringLiteral("topic alias invalid");
    case 0x95:
        return QStringLiteral("packet too large");
    case 0x97:
        return QStringLiteral("quota exceeded");
    case 0x98:
        return QStringLiteral("administrative action");
    case 0x99:
        return QStringLiteral("payload format invalid");
    case 0x9a:
        return QStringLiteral("retain not supported");
    case 0x9b:
        return QStringLiteral("QoS not supported");
    case 0x9c:
        return QStringLiteral("use another server");
    case 0x9d:
        return QStringLiteral("server moved");
    case 0x9e:
        return QStringLiteral("shared subscriptions not supported");
    case 0x9f:
        return QStringLiteral("connection rate exceeded");
    case 0xa0:
        return QStringLiteral("maximum connect time");
    case 0xa1:
        return QStringLiteral("subscription identifiers not supported");
    case 0xa2:
        return QStringLiteral("wildcard subscriptions not supported");
    default:
        return QStringLiteral("reason code 0x%1").arg(code, 2, 16, QLatin1Char('0'));
    }
}

QString connackRefusal(quint8 code, Version version)
{
    if (version == Version::V5) {
        if (code == 0x01 || code == 0x84) {
            // 0x01 is 3.1.1's "unacceptable protocol version": a broker that does not speak 5 answers in its own.
            return QStringLiteral("it does not speak MQTT 5 (try --protocol mqtt, which is 3.1.1)");
        }
        return reasonName(code);
    }
    switch (code) {
    case 1:
        return QStringLiteral("unacceptable protocol version (try --protocol mqtt5, or mqtt for 3.1.1)");
    case 2:
        return QStringLiteral("client identifier rejected");
    case 3:
        return QStringLiteral("server unavailable");
    case 4:
        return QStringLiteral("bad user name or password");
    case 5:
        return QStringLiteral("not authorized");
    default:
        return QStringLiteral("return code %1").arg(code);
    }
}

bool connackRetryable(quint8 code, Version version)
{
    if (version == Version::V5) {
        return code == 0x80 || code == 0x83 || code == 0x88 || code == 0x89 || code == 0x8b || code == 0x97 ||
               code == 0x9f;
    }
    return code == 3;
}

bool validTopicFilter(const QString &filter)
{
    if (filter.isEmpty() || filter.toUtf8().size() > 0xffff || filter.contains(QChar(0))) {
        return false;
    }
    const QStringList levels = filter.split(QLatin1Char('/'));
    for (qsizetype i = 0; i < levels.size(); ++i) {
        const QString &level = levels[i];
        if (level.contains(QLatin1Char('#')) && (level != QLatin1String("#") || i != levels.size() - 1)) {
            return false;
        }
        if (level.contains(QLatin1Char('+')) && level != QLatin1String("+")) {
            return false;
        }
    }
    return true;
}

bool validTopicName(const QString &topic)
{
    return !topic.isEmpty() && topic.toUtf8().size() <= 0xffff && !topic.contains(QLatin1Char('#')) &&
           !topic.contains(QLatin1Char('+')) && !topic.contains(QChar(0));
}

bool topicMatches(const QString &filter, const QString &topic)
{
    const QStringList filterLevels = filter.split(QLatin1Char('/'));
    const QStringList topicLevels = topic.split(QLatin1Char('/'));
    if (topic.startsWith(QLatin1Char('$')) &&
        (filterLevels.first() == QLatin1String("+") || filterLevels.first() == QLatin1String("#"))) {
        return false;
    }
    for (qsizetype i = 0; i < filterLevels.size(); ++i) {
        if (filterLevels[i] == QLatin1String("#")) {
            return true; // also matches the parent level: "a/#" receives "a"
        }
        if (i >= topicLevels.size()) {
            return false;
        }
        if (filterLevels[i] != QLatin1String("+") && filterLevels[i] != topicLevels[i]) {
            return false;
        }
    }
    return filterLevels.size() == topicLevels.size();
}

} // namespace herald::protocol::mqtt
