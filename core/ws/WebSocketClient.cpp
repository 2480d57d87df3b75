#include "WebSocketClient.h"

#include "net/NetworkMonitor.h"
#include "net/UrlText.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>
#if QT_CONFIG(ssl)
#include <QSslError>
#endif

Q_LOGGING_CATEGORY(lcWs, "herald.ws", QtInfoMsg)

namespace herald {

namespace {

constexpr int kCloseGraceMs = 3000;

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
    if (m_reconnectEnabled && !m_watchingNetwork) {
        // Only a connection that reconnects needs to hear of the network; loading the backend costs start-up.
        m_watchingNetwork = true;
        connect(NetworkMonitor::instance(), &NetworkMonitor::networkBack, this, &WebSocketClient::reconnectNow);
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
    m_closingHandshakeSeen = false;
    m_brokenAbruptly = false;
    m_httpStatus = 0;
    m_closeCode = 0;
    m_closeReason.clear();
    m_subprotocol.clear();
    setState(State::Connecting);

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingMessageSize(quint64(m_maxMessageSize));
    m_socket->setMaxAllowedIncomingFrameSize(quint64(m_maxMessageSize));
    if (m_proxy) {
        m_socket->setProxy(*m_proxy);
    }
#if QT_CONFIG(ssl)
    if (m_sslConfiguration) {
        m_socket->setSslConfiguration(*m_sslConfiguration);
    }
    connect(m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        const auto verdict = TlsPolicy::review(m_tlsPolicy ? &*m_tlsPolicy : nullptr, errors, hostForMessages(m_url));
        if (verdict.ignore) {
            m_socket->ignoreSslErrors(errors);
            return;
        }
        connectionLost(Error::TlsError, verdict.problem, Retry::Never);
    });
#endif
    connect(m_socket, &QWebSocket::connected, this, &WebSocketClient::onConnected);
    connect(m_socket, &QWebSocket::stateChanged, this, [this](QAbstractSocket::SocketState state) {
        if (state == QAbstractSocket::ClosingState) {
            m_closingHandshakeSeen = true;
        }
    });
    connect(m_socket, &QWebSocket::disconnected, this, &WebSocketClient::onDisconnected);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(m_socket, &QWebSocket::errorOccurred, this, &WebSocketClient::onSocketError);
#else
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &WebSocketClient::onSocketError);
#endif
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &message) {
        noteTraffic();
        Q_EMIT textMessageReceived(message);
    });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &message) {
        noteTraffic();
        Q_EMIT binaryMessageReceived(message);
    });
    // A frame of a long message is proof of life too, before the message is complete.
    connect(m_socket, &QWebSocket::textFrameReceived, this, &WebSocketClient::noteTraffic);
    connect(m_socket, &QWebSocket::binaryFrameReceived, this, &WebSocketClient::noteTraffic);
    connect(m_socket, &QWebSocket::pong, this, &WebSocketClient::noteTraffic);
    connect(m_socket, &QWebSocket::bytesWritten, this, &WebSocketClient::bytesWritten);

    QNetworkRequest request(normalizedUrl());
    for (const auto &[name, value] : std::as_const(m_headers)) {
        request.setRawHeader(name, value);
    }
    QWebSocketHandshakeOptions options;
    options.setSubprotocols(m_subprotocols);
    if (m_handshakeTimeout > 0) {
        m_handshakeTimer.start(m_handshakeTimeout);
    }
    m_socket->open(request, options);
    // Bytes arriving inside a frame that is still incomplete prove the peer alive too: a large message trickling in
    // must not be taken for a dead connection because its pong has to wait behind it. QWebSocket reports nothing
    // below whole frames, but its TCP socket is its child (6.4; should that change, whole frames still count).
    if (auto *transport = m_socket->findChild<QAbstractSocket *>()) {
        connect(transport, &QAbstractSocket::readyRead, this, &WebSocketClient::noteTraffic);
    }
}

