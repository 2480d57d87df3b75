#include "WebSocketClient.h"

#include "net/HttpRefusal.h"
#include "net/NetworkMonitor.h"
#include "net/UrlText.h"
#include "ws/WebSocketConnection.h"

#include <QLoggingCategory>
#include <QMetaMethod>
#if QT_CONFIG(ssl)
#include <QSslError>
#endif

Q_LOGGING_CATEGORY(lcWs, "herald.ws", QtInfoMsg)

namespace herald {

namespace {

QString closeCodeName(int code)
{
    switch (code) {
    case 1000:
        return QStringLiteral("normal closure");
    case 1001:
        return QStringLiteral("going away");
    case 1002:
        return QStringLiteral("protocol error");
    case 1003:
        return QStringLiteral("unsupported data");
    case 1005:
        return QStringLiteral("no status code");
    case 1006:
        return QStringLiteral("closed abnormally");
    case 1007:
        return QStringLiteral("invalid data");
    case 1008:
        return QStringLiteral("policy violation");
    case 1009:
        return QStringLiteral("message too big");
    case 1011:
        return QStringLiteral("server error");
    case 1012:
        return QStringLiteral("service restart");
    case 1013:
        return QStringLiteral("try again later");
    default:
        return code >= 4000 && code <= 4999 ? QStringLiteral("application code") : QStringLiteral("close code");
    }
}

// A close code the server chose deliberately and that retrying soon will not change.
bool isDeliberateRefusal(int code)
{
    return code == 1008 || (code >= 4000 && code <= 4999);
}

} // namespace

WebSocketClient::WebSocketClient(QObject *parent)
    : WebSocketClient(QUrl(), parent)
{}

WebSocketClient::WebSocketClient(const QUrl &url, QObject *parent)
    : QObject(parent)
    , m_url(url)
{
    for (QTimer *timer : {&m_reconnectTimer, &m_handshakeTimer, &m_pongTimer}) {
        timer->setSingleShot(true);
    }
    m_reconnectTimer.setTimerType(Qt::PreciseTimer);
    m_pingTimer.setInterval(m_pingInterval);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &WebSocketClient::connectNow);
    connect(&m_handshakeTimer, &QTimer::timeout, this, &WebSocketClient::onHandshakeTimeout);
    connect(&m_pingTimer, &QTimer::timeout, this, &WebSocketClient::onPingTimer);
    connect(&m_pongTimer, &QTimer::timeout, this, &WebSocketClient::onPongTimeout);
}

WebSocketClient::~WebSocketClient()
{
    if (m_closingSocket) {
        m_closingSocket->abort();
    }
    dropSocket();
}

void WebSocketClient::setPingInterval(int milliseconds)
{
    m_pingInterval = std::max(0, milliseconds);
    m_pingTimer.setInterval(m_pingInterval);
    if (m_pingInterval == 0) {
        m_pingTimer.stop();
        m_pongTimer.stop();
    } else if (m_state == State::Open) {
        m_pingTimer.start();
    }
}

int WebSocketClient::pendingReconnectDelay() const
{
    return m_reconnectTimer.isActive() ? m_reconnectTimer.interval() : -1;
}

qint64 WebSocketClient::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

QUrl WebSocketClient::normalizedUrl() const
{
    // Qt 6.4 sends "GET ?x=1" for ws://host?x=1; the request line needs a path.
    QUrl url = m_url;
    if (url.path().isEmpty()) {
        url.setPath(QStringLiteral("/"));
    }
    return url;
}

void WebSocketClient::open()
{
    if (m_state != State::Closed) {
        return;
    }
    m_closeRequested = false;
    m_backoff.reset();
    m_error = Error::NoError;
    m_errorString.clear();
    connectNow();
}

void WebSocketClient::reconnectNow()
{
    if (m_reconnectTimer.isActive()) {
        qCInfo(lcWs) << "reconnecting now instead of waiting out the backoff";
        connectNow();
    }
}

