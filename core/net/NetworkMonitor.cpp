#include "NetworkMonitor.h"

#include "net/PerThread.h"

#include <QLoggingCategory>
#include <QNetworkInformation>

Q_LOGGING_CATEGORY(lcNet, "herald.net", QtInfoMsg)

namespace herald {

NetworkMonitor *NetworkMonitor::instance()
{
    return perThread<NetworkMonitor>([] { return new NetworkMonitor; });
}

NetworkMonitor::NetworkMonitor()
{
    // On Linux the default backend needs NetworkManager on the system bus; glib's works without it.
    const bool loaded =
        QNetworkInformation::loadDefaultBackend() || QNetworkInformation::loadBackendByName(QStringLiteral("glib"));
    QNetworkInformation *information = QNetworkInformation::instance();
    if (!loaded || !information) {
        qCDebug(lcNet) << "no network information backend: reconnects wait for their backoff";
        return;
    }
    m_wasOnline = information->reachability() == QNetworkInformation::Reachability::Online ||
                  information->reachability() == QNetworkInformation::Reachability::Unknown;
    connect(information, &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability reachability) {
                const bool online = reachability == QNetworkInformation::Reachability::Online;
                if (online && !m_wasOnline) {
                    qCInfo(lcNet) << "network is back: reconnecting now";
                    Q_EMIT networkBack();
                }
                m_wasOnline = online;
            });
}

} // namespace herald

#include "moc_NetworkMonitor.cpp"
