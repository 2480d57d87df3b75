#include "StormControl.h"

#include <algorithm>

namespace herald {

namespace {

int milliseconds(const QJsonObject &settings, const char *key, int fallback)
{
    const QJsonValue value = settings.value(QLatin1String(key));
    return value.isDouble() ? int(std::max(0.0, value.toDouble()) * 1000) : fallback;
}

} // namespace

StormSettings StormSettings::fromJson(const QJsonObject &settings)
{
    StormSettings out;
    out.burstSize = std::max(0, settings.value(QStringLiteral("burstSize")).toInt(out.burstSize));
    out.refillMs = std::max(1, milliseconds(settings, "burstRefillSeconds", out.refillMs));
    out.quietMs = milliseconds(settings, "burstQuietSeconds", out.quietMs);
    // stormWindowSeconds is what earlier versions called the summary interval; 0 there turned coalescing off.
    const QJsonValue legacyWindow = settings.value(QStringLiteral("stormWindowSeconds"));
    if (legacyWindow.isDouble() && !settings.contains(QStringLiteral("summaryIntervalSeconds"))) {
        out.summaryIntervalMs = std::max(1000, milliseconds(settings, "stormWindowSeconds", out.summaryIntervalMs));
        if (legacyWindow.toDouble() <= 0) {
            out.burstSize = 0;
        }
    }
    out.summaryIntervalMs = std::max(1000, milliseconds(settings, "summaryIntervalSeconds", out.summaryIntervalMs));
    out.maxPerMinute = std::max(0, settings.value(QStringLiteral("maxNotificationsPerMinute")).toInt(out.maxPerMinute));
    return out;
}

void StormSettings::toJson(QJsonObject &settings) const
{
    settings.remove(QStringLiteral("stormWindowSeconds"));
    settings.insert(QStringLiteral("burstSize"), burstSize);
    settings.insert(QStringLiteral("burstRefillSeconds"), refillMs / 1000.0);
    settings.insert(QStringLiteral("burstQuietSeconds"), quietMs / 1000.0);
    settings.insert(QStringLiteral("summaryIntervalSeconds"), summaryIntervalMs / 1000.0);
    settings.insert(QStringLiteral("maxNotificationsPerMinute"), maxPerMinute);
}

bool StormControl::withinRateLimit(const QDateTime &now)
{
    const QDateTime minuteAgo = now.addSecs(-60);
    while (!m_shown.empty() && m_shown.front() <= minuteAgo) {
        m_shown.pop_front();
    }
    return m_settings.maxPerMinute <= 0 || int(m_shown.size()) < m_settings.maxPerMinute;
}

void StormControl::refill(FeedState &state, const QDateTime &now) const
{
    const double capacity = m_settings.burstSize;
    if (!state.refilledAt.isValid()) {
        state.allowance = capacity;
    } else {
        const qint64 elapsed = std::max<qint64>(0, state.refilledAt.msecsTo(now));
        state.allowance = std::min(capacity, state.allowance + double(elapsed) / m_settings.refillMs);
    }
    state.refilledAt = now;
    if (!state.bursting && state.allowance >= capacity) {
        state.burstPriority = 0; // rested: the next burst is judged on its own
    }
}

QList<Notification> StormControl::submit(const Message &message, const QDateTime &now)
{
    FeedState &state = m_feeds[message.feed];
    refill(state, now);
    state.lastArrival = now;
    const bool summarising = m_settings.burstSize > 0;
    if (!state.bursting) {
        if ((!summarising || state.allowance >= 1) && withinRateLimit(now)) {
            state.allowance = std::max(0.0, state.allowance - 1);
            state.burstPriority = std::max(state.burstPriority, message.priority);
            noteShown(now);
            return {message};
        }
        // The allowance is spent (or every feed together is over the minute's limit): a burst begins.
        state.bursting = true;
        state.summary = Summary{message.feed, 0, {}, {}, 0};
        state.summaryDueAt = now.addMSecs(m_settings.summaryIntervalMs);
    }
    if (message.priority > state.burstPriority && withinRateLimit(now)) {
        // More urgent than anything so far in this burst: it is not hidden in a summary (nor counted in it again).
        state.burstPriority = message.priority;
        noteShown(now);
        return {message};
    }
    ++state.summary.count;
    state.summary.latest = message;
    if (message.priority > state.summary.priority) {
        state.summary.priority = message.priority;
        state.summary.mostUrgent = message;
    }
    ++state.unshown;
    return {};
}

QDateTime StormControl::releaseTime(const FeedState &state) const
{
    QDateTime at = state.lastArrival.addMSecs(m_settings.quietMs);
    if (state.unshown > 0) {
        at = std::min(at, state.summaryDueAt);
        if (m_settings.maxPerMinute > 0 && int(m_shown.size()) >= m_settings.maxPerMinute) {
            at = std::max(at, m_shown.front().addSecs(60)); // room again once the oldest leaves the minute
        }
    }
    return at;
}

QList<Notification> StormControl::due(const QDateTime &now)
{
    QList<Notification> out;
    for (auto it = m_feeds.begin(); it != m_feeds.end(); ++it) {
        FeedState &state = *it;
        if (!state.bursting || releaseTime(state) > now) {
            continue;
        }
        if (state.unshown > 0) {
            if (!withinRateLimit(now)) {
                continue;
            }
            if (state.summary.count == 1) {
                out.append(state.summary.latest);
            } else {
                out.append(state.summary);
            }
            noteShown(now);
            state.unshown = 0;
            state.summaryDueAt = now.addMSecs(m_settings.summaryIntervalMs);
        }
        if (state.lastArrival.addMSecs(m_settings.quietMs) <= now) {
            state.bursting = false;
            refill(state, now);
        }
    }
    return out;
}

QDateTime StormControl::nextDeadline() const
{
    QDateTime next;
    for (const FeedState &state : m_feeds) {
        if (!state.bursting) {
            continue;
        }
        const QDateTime at = releaseTime(state);
        if (!next.isValid() || at < next) {
            next = at;
        }
    }
    return next;
}

} // namespace herald
