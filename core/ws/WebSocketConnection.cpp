#include "WebSocketConnection.h"

#include "net/HttpRefusal.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTcpSocket>
#if QT_CONFIG(ssl)
#include <QSslSocket>
#endif

Q_DECLARE_LOGGING_CATEGORY(lcWs)

namespace herald {

namespace {

constexpr qint64 kReadChunk = 256 * 1024;
// What one read decodes before the time is looked at, and how long one turn of the event loop may go on reading
// while more is waiting: a burst is handled in slices, so a window showing it still answers its person at once.
constexpr qint64 kReadSlice = 32 * 1024;
constexpr qint64 kTurnBudgetNs = 8'000'000;
constexpr int kCloseGraceMs = 3000;
#ifdef Q_OS_WIN
// How soon after a wake-up or a write the socket is read once more without being woken (see m_readAgain).
constexpr int kReadAgainMs = 20;
#endif
// How long the body of a refused upgrade is waited for: what the server says there is worth a moment, not more.
constexpr int kRefusalBodyWaitMs = 2000;
// Below this a message is sent as it is: deflate's own overhead would eat what it saves.
constexpr qsizetype kCompressFrom = 32;

} // namespace

WebSocketConnection::WebSocketConnection(QObject *parent)
    : QObject(parent)
    , m_decoder(*this)
{
#ifdef Q_OS_WIN
    m_readAgain.setSingleShot(true);
    m_readAgain.setInterval(kReadAgainMs);
    m_readAgain.callOnTimeout(this, [this] {
        m_readingAgain = true;
        onReadyRead();
        m_readingAgain = false;
    });
#endif
    m_closeGrace.setSingleShot(true);
    connect(&m_closeGrace, &QTimer::timeout, this, [this] {
        // The server did not end the TCP connection after the closing handshake (or our failing it): end it here.
        if (m_socket) {
            m_socket->abort();
        }
        finish();
    });
}

WebSocketConnection::~WebSocketConnection()
{
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
    }
}

void WebSocketConnection::open(const ws::HandshakeRequest &request, const Options &options)
{
    m_request = request;
    m_options = options;
    m_decoder.setMaxMessageSize(options.maxMessageSize);
    m_key = ws::newHandshakeKey();
    const QUrl &url = request.url;
    const bool secure = url.scheme() == QLatin1String("wss");
#if QT_CONFIG(ssl)
    if (secure) {
        auto *tls = new QSslSocket(this);
        QSslConfiguration configuration =
            options.sslConfiguration ? *options.sslConfiguration : QSslConfiguration::defaultConfiguration();
        // WebSocket's upgrade is HTTP/1.1: a server that would otherwise pick h2 must not.
        configuration.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
        tls->setSslConfiguration(configuration);
        connect(tls, &QSslSocket::encrypted, this, &WebSocketConnection::onTransportReady);
        connect(tls, &QSslSocket::sslErrors, this, &WebSocketConnection::sslErrors);
        m_socket = tls;
    }
#endif
    if (!m_socket) {
        m_socket = new QTcpSocket(this);
        if (secure) {
            m_state = State::Connecting;
            failConnection(Failure::Network, 0, QStringLiteral("this build of Herald has no TLS support"));
            return;
        }
        connect(m_socket, &QTcpSocket::connected, this, &WebSocketConnection::onTransportReady);
    }
    if (options.proxy) {
        m_socket->setProxy(*options.proxy);
    }
#ifdef Q_OS_WIN
    // No cap for Qt's buffer (wss:// here): Qt turns the read notifier off while its buffer is full, and its event
    // dispatcher on Windows drops an FD_CLOSE that comes meanwhile, which Windows posts only once: the server's
    // close would go unnoticed. onReadyRead() keeps the bound instead.
#else
    // Qt reads no more than this ahead of us: its buffer chunks stay small enough to be reused rather than mapped
    // and faulted in afresh for every read of a fast stream, and a server cannot make it grow without bound.
    m_socket->setReadBufferSize(kReadChunk);
#endif
    connect(m_socket, &QTcpSocket::readyRead, this, &WebSocketConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &WebSocketConnection::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &WebSocketConnection::onSocketError);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &WebSocketConnection::bytesWritten);
#ifdef Q_OS_WIN
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] { m_readAgain.start(); });
#endif
    m_state = State::Connecting;
    const quint16 port = quint16(url.port(secure ? 443 : 80));
