#include "EventSource.h"

#include "net/HttpFields.h"
#include "net/HttpRefusal.h"
#include "net/NetworkMonitor.h"
#include "net/StreamingNetworkPool.h"
#include "net/UrlText.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>

#include <algorithm>

Q_LOGGING_CATEGORY(lcSse, "herald.sse", QtInfoMsg)

namespace herald {

namespace {

constexpr int kMaxRedirects = 20; // what Fetch allows
constexpr qint64 kReadBufferSize = 1024 * 1024;
// How long a refusal's body is waited for, to say what the server said: a server that sends an error page slowly,
// or never ends it, does not hold the error back longer.
constexpr int kRefusalBodyWaitMs = 2000;

QString statusText(QNetworkReply *reply, int status)
{
    const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString().trimmed();
    return reason.isEmpty() ? QStringLiteral("HTTP %1").arg(status)
                            : QStringLiteral("HTTP %1 %2").arg(status).arg(reason);
}

QString adviceForStatus(int status)
{
    if (status == 401 || status == 403) {
        return QStringLiteral("the server refused the credentials; check the feed's token or password");
    }
    if (status == 404 || status == 410) {
        return QStringLiteral("the server has no event stream at this URL; check the feed URL");
    }
    if (status >= 500) {
        return QStringLiteral("the server failed; reconnect once it is fixed");
    }
    if (status == 405) {
        // LLM streaming APIs and MCP serve their streams as the answer to a POST.
        return QStringLiteral("the server does not take this method here; a stream served for a POST needs the "
                              "request body (herald listen -d BODY, or the feed's Request body)");
    }
    return QStringLiteral("an event stream must answer 200 OK; check the feed URL and the server");
}

QByteArray mimeType(const QByteArray &contentType)
{
    const qsizetype parameters = contentType.indexOf(';');
    return (parameters < 0 ? contentType : contentType.first(parameters)).trimmed().toLower();
}

QString formatBytes(qsizetype bytes)
{
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
        return QStringLiteral("%1 MiB").arg(bytes / (1024 * 1024));
    }
    return QStringLiteral("%1 bytes").arg(bytes);
}

} // namespace

EventSource::EventSource(QObject *parent)
    : EventSource(QUrl(), parent)
{}

EventSource::EventSource(const QUrl &url, QObject *parent)
    : QObject(parent)
    , m_url(url)
{
    m_backoff.setInitialDelay(kDefaultReconnectionTime);
    m_backoff.setMaxDelay(kDefaultMaxReconnectDelay);
    m_backoff.setJitterFraction(0);
    m_reconnectTimer.setSingleShot(true);
    // A coarse timer may fire 5% early; the server's retry: is a minimum.
    m_reconnectTimer.setTimerType(Qt::PreciseTimer);
    m_idleTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &EventSource::connectNow);
    connect(&m_idleTimer, &QTimer::timeout, this, &EventSource::onIdleTimeout);
    m_refusalTimer.setSingleShot(true);
    connect(&m_refusalTimer, &QTimer::timeout, this, &EventSource::finishRefusal);

    m_parser.setEventHandler([this](const SseEvent &event) {
        // A slot may close the source while the parser is still working through a chunk.
        if (m_state == State::Open) {
            // Only a connection that delivers resets the backoff: one that opens and closes empty, over and over
            // (retry: 0, then a close), backs off like any other failure.
            m_backoff.reset();
            Q_EMIT eventReceived(event);
        }
    });
    m_parser.setRetryHandler([this](int milliseconds) {
        if (milliseconds != m_backoff.initialDelay()) {
            m_backoff.setInitialDelay(milliseconds);
            Q_EMIT reconnectionTimeChanged(milliseconds);
        }
    });
    m_lines.setLineHandler([this](const QString &line) {
        if (m_state == State::Open) {
            m_backoff.reset();
            if (m_utf8EventHandler) {
                const QByteArray data = line.toUtf8();
                const QByteArray id = m_parser.lastEventId().toUtf8();
                m_utf8EventHandler(SseUtf8Event{"message", data, id});
            } else {
                Q_EMIT eventReceived(SseEvent{QStringLiteral("message"), line, m_parser.lastEventId()});
            }
        }
    });
}

