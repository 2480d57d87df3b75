#include "HttpFetcher.h"

#include "net/HttpFields.h"
#include "net/HttpRefusal.h"
#include "net/PerThread.h"
#include "net/UrlText.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace herald {

namespace {

constexpr int kMaxRedirects = 20;

QNetworkAccessManager *sharedManager()
{
    return perThread<QNetworkAccessManager>([] { return new QNetworkAccessManager; });
}

QString adviceForStatus(int status, const QUrl &url)
{
    if (status == 401 || status == 403) {
        return QStringLiteral("the server refused the credentials; check the feed's token or password");
    }
    if (status == 404 || status == 410) {
        return QStringLiteral("nothing is served at %1; check the URL").arg(url.toDisplayString(QUrl::RemoveQuery));
    }
    if (status >= 500) {
        return QStringLiteral("the server failed; Herald keeps asking");
    }
    return QStringLiteral("Herald expected 200 OK");
}

} // namespace

HttpFetcher::HttpFetcher(QObject *parent)
    : QObject(parent)
{}

HttpFetcher::~HttpFetcher()
{
    abortAll();
}

bool HttpFetcher::hasClientCertificate() const
{
#if QT_CONFIG(ssl)
    return m_tlsPolicy && !m_tlsPolicy->configuration().localCertificate().isNull();
#else
    return false;
#endif
}

void HttpFetcher::setProxy(const QNetworkProxy &proxy)
{
    m_ownManager = std::make_unique<QNetworkAccessManager>();
    m_ownManager->setProxy(proxy);
}

QNetworkAccessManager *HttpFetcher::manager()
{
    return m_ownManager ? m_ownManager.get() : sharedManager();
}

void HttpFetcher::abortAll()
{
    for (const QPointer<QNetworkReply> &reply : std::exchange(m_replies, {})) {
        if (reply) {
            disconnect(reply, nullptr, this, nullptr);
            if (reply->error() == QNetworkReply::NoError) { // aborting one that failed reports a second error
                reply->abort();
            }
            reply->deleteLater();
        }
    }
}

void HttpFetcher::get(const QUrl &url, Callback callback, const Headers &extraHeaders)
{
    send("GET", url, {}, std::move(callback), extraHeaders);
}

void HttpFetcher::send(const QByteArray &method, const QUrl &url, const QByteArray &body, Callback callback,
                       const Headers &extraHeaders)
{
    Attempt attempt;
    attempt.method = method;
    attempt.url = url;
    attempt.body = body;
    attempt.extraHeaders = extraHeaders;
    start(std::move(attempt), std::move(callback));
}

void HttpFetcher::start(Attempt attempt, Callback callback)
{
    const QUrl url = attempt.url;
    QNetworkRequest request(url);
    for (const Headers *headers : {&m_headers, &attempt.extraHeaders}) {
        for (const auto &[name, value] : http::sendableHeaders(*headers)) {
            if (attempt.withCredentials || !http::isCredentialField(name)) {
                request.setRawHeader(name, value);
            }
        }
    }
    if (!attempt.body.isEmpty() && !request.hasRawHeader("Content-Type")) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/plain; charset=utf-8"));
    }
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    // Redirects are followed in onFinished: Qt would carry Authorization and cookies to any host.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_timeout);
#if QT_CONFIG(ssl)
    if (m_tlsPolicy) {
        request.setSslConfiguration(m_tlsPolicy->configuration());
    }
#endif
    QNetworkReply *reply = attempt.method == "GET"
                               ? manager()->get(request)
                               : manager()->sendCustomRequest(request, attempt.method, attempt.body);
    m_replies.append(reply);
    auto state = std::make_shared<Attempt>(std::move(attempt));
#if QT_CONFIG(ssl)
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply, state](const QList<QSslError> &errors) {
        const auto verdict =
            TlsPolicy::review(m_tlsPolicy ? &*m_tlsPolicy : nullptr, errors, hostForMessages(reply->url()));
        if (verdict.ignore) {
            reply->ignoreSslErrors(errors);
            return;
        }
        state->tlsProblem = verdict.problem;
    });
