#pragma once

#include <QObject>

namespace herald {

// Tells long-lived connections when the operating system says the network is back, so that they reconnect at once
// instead of waiting out their backoff. Works without any backend too: it then never says anything.
class NetworkMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkMonitor)

public:
    // The monitor of the calling thread, created on first use.
    static NetworkMonitor *instance();

Q_SIGNALS:
    void networkBack();

private:
    NetworkMonitor();

    bool m_wasOnline = true;
};

} // namespace herald
