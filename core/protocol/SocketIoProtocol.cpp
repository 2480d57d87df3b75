#include "SocketIoProtocol.h"

#include "protocol/JsonText.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace herald::protocol {

namespace {

constexpr int kMaxAttachments = 64;

QString shortened(QByteArrayView bytes)
{
    const QString text = QString::fromUtf8(bytes.first(std::min<qsizetype>(bytes.size(), 60)));
    return bytes.size() > 60 ? text + QStringLiteral("…") : text;
}

// Replaces {"_placeholder":true,"num":N} by the Nth attachment, base64.
QJsonValue fillPlaceholders(const QJsonValue &value, const QList<QByteArray> &attachments)
{
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &item : value.toArray()) {
            array.append(fillPlaceholders(item, attachments));
        }
        return array;
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.value(QStringLiteral("_placeholder")).toBool() && object.contains(QStringLiteral("num"))) {
            const int index = object.value(QStringLiteral("num")).toInt(-1);
            return index >= 0 && index < attachments.size()
                       ? QJsonValue(QString::fromLatin1(attachments[index].toBase64()))
                       : QJsonValue();
        }
        QJsonObject filled;
        for (auto it = object.begin(); it != object.end(); ++it) {
            filled.insert(it.key(), fillPlaceholders(it.value(), attachments));
        }
        return filled;
    }
    return value;
}

} // namespace

SocketIoProtocol::SocketIoProtocol(QString nameSpace, QByteArray auth)
    : m_namespace(nameSpace.isEmpty() ? QStringLiteral("/") : std::move(nameSpace))
    , m_auth(std::move(auth))
{
    if (!m_namespace.startsWith(QLatin1Char('/'))) {
        m_namespace.prepend(QLatin1Char('/'));
    }
}

QUrl SocketIoProtocol::connectionUrl(const QUrl &given) const
{
    QUrl url = withWebSocketScheme(given);
    if (url.path().isEmpty() || url.path() == QLatin1String("/")) {
        url.setPath(QStringLiteral("/socket.io/"));
    }
    QUrlQuery query(url);
    query.removeAllQueryItems(QStringLiteral("EIO"));
    query.removeAllQueryItems(QStringLiteral("transport"));
    query.addQueryItem(QStringLiteral("EIO"), QStringLiteral("4"));
    query.addQueryItem(QStringLiteral("transport"), QStringLiteral("websocket"));
    url.setQuery(query);
    return url;
}

QByteArray SocketIoProtocol::namespacePrefix() const
{
    return m_namespace == QLatin1String("/") ? QByteArray() : m_namespace.toUtf8() + ',';
}

QString SocketIoProtocol::readyDescription() const
{
    return QStringLiteral("Socket.IO namespace %1").arg(m_namespace);
}

void SocketIoProtocol::leaving(ProtocolLink &link)
{
    if (m_connected) {
        link.sendText(QString::fromUtf8("41" + namespacePrefix()));
        m_connected = false;
    }
}

void SocketIoProtocol::opened(ProtocolLink &)
{
    // The server speaks first (Engine.IO open); everything starts over on each connection.
    m_engineOpen = false;
    m_connected = false;
    m_attachmentsExpected = 0;
    m_attachments.clear();
}

void SocketIoProtocol::textReceived(QByteArrayView packet, ProtocolLink &link, QList<AppMessage> &out)
{
    if (packet.isEmpty()) {
        link.protocolFailed(QStringLiteral("the server sent an empty Engine.IO packet"), true);
        return;
    }
    if (m_attachmentsExpected > 0) {
        link.protocolFailed(QStringLiteral("the server sent a text packet where a binary attachment was due"), true);
        return;
    }
    const char type = packet.front();
    const QByteArrayView data = packet.sliced(1);
    switch (type) {
    case '0': { // open
        const QJsonObject handshake = QJsonDocument::fromJson(data.toByteArray()).object();
        if (!handshake.contains(QStringLiteral("sid"))) {
            link.protocolFailed(QStringLiteral("the server's Engine.IO open packet has no session id (%1); is this a "
                                               "Socket.IO 4 server?")
                                    .arg(shortened(packet)),
                                true);
            return;
        }
        m_engineOpen = true;
        QByteArray connect = "40" + namespacePrefix();
        if (!m_auth.isEmpty()) {
            connect += m_auth;
        }
        link.sendText(QString::fromUtf8(connect));
        return;
    }
    case '1': // close
        link.protocolFailed(QStringLiteral("the server closed the Engine.IO session"), true);
        return;
    case '2': // ping: the answer carries the same data
        link.sendText(QLatin1Char('3') + QString::fromUtf8(data));
        return;
    case '3': // pong
    case '6': // noop
        return;
    case '4':
        if (!m_engineOpen) {
            link.protocolFailed(QStringLiteral("the server sent a message before the Engine.IO open packet"), true);
            return;
        }
        socketPacket(data, link, out);
        return;
    default:
        link.protocolFailed(QStringLiteral("the server sent a malformed Engine.IO packet (%1); is this a Socket.IO 4 "
                                           "server? (Socket.IO 2 and 3 speak Engine.IO 3)")
                                .arg(shortened(packet)),
                            true);
        return;
    }
}