#if QT_CONFIG(ssl)
    if (secure) {
        static_cast<QSslSocket *>(m_socket)->connectToHostEncrypted(url.host(), port);
        return;
    }
#endif
    // Unbuffered: reads go from the kernel straight into m_readBuffer, without a copy through Qt's buffer (what
    // waits is then bounded by the kernel's receive buffer). Qt then reports the end of the connection only as a
    // failed read, and direct writes without bytesWritten: onReadyRead() and writeToSocket() say both.
    m_socket->connectToHost(url.host(), port, QIODevice::ReadWrite | QIODevice::Unbuffered);
}

void WebSocketConnection::onTransportReady()
{
    m_state = State::Handshaking;
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    writeToSocket(ws::handshakeRequestBytes(m_request, m_key));
}

void WebSocketConnection::onReadyRead()
{
    m_readContinues = false;
    if (!m_socket) {
        return; // a continuation queued before the connection ended
    }
    QTcpSocket *const socket = m_socket;
    const bool unbuffered = socket->openMode().testFlag(QIODevice::Unbuffered);
    // From the kernel, a slice as large as Qt's own reads: one system call each.
    const qint64 slice = unbuffered ? kReadChunk : kReadSlice;
    if (m_readBuffer.size() != slice) {
        m_readBuffer.resize(slice);
    }
    qint64 total = 0;
    QElapsedTimer turn;
    turn.start();
    while (m_socket == socket && !m_finished) {
        // Where Qt's buffer has no cap (Windows), it is emptied to kReadChunk before the turn ends: what more the
        // server sends then waits in the kernel, and Herald's memory does not grow with it.
        if (turn.nsecsElapsed() > kTurnBudgetNs && (unbuffered || socket->bytesAvailable() <= kReadChunk)) {
            // The rest is read on the next turn, after whatever else was waiting: what the kernel holds wakes the
            // socket again by itself; what Qt's buffer holds (at most kReadChunk, so the server is slowed, not
            // Herald's memory grown) needs a nudge.
            if (socket->bytesAvailable() > 0 && !m_readContinues) {
                m_readContinues = true;
                QMetaObject::invokeMethod(this, &WebSocketConnection::onReadyRead, Qt::QueuedConnection);
            }
            break;
        }
        const qint64 got = socket->read(m_readBuffer.data(), slice);
        if (got < 0 && unbuffered && socket->state() == QAbstractSocket::UnconnectedState) {
            onSocketError(); // the end of the connection (or a failed read), as a buffered socket signals it
            return;
        }
        if (got <= 0) {
            break;
        }
        total += got;
        Q_EMIT bytesArrived();
        const QByteArrayView bytes(m_readBuffer.constData(), got);
        if (m_readingRefusal) {
            m_refusalBody += bytes.first(std::min(bytes.size(), http::kMaxRefusalBody - m_refusalBody.size()));
            if (refusalBodyComplete()) {
                failConnection(m_failure, 0, m_errorString);
                return;
            }
        } else if (m_state == State::Handshaking) {
            if (!acceptHandshake(bytes)) {
                return;
            }
        } else if (m_state == State::Open || m_state == State::Closing) {
            if (!feedDecoder(bytes)) {
                return;
            }
        }
#ifdef Q_OS_LINUX
        if (unbuffered && got < slice) {
            // The kernel had no more: reading again at once would only catch what trickles in meanwhile, a few
            // hundred bytes a system call from a server that writes message by message. The next wake-up takes it,
            // as the coalescer allows. Linux only, as the coalescer is: elsewhere the loop reads until the kernel
            // has nothing, which is what re-arms Windows' read notification.
            break;
        }
#endif
    }
    if (m_socket == socket && m_state == State::Open) {
        m_coalescer.bytesRead(socket, total);
    }
#ifdef Q_OS_WIN
    // Every wake-up is followed by one read more; that read by another only when it found something.
    if (m_socket == socket && !m_finished && (total > 0 || !m_readingAgain)) {
        m_readAgain.start();
    }
#endif
}

