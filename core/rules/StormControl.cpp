#include "StormControl.h"

namespace herald {

bool StormControl::withinRateLimit(const QDateTime &now)
{
    const QDateTime minuteAgo = now.addSecs(-60);
    while (!m_shown.empty() && m_shown.front() <= minuteAgo) {
        m_shown.pop_front();
    }
    return m_maxPerMinute <= 0 || int(m_shown.size()) < m_maxPerMinute;
}

QList<Notification> StormControl::submit(const Message &message, const QDateTime &now)
{
    auto held = m_held.find(message.feed);
    if (held == m_held.end()) {
        if (withinRateLimit(now)) {
            // Quiet so far: show it, and hold what follows within the window.
            m_shown.push_back(now);
            if (m_windowMs > 0) {
                m_held.insert(message.feed, Held{now.addMSecs(m_windowMs), 0, {}, 1});
            }
            return {message};
        }
        // Over the rate limit: wait until the oldest notification of the minute leaves it.
        held = m_held.insert(message.feed, Held{m_shown.front().addSecs(60), 0, {}, 1});
    }
    ++held->count;
    held->latest = message;
    held->priority = std::max(held->priority, message.priority);
    return {};
}

Notification StormControl::release(const QString &feed, const Held &held)
{
    if (held.count == 1) {
        return held.latest;
    }
    return Summary{feed, held.count, held.latest, held.priority};
}

QList<Notification> StormControl::due(const QDateTime &now)
{
    QList<Notification> out;
    for (auto it = m_held.begin(); it != m_held.end();) {
        if (it->windowEnd > now) {
            ++it;
            continue;
        }
        if (it->count == 0) {
            it = m_held.erase(it); // the window passed quietly
            continue;
        }
        if (!withinRateLimit(now)) {
            it->windowEnd = m_shown.front().addSecs(60); // when the oldest leaves the minute, there is room
            ++it;
            continue;
        }
        out.append(release(it.key(), *it));
        m_shown.push_back(now);
        // What arrives next starts a new window from here.
        *it = Held{now.addMSecs(m_windowMs), 0, {}, 1};
        ++it;
    }
    return out;
}

QDateTime StormControl::nextDeadline() const
{
    QDateTime next;
    for (const Held &held : m_held) {
        if (!next.isValid() || held.windowEnd < next) {
            next = held.windowEnd;
        }
    }
    return next;
}

} // namespace herald