void SocketIoProtocol::socketPacket(QByteArrayView packet, ProtocolLink &link, QList<AppMessage> &out)
{
    const auto malformed = [&link, packet] {
        link.protocolFailed(QStringLiteral("the server sent a malformed Socket.IO packet (%1)").arg(shortened(packet)),
                            true);
    };
    if (packet.isEmpty() || packet.front() < '0' || packet.front() > '6') {
        malformed();
        return;
    }
    const int type = packet.front() - '0';
    qsizetype at = 1;
    int attachments = 0;
    if (type == 5 || type == 6) {
        const qsizetype dash = packet.indexOf('-');
        bool ok = false;
        attachments = dash > 1 ? packet.sliced(1, dash - 1).toInt(&ok) : 0;
        if (!ok || attachments < 1 || attachments > kMaxAttachments) {
            malformed();
            return;
        }
        at = dash + 1;
    }
    QString nameSpace = QStringLiteral("/");
    if (at < packet.size() && packet[at] == '/') {
        const qsizetype comma = packet.indexOf(',', at);
        const qsizetype end = comma < 0 ? packet.size() : comma;
        nameSpace = QString::fromUtf8(packet.sliced(at, end - at));
        at = comma < 0 ? packet.size() : comma + 1;
    }
    qint64 ackId = -1;
    const qsizetype idStart = at;
    while (at < packet.size() && packet[at] >= '0' && packet[at] <= '9' && at - idStart < 15) {
        ++at;
    }
    if (at > idStart) {
        ackId = packet.sliced(idStart, at - idStart).toLongLong();
    }
    if (nameSpace != m_namespace) {
        return; // another namespace's traffic on the same connection
    }
    const QByteArray json = packet.sliced(at).toByteArray();
    QJsonParseError parseError;
    const QJsonDocument document = json.isEmpty() ? QJsonDocument() : QJsonDocument::fromJson(json, &parseError);
    if (!json.isEmpty() && parseError.error != QJsonParseError::NoError) {
        malformed();
        return;
    }
    switch (type) {
    case 0: // CONNECT answered
        m_connected = true;
        return;
    case 1: // DISCONNECT
        m_connected = false;
        link.protocolFailed(QStringLiteral("the Socket.IO server disconnected namespace %1").arg(m_namespace), false);
        return;
    case 2: // EVENT
    case 5: // BINARY_EVENT
        if (!document.isArray() || document.array().isEmpty() || !document.array().first().isString()) {
            malformed();
            return;
        }
        if (type == 5) {
            m_pendingEvent = document.array();
            m_pendingAckId = ackId;
            m_attachmentsExpected = attachments;
            m_attachments.clear();
            return;
        }
        if (ackId >= 0) {
            link.sendText(QString::fromUtf8("43" + namespacePrefix() + QByteArray::number(ackId) + "[]"));
        }
        deliverEvent(document.array(), json, out);
        return;
    case 3: // ACK of something we sent: we ask for none
    case 6:
        return;
    case 4: { // CONNECT_ERROR
        m_connected = false;
        const QString message = document.object().value(QStringLiteral("message")).toString();
        link.protocolFailed(QStringLiteral("the Socket.IO server refused namespace %1%2")
                                .arg(m_namespace, message.isEmpty() ? QString() : QStringLiteral(": ") + message),
                            false);
        return;
    }
    default:
        malformed();
        return;
    }
}

void SocketIoProtocol::binaryReceived(const QByteArray &bytes, ProtocolLink &link, QList<AppMessage> &out)
{
    if (m_attachmentsExpected == 0) {
        link.protocolFailed(QStringLiteral("the server sent a binary frame that no Socket.IO event announced"), true);
        return;
    }
    m_attachments.append(bytes);
    if (m_attachments.size() < m_attachmentsExpected) {
        return;
    }
    m_attachmentsExpected = 0;
    const QJsonArray event = fillPlaceholders(m_pendingEvent, m_attachments).toArray();
    m_attachments.clear();
    if (m_pendingAckId >= 0) {
        link.sendText(QString::fromUtf8("43" + namespacePrefix() + QByteArray::number(m_pendingAckId) + "[]"));
    }
    deliverEvent(event, {}, out);
}

void SocketIoProtocol::deliverEvent(const QJsonArray &event, QByteArrayView written, QList<AppMessage> &out)
{
    out.append(AppMessage{event.first().toString(), argumentsText(event, written), false, {}});
}

QString SocketIoProtocol::argumentsText(const QJsonArray &event, QByteArrayView written)
{
    if (event.size() < 2) {
        return {};
    }
    if (event.size() == 2 && event.at(1).isString()) {
        return event.at(1).toString();
    }
    const QList<QByteArrayView> elements = json::arrayElements(written);
    if (elements.size() == event.size()) {
        const char *const begin = elements.at(1).data();
        const char *const end = elements.last().data() + elements.last().size();
        const QString arguments = QString::fromUtf8(QByteArrayView(begin, end - begin));
        return event.size() == 2 ? arguments : QLatin1Char('[') + arguments + QLatin1Char(']');
    }
    if (event.size() == 2) {
        return QString::fromUtf8(json::compact(event.at(1)));
    }
    QJsonArray arguments = event;
    arguments.removeFirst();
    return QString::fromUtf8(json::compact(arguments));
}

void SocketIoProtocol::send(const QString &text, const QString &type, ProtocolLink &link)
{
    // A JSON object or array goes out as the person wrote it: parsed and written again, its keys would be sorted,
    // 1.10 would become 1.1 and numbers past 2^53 would be rounded. Anything else is a string.
    const QByteArray utf8 = text.toUtf8().trimmed();
    QJsonParseError parseError;
    const QJsonDocument asJson = QJsonDocument::fromJson(utf8, &parseError);
    const bool structured = parseError.error == QJsonParseError::NoError && (asJson.isObject() || asJson.isArray());
    const QByteArray argument = structured ? utf8 : json::compact(text);
    const QByteArray name = json::compact(type.isEmpty() ? QStringLiteral("message") : type);
    link.sendText(QString::fromUtf8("42" + namespacePrefix() + '[' + name + ',' + argument + ']'));
}

} // namespace herald::protocol