void WebSocketClient::onConnected()
{
#if QT_CONFIG(ssl)
    if (m_tlsPolicy && m_url.scheme() == QLatin1String("wss")) {
        const QString problem =
            m_tlsPolicy->checkPeer(m_socket->sslConfiguration().peerCertificate(), hostForMessages(m_url));
        if (!problem.isEmpty()) {
            connectionLost(Error::TlsError, problem, Retry::Never);
            return;
        }
    }
#endif
    m_handshakeTimer.stop();
    m_handshakeDone = true;
    m_subprotocol = m_socket->subprotocol();
    m_openSince.start();
    setState(State::Open);
    if (m_pingInterval > 0) {
        m_pingTimer.start();
    }
    qCInfo(lcWs).noquote() << "open" << m_url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)
                           << (m_subprotocol.isEmpty() ? QString() : QStringLiteral("(%1)").arg(m_subprotocol));
    Q_EMIT opened();
    flushQueue();
}

void WebSocketClient::onSocketError()
{
    if (!m_socket) {
        return;
    }
    if (m_handshakeDone) {
        // Qt 6.4 walks through ClosingState for a dropped connection too, but reports the error first; a close
        // frame comes with no error at all. The disconnected() that follows decides.
        m_brokenAbruptly = !m_closingHandshakeSeen;
        return;
    }
    failedToConnect();
}

void WebSocketClient::failedToConnect()
{
    const QString qtMessage = m_socket->errorString();
    if (qtMessage.contains(QLatin1String("Unhandled http status code"))) {
        describeRefusedHandshake(qtMessage);
        return;
    }
    QString reason = m_socket->error() != QAbstractSocket::UnknownSocketError ? qtMessage : QString();
    if (reason.isEmpty()) {
        // Over TLS, Qt 6.4's QWebSocket reports a refused port or an unknown host as an unknown error; its own
        // sockets (children, in 6.4) know what happened; their signals reach us only after QWebSocket gave up.
        for (const QAbstractSocket *transport : m_socket->findChildren<QAbstractSocket *>()) {
            if (reason.isEmpty() && transport->error() != QAbstractSocket::UnknownSocketError) {
                reason = transport->errorString();
            }
        }
    }
    connectionLost(Error::NetworkError,
                   QStringLiteral("could not connect to %1: %2")
                       .arg(hostForMessages(m_url),
                            reason.isEmpty() ? QStringLiteral("the connection closed during the handshake") : reason));
}

void WebSocketClient::describeRefusedHandshake(const QString &qtMessage)
{
    // Qt 6.4 keeps no status of its own, only this text: "... Unhandled http status code: 401 (Unauthorized)."
    static const QRegularExpression statusPattern(QStringLiteral("status code: (\\d+)(?: \\(([^)]*)\\))?"));
    const auto match = statusPattern.match(qtMessage);
    m_httpStatus = match.hasMatch() ? match.captured(1).toInt() : 0;
    const QString status =
        m_httpStatus ? QStringLiteral("HTTP %1%2")
                           .arg(m_httpStatus)
                           .arg(match.captured(2).isEmpty() ? QString() : QLatin1Char(' ') + match.captured(2))
                     : QStringLiteral("an unexpected HTTP answer");
    const QString refused = QStringLiteral("the server refused the WebSocket handshake with %1").arg(status);
    if (m_httpStatus == 401 || m_httpStatus == 403) {
        connectionLost(Error::Unauthorized,
                       refused + QStringLiteral(": check the feed's credentials (token, password or headers)"),
                       Retry::Never);
    } else if (m_httpStatus >= 300 && m_httpStatus < 400) {
        reportRedirect(refused);
    } else if (m_httpStatus >= 500) {
        connectionLost(Error::HandshakeRefused, refused + QStringLiteral(": the server failed"));
    } else if (m_httpStatus == 200) {
        connectionLost(Error::HandshakeRefused,
                       refused + QStringLiteral(": this URL serves plain HTTP, not a WebSocket endpoint"),
                       Retry::Never);
    } else if (m_httpStatus == 408 || m_httpStatus == 429) {
        connectionLost(Error::HandshakeRefused, refused + QStringLiteral(": the server asks to wait"), Retry::AtCap);
    } else {
        connectionLost(Error::HandshakeRefused, refused + QStringLiteral(": check the feed URL"), Retry::Never);
    }
}

