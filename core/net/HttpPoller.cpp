#include "HttpPoller.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcPoll, "herald.poll", QtInfoMsg)

namespace herald {

HttpPoller::HttpPoller(const QUrl &url, QObject *parent)
    : QObject(parent)
    , m_url(url)
{
    m_timer.setInterval(60000);
    connect(&m_timer, &QTimer::timeout, this, &HttpPoller::pollNow);
}

void HttpPoller::start()
{
    m_active = true;
    m_healthy = false;
    m_timer.start();
    pollNow();
}

void HttpPoller::stop()
{
    m_active = false;
    m_timer.stop();
    m_fetcher.abortAll();
    m_inFlight = false;
}

void HttpPoller::pollNow()
{
    if (!m_active || m_inFlight) {
        return; // a slow server gets no second request stacked on the first
    }
    m_inFlight = true;
    HttpFetcher::Headers conditional;
    if (!m_etag.isEmpty()) {
        conditional.append({"If-None-Match", m_etag});
    }
    if (!m_lastModified.isEmpty()) {
        conditional.append({"If-Modified-Since", m_lastModified});
    }
    m_fetcher.get(
        m_url, [this](const HttpFetcher::Result &result) { onResult(result); }, conditional);
}

void HttpPoller::onResult(const HttpFetcher::Result &result)
{
    m_inFlight = false;
    if (!result.error.isEmpty()) {
        m_healthy = false;
        if (result.permanent) {
            stop();
            qCWarning(lcPoll).noquote() << "stopped polling:" << result.error;
            Q_EMIT failed(result.error);
        } else {
            qCInfo(lcPoll).noquote() << result.error;
            Q_EMIT errorOccurred(result.error);
        }
        return;
    }
    if (!m_healthy) {
        m_healthy = true;
        Q_EMIT opened();
    }
    if (result.status == 304) {
        return;
    }
    m_etag = result.etag;
    m_lastModified = result.lastModified;
    Q_EMIT bodyReceived(result.body, result.contentType);
}

} // namespace herald

#include "moc_HttpPoller.cpp"
