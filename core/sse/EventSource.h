#pragma once

#include "SseEvent.h"
#include "SseParser.h"
#include "net/Backoff.h"
#include "net/ConnectProblem.h"
#include "net/StreamingNetworkPool.h"
#include "net/TlsPolicy.h"
#include "util/LineSplitter.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QNetworkProxy>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QtNetwork/qtnetworkglobal.h>
#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#endif
#include <QTimer>
#include <QUrl>

#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace herald {

// An EventSource as the WHATWG HTML standard defines it, for a desktop client: it streams over
// QNetworkAccessManager, reconnects after network errors and ends of stream (3 s by default, `retry:` changes it),
// resumes with Last-Event-ID, and fails for good on a non-200 status, a wrong Content-Type or 204. Beyond the
// browser: an optional idle timeout for dead connections, a bound on an event's size, and a backoff when attempts
// keep failing.
class EventSource final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventSource)

public:
    enum class State { Connecting, Open, Closed };
    Q_ENUM(State)

    enum class Error {
        NoError,
        NetworkError,     // could not connect, or the connection broke: reconnects
        StreamEnded,      // the server closed the response: reconnects
        IdleTimeout,      // no bytes for idleTimeout(): reconnects
        EventTooLarge,    // one event outgrew maxEventSize(): reconnects
        HttpStatus,       // non-200 answer: fails for good
        NoContent,        // 204, the server's way to say stop: fails for good
        WrongContentType, // not text/event-stream: fails for good
        RedirectError,    // too many redirects, or one to a less safe scheme: fails for good
        TlsError,         // the server's certificate is not trusted or not the pinned one: fails for good
    };
    Q_ENUM(Error)

    // How the response body is cut into events. JsonLines serves servers that stream one JSON document per line
    // (ntfy's /json, many log tails): each non-blank line is one "message" event, and any Content-Type but HTML
    // is accepted.
    enum class Framing { EventStream, JsonLines };
    Q_ENUM(Framing)

    static constexpr int kDefaultReconnectionTime = 3000;
    static constexpr int kDefaultMaxReconnectDelay = 60000;

    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit EventSource(QObject *parent = nullptr);
    explicit EventSource(const QUrl &url, QObject *parent = nullptr);
    ~EventSource() override;

    QUrl url() const { return m_url; }
    void setUrl(const QUrl &url) { m_url = url; }

    // Extra request headers (authorisation and the like); the protocol's own headers are always sent.
    Headers headers() const { return m_headers; }
    void setHeaders(const Headers &headers) { m_headers = headers; }
    void addHeader(const QByteArray &name, const QByteArray &value) { m_headers.append({name, value}); }

    // The request: GET by default; streams behind a POST with a body (LLM streaming APIs, MCP) are opened the same
    // way on every reconnect, Last-Event-ID included. A body without a Content-Type header is sent as
    // application/json when it is JSON, else as a form (as curl -d does).
    QByteArray method() const { return m_method; }
    void setMethod(const QByteArray &method) { m_method = method.toUpper(); }
    // Whether text can be a request method (an HTTP token: GET, POST, a server's own verb), in any case.
    static bool isMethod(const QString &text);
    QByteArray body() const { return m_body; }
    void setBody(const QByteArray &body) { m_body = body; }

    QString lastEventId() const { return m_parser.lastEventId(); }
    void setLastEventId(const QString &id) { m_parser.setLastEventId(id); }

    Framing framing() const { return m_framing; }
    void setFraming(Framing framing) { m_framing = framing; }

    // Servers that resume from a query parameter rather than Last-Event-ID (ntfy's since=): each attempt carries
    // name=<last event id> once an id is known. Empty (the default): none.
    void setResumeQueryParameter(const QString &name) { m_resumeQueryParameter = name; }

    // Delay before a reconnect; the stream's `retry:` field changes it.
    int reconnectionTime() const { return m_backoff.initialDelay(); }
    void setReconnectionTime(int milliseconds) { m_backoff.setInitialDelay(milliseconds); }

    // No reconnect comes sooner than this, whatever retry: says (a feed's own delay); 0 by default.
    int minReconnectDelay() const { return m_backoff.minDelay(); }
    void setMinReconnectDelay(int milliseconds) { m_backoff.setMinDelay(milliseconds); }

    // Consecutive attempts that delivered no event double the delay up to this cap, which always holds; an event
    // resets it.
    int maxReconnectDelay() const { return m_backoff.maxDelay(); }
    void setMaxReconnectDelay(int milliseconds) { m_backoff.setMaxDelay(milliseconds); }

    bool reconnectEnabled() const { return m_reconnectEnabled; }
    void setReconnectEnabled(bool enabled) { m_reconnectEnabled = enabled; }

    // Drops the connection and reconnects when no byte arrives for this long; 0 (the default) never does.
    int idleTimeout() const { return m_idleTimeout; }
    void setIdleTimeout(int milliseconds);

    qsizetype maxEventSize() const { return m_parser.maxEventSize(); }
    void setMaxEventSize(qsizetype bytes) { m_parser.setMaxEventSize(bytes); }

    // For a receiver that writes every event of a fast stream out as UTF-8 (herald listen): events go to this
    // handler instead of eventReceived, as UTF-8 (SseUtf8Event), and are never decoded to UTF-16. An empty handler
    // brings eventReceived back.
    using Utf8EventHandler = SseParser::Utf8EventHandler;
    void setUtf8EventHandler(Utf8EventHandler handler);

    // Speak HTTP/2 without TLS (prior knowledge, "h2c") to servers known to support it. Over TLS, HTTP/2 is
    // negotiated by ALPN whenever the server offers it.
    bool http2Cleartext() const { return m_http2Cleartext; }
    void setHttp2Cleartext(bool enabled) { m_http2Cleartext = enabled; }