void EventSource::setUtf8EventHandler(Utf8EventHandler handler)
{
    m_utf8EventHandler = std::move(handler);
    if (!m_utf8EventHandler) {
        m_parser.setUtf8EventHandler({});
        return;
    }
    m_parser.setUtf8EventHandler([this](const SseUtf8Event &event) {
        if (m_state == State::Open) { // as for eventReceived
            m_backoff.reset();
            m_utf8EventHandler(event);
        }
    });
}

#if QT_CONFIG(ssl)
void EventSource::setTlsPolicy(const TlsPolicy &policy)
{
    m_tlsPolicy = policy;
    m_sslConfiguration = policy.configuration();
}
#endif

bool EventSource::isMethod(const QString &text)
{
    static const QRegularExpression token(QStringLiteral("^[A-Za-z][A-Za-z0-9_-]*$"));
    return token.match(text).hasMatch();
}

EventSource::~EventSource()
{
    dropReply();
}

void EventSource::setIdleTimeout(int milliseconds)
{
    m_idleTimeout = std::max(0, milliseconds);
    if (m_idleTimeout == 0) {
        m_idleTimer.stop();
    } else if (m_reply) {
        m_idleTimer.start(m_idleTimeout);
    }
}

int EventSource::pendingReconnectDelay() const
{
    return m_reconnectTimer.isActive() ? m_reconnectTimer.interval() : -1;
}

void EventSource::open()
{
    if (m_state != State::Closed) {
        return;
    }
    m_backoff.reset();
    m_error = Error::NoError;
    m_errorString.clear();
    connectNow();
}

void EventSource::reconnectNow()
{
    if (m_reconnectTimer.isActive()) {
        connectNow();
    }
}

void EventSource::close()
{
    m_reconnectTimer.stop();
    dropReply();
    setState(State::Closed);
}

void EventSource::connectNow()
{
    m_reconnectTimer.stop();
    dropReply();
    m_parser.startStream();
    m_lines.reset();
    m_lines.setMaxLineSize(m_parser.maxEventSize());
    m_responseAccepted = false;
    m_httpStatus = 0;
    m_usedHttp2 = false;
    setState(State::Connecting);
    if (!m_pool) {
        m_pool = StreamingNetworkPool::forCurrentThread();
    }
    if (!m_proxy && !m_pool->admit(m_url, this, [this] {
            if (m_state == State::Connecting && !m_reply && !m_reconnectTimer.isActive()) {
                connectNow();
            }
        })) {
        return; // another stream to this host learns first whether it speaks HTTP/2
    }

    QUrl url = m_url;
    const QString lastId = sendableLastEventId();
    if (!m_resumeQueryParameter.isEmpty() && !lastId.isEmpty()) {
        url = withQueryItem(url, m_resumeQueryParameter, lastId);
    }
    m_hop = Hop{url, m_method, m_body, true, 0};
    sendRequest();
}

QString EventSource::sendableLastEventId() const
{
    const QString id = m_parser.lastEventId();
    if (http::isFieldValue(id)) {
        return id;
    }
    // Only a resume id set from outside the parser can get here (the parser splits lines on CR and LF).
    qCWarning(lcSse) << "not sending a Last-Event-ID with a line break or NUL in it";
    return {};
}

