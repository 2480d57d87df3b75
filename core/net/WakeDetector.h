#pragma once

#include <QObject>
#include <QTimer>

#include <functional>

namespace herald {

// Notices that the machine slept: a suspended machine stops the monotonic clock but not the wall clock, so a
// check that finds the wall clock far ahead of the monotonic one knows the machine was away. Connections that
// were open before are suspect then (the server may have dropped them long ago), so listeners reconnect.
// Platforms whose monotonic clock runs through sleep (Windows) need a power-event backend beside this.
class WakeDetector final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WakeDetector)

public:
    using Clock = std::function<qint64()>; // milliseconds

    static constexpr int kCheckInterval = 10000;
    static constexpr int kMinimumSleep = 20000; // a gap shorter than this is scheduling noise, not a sleep

    explicit WakeDetector(QObject *parent = nullptr);
    // For tests: clocks that the test moves.
    WakeDetector(Clock wallClock, Clock monotonicClock, QObject *parent = nullptr);

    void start();
    // Compares the clocks now; the timer calls it every kCheckInterval.
    void check();

Q_SIGNALS:
    void wokeUp(qint64 sleptMs);

private:
    Clock m_wallClock;
    Clock m_monotonicClock;
    qint64 m_lastWall = 0;
    qint64 m_lastMonotonic = 0;
    QTimer m_timer;
};

} // namespace herald