bool WebSocketConnection::acceptHandshake(QByteArrayView bytes)
{
    const auto status = m_reader.append(bytes);
    if (status == ws::HandshakeResponseReader::Status::NeedMore) {
        return true;
    }
    if (status == ws::HandshakeResponseReader::Status::Invalid) {
        failConnection(Failure::HandshakeInvalid, 0, m_reader.errorString());
        return false;
    }
    m_response = m_reader.response();
    if (m_response.status != 101) {
        // Refused: what the body says (nginx names a missing client certificate only there) is read first.
        m_failure = Failure::HandshakeRefused;
        m_errorString = QStringLiteral("the server answered the upgrade with HTTP %1").arg(m_response.status);
        const QByteArray first = m_reader.leftover();
        m_refusalBody = first.first(std::min(first.size(), http::kMaxRefusalBody));
        if (refusalBodyComplete()) {
            failConnection(m_failure, 0, m_errorString);
            return false;
        }
        m_readingRefusal = true;
        m_closeGrace.start(kRefusalBodyWaitMs); // the body's end, the connection's end or this, whichever is first
        return true;
    }
    QString problem = ws::checkUpgrade(m_response, m_key, m_request.subprotocols);
    const ws::DeflateAnswer deflate = ws::parseDeflateAnswer(m_response.header("Sec-WebSocket-Extensions"));
    if (problem.isEmpty() && !deflate.error.isEmpty()) {
        problem = deflate.error;
    }
    if (problem.isEmpty() && deflate.parameters && !m_request.offerDeflate) {
        problem = QStringLiteral("the server enabled permessage-deflate, which was not offered");
    }
    if (!problem.isEmpty()) {
        failConnection(Failure::HandshakeInvalid, 0, problem);
        return false;
    }
    m_subprotocol = QString::fromUtf8(m_response.header("Sec-WebSocket-Protocol"));
    m_deflateParameters = deflate.parameters;
    if (m_deflateParameters) {
        m_decoder.enableDeflate(m_deflateParameters->serverNoContextTakeover);
        // zlib has no raw 8-bit window; with that agreed, messages go out uncompressed (RFC 7692 allows it).
        if (m_deflateParameters->clientMaxWindowBits >= 9) {
            m_deflater = std::make_unique<ws::MessageDeflater>(m_deflateParameters->clientMaxWindowBits,
                                                               m_deflateParameters->clientNoContextTakeover);
        }
    }
    m_state = State::Open;
    const QByteArray first = m_reader.leftover();
    QPointer<WebSocketConnection> alive(this);
    Q_EMIT opened();
    if (!alive || m_state != State::Open || first.isEmpty()) {
        return alive && m_state == State::Open;
    }
    return feedDecoder(first);
}

bool WebSocketConnection::feedDecoder(QByteArrayView bytes)
{
    if (m_decoder.feed(bytes) || !m_decoder.failed()) {
        return true;
    }
    const bool tooLarge = m_decoder.failureCode() == ws::kCloseMessageTooBig;
    failConnection(tooLarge ? Failure::MessageTooLarge : Failure::Protocol, m_decoder.failureCode(),
                   m_decoder.failureMessage());
    return false;
}

void WebSocketConnection::textMessage(QByteArrayView utf8)
{
    m_coalescer.messageArrived(); // before the handlers, which may send the next request at once
    if (m_textHandler) {
        m_textHandler(utf8);
    } else {
        Q_EMIT textMessageReceived(utf8);
    }
}

void WebSocketConnection::binaryMessage(QByteArrayView bytes)
{
    m_coalescer.messageArrived();
    Q_EMIT binaryMessageReceived(bytes.toByteArray());
}

void WebSocketConnection::pingFrame(QByteArrayView payload)
{
    if (m_state == State::Open) {
        writeFrame(ws::Opcode::Pong, payload);
    }
}

void WebSocketConnection::pongFrame(QByteArrayView payload)
{
    Q_EMIT pongReceived(payload.toByteArray());
}

void WebSocketConnection::closeFrame(int code, const QString &reason)
{
    m_closeReceived = true;
    m_closeCode = code;
    m_closeReason = reason;
    if (!m_closeSent) {
        // Echo the code (RFC 6455 5.5.1); a close without one is answered without one.
        writeFrame(ws::Opcode::Close, code == ws::kCloseNoStatus ? QByteArray() : ws::closePayload(quint16(code), {}));
        m_closeSent = true;
    }
    m_state = State::Closing;
    // The server ends the TCP connection now (RFC 6455 7.1.1); one that does not is not waited for long.
    m_closeGrace.start(kCloseGraceMs);
}