void EventSource::sendRequest()
{
    const QUrl &url = m_hop.url;
    QNetworkRequest request(url);
    request.setRawHeader("Accept", m_framing == Framing::EventStream
                                       ? QByteArray("text/event-stream")
                                       : QByteArray("application/x-ndjson, application/json;q=0.9, */*;q=0.5"));
    request.setRawHeader("Cache-Control", "no-cache");
    const QString lastId = sendableLastEventId();
    if (!lastId.isEmpty() && m_framing == Framing::EventStream) {
        request.setRawHeader("Last-Event-ID", lastId.toUtf8());
    }
    if (!m_hop.body.isEmpty()) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QJsonDocument::fromJson(m_hop.body).isNull()
                                                                  ? QByteArray("application/x-www-form-urlencoded")
                                                                  : QByteArray("application/json"));
    }
    for (const auto &[name, value] : http::sendableHeaders(m_headers)) {
        if (m_hop.withCredentials || !http::isCredentialField(name)) {
            request.setRawHeader(name, value);
        }
    }
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    // Redirects are followed here, not by Qt: Qt carries every header, Authorization included, to whatever host
    // a redirect names, and waits for ever on one to file: or data:.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    const bool cleartextHttp2 = m_http2Cleartext && url.scheme() == QLatin1String("http");
    if (cleartextHttp2) {
        // Prior knowledge: HTTP/2 from the first byte. (Http2CleartextAllowedAttribute is the HTTP/1.1 Upgrade
        // route, which few servers offer.)
        request.setAttribute(QNetworkRequest::Http2DirectAttribute, true);
    }
#if QT_CONFIG(ssl)
    if (m_sslConfiguration) {
        request.setSslConfiguration(*m_sslConfiguration);
    }
#endif
    request.setTransferTimeout(0);

    m_manager = acquireManager(url, cleartextHttp2);
#if QT_CONFIG(ssl)
    m_tlsProblem.clear();
#endif
    m_reply = m_hop.method == "GET" && m_hop.body.isEmpty()
                  ? m_manager->get(request)
                  : m_manager->sendCustomRequest(request, m_hop.method, m_hop.body);
    // Backpressure: a server that sends faster than events are handled waits in TCP, not in our memory.
    m_reply->setReadBufferSize(kReadBufferSize);
    m_reply->setProperty("heraldPoolUrl", url);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &EventSource::onMetaDataChanged);
    connect(m_reply, &QNetworkReply::readyRead, this, &EventSource::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &EventSource::onFinished);
    // Qt 6.4 reports some failures (a body it cannot decompress, with a read buffer size set) as an error without
    // a finished() after it: the error is where the attempt ends.
    connect(m_reply, &QNetworkReply::errorOccurred, this, [this](QNetworkReply::NetworkError code) {
        if (code != QNetworkReply::OperationCanceledError && m_reply) {
            QMetaObject::invokeMethod(
                this,
                [this, reply = m_reply] {
                    if (reply && reply == m_reply) {
                        onFinished();
                    }
                },
                Qt::QueuedConnection);
        }
    });
#if QT_CONFIG(ssl)
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        const auto verdict =
            TlsPolicy::review(m_tlsPolicy ? &*m_tlsPolicy : nullptr, errors, hostForMessages(m_hop.url));
        if (verdict.ignore) {
            m_reply->ignoreSslErrors(errors);
            return;
        }
        m_tlsProblem = verdict.problem;
    });
#endif
    if (m_idleTimeout > 0) {
        m_idleTimer.start(m_idleTimeout);
    }
    qCDebug(lcSse) << "connecting to" << url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
}

bool EventSource::followRedirect(int status)
{
    if (m_hop.redirects >= kMaxRedirects) {
        failForGood(Error::RedirectError,
                    QStringLiteral("too many redirects (more than %1, the last from %2); point the feed at the final "
                                   "URL")
                        .arg(kMaxRedirects)
                        .arg(m_hop.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)));
        return false;
    }
    const http::Redirect redirect =
        http::followRedirect(m_hop.url, status, m_reply->rawHeader("Location"), m_hop.method);
    if (!redirect.problem.isEmpty()) {
        failForGood(Error::RedirectError, redirect.problem);
        return false;
    }
    if (redirect.crossesOrigin && m_hop.withCredentials) {
        qCInfo(lcSse).noquote() << "redirected to another origin," << hostForMessages(redirect.url)
                                << "- credentials stay behind";
    }
    dropReply();
    m_hop = Hop{redirect.url, redirect.method, redirect.dropBody ? QByteArray() : m_hop.body,
                m_hop.withCredentials && !redirect.crossesOrigin, m_hop.redirects + 1};
    sendRequest();
    return false;
}