#if QT_CONFIG(ssl)
    // TLS settings (trusted CAs, client certificate, protocols) for https:// URLs; the system's by default.
    void setSslConfiguration(const QSslConfiguration &configuration)
    {
        m_sslConfiguration = configuration;
    }
    // The configuration plus a certificate pin or an explicit "accept invalid certificates".
    void setTlsPolicy(const TlsPolicy &policy);
#endif

    // A proxy for this stream alone (it then gets a network manager of its own); the system's by default.
    void setProxy(const QNetworkProxy &proxy)
    {
        m_proxy = proxy;
    }

    // Where managers come from; by default the pool of the current thread.
    void setNetworkPool(StreamingNetworkPool *pool)
    {
        m_pool = pool;
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
    // Why the last attempt failed before the server answered; None once a stream opened.
    ConnectProblem connectProblem() const
    {
        return m_connectProblem;
    }
    int httpStatus() const
    {
        return m_httpStatus;
    }
    bool usedHttp2() const
    {
        return m_usedHttp2;
    }
    // Delay of the reconnect now pending, in milliseconds; -1 when none is.
    int pendingReconnectDelay() const;
    // Milliseconds left before that reconnect; -1 when none is pending.
    int reconnectRemaining() const
    {
        return m_reconnectTimer.isActive() ? m_reconnectTimer.remainingTime() : -1;
    }

public Q_SLOTS:
    void open();
    void close();
    // Skips a pending reconnect wait, e.g. when the network has come back.
    void reconnectNow();

Q_SIGNALS:
    void stateChanged(herald::EventSource::State state);
    void opened(int httpStatus);
    void eventReceived(const herald::SseEvent &event);
    void reconnectionTimeChanged(int milliseconds);
    // A recoverable failure: a new attempt follows after delayMs.
    void reconnectScheduled(int delayMs, const QString &reason);
    // Every failure, recoverable or not; after an unrecoverable one the state is Closed.
    void errorOccurred(herald::EventSource::Error error, const QString &message);

private:
    void connectNow();
    void sendRequest();
    bool followRedirect(int status);
    QString sendableLastEventId() const;
    void onMetaDataChanged();
    void onReadyRead();
    void onFinished();
    void onIdleTimeout();
    void readRefusalBody();
    bool hasClientCertificate() const;
    void finishRefusal();
    bool acceptResponse();
    bool acceptContentType(const QByteArray &contentType);
    QNetworkAccessManager *acquireManager(const QUrl &url, bool cleartextHttp2);
    void failForGood(Error error, const QString &message);
    void connectionLost(Error error, const QString &message);
    void dropReply();
    void setState(State state);

    QUrl m_url;
    Headers m_headers;
    // The request under way: the feed's URL, or where redirects have led from it.
    struct Hop
    {
        QUrl url;
        QByteArray method;
        QByteArray body;
        bool withCredentials = true; // false once a redirect has left the feed's origin
        int redirects = 0;
    };
    Hop m_hop;
    QByteArray m_method = QByteArrayLiteral("GET");
    QByteArray m_body;
    SseParser m_parser;
    Backoff m_backoff; // the reconnection time is its initial delay; no jitter, as retry: is the server's minimum
    int m_idleTimeout = 0;
    bool m_reconnectEnabled = true;
    bool m_watchingNetwork = false;
    bool m_http2Cleartext = false;
#if QT_CONFIG(ssl)
    std::optional<QSslConfiguration> m_sslConfiguration;
    std::optional<TlsPolicy> m_tlsPolicy;
    QString m_tlsProblem; // the certificate errors of the attempt under way
#endif
    std::optional<QNetworkProxy> m_proxy;
    std::unique_ptr<QNetworkAccessManager> m_ownManager; // only with a proxy of its own
    Framing m_framing = Framing::EventStream;
    LineSplitter m_lines;
    Utf8EventHandler m_utf8EventHandler;
    static constexpr qint64 kReadChunk = 256 * 1024;
    QByteArray m_readBuffer;
    QString m_resumeQueryParameter;

    QPointer<StreamingNetworkPool> m_pool;
    QNetworkAccessManager *m_manager = nullptr;
    QPointer<QNetworkReply> m_reply; // a QPointer: the manager may go first, at exit, and take it along
    bool m_responseAccepted = false;
    QTimer m_reconnectTimer;
    QTimer m_idleTimer;
    QTimer m_refusalTimer;
    bool m_refusing = false; // an error status came: its body is read, then the error told
    QByteArray m_refusalBody;
    QElapsedTimer m_reconnectClock;

    State m_state = State::Closed;
    Error m_error = Error::NoError;
    QString m_errorString;
    ConnectProblem m_connectProblem = ConnectProblem::None;
    int m_httpStatus = 0;
    bool m_usedHttp2 = false;
};

} // namespace herald
