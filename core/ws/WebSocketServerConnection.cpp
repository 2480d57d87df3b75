#include "WebSocketServerConnection.h"

#include "net/HttpRequestReader.h"
#include "net/HttpResponse.h"
#include "ws/WebSocketHandshake.h"

#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcWsServer, "herald.ws.server")

namespace herald {

namespace {

// How long a client has to answer our close frame before the connection is dropped.
constexpr int kCloseGraceMs = 2000;

} // namespace

QByteArray WebSocketServerConnection::refusal(const HttpRequest &request)
{
    if (request.method != "GET") {
        return "a WebSocket upgrade must be a GET request\n";
    }
    if (!ws::listHasToken(request.header("Upgrade"), "websocket") ||
        !ws::listHasToken(request.header("Connection"), "upgrade")) {
        return "this is a WebSocket endpoint: the request needs \"Upgrade: websocket\" and \"Connection: Upgrade\"\n";
    }
    if (request.header("Sec-WebSocket-Version").trimmed() != "13") {
        return "only WebSocket version 13 (RFC 6455) is spoken here\n";
    }
    const QByteArray key = request.header("Sec-WebSocket-Key").trimmed();
    if (QByteArray::fromBase64(key).size() != 16 || key.size() != 24) {
        return "Sec-WebSocket-Key must be 16 bytes in base64\n";
    }
    return {};
}

WebSocketServerConnection::WebSocketServerConnection(QTcpSocket *socket, const HttpRequest &request,
                                                     const QByteArray &leftover, qint64 maxMessageSize, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_decoder(*this, ws::Role::Server)
{
    socket->setParent(this);
    m_decoder.setMaxMessageSize(maxMessageSize);
    socket->write(http::statusLine(101) + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " +
                  ws::expectedAccept(request.header("Sec-WebSocket-Key").trimmed()) + "\r\n\r\n");
    connect(socket, &QTcpSocket::readyRead, this, &WebSocketServerConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &WebSocketServerConnection::finish);
    if (!leftover.isEmpty()) {
        // The first frames came with the request: read them once the owner has connected its signals.
        QTimer::singleShot(0, this, [this, leftover] {
            if (m_open && !m_decoder.feed(leftover) && m_decoder.failed()) {
                fail(m_decoder.failureCode(), m_decoder.failureMessage());
            }
            onReadyRead();
        });
    }
}

WebSocketServerConnection::~WebSocketServerConnection()
{
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
    }
}

void WebSocketServerConnection::onReadyRead()
{
    if (!m_socket) {
        return;
    }
    const QByteArray bytes = m_socket->readAll();
    if (!m_open || m_decoder.failed()) {
        return; // after a close frame or a failure nothing counts
    }
    if (!m_decoder.feed(bytes) && m_decoder.failed()) {
        fail(m_decoder.failureCode(), m_decoder.failureMessage());
    }
}

void WebSocketServerConnection::sendText(const QString &message)
{
    writeFrame(ws::Opcode::Text, message.toUtf8());
}

void WebSocketServerConnection::sendBinary(const QByteArray &message)
{
    writeFrame(ws::Opcode::Binary, message);
}

void WebSocketServerConnection::writeFrame(ws::Opcode opcode, QByteArrayView payload)
{
    if (!m_socket || m_closeSent || m_finished) {
        return;
    }
    if (m_socket->bytesToWrite() > kMaxUnwritten) {
        qCInfo(lcWsServer) << "dropping a client that stopped reading";
        m_decoder.halt();
        QMetaObject::invokeMethod(this, &WebSocketServerConnection::abort, Qt::QueuedConnection);
        m_closeSent = true; // nothing more goes out
        return;
    }
    m_frame.resize(0);
    ws::appendServerFrame(m_frame, opcode, payload);
    m_socket->write(m_frame);
}

void WebSocketServerConnection::close(quint16 code, const QString &reason)
{
    if (!m_socket || m_closeSent || m_finished) {
        return;
    }
    writeFrame(ws::Opcode::Close, ws::closePayload(code, reason));
    m_closeSent = true;
    QTimer::singleShot(kCloseGraceMs, this, &WebSocketServerConnection::abort);
}

void WebSocketServerConnection::abort()
{
    if (m_socket) {
        m_socket->abort(); // emits disconnected() when it was connected
    }
    finish();
}

void WebSocketServerConnection::fail(quint16 code, const QString &message)
{
    qCInfo(lcWsServer) << "closing a client connection:" << message;
    m_decoder.halt();
    close(code, {});
    m_open = false;
}

void WebSocketServerConnection::finish()
{
    m_open = false;
    if (std::exchange(m_finished, true)) {
        return;
    }
    Q_EMIT disconnected();
}

void WebSocketServerConnection::textMessage(QByteArrayView utf8)
{
    Q_EMIT textMessageReceived(QString::fromUtf8(utf8));
}

void WebSocketServerConnection::binaryMessage(QByteArrayView bytes)
{
    Q_EMIT binaryMessageReceived(bytes.toByteArray());
}

void WebSocketServerConnection::pingFrame(QByteArrayView payload)
{
    writeFrame(ws::Opcode::Pong, payload);
}

void WebSocketServerConnection::pongFrame(QByteArrayView) {}

void WebSocketServerConnection::closeFrame(int code, const QString &)
{
    m_open = false;
    if (!m_closeSent) {
        // Echo the code (RFC 6455 5.5.1), then the server closes the TCP connection first (7.1.1).
        writeFrame(ws::Opcode::Close, code == ws::kCloseNoStatus ? QByteArray() : ws::closePayload(quint16(code), {}));
        m_closeSent = true;
    }
    if (m_socket) {
        m_socket->disconnectFromHost();
    }
}

} // namespace herald

#include "moc_WebSocketServerConnection.cpp"