void WebSocketClient::connectNow()
{
    m_reconnectTimer.stop();
    dropSocket();
    if (m_closingSocket) {
        m_closingSocket->abort(); // never two sockets, not even a closing one
    }
    m_handshakeDone = false;
    m_handshakeResponse = {};
    m_httpStatus = 0;
    m_closeCode = 0;
    m_closeReason.clear();
    m_subprotocol.clear();
    setState(State::Connecting);

    m_socket = new WebSocketConnection(this);
#if QT_CONFIG(ssl)
    connect(m_socket, &WebSocketConnection::sslErrors, this, [this](const QList<QSslError> &errors) {
        const auto verdict = TlsPolicy::review(m_tlsPolicy ? &*m_tlsPolicy : nullptr, errors, hostForMessages(m_url));
        if (verdict.ignore) {
            m_socket->ignoreSslErrors(errors);
            return;
        }
        connectionLost(Error::TlsError, verdict.problem, Retry::Never);
    });
#endif
    connect(m_socket, &WebSocketConnection::opened, this, &WebSocketClient::onConnected);
    connect(m_socket, &WebSocketConnection::finished, this, &WebSocketClient::onDisconnected);
    m_socket->setTextHandler([this](QByteArrayView utf8) { onTextMessage(utf8); });
    connect(m_socket, &WebSocketConnection::binaryMessageReceived, this, &WebSocketClient::binaryMessageReceived);
    // Any bytes prove the peer alive, also those of a large message still trickling in: it must not be taken for a
    // dead connection because its pong has to wait behind it.
    connect(m_socket, &WebSocketConnection::bytesArrived, this, &WebSocketClient::noteTraffic);
    connect(m_socket, &WebSocketConnection::bytesWritten, this, &WebSocketClient::bytesWritten);

    ws::HandshakeRequest request;
    request.url = normalizedUrl();
    request.headers = m_headers;
    request.subprotocols = m_subprotocols;
    request.offerDeflate = m_perMessageDeflate;
    WebSocketConnection::Options options;
    options.maxMessageSize = m_maxMessageSize;
    options.proxy = m_proxy;
#if QT_CONFIG(ssl)
    options.sslConfiguration = m_sslConfiguration;
#endif
    if (m_handshakeTimeout > 0) {
        m_handshakeTimer.start(m_handshakeTimeout);
    }
    m_socket->open(request, options);
}

void WebSocketClient::onConnected()
{
#if QT_CONFIG(ssl)
    if (m_tlsPolicy && m_url.scheme() == QLatin1String("wss")) {
        const QString problem = m_tlsPolicy->checkPeer(m_socket->peerCertificate(), hostForMessages(m_url));
        if (!problem.isEmpty()) {
            connectionLost(Error::TlsError, problem, Retry::Never);
            return;
        }
    }
#endif
    m_handshakeTimer.stop();
    m_handshakeDone = true;
    m_subprotocol = m_socket->subprotocol();
    m_handshakeResponse = m_socket->handshakeResponse();
    m_openSince.start();
    setState(State::Open);
    if (m_pingInterval > 0) {
        m_pingTimer.start();
    }
    qCInfo(lcWs).noquote() << "open" << m_url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)
                           << (m_subprotocol.isEmpty() ? QString() : QStringLiteral("(%1)").arg(m_subprotocol));
    m_connectProblem = ConnectProblem::None;
    Q_EMIT opened();
    flushQueue();
}

void WebSocketClient::failedToConnect()
{
    switch (m_socket->failure()) {
    case WebSocketConnection::Failure::HandshakeRefused:
        m_handshakeResponse = m_socket->handshakeResponse();
        describeRefusedHandshake();
        return;
    case WebSocketConnection::Failure::HandshakeInvalid:
        connectionLost(Error::HandshakeRefused,
                       QStringLiteral("the WebSocket handshake with %1 failed: %2")
                           .arg(hostForMessages(m_url), m_socket->errorString()),
                       Retry::Never);
        return;
    default:
        break;
    }
    switch (m_socket->connectError()) {
    case QAbstractSocket::HostNotFoundError:
        m_connectProblem = ConnectProblem::HostNotFound;
        break;
    case QAbstractSocket::SslHandshakeFailedError:
        m_connectProblem = ConnectProblem::TlsHandshake;
        break;
    case QAbstractSocket::RemoteHostClosedError:
        m_connectProblem = ConnectProblem::ClosedBeforeAnswer;
        break;
    default:
        m_connectProblem = ConnectProblem::Other;
        break;
    }
    const QString reason = m_socket->errorString();
    QString message =
        QStringLiteral("could not connect to %1: %2")
            .arg(hostForMessages(m_url),
                 reason.isEmpty() ? QStringLiteral("the connection closed during the handshake") : reason);
    const http::TlsAlertAdvice alert = http::tlsAlertAdvice(reason, hasClientCertificate());
    if (alert.certain) {
        connectionLost(Error::TlsError, message + QStringLiteral(": ") + alert.advice, Retry::Never);
        return;
    }
    if (!alert.advice.isEmpty()) {
        message += QStringLiteral("; ") + alert.advice;
    }
    connectionLost(Error::NetworkError, message);
}

