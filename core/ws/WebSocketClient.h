#pragma once

#include "net/Backoff.h"
#include "net/ConnectProblem.h"
#include "net/TlsPolicy.h"
#include "ws/WebSocketHandshake.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QNetworkProxy>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QtNetwork/qtnetworkglobal.h>
#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#endif

#include <deque>
#include <functional>
#include <optional>
#include <variant>

namespace herald {

class WebSocketConnection;

// A WebSocket connection that stays up: Herald's own frame layer (WebSocketConnection) plus what a desktop client
// needs.
// Reconnects after unexpected closes with jittered exponential backoff (3 s first, capped), keeps the link alive
// with pings and a pong deadline, queues outgoing messages while disconnected (bounded), bounds incoming messages,
// times out silent handshakes, aborts refused ones at once and classifies them, and never has two sockets open.
class WebSocketClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketClient)

public:
    enum class State { Connecting, Open, Closed };
    Q_ENUM(State)

    enum class Error {
        NoError,
        NetworkError,     // could not connect or the connection broke (1006): reconnects with backoff
        HandshakeTimeout, // no handshake answer in time: reconnects with backoff
        HandshakeRefused, // the server answered the upgrade with another status: see httpStatus()
        Unauthorized,     // 401/403 on the handshake: backs off to the cap
        ClosedByServer,   // a close frame from the server: see closeCode()
        PongTimeout,      // no pong within the deadline: the peer is gone, reconnects
        MessageTooLarge,  // an incoming message over maxMessageSize(): reconnects
        TlsError,         // certificate problems: backs off to the cap
        ProtocolError,    // the application protocol on the socket failed (see failConnection())
    };
    Q_ENUM(Error)

    enum class SendResult { Sent, Queued, QueueFull };

    static constexpr int kDefaultPingInterval = 30000;
    static constexpr int kDefaultPongTimeout = 10000;
    static constexpr int kDefaultHandshakeTimeout = 10000;
    static constexpr int kDefaultStableAfter = 30000;
    static constexpr int kDefaultMaxQueuedMessages = 1000;
    static constexpr qint64 kDefaultMaxMessageSize = 16 * 1024 * 1024;

    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit WebSocketClient(QObject *parent = nullptr);
    explicit WebSocketClient(const QUrl &url, QObject *parent = nullptr);
    ~WebSocketClient() override;

    QUrl url() const { return m_url; }
    void setUrl(const QUrl &url) { m_url = url; }
    void setHeaders(const Headers &headers) { m_headers = headers; }
    void addHeader(const QByteArray &name, const QByteArray &value) { m_headers.append({name, value}); }
    void setSubprotocols(const QStringList &protocols) { m_subprotocols = protocols; }
    // The subprotocol the server chose; empty when none.
    QString subprotocol() const { return m_subprotocol; }
    // permessage-deflate is offered unless turned off; the server decides whether it is used.
    void setPerMessageDeflate(bool offer) { m_perMessageDeflate = offer; }
    bool perMessageDeflate() const { return m_perMessageDeflate; }
    // Called for every text message with the UTF-8 that came (checked), before the signals: for a receiver that
    // takes every message of a fast stream, a direct call is a good part cheaper than a signal.
    using TextHandler = std::function<void(QByteArrayView utf8)>;
    void setTextHandler(TextHandler handler) { m_textHandler = std::move(handler); }
    // Which close codes refuse the client for good (wrong credentials, a request the server will never take): the
    // check returns what to tell the person, or nothing to retry as usual. An application protocol knows its codes;
    // without a check, 4401 and 4403 (HTTP's 401 and 403, as custom servers use them) are refusals.
    using RefusalCheck = std::function<QString(int code, const QString &reason)>;
    void setRefusalCheck(RefusalCheck check) { m_refusalCheck = std::move(check); }
    static QString defaultRefusal(int code);
    // The server's answer to the last handshake, whether it accepted (101) or refused: status and every header.
    const ws::HandshakeResponse &handshakeResponse() const { return m_handshakeResponse; }

    Backoff &backoff() { return m_backoff; }
    bool reconnectEnabled() const { return m_reconnectEnabled; }
    void setReconnectEnabled(bool enabled) { m_reconnectEnabled = enabled; }
    // A connection open at least this long counts as healthy: the backoff starts over when it ends.
    void setStableAfter(int milliseconds) { m_stableAfter = milliseconds; }

    // A ping every interval; no pong (or other data) within the timeout means the peer is gone. 0 turns pings off.
    void setPingInterval(int milliseconds);
    int pingInterval() const { return m_pingInterval; }
    void setPongTimeout(int milliseconds) { m_pongTimeout = milliseconds; }
    int pongTimeout() const { return m_pongTimeout; }
    void setHandshakeTimeout(int milliseconds) { m_handshakeTimeout = milliseconds; }
    int handshakeTimeout() const { return m_handshakeTimeout; }

    void setMaxMessageSize(qint64 bytes) { m_maxMessageSize = bytes; }
    qint64 maxMessageSize() const { return m_maxMessageSize; }
    void setMaxQueuedMessages(int count) { m_maxQueued = count; }
    int queuedMessages() const { return int(m_queue.size()); }