void WebSocketClient::reportRedirect(const QString &refused)
{
    // Following is not safe to do blindly (a redirect may point from wss to ws) and Qt 6.4 hides the Location
    // header from us: ask the same URL over plain HTTP where it moved, report that, and do not follow.
    dropSocket();
    QUrl probeUrl = normalizedUrl();
    const bool secure = probeUrl.scheme() == QLatin1String("wss");
    probeUrl.setScheme(secure ? QStringLiteral("https") : QStringLiteral("http"));
    QNetworkRequest request(probeUrl);
    for (const auto &[name, value] : std::as_const(m_headers)) {
        request.setRawHeader(name, value);
    }
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(5000);
    if (!m_probeManager) {
        m_probeManager = new QNetworkAccessManager(this);
    }
    m_redirectProbe = m_probeManager->head(request);
    connect(m_redirectProbe, &QNetworkReply::finished, this, [this, refused, probeUrl, secure] {
        QNetworkReply *probe = m_redirectProbe;
        m_redirectProbe = nullptr;
        probe->deleteLater();
        const QByteArray location = probe->rawHeader("Location");
        if (location.isEmpty()) {
            connectionLost(Error::HandshakeRefused,
                           refused + QStringLiteral(": the endpoint has moved; update the feed URL"), Retry::Never);
            return;
        }
        QUrl target = probeUrl.resolved(QUrl::fromEncoded(location));
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
    });
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
    if (m_brokenAbruptly) {
        // Qt reports 1000 here; RFC 6455 calls a close without a close frame 1006.
        m_closeCode = QWebSocketProtocol::CloseCodeAbnormalDisconnection;
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
    if (code == QWebSocketProtocol::CloseCodeTooMuchData) {
        connectionLost(Error::MessageTooLarge,
                       QStringLiteral("a message from %1 was larger than %2 bytes, so the connection was dropped; "
                                      "raise the feed's message size limit if it really sends messages this large")
                           .arg(hostForMessages(m_url))
                           .arg(m_maxMessageSize));
    } else if (reason.startsWith(QLatin1String("Invalid close code"))) {
        // Qt 6.4 rejects close codes it does not know, 1012 (service restart) and 1013 (try again later) among
        // them, and answers 1002 itself; the code the server sent is lost. Those two mean: come back later.
        connectionLost(Error::ClosedByServer,
                       QStringLiteral("%1 closed the connection with a close code Qt %2 does not accept (servers send "
                                      "1012 when restarting and 1013 when busy)")
                           .arg(hostForMessages(m_url), QString::fromLatin1(qVersion())));
    } else {
        connectionLost(Error::ClosedByServer,
                       QStringLiteral("%1 closed the connection (%2)").arg(hostForMessages(m_url), detail),
                       isDeliberateRefusal(code) ? Retry::AtCap : Retry::WithBackoff);
    }
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
    m_pongTimer.stop();
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
    m_reconnectTimer.start(delay);
    qCInfo(lcWs).noquote() << message << QStringLiteral("- reconnecting in %1 ms").arg(delay);
    Q_EMIT reconnectScheduled(delay, message);
}

void WebSocketClient::dropSocket()
{
    if (m_redirectProbe) {
        QNetworkReply *probe = m_redirectProbe;
        m_redirectProbe = nullptr;
        disconnect(probe, nullptr, this, nullptr);
        probe->abort();
        probe->deleteLater();
    }
    m_handshakeTimer.stop();
    m_pingTimer.stop();
    m_pongTimer.stop();
    m_openSince.invalidate();
    if (!m_socket) {
        return;
    }
    QWebSocket *socket = std::exchange(m_socket, nullptr);
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
        QWebSocket *socket = std::exchange(m_socket, nullptr);
        disconnect(socket, nullptr, this, nullptr);
        m_closingSocket = socket;
        // Qt 6.4 emits no disconnected() after a close we started; the state says when it is over.
        connect(socket, &QWebSocket::stateChanged, this, [this, socket](QAbstractSocket::SocketState state) {
            if (state == QAbstractSocket::UnconnectedState) {
                socket->deleteLater();
                Q_EMIT closed();
            }
        });
        // Do not wait for ever for the server's half of the closing handshake.
        QTimer::singleShot(kCloseGraceMs, socket, [socket] { socket->abort(); });
        socket->close(QWebSocketProtocol::CloseCodeNormal);
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
            m_socket->sendTextMessage(*text);
        } else {
            m_socket->sendBinaryMessage(std::get<QByteArray>(message));
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
            m_socket->sendTextMessage(*text);
        } else {
            m_socket->sendBinaryMessage(std::get<QByteArray>(message));
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
