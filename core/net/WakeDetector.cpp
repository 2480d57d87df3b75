#include "WakeDetector.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLoggingCategory>

#include <memory>

Q_LOGGING_CATEGORY(lcWake, "herald.wake", QtInfoMsg)

namespace herald {

WakeDetector::WakeDetector(QObject *parent)
    : WakeDetector([] { return QDateTime::currentMSecsSinceEpoch(); },
                   [clock = std::make_shared<QElapsedTimer>()] {
                       if (!clock->isValid()) {
                           clock->start();
                       }
                       return clock->elapsed();
                   },
                   parent)
{}

WakeDetector::WakeDetector(Clock wallClock, Clock monotonicClock, QObject *parent)
    : QObject(parent)
    , m_wallClock(std::move(wallClock))
    , m_monotonicClock(std::move(monotonicClock))
{
    m_timer.setInterval(kCheckInterval);
    connect(&m_timer, &QTimer::timeout, this, &WakeDetector::check);
    m_lastWall = m_wallClock();
    m_lastMonotonic = m_monotonicClock();
}

void WakeDetector::start()
{
    m_lastWall = m_wallClock();
    m_lastMonotonic = m_monotonicClock();
    m_timer.start();
}

void WakeDetector::check()
{
    const qint64 wall = m_wallClock();
    const qint64 monotonic = m_monotonicClock();
    const qint64 gap = (wall - m_lastWall) - (monotonic - m_lastMonotonic);
    m_lastWall = wall;
    m_lastMonotonic = monotonic;
    // A clock set back (or NTP stepping it) gives a negative gap: not a sleep.
    if (gap >= kMinimumSleep) {
        qCInfo(lcWake).noquote() << QStringLiteral("the machine was asleep for about %1 s").arg(gap / 1000);
        Q_EMIT wokeUp(gap);
    }
}

} // namespace herald

#include "moc_WakeDetector.cpp"