void EventSource::onMetaDataChanged()
{
    if (!m_responseAccepted && !m_refusing) {
        acceptResponse();
    }
}

bool EventSource::acceptResponse()
{
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (http::isRedirectStatus(status)) {
        return followRedirect(status);
    }
    m_httpStatus = status;
    if (m_pool && m_manager != m_ownManager.get()) {
        m_pool->noteProtocol(m_hop.url, m_reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool());
    }
    if (status == 204) {
        failForGood(
            Error::NoContent,
            QStringLiteral("%1: the server asked clients to stop reconnecting").arg(statusText(m_reply, status)));
        return false;
    }
    if (status != 200) {
        // The error is told once the body has said why (nginx names a missing client certificate only there).
        m_refusing = true;
        m_refusalTimer.start(kRefusalBodyWaitMs);
        return false;
    }
    if (!acceptContentType(m_reply->rawHeader("Content-Type"))) {
        return false;
    }
#if QT_CONFIG(ssl)
    if (m_tlsPolicy && m_hop.url.scheme() == QLatin1String("https")) {
        const QString problem =
            m_tlsPolicy->checkPeer(m_reply->sslConfiguration().peerCertificate(), hostForMessages(m_hop.url));
        if (!problem.isEmpty()) {
            failForGood(Error::TlsError, problem);
            return false;
        }
    }
#endif

    m_responseAccepted = true;
    m_connectProblem = ConnectProblem::None;
    m_usedHttp2 = m_reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
    setState(State::Open);
    qCInfo(lcSse).noquote() << "open" << m_url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)
                            << (m_usedHttp2 ? "(HTTP/2)" : "");
    Q_EMIT opened(status);
    return true;
}

bool EventSource::acceptContentType(const QByteArray &contentType)
{
    const QByteArray mime = mimeType(contentType);
    const QString got = contentType.isEmpty()
                            ? QStringLiteral("no Content-Type")
                            : QStringLiteral("Content-Type \"%1\"").arg(QString::fromLatin1(contentType.trimmed()));
    if (m_framing == Framing::EventStream && mime != "text/event-stream") {
        failForGood(Error::WrongContentType,
                    QStringLiteral("the server answered with %1, not \"text/event-stream\": this URL is not an "
                                   "event stream")
                        .arg(got));
        return false;
    }
    if (m_framing == Framing::JsonLines && (mime == "text/html" || mime == "text/event-stream")) {
        failForGood(Error::WrongContentType,
                    QStringLiteral("the server answered with %1, not a stream of JSON lines: %2")
                        .arg(got, mime == "text/html" ? QStringLiteral("this URL is a web page")
                                                      : QStringLiteral("use the sse transport for this URL")));
        return false;
    }
    return true;
}

QNetworkAccessManager *EventSource::acquireManager(const QUrl &url, bool cleartextHttp2)
{
    if (m_proxy) {
        // QNetworkAccessManager has one proxy for all its requests: a stream with its own proxy gets its own.
        if (!m_ownManager) {
            m_ownManager = std::make_unique<QNetworkAccessManager>();
            m_ownManager->setProxy(*m_proxy);
        }
        return m_ownManager.get();
    }
    if (!m_pool) {
        m_pool = StreamingNetworkPool::forCurrentThread();
    }
    return m_pool->acquire(url, cleartextHttp2);
}

bool EventSource::hasClientCertificate() const
{
#if QT_CONFIG(ssl)
    return m_sslConfiguration && !m_sslConfiguration->localCertificate().isNull();
#else
    return false;
#endif
}

