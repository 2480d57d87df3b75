#pragma once

#include "net/HttpFetcher.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

namespace herald {

// The AJAX way of following a server: GET the URL every interval and hand over each new body. Conditional
// requests (ETag, Last-Modified) keep an unchanged resource from being handed over again; deduplicating the items
// inside a body is the caller's job.
class HttpPoller final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpPoller)

public:
    explicit HttpPoller(const QUrl &url, QObject *parent = nullptr);

    HttpFetcher &fetcher() { return m_fetcher; }
    void setInterval(int milliseconds) { m_timer.setInterval(std::max(1, milliseconds)); }
    int interval() const { return m_timer.interval(); }
    bool isActive() const { return m_active; }

public Q_SLOTS:
    void start();
    void stop();
    // Polls at once, e.g. when the network has come back.
    void pollNow();

Q_SIGNALS:
    void opened(); // the first answer that worked, and again after failures
    void bodyReceived(const QByteArray &body, const QByteArray &contentType);
    void errorOccurred(const QString &message); // polling goes on
    void failed(const QString &message);        // polling stopped: asking again will not help

private:
    void onResult(const HttpFetcher::Result &result);

    QUrl m_url;
    HttpFetcher m_fetcher;
    QTimer m_timer;
    QByteArray m_etag;
    QByteArray m_lastModified;
    bool m_active = false;
    bool m_inFlight = false;
    bool m_healthy = false;
};

} // namespace herald
