#pragma once

#include "net/TlsPolicy.h"

#include <QByteArray>
#include <QList>
#include <QNetworkProxy>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace herald {

// One-shot GETs with a feed's headers, TLS policy and proxy: what polling and catching up after a reconnect need.
// Requests end, so they share one network manager per thread (a proxy of their own gets them their own).
class HttpFetcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpFetcher)

public:
    struct Result
    {
        int status = 0; // 0: no HTTP answer
        QString reason; // the status line's phrase
        QByteArray body;
        QByteArray contentType;
        QByteArray etag;
        QByteArray lastModified;
        QString error;          // empty on a 2xx or 304 answer
        bool permanent = false; // the error will not go away by asking again (401, 403, 404, 410, TLS trust)
    };
    using Callback = std::function<void(const Result &)>;
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    static constexpr qsizetype kMaxBodySize = 16 * 1024 * 1024;

    explicit HttpFetcher(QObject *parent = nullptr);
    ~HttpFetcher() override;

    void setHeaders(const Headers &headers) { m_headers = headers; }
#if QT_CONFIG(ssl)
    void setTlsPolicy(const TlsPolicy &policy)
    {
        m_tlsPolicy = policy;
    }
#endif
    void setProxy(const QNetworkProxy &proxy);
    void setTimeout(int milliseconds)
    {
        m_timeout = milliseconds;
    }
    // A larger answer is dropped as it arrives, with an error; kMaxBodySize unless set.
    void setMaxBodySize(qsizetype bytes)
    {
        m_maxBodySize = bytes;
    }

    // extraHeaders go after the fetcher's own (conditional GETs). The callback never runs after the fetcher is
    // gone; a new get() does not cancel one under way.
    void get(const QUrl &url, Callback callback, const Headers &extraHeaders = {});
    // Publishing (a chat line to ntfy's topic URL) and a notification's HTTP action.
    void send(const QByteArray &method, const QUrl &url, const QByteArray &body, Callback callback,
              const Headers &extraHeaders = {});
    void abortAll();

private:
    bool hasClientCertificate() const;
    // One request of a chain that redirects may lengthen.
    struct Attempt
    {
        QByteArray method;
        QUrl url;
        QByteArray body;
        Headers extraHeaders;
        bool withCredentials = true; // false once a redirect has left the first URL's origin
        int redirects = 0;
        QString tlsProblem;
        bool tooLarge = false;
    };
    void start(Attempt attempt, Callback callback);
    QNetworkAccessManager *manager();

    Headers m_headers;
#if QT_CONFIG(ssl)
    std::optional<TlsPolicy> m_tlsPolicy;
#endif
    std::unique_ptr<QNetworkAccessManager> m_ownManager;
    qsizetype m_maxBodySize = kMaxBodySize;
    int m_timeout = 30000;
    QList<QPointer<QNetworkReply>> m_replies;
};

} // namespace herald