void EventSource::readRefusalBody()
{
    while (m_refusalBody.size() < http::kMaxRefusalBody && m_reply->bytesAvailable() > 0) {
        m_refusalBody += m_reply->read(http::kMaxRefusalBody - m_refusalBody.size());
    }
    if (m_refusalBody.size() >= http::kMaxRefusalBody) {
        finishRefusal();
    }
}

void EventSource::finishRefusal()
{
    if (!m_refusing || !m_reply) {
        return;
    }
    const QString said = http::refusalText(m_refusalBody, m_reply->rawHeader("Content-Type"));
    const QByteArray reason =
        m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString().trimmed().toUtf8();
    failForGood(Error::HttpStatus, http::describeRefusal(m_httpStatus, reason, said, hasClientCertificate(),
                                                         adviceForStatus(m_httpStatus)));
}

void EventSource::onReadyRead()
{
    if (!m_responseAccepted && !m_refusing) {
        acceptResponse();
    }
    if (m_refusing) {
        readRefusalBody();
        return;
    }
    if (!m_responseAccepted) {
        return;
    }
    if (m_idleTimeout > 0) {
        m_idleTimer.start(m_idleTimeout);
    }
    // One buffer for every read: a fresh one per chunk costs an allocation and its page faults, on a fast stream
    // more than the parsing. The parser keeps nothing that points into it.
    if (m_readBuffer.size() != kReadChunk) {
        m_readBuffer.resize(kReadChunk);
    }
    QNetworkReply *const reply = m_reply;
    while (m_reply == reply) {
        const qint64 got = reply->read(m_readBuffer.data(), kReadChunk);
        if (got <= 0) {
            break;
        }
        const QByteArrayView bytes(m_readBuffer.constData(), got);
        const bool withinLimit = m_framing == Framing::EventStream ? m_parser.feed(bytes) : m_lines.feed(bytes);
        if (!withinLimit && m_state == State::Open) {
            connectionLost(Error::EventTooLarge,
                           QStringLiteral("an event grew beyond %1 without ending, so the connection was dropped; "
                                          "raise the feed's event size limit if it really sends events this large")
                               .arg(formatBytes(m_parser.maxEventSize())));
        }
    }
}

void EventSource::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply) {
        return;
    }
    const auto networkError = reply->error();
    const bool hasHttpAnswer = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid();
    if (!m_responseAccepted && hasHttpAnswer) {
        if (!m_refusing) {
            acceptResponse();
        }
        if (m_refusing) {
            readRefusalBody();
            finishRefusal();
            return;
        }
        if (!m_responseAccepted) {
            return;
        }
        // A complete 200 response that arrived in one piece: parse what it carried before reconnecting.
        const QByteArray body = reply->readAll();
        m_framing == Framing::EventStream ? void(m_parser.feed(body)) : void(m_lines.feed(body));
    }
#if QT_CONFIG(ssl)
    if (!m_responseAccepted && !m_tlsProblem.isEmpty()) {
        failForGood(Error::TlsError, m_tlsProblem);
        return;
    }