bool WebSocketClient::hasClientCertificate() const
{
#if QT_CONFIG(ssl)
    return m_sslConfiguration && !m_sslConfiguration->localCertificate().isNull();
#else
    return false;
#endif
}

void WebSocketClient::describeRefusedHandshake()
{
    m_httpStatus = m_handshakeResponse.status;
    const QByteArray phrase = m_handshakeResponse.reason;
    const QString status = QStringLiteral("HTTP %1%2")
                               .arg(m_httpStatus)
                               .arg(phrase.isEmpty() ? QString() : QLatin1Char(' ') + QString::fromUtf8(phrase));
    const QString refused = QStringLiteral("the server refused the WebSocket handshake with %1").arg(status);
    const QString said = http::refusalText(m_socket->refusalBody(), m_handshakeResponse.header("Content-Type"));
    const bool certificateGiven = hasClientCertificate();
    const auto refusal = [&](const QString &advice) {
        return QStringLiteral("the server refused the WebSocket handshake with ") +
               http::describeRefusal(m_httpStatus, phrase, said, certificateGiven, advice);
    };
    if (!http::clientCertificateAdvice(m_httpStatus, said, certificateGiven).isEmpty()) {
        connectionLost(Error::HandshakeRefused, refusal({}), Retry::Never);
    } else if (m_httpStatus == 401 || m_httpStatus == 403) {
        connectionLost(Error::Unauthorized,
                       refusal(QStringLiteral("check the feed's credentials (token, password or headers)")),
                       Retry::Never);
    } else if (m_httpStatus >= 300 && m_httpStatus < 400) {
        reportRedirect(refused);
    } else if (m_httpStatus >= 500) {
        connectionLost(Error::HandshakeRefused, refusal(QStringLiteral("the server failed")));
    } else if (m_httpStatus == 200) {
        connectionLost(Error::HandshakeRefused,
                       refusal(QStringLiteral("this URL serves plain HTTP, not a WebSocket endpoint")), Retry::Never);
    } else if (m_httpStatus == 408 || m_httpStatus == 429) {
        connectionLost(Error::HandshakeRefused, refusal(QStringLiteral("the server asks to wait")), Retry::AtCap);
    } else {
        connectionLost(Error::HandshakeRefused, refusal(QStringLiteral("check the feed URL")), Retry::Never);
    }
}

void WebSocketClient::reportRedirect(const QString &refused)
{
    // Following is not safe to do blindly (a redirect may point from wss to ws): report where it moved.
    const QByteArray location = m_handshakeResponse.header("Location");
    if (location.isEmpty()) {
        connectionLost(Error::HandshakeRefused,
                       refused + QStringLiteral(": the endpoint has moved; update the feed URL"), Retry::Never);
        return;
    }
    const bool secure = m_url.scheme() == QLatin1String("wss");
    QUrl target = normalizedUrl().resolved(QUrl::fromEncoded(location));
    const bool targetSecure = target.scheme() == QLatin1String("https") || target.scheme() == QLatin1String("wss");
    if (target.scheme() == QLatin1String("https") || target.scheme() == QLatin1String("http")) {
        target.setScheme(targetSecure ? QStringLiteral("wss") : QStringLiteral("ws"));
    }
    QString advice =
        QStringLiteral(": redirected to %1; update the feed URL").arg(target.toDisplayString(QUrl::RemoveUserInfo));
    if (secure && !targetSecure) {
        advice += QStringLiteral(" (the new address is not encrypted)");
    }
    connectionLost(Error::HandshakeRefused, refused + advice, Retry::Never);
}

void WebSocketClient::onHandshakeTimeout()
{
    connectionLost(Error::HandshakeTimeout,
                   QStringLiteral("%1 accepted the connection but did not answer the WebSocket handshake within %2 s")
                       .arg(hostForMessages(m_url))
                       .arg(m_handshakeTimeout / 1000.0));
}

