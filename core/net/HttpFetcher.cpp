#include "HttpFetcher.h"

#include "net/PerThread.h"
#include "net/UrlText.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace herald {

namespace {

QNetworkAccessManager *sharedManager()
{
    return perThread<QNetworkAccessManager>([] { return new QNetworkAccessManager; });
}

QString describeStatus(int status, const QUrl &url)
{
    QString advice;
    if (status == 401 || status == 403) {
        advice = QStringLiteral("the server refused the credentials; check the feed's token or password");
    } else if (status == 404 || status == 410) {
        advice = QStringLiteral("nothing is served at %1; check the URL").arg(url.toDisplayString(QUrl::RemoveQuery));
    } else if (status >= 500) {
        advice = QStringLiteral("the server failed; Herald keeps asking");
    } else {
        advice = QStringLiteral("Herald expected 200 OK");
    }
    return QStringLiteral("HTTP %1 from %2: %3").arg(status).arg(hostForMessages(url), advice);
}

} // namespace

HttpFetcher::HttpFetcher(QObject *parent)
    : QObject(parent)
{}

HttpFetcher::~HttpFetcher()
{
    abortAll();
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
            reply->abort();
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
    QNetworkRequest request(url);
    for (const auto &[name, value] : std::as_const(m_headers)) {
        request.setRawHeader(name, value);
    }
    for (const auto &[name, value] : extraHeaders) {
        request.setRawHeader(name, value);
    }
    if (!body.isEmpty() && !request.hasRawHeader("Content-Type")) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/plain; charset=utf-8"));
    }
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setTransferTimeout(m_timeout);
#if QT_CONFIG(ssl)
    if (m_tlsPolicy) {
        request.setSslConfiguration(m_tlsPolicy->configuration());
    }
#endif
    QNetworkReply *reply =
        method == "GET" ? manager()->get(request) : manager()->sendCustomRequest(request, method, body);
    m_replies.append(reply);
    struct Attempt
    {
        QString tlsProblem;
        bool tooLarge = false;
    };
    auto attempt = std::make_shared<Attempt>();
#if QT_CONFIG(ssl)
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply, attempt](const QList<QSslError> &errors) {
        const auto verdict =
            TlsPolicy::review(m_tlsPolicy ? &*m_tlsPolicy : nullptr, errors, hostForMessages(reply->url()));
        if (verdict.ignore) {
            reply->ignoreSslErrors(errors);
            return;
        }
        attempt->tlsProblem = verdict.problem;
    });
#endif
    connect(reply, &QNetworkReply::downloadProgress, this, [reply, attempt](qint64 received, qint64) {
        if (received > kMaxBodySize && !attempt->tooLarge) {
            attempt->tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, url, attempt, callback = std::move(callback)] {
        m_replies.removeAll(reply);
        reply->deleteLater();
        Result result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        result.contentType = reply->rawHeader("Content-Type");
        result.etag = reply->rawHeader("ETag");
        result.lastModified = reply->rawHeader("Last-Modified");
        if (attempt->tooLarge) {
            result.error = QStringLiteral("the answer from %1 is larger than %2 MiB; Herald does not read it")
                               .arg(hostForMessages(url))
                               .arg(kMaxBodySize / (1024 * 1024));
        } else if (!attempt->tlsProblem.isEmpty()) {
            result.error = attempt->tlsProblem;
            result.permanent = true;
        } else if (result.status == 0) {
            result.error = QStringLiteral("could not reach %1: %2").arg(hostForMessages(url), reply->errorString());
        } else if (result.status == 304) {
            // not modified: no body, no error
        } else if (result.status < 200 || result.status >= 300) {
            result.error = describeStatus(result.status, url);
            result.body = reply->readAll(); // what the server says about it
            result.permanent =
                result.status == 401 || result.status == 403 || result.status == 404 || result.status == 410;
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