#endif
    connect(reply, &QNetworkReply::downloadProgress, this, [this, reply, state](qint64 received, qint64) {
        if (received > m_maxBodySize && !state->tooLarge) {
            state->tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, url, state, callback = std::move(callback)] {
        m_replies.removeAll(reply);
        reply->deleteLater();
        Result result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        result.contentType = reply->rawHeader("Content-Type");
        result.etag = reply->rawHeader("ETag");
        result.lastModified = reply->rawHeader("Last-Modified");
        const auto networkError = reply->error();
        if (http::isRedirectStatus(result.status) && state->tlsProblem.isEmpty()) {
            if (state->redirects >= kMaxRedirects) {
                result.error = QStringLiteral("too many redirects (more than %1, the last from %2); use the final URL")
                                   .arg(kMaxRedirects)
                                   .arg(url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
                result.permanent = true;
                callback(result);
                return;
            }
            const http::Redirect redirect =
                http::followRedirect(url, result.status, reply->rawHeader("Location"), state->method);
            if (!redirect.problem.isEmpty()) {
                result.error = redirect.problem;
                result.permanent = true;
                callback(result);
                return;
            }
            Attempt next = *state;
            next.url = redirect.url;
            next.method = redirect.method;
            if (redirect.dropBody) {
                next.body.clear();
            }
            next.withCredentials = state->withCredentials && !redirect.crossesOrigin;
            next.redirects = state->redirects + 1;
            next.tlsProblem.clear();
            start(std::move(next), callback);
            return;
        }
        if (state->tooLarge) {
            result.error = QStringLiteral("the answer from %1 is larger than %2 KiB; Herald does not read it")
                               .arg(hostForMessages(url))
                               .arg(m_maxBodySize / 1024);
        } else if (!state->tlsProblem.isEmpty()) {
            result.error = state->tlsProblem;
            result.permanent = true;
        } else if (result.status == 0) {
            result.error = QStringLiteral("could not reach %1: %2").arg(hostForMessages(url), reply->errorString());
            const http::TlsAlertAdvice alert = http::tlsAlertAdvice(reply->errorString(), hasClientCertificate());
            if (!alert.advice.isEmpty()) {
                result.error += (alert.certain ? QStringLiteral(": ") : QStringLiteral("; ")) + alert.advice;
                result.permanent = alert.certain;
            }
        } else if (result.status == 304) {
            // not modified: no body, no error
        } else if (result.status < 200 || result.status >= 300) {
            result.body = reply->read(m_maxBodySize); // what the server says about it
            const QString said = http::refusalText(result.body, reply->rawHeader("Content-Type"));
            result.error = http::describeRefusal(
                result.status, reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(), said,
                hasClientCertificate(), adviceForStatus(result.status, url), hostForMessages(url));
            // Asking again changes nothing until the feed does: credentials, the address, a client certificate.
            result.permanent = result.status == 401 || result.status == 403 || result.status == 404 ||
                               result.status == 410 ||
                               !http::clientCertificateAdvice(result.status, said, hasClientCertificate()).isEmpty();
        } else if (networkError != QNetworkReply::NoError) {
            // A 2xx whose transfer failed (cut short, a body Qt could not decompress) is no payload.
            result.error = QStringLiteral("the answer from %1 did not arrive whole: %2")
                               .arg(hostForMessages(url), reply->errorString());
        } else {
#if QT_CONFIG(ssl)
            if (m_tlsPolicy && url.scheme() == QLatin1String("https")) {
                result.error =
                    m_tlsPolicy->checkPeer(reply->sslConfiguration().peerCertificate(), hostForMessages(url));
                result.permanent = !result.error.isEmpty();
            }
#endif
            if (result.error.isEmpty()) {
                result.body = reply->readAll();
            }
        }
        callback(result);
    });
}

} // namespace herald

#include "moc_HttpFetcher.cpp"