#endif
    if (!m_responseAccepted) {
        m_connectProblem = networkError == QNetworkReply::HostNotFoundError         ? ConnectProblem::HostNotFound
                           : networkError == QNetworkReply::SslHandshakeFailedError ? ConnectProblem::TlsHandshake
                           : networkError == QNetworkReply::RemoteHostClosedError && !hasHttpAnswer
                               ? ConnectProblem::ClosedBeforeAnswer
                               : ConnectProblem::Other;
        QString message =
            QStringLiteral("could not connect to %1: %2").arg(hostForMessages(m_hop.url), reply->errorString());
        const http::TlsAlertAdvice alert = http::tlsAlertAdvice(reply->errorString(), hasClientCertificate());
        if (alert.certain) {
            failForGood(Error::TlsError, message + QStringLiteral(": ") + alert.advice);
            return;
        }
        if (!alert.advice.isEmpty()) {
            message += QStringLiteral("; ") + alert.advice;
        }
        if (networkError == QNetworkReply::RemoteHostClosedError && !hasHttpAnswer && !m_http2Cleartext &&
            m_url.scheme() == QLatin1String("http")) {
            // A server that speaks only HTTP/2 without TLS closes an HTTP/1.1 request without a word.
            message += QStringLiteral(" (if the server speaks only HTTP/2 over plain http, use h2c: herald listen "
                                      "--h2c, or herald feeds add --h2c)");
        }
        connectionLost(Error::NetworkError, message);
    } else if (networkError == QNetworkReply::NoError || networkError == QNetworkReply::RemoteHostClosedError) {
        connectionLost(Error::StreamEnded, QStringLiteral("the server ended the stream"));
    } else {
        connectionLost(
            Error::NetworkError,
            QStringLiteral("the connection to %1 broke: %2").arg(hostForMessages(m_hop.url), reply->errorString()));
    }
}

void EventSource::onIdleTimeout()
{
    connectionLost(Error::IdleTimeout,
                   QStringLiteral("no data from %1 for %2 s, so the connection looked dead and was dropped")
                       .arg(hostForMessages(m_url))
                       .arg(m_idleTimeout / 1000.0));
}

void EventSource::failForGood(Error error, const QString &message)
{
    m_reconnectTimer.stop();
    dropReply();
    m_error = error;
    m_errorString = message;
    qCWarning(lcSse).noquote() << "failed:" << message;
    Q_EMIT errorOccurred(error, message);
    setState(State::Closed);
}

void EventSource::connectionLost(Error error, const QString &message)
{
    dropReply();
    m_error = error;
    m_errorString = message;
    Q_EMIT errorOccurred(error, message);
    if (!m_reconnectEnabled) {
        setState(State::Closed);
        return;
    }
    // An attempt that opened reset the backoff: the first retry after it waits the reconnection time exactly.
    const int delayMs = m_backoff.nextDelay();
    setState(State::Connecting);
    // The network's coming back only matters to a reconnect that waits: the backend (D-Bus, gio) is loaded then,
    // not at start, where it was a quarter of `herald listen`'s start-up.
    if (!m_watchingNetwork) {
        m_watchingNetwork = true;
        connect(NetworkMonitor::instance(), &NetworkMonitor::networkBack, this, &EventSource::reconnectNow);
    }
    m_reconnectTimer.start(delayMs);
    qCInfo(lcSse).noquote() << message << QStringLiteral("- reconnecting in %1 ms").arg(delayMs);
    Q_EMIT reconnectScheduled(delayMs, message);
}

void EventSource::dropReply()
{
    m_idleTimer.stop();
    m_refusalTimer.stop();
    m_refusing = false;
    m_refusalBody.clear();
    if (!m_reply) {
        return;
    }
    QNetworkReply *reply = std::exchange(m_reply, nullptr);
    disconnect(reply, nullptr, this, nullptr);
    // Not abort() right here: this may run inside one of the reply's own signals, where aborting makes the
    // network stack report the reply's error twice. Nor on a reply that has already failed but not yet finished
    // (a refused connection after a retry): aborting it reports a second error too.
    QMetaObject::invokeMethod(
        reply,
        [reply] {
            if (reply->isRunning() && reply->error() == QNetworkReply::NoError) {
                reply->abort();
            }
            reply->deleteLater();
        },
        Qt::QueuedConnection);
    if (m_pool && m_manager && m_manager != m_ownManager.get()) {
        m_pool->release(m_manager, reply->property("heraldPoolUrl").toUrl());
        if (m_httpStatus == 0) {
            m_pool->probeEnded(m_url); // no answer: streams waiting to learn this host's protocol go on
        }
    }
    m_manager = nullptr;
    m_responseAccepted = false;
}

void EventSource::setState(State state)
{
    if (m_state == state) {
        return;
    }
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace herald

#include "moc_EventSource.cpp"