void WebSocketConnection::sendText(const QString &message)
{
    sendData(ws::Opcode::Text, message.toUtf8());
}

void WebSocketConnection::sendBinary(const QByteArray &message)
{
    sendData(ws::Opcode::Binary, message);
}

void WebSocketConnection::sendData(ws::Opcode opcode, QByteArrayView payload)
{
    if (m_state != State::Open) {
        return;
    }
    m_coalescer.messageSent();
    if (m_deflater && payload.size() >= kCompressFrom) {
        writeFrame(opcode, m_deflater->deflate(payload), true);
    } else {
        writeFrame(opcode, payload);
    }
}

void WebSocketConnection::ping(const QByteArray &payload)
{
    if (m_state == State::Open) {
        writeFrame(ws::Opcode::Ping, payload.left(125));
    }
}

void WebSocketConnection::writeFrame(ws::Opcode opcode, QByteArrayView payload, bool rsv1)
{
    if (!m_socket) {
        return;
    }
    if (m_notReading) {
        return;
    }
    m_frame.resize(0);
    ws::appendClientFrame(m_frame, opcode, payload, true, rsv1);
    const qint64 waiting = m_socket->bytesToWrite();
    if (waiting > 0 && waiting + m_frame.size() > kMaxUnwritten) {
        // A peer that sends (pings, say) and never reads would make us keep every answer: drop it instead. Not
        // failing right here, as this may run deep inside the frame decoder.
        m_notReading = true;
        m_decoder.halt();
        const QString message =
            QStringLiteral("the server stopped reading what Herald sends (%1 MiB waited unwritten), so the "
                           "connection was dropped")
                .arg(double(waiting) / (1024 * 1024), 0, 'f', 1);
        QMetaObject::invokeMethod(
            this, [this, message] { failConnection(Failure::NotReading, 0, message); }, Qt::QueuedConnection);
        return;
    }
    writeToSocket(m_frame);
}

void WebSocketConnection::writeToSocket(const QByteArray &bytes)
{
    const qint64 waitingBefore = m_socket->bytesToWrite();
    m_socket->write(bytes);
#ifdef Q_OS_WIN
    m_readAgain.start(); // a write may turn the write notifier on or off, and the socket's events with it
#endif
    // An unbuffered socket writes straight to the kernel when nothing waits, and says nothing of it: said here, after
    // this turn as a buffered socket would, so that whoever waits on bytesWritten hears of every byte.
    const qint64 direct = bytes.size() - (m_socket->bytesToWrite() - waitingBefore);
    if (direct > 0 && m_socket->openMode().testFlag(QIODevice::Unbuffered)) {
        QMetaObject::invokeMethod(
            this, [this, direct] { Q_EMIT bytesWritten(direct); }, Qt::QueuedConnection);
    }
}

void WebSocketConnection::close(quint16 code, const QString &reason)
{
    if (m_state == State::Open) {
        writeFrame(ws::Opcode::Close, ws::closePayload(code, reason));
        m_closeSent = true;
        m_state = State::Closing;
        m_closeGrace.start(kCloseGraceMs);
        return;
    }
    if (m_state != State::Closing) {
        abort();
        finish();
    }
}

void WebSocketConnection::abort()
{
#ifdef Q_OS_WIN
    m_readAgain.stop();
#endif
    m_coalescer.stop();
    m_decoder.halt();
    m_closeGrace.stop();
    m_finished = true; // no signal after this
    m_state = State::Closed;
    if (m_socket) {
        QTcpSocket *socket = std::exchange(m_socket, nullptr);
        disconnect(socket, nullptr, this, nullptr);
        socket->abort();
        socket->deleteLater();
    }
}

qint64 WebSocketConnection::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

bool WebSocketConnection::refusalBodyComplete() const
{
    if (m_refusalBody.size() >= http::kMaxRefusalBody) {
        return true;
    }
    bool known = false;
    const qint64 length = m_response.header("Content-Length").trimmed().toLongLong(&known);
    if (known) {
        return m_refusalBody.size() >= length;
    }
    if (ws::listHasToken(m_response.header("Transfer-Encoding"), "chunked")) {
        return m_refusalBody.startsWith("0\r\n") || m_refusalBody.contains("\r\n0\r\n");
    }
    return false; // the body ends with the connection
}

