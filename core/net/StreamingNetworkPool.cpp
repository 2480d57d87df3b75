#include "StreamingNetworkPool.h"

#include "net/PerThread.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>

#include <algorithm>

Q_LOGGING_CATEGORY(lcPool, "herald.net.pool", QtWarningMsg)

namespace herald {

StreamingNetworkPool::StreamingNetworkPool(QObject *parent)
    : QObject(parent)
{}

StreamingNetworkPool::~StreamingNetworkPool() = default;

StreamingNetworkPool *StreamingNetworkPool::forCurrentThread()
{
    return perThread<StreamingNetworkPool>([] { return new StreamingNetworkPool; });
}

QString StreamingNetworkPool::hostKey(const QUrl &url)
{
    const bool tls = url.scheme() == QLatin1String("https");
    return url.scheme() + QLatin1String("://") + url.host().toLower() + QLatin1Char(':') +
           QString::number(url.port(tls ? 443 : 80));
}

int StreamingNetworkPool::capacityFor(const QString &key) const
{
    return m_http2Hosts.value(key) ? kStreamsPerHttp2Connection : kStreamsPerHttp1Host;
}

QNetworkAccessManager *StreamingNetworkPool::acquire(const QUrl &url, bool expectHttp2)
{
    const QString key = hostKey(url);
    const int capacity = expectHttp2 ? kStreamsPerHttp2Connection : capacityFor(key);
    auto it = std::find_if(m_managers.begin(), m_managers.end(),
                           [&](const Slot &slot) { return slot.streamsPerHost.value(key) < capacity; });
    if (it == m_managers.end()) {
        Slot slot;
        slot.manager = new QNetworkAccessManager(this);
        // Streams must not be served from or stored in a cache, and redirects are decided per request.
        slot.manager->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
        m_managers.push_back(std::move(slot));
        it = std::prev(m_managers.end());
        qCDebug(lcPool) << "opened manager" << m_managers.size() << "for" << key;
    }
    ++it->streamsPerHost[key];
    ++it->total;
    return it->manager;
}

StreamingNetworkPool::Slot *StreamingNetworkPool::slotFor(QNetworkAccessManager *manager)
{
    auto it =
        std::find_if(m_managers.begin(), m_managers.end(), [&](const Slot &slot) { return slot.manager == manager; });
    return it == m_managers.end() ? nullptr : &*it;
}

void StreamingNetworkPool::release(QNetworkAccessManager *manager, const QUrl &url)
{
    Slot *slot = slotFor(manager);
    if (!slot) {
        return;
    }
    const QString key = hostKey(url);
    auto count = slot->streamsPerHost.find(key);
    if (count != slot->streamsPerHost.end() && --count.value() <= 0) {
        slot->streamsPerHost.erase(count);
    }
    --slot->total;
    // Extra managers each hold a thread and idle connections: let them go once empty. The first one stays.
    if (slot->total <= 0 && slot != &m_managers.front()) {
        slot->manager->deleteLater();
        m_managers.erase(m_managers.begin() + (slot - m_managers.data()));
    }
}

void StreamingNetworkPool::noteProtocol(const QUrl &url, bool http2)
{
    const QString key = hostKey(url);
    m_http2Hosts.insert(key, http2);
    releaseWaiting(key);
}

bool StreamingNetworkPool::admit(const QUrl &url, QObject *context, std::function<void()> ready)
{
    if (url.scheme() != QLatin1String("https")) {
        return true; // plain http: HTTP/1.1, or h2c by prior knowledge, known before the first byte
    }
    const QString key = hostKey(url);
    if (m_http2Hosts.contains(key)) {
        return true;
    }
    const auto probing = m_probing.find(key);
    if (probing == m_probing.end()) {
        m_probing.insert(key, {});
        return true;
    }
    probing->push_back({context, std::move(ready)});
    return false;
}

void StreamingNetworkPool::probeEnded(const QUrl &url)
{
    releaseWaiting(hostKey(url));
}

void StreamingNetworkPool::releaseWaiting(const QString &key)
{
    const auto probing = m_probing.find(key);
    if (probing == m_probing.end()) {
        return;
    }
    std::vector<Waiting> waiting = std::move(*probing);
    m_probing.erase(probing);
    for (Waiting &one : waiting) {
        if (one.context) {
            one.ready(); // may admit itself as the next first stream, and queue the rest behind it again
        }
    }
}

int StreamingNetworkPool::activeStreams() const
{
    int total = 0;
    for (const Slot &slot : m_managers) {
        total += slot.total;
    }
    return total;
}

} // namespace herald

#include "moc_StreamingNetworkPool.cpp"