#if QT_CONFIG(ssl)
    void setSslConfiguration(const QSslConfiguration &configuration)
    {
        m_sslConfiguration = configuration;
    }
    // The configuration plus a certificate pin or an explicit "accept invalid certificates".
    void setTlsPolicy(const TlsPolicy &policy)
    {
        m_tlsPolicy = policy;
        m_sslConfiguration = policy.configuration();
    }
#endif
    // The system's proxy by default.
    void setProxy(const QNetworkProxy &proxy)
    {
        m_proxy = proxy;
    }

    State state() const
    {
        return m_state;
    }
    Error error() const
    {
        return m_error;
    }
    QString errorString() const
    {
        return m_errorString;
    }
    // Why the last attempt failed before the handshake was answered; None once a connection opened.
    ConnectProblem connectProblem() const
    {
        return m_connectProblem;
    }
    int httpStatus() const
    {
        return m_httpStatus;
    } // of a refused handshake
    int closeCode() const
    {
        return m_closeCode;
    } // of the last close frame from the server, or 1006
    QString closeReason() const
    {
        return m_closeReason;
    }
    int pendingReconnectDelay() const;
    // Milliseconds left before that reconnect; -1 when none is pending.
    int reconnectRemaining() const
    {
        return m_reconnectTimer.isActive() ? m_reconnectTimer.remainingTime() : -1;
    }
    // Bytes handed to the socket but not yet written.
    qint64 bytesToWrite() const;
    // Nothing waits: no message is queued for the connection and the socket has written everything.
    bool allSent() const
    {
        return m_queue.empty() && bytesToWrite() == 0;
    }

    // Sent now when open; otherwise kept in order until the connection is back, unless the queue is full.
    SendResult sendText(const QString &message);
    SendResult sendBinary(const QByteArray &message);

    // For an application protocol on the socket (Socket.IO, …): the peer broke it or refused us. Drops the
    // connection with that message; reconnects with the backoff when retry, else stays closed.
    void failConnection(const QString &message, bool retry);

public Q_SLOTS:
    void open();
    // A normal close (1000): no reconnect follows.
    void close();
    // Skips a pending backoff wait, e.g. when the network has come back.
    void reconnectNow();

Q_SIGNALS:
    void stateChanged(herald::WebSocketClient::State state);
    void opened();
    void textMessageReceived(const QString &message);
    void binaryMessageReceived(const QByteArray &message);
    void reconnectScheduled(int delayMs, const QString &reason);
    void errorOccurred(herald::WebSocketClient::Error error, const QString &message);
    void bytesWritten(qint64 bytes);
    void closed(); // after close(), once the closing handshake is done (or abandoned)

private:
    using Outgoing = std::variant<QString, QByteArray>;

    void connectNow();
    void onConnected();
    void onDisconnected();
    void onTextMessage(QByteArrayView utf8);
    void connectNotify(const QMetaMethod &signal) override;
    void disconnectNotify(const QMetaMethod &signal) override;
    void onHandshakeTimeout();
    void onPingTimer();
    void onPongTimeout();
    void noteTraffic();
    // How a lost connection is tried again: with the backoff, at its cap (the server asked for restraint), or not
    // at all (what was refused will be refused again: a wrong URL, refused credentials, an untrusted certificate).
    enum class Retry { WithBackoff, AtCap, Never };
    void connectionLost(Error error, const QString &message, Retry retry = Retry::WithBackoff);
    void failForGood(Error error, const QString &message);
    void failedToConnect();
    void reportRedirect(const QString &refused);
    void describeRefusedHandshake();
    bool hasClientCertificate() const;
    void dropSocket();
    void flushQueue();
    SendResult send(Outgoing message);
    void setState(State state);
    QUrl normalizedUrl() const;

    QUrl m_url;
    Headers m_headers;
    QStringList m_subprotocols;
    QString m_subprotocol;
    bool m_perMessageDeflate = true;
    ws::HandshakeResponse m_handshakeResponse;
    Backoff m_backoff;
    bool m_reconnectEnabled = true;
    bool m_watchingNetwork = false;
    int m_stableAfter = kDefaultStableAfter;
    int m_pingInterval = kDefaultPingInterval;
    int m_pongTimeout = kDefaultPongTimeout;
    int m_handshakeTimeout = kDefaultHandshakeTimeout;
    qint64 m_maxMessageSize = kDefaultMaxMessageSize;
    int m_maxQueued = kDefaultMaxQueuedMessages;
#if QT_CONFIG(ssl)
    std::optional<QSslConfiguration> m_sslConfiguration;
    std::optional<TlsPolicy> m_tlsPolicy;
#endif
    std::optional<QNetworkProxy> m_proxy;

    WebSocketConnection *m_socket = nullptr;
    TextHandler m_textHandler;
    int m_textReceivers = 0;
    QPointer<WebSocketConnection> m_closingSocket;
    bool m_handshakeDone = false;
    bool m_closeRequested = false;
    std::deque<Outgoing> m_queue;
    QTimer m_reconnectTimer;
    QTimer m_handshakeTimer;
    QTimer m_pingTimer;
    QTimer m_pongTimer;
    QElapsedTimer m_openSince;
    quint32 m_pingCounter = 0;

    State m_state = State::Closed;
    Error m_error = Error::NoError;
    QString m_errorString;
    ConnectProblem m_connectProblem = ConnectProblem::None;
    RefusalCheck m_refusalCheck;
    int m_httpStatus = 0;
    int m_closeCode = 0;
    QString m_closeReason;
};

} // namespace herald