void WebSocketClient::onDisconnected()
{
    if (!m_socket) {
        return;
    }
    if (!m_handshakeDone) {
        failedToConnect();
        return;
    }
    const auto failure = m_socket->failure();
    if (failure == WebSocketConnection::Failure::MessageTooLarge) {
        m_closeCode = m_socket->failureCloseCode();
        connectionLost(Error::MessageTooLarge,
                       QStringLiteral("a message from %1 was larger than %2 bytes, so the connection was dropped; "
                                      "raise the feed's message size limit if it really sends messages this large")
                           .arg(hostForMessages(m_url))
                           .arg(m_maxMessageSize));
        return;
    }
    if (failure == WebSocketConnection::Failure::NotReading) {
        m_closeCode = ws::kCloseAbnormal;
        connectionLost(Error::NetworkError,
                       QStringLiteral("%1: %2").arg(hostForMessages(m_url), m_socket->errorString()));
        return;
    }
    if (failure == WebSocketConnection::Failure::Protocol) {
        m_closeCode = m_socket->failureCloseCode();
        connectionLost(Error::NetworkError, QStringLiteral("the connection to %1 was closed with %2 because %3")
                                                .arg(hostForMessages(m_url))
                                                .arg(m_closeCode)
                                                .arg(m_socket->errorString()));
        return;
    }
    if (!m_socket->closeFrameReceived()) {
        // RFC 6455 calls a close without a close frame 1006.
        m_closeCode = ws::kCloseAbnormal;
        m_closeReason.clear();
        connectionLost(Error::NetworkError, QStringLiteral("the connection to %1 broke without a close frame (%2)")
                                                .arg(hostForMessages(m_url), m_socket->errorString()));
        return;
    }
    const int code = m_socket->closeCode();
    const QString reason = m_socket->closeReason();
    m_closeCode = code;
    m_closeReason = reason;
    const QString detail = QStringLiteral("%1 %2%3").arg(code).arg(
        closeCodeName(code), reason.isEmpty() ? QString() : QStringLiteral(": ") + reason);
    const QString closed = QStringLiteral("%1 closed the connection (%2)").arg(hostForMessages(m_url), detail);
    const QString refusal = m_refusalCheck ? m_refusalCheck(code, reason) : defaultRefusal(code);
    if (!refusal.isEmpty()) {
        // Said once, not retried: the same credentials or request would be refused again.
        connectionLost(Error::Unauthorized, closed + QStringLiteral(": ") + refusal, Retry::Never);
        return;
    }
    connectionLost(Error::ClosedByServer, closed, isDeliberateRefusal(code) ? Retry::AtCap : Retry::WithBackoff);
}

QString WebSocketClient::defaultRefusal(int code)
{
    if (code == 4401 || code == 4403) {
        return QStringLiteral("the server does not accept these credentials; check the feed's token, password or "
                              "headers");
    }
    return {};
}

void WebSocketClient::onTextMessage(QByteArrayView utf8)
{
    if (m_textHandler) {
        m_textHandler(utf8);
        if (!m_socket) {
            return; // the handler closed the connection
        }
    }
    // Only when somebody listens: the conversion is a good part of a small message's cost.
    if (m_textReceivers > 0 && m_socket) {
        Q_EMIT textMessageReceived(QString::fromUtf8(utf8));
    }
}

void WebSocketClient::connectNotify(const QMetaMethod &signal)
{
    if (signal == QMetaMethod::fromSignal(&WebSocketClient::textMessageReceived)) {
        ++m_textReceivers;
    }
}

void WebSocketClient::disconnectNotify(const QMetaMethod &signal)
{
    // An invalid method: disconnect() of everything from this object.
    if (!signal.isValid()) {
        m_textReceivers = receivers(SIGNAL(textMessageReceived(QString)));
    } else if (signal == QMetaMethod::fromSignal(&WebSocketClient::textMessageReceived)) {
        --m_textReceivers;
    }
}

void WebSocketClient::failConnection(const QString &message, bool retry)
{
    if (m_state == State::Closed) {
        return;
    }
    // The application protocol gave up (a refused token, a broken packet), not the WebSocket: leave with a close
    // frame, as a polite client does, instead of dropping the connection. The connection gives up on a server
    // that never answers it by itself.
    if (m_socket && m_socket->state() == WebSocketConnection::State::Open) {
        m_handshakeTimer.stop();
        m_pingTimer.stop();
        m_pongTimer.stop();
        WebSocketConnection *socket = std::exchange(m_socket, nullptr);
        disconnect(socket, nullptr, this, nullptr);
        connect(socket, &WebSocketConnection::finished, socket, &QObject::deleteLater);
        socket->close(ws::kCloseNormal);
    }
    connectionLost(Error::ProtocolError, message, retry ? Retry::WithBackoff : Retry::Never);
}

void WebSocketClient::onPingTimer()
{
    if (!m_socket || m_pongTimer.isActive()) {
        return;
    }
    m_socket->ping(QByteArray::number(++m_pingCounter));
    m_pongTimer.start(m_pongTimeout);
}

