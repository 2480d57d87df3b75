#include "WebSocketHandshake.h"

#include "net/HttpFields.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace herald::ws {

namespace {

bool hasHeader(const Headers &headers, const QByteArray &name)
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

} // namespace

bool listHasToken(const QByteArray &list, const QByteArray &token)
{
    for (const QByteArray &item : list.split(',')) {
        if (item.trimmed().compare(token, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

QByteArray newHandshakeKey()
{
    quint32 words[4];
    QRandomGenerator::global()->fillRange(words);
    return QByteArray(reinterpret_cast<const char *>(words), sizeof words).toBase64();
}

QByteArray expectedAccept(const QByteArray &key)
{
    return QCryptographicHash::hash(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", QCryptographicHash::Sha1).toBase64();
}

QByteArray handshakeRequestBytes(const HandshakeRequest &request, const QByteArray &key)
{
    const QUrl &url = request.url;
    const bool secure = url.scheme() == QLatin1String("wss");
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty()) {
        target = "/";
    }
    if (url.hasQuery()) {
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    }
    QByteArray host = url.host(QUrl::EncodeUnicode).toLatin1();
    if (host.contains(':')) {
        host = '[' + host + ']'; // an IPv6 literal
    }
    const int port = url.port();
    if (port != -1 && port != (secure ? 443 : 80)) {
        host += ':' + QByteArray::number(port);
    }
    QByteArray bytes = "GET " + target + " HTTP/1.1\r\nHost: " + host +
                       "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key +
                       "\r\nSec-WebSocket-Version: 13\r\n";
    if (!request.subprotocols.isEmpty()) {
        bytes += "Sec-WebSocket-Protocol: " + request.subprotocols.join(QStringLiteral(", ")).toUtf8() + "\r\n";
    }
    if (request.offerDeflate) {
        bytes += "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";
    }
    if (!url.userName().isEmpty() && !hasHeader(request.headers, "Authorization")) {
        const QByteArray credentials = url.userName().toUtf8() + ':' + url.password().toUtf8();
        bytes += "Authorization: Basic " + credentials.toBase64() + "\r\n";
    }
    // A value with CR or LF would add headers of its own, or a second request.
    for (const auto &[name, value] : http::sendableHeaders(request.headers)) {
        bytes += name + ": " + value + "\r\n";
    }
    return bytes + "\r\n";
}

QByteArray HandshakeResponse::header(const QByteArray &name) const
{
    QByteArray joined;
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            joined += (joined.isEmpty() ? QByteArray() : QByteArrayLiteral(", ")) + value;
        }
    }
    return joined;
}

HandshakeResponseReader::Status HandshakeResponseReader::append(QByteArrayView bytes)
{
    const qsizetype searchFrom = std::max<qsizetype>(0, m_buffer.size() - 3);
    m_buffer.append(bytes);
    const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n", searchFrom);
    if (headEnd < 0) {
        if (m_buffer.size() > kMaxHeadSize) {
            m_error = QStringLiteral("the handshake answer's headers are larger than %1 KB").arg(kMaxHeadSize / 1024);
            return Status::Invalid;
        }
        return Status::NeedMore;
    }
    return parse(headEnd);
}

HandshakeResponseReader::Status HandshakeResponseReader::parse(qsizetype headEnd)
{
    const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
    m_leftover = m_buffer.mid(headEnd + 4);
    m_buffer.clear();
    const QByteArray statusLine = lines.value(0).trimmed();
    // HTTP/1.1 101 Switching Protocols
    const QList<QByteArray> parts = statusLine.split(' ');
    bool ok = false;
    const int status = parts.value(1).toInt(&ok);
    if (!statusLine.startsWith("HTTP/1.") || parts.size() < 2 || !ok || status < 100 || status > 999) {
        m_error = QStringLiteral("the server did not answer in HTTP (it sent \"%1\")")
                      .arg(QString::fromLatin1(statusLine.left(60)));
        return Status::Invalid;
    }
    m_response.status = status;
    m_response.reason = statusLine.mid(statusLine.indexOf(' ', statusLine.indexOf(' ') + 1) + 1);
    if (parts.size() < 3) {
        m_response.reason.clear();
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty()) {
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            m_error = QStringLiteral("the handshake answer has a malformed header line");
            return Status::Invalid;
        }
        m_response.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return Status::Complete;
}

QString checkUpgrade(const HandshakeResponse &response, const QByteArray &key, const QStringList &offeredProtocols)
{
    if (response.header("Upgrade").compare("websocket", Qt::CaseInsensitive) != 0) {
        return QStringLiteral("the server answered 101 without \"Upgrade: websocket\"");
    }
    if (!listHasToken(response.header("Connection"), "upgrade")) {
        return QStringLiteral("the server answered 101 without \"Connection: Upgrade\"");
    }
    if (response.header("Sec-WebSocket-Accept") != expectedAccept(key)) {
        return QStringLiteral("the server's Sec-WebSocket-Accept does not match the key sent (a proxy or a server "
                              "that is not a WebSocket server answered)");
    }
    const QString protocol = QString::fromUtf8(response.header("Sec-WebSocket-Protocol"));
    if (!protocol.isEmpty() && !offeredProtocols.contains(protocol)) {
        return QStringLiteral("the server chose subprotocol \"%1\", which was not offered").arg(protocol);
    }
    return {};
}

} // namespace herald::ws