QByteArray WebSocketConnection::refusalBody() const
{
    if (!ws::listHasToken(m_response.header("Transfer-Encoding"), "chunked")) {
        return m_refusalBody;
    }
    QByteArray body;
    qsizetype at = 0;
    while (at < m_refusalBody.size()) {
        const qsizetype lineEnd = m_refusalBody.indexOf("\r\n", at);
        bool ok = false;
        const qsizetype extension = m_refusalBody.indexOf(';', at);
        const qsizetype sizeEnd = extension >= 0 && extension < lineEnd ? extension : lineEnd;
        const qint64 size = lineEnd < 0 ? 0 : m_refusalBody.mid(at, sizeEnd - at).trimmed().toLongLong(&ok, 16);
        if (!ok || size <= 0 || size > http::kMaxRefusalBody) {
            break;
        }
        body += m_refusalBody.mid(lineEnd + 2, size);
        at = lineEnd + 2 + size + 2;
    }
    return body;
}

void WebSocketConnection::failConnection(Failure failure, quint16 closeCode, const QString &message)
{
    if (m_failure == Failure::None) {
        m_failure = failure;
        m_errorString = message;
        m_failureCloseCode = closeCode;
    }
    m_decoder.halt();
    if (closeCode != 0 && m_socket && (m_state == State::Open || m_state == State::Closing)) {
        qCDebug(lcWs).noquote() << "failing the connection with" << closeCode << message;
        if (!m_closeSent) {
            writeFrame(ws::Opcode::Close, ws::closePayload(closeCode, {}));
            m_closeSent = true;
        }
        m_state = State::Closing;
        m_socket->disconnectFromHost(); // after the close frame is out; disconnected() finishes
        m_closeGrace.start(kCloseGraceMs);
        return;
    }
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
    }
    finish();
}

void WebSocketConnection::onSocketError()
{
    if (!m_socket || m_finished) {
        return;
    }
    if (m_state == State::Open || m_state == State::Closing) {
        // disconnected() follows (a close frame may already have explained the end)
        if (m_errorString.isEmpty() && !m_closeReceived &&
            m_socket->error() != QAbstractSocket::RemoteHostClosedError) {
            m_errorString = m_socket->errorString();
        }
        if (m_socket->state() == QAbstractSocket::UnconnectedState) {
            onDisconnected();
        }
        return;
    }
    m_connectError = m_socket->error();
    failConnection(Failure::Network, 0, m_socket->errorString());
}

void WebSocketConnection::onDisconnected()
{
    if (m_finished) {
        return;
    }
    if (m_state == State::Connecting || m_state == State::Handshaking) {
        m_connectError = m_socket ? m_socket->error() : QAbstractSocket::UnknownSocketError;
        if (m_connectError == QAbstractSocket::UnknownSocketError) {
            m_connectError = QAbstractSocket::RemoteHostClosedError; // closed without a word
        }
        const QString why = m_socket && m_socket->error() != QAbstractSocket::UnknownSocketError &&
                                    m_socket->error() != QAbstractSocket::RemoteHostClosedError
                                ? m_socket->errorString()
                                : QStringLiteral("the connection closed during the handshake");
        failConnection(Failure::Network, 0, why);
        return;
    }
    if (!m_closeReceived && m_failure == Failure::None) {
        m_failure = Failure::Network;
        if (m_errorString.isEmpty()) {
            m_errorString = QStringLiteral("the remote host closed the connection");
        }
    }
    finish();
}

void WebSocketConnection::finish()
{
    if (m_finished) {
        return;
    }
    m_finished = true;
#ifdef Q_OS_WIN
    m_readAgain.stop();
#endif
    m_closeGrace.stop();
    m_coalescer.stop();
    m_state = State::Closed;
    Q_EMIT finished();
}

#if QT_CONFIG(ssl)
QSslCertificate WebSocketConnection::peerCertificate() const
{
    auto *tls = qobject_cast<QSslSocket *>(m_socket);
    return tls ? tls->peerCertificate() : QSslCertificate();
}

void WebSocketConnection::ignoreSslErrors(const QList<QSslError> &errors)
{
    if (auto *tls = qobject_cast<QSslSocket *>(m_socket)) {
        tls->ignoreSslErrors(errors);
    }
}
#endif

} // namespace herald

#include "moc_WebSocketConnection.cpp"