void WebSocketClient::onPongTimeout()
{
    connectionLost(Error::PongTimeout,
                   QStringLiteral("no answer from %1 to a ping within %2 s: the connection looked dead")
                       .arg(hostForMessages(m_url))
                       .arg(m_pongTimeout / 1000.0));
}

void WebSocketClient::noteTraffic()
{
    if (m_pongTimer.isActive()) {
        m_pongTimer.stop();
    }
}

void WebSocketClient::connectionLost(Error error, const QString &message, Retry retry)
{
    const bool wasStable = m_handshakeDone && m_openSince.isValid() && m_openSince.elapsed() >= m_stableAfter;
    dropSocket();
    m_error = error;
    m_errorString = message;
    Q_EMIT errorOccurred(error, message);
    if (!m_reconnectEnabled || retry == Retry::Never) {
        setState(State::Closed);
        return;
    }
    if (wasStable) {
        m_backoff.reset();
    }
    const int delay = retry == Retry::AtCap ? m_backoff.capDelay() : m_backoff.nextDelay();
    setState(State::Connecting);
    // The network's coming back only matters to a reconnect that waits: the backend (D-Bus, gio) is loaded then,
    // not at start, where it was a quarter of `herald listen`'s start-up.
    if (!m_watchingNetwork) {
        m_watchingNetwork = true;
        connect(NetworkMonitor::instance(), &NetworkMonitor::networkBack, this, &WebSocketClient::reconnectNow);
    }
    m_reconnectTimer.start(delay);
    qCInfo(lcWs).noquote() << message << QStringLiteral("- reconnecting in %1 ms").arg(delay);
    Q_EMIT reconnectScheduled(delay, message);
}

void WebSocketClient::dropSocket()
{
    m_handshakeTimer.stop();
    m_pingTimer.stop();
    m_pongTimer.stop();
    m_openSince.invalidate();
    if (!m_socket) {
        return;
    }
    WebSocketConnection *socket = std::exchange(m_socket, nullptr);
    disconnect(socket, nullptr, this, nullptr);
    socket->abort();
    socket->deleteLater();
}

void WebSocketClient::close()
{
    m_reconnectTimer.stop();
    m_closeRequested = true;
    if (m_socket && m_state == State::Open) {
        m_handshakeTimer.stop();
        m_pingTimer.stop();
        m_pongTimer.stop();
        WebSocketConnection *socket = std::exchange(m_socket, nullptr);
        disconnect(socket, nullptr, this, nullptr);
        m_closingSocket = socket;
        // The connection gives up on a server that never finishes the closing handshake by itself.
        connect(socket, &WebSocketConnection::finished, this, [this, socket] {
            socket->deleteLater();
            Q_EMIT closed();
        });
        socket->close(ws::kCloseNormal);
    } else {
        dropSocket();
        QMetaObject::invokeMethod(this, &WebSocketClient::closed, Qt::QueuedConnection);
    }
    setState(State::Closed);
}

WebSocketClient::SendResult WebSocketClient::sendText(const QString &message)
{
    return send(message);
}

WebSocketClient::SendResult WebSocketClient::sendBinary(const QByteArray &message)
{
    return send(message);
}

WebSocketClient::SendResult WebSocketClient::send(Outgoing message)
{
    if (m_state == State::Open && m_socket && m_queue.empty()) {
        if (const auto *text = std::get_if<QString>(&message)) {
            m_socket->sendText(*text);
        } else {
            m_socket->sendBinary(std::get<QByteArray>(message));
        }
        return SendResult::Sent;
    }
    if (int(m_queue.size()) >= m_maxQueued) {
        m_errorString = QStringLiteral("the message was not sent: %1 messages are already waiting for the connection "
                                       "to %2")
                            .arg(m_queue.size())
                            .arg(hostForMessages(m_url));
        return SendResult::QueueFull;
    }
    m_queue.push_back(std::move(message));
    return SendResult::Queued;
}

void WebSocketClient::flushQueue()
{
    while (!m_queue.empty() && m_socket && m_state == State::Open) {
        Outgoing message = std::move(m_queue.front());
        m_queue.pop_front();
        if (const auto *text = std::get_if<QString>(&message)) {
            m_socket->sendText(*text);
        } else {
            m_socket->sendBinary(std::get<QByteArray>(message));
        }
    }
}

void WebSocketClient::setState(State state)
{
    if (m_state == state) {
        return;
    }
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace herald

#include "moc_WebSocketClient.cpp"
