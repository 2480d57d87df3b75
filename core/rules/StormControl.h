#pragma once

#include "message/Message.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <deque>
#include <variant>

namespace herald {

// A notification to show: one message, or a summary standing for several from one feed.
struct Summary
{
    QString feed;
    int count = 0;      // messages it stands for, since its burst began (none that popped up on its own)
    Message latest;     // the newest of them
    Message mostUrgent; // the first of the highest priority among them
    int priority = 1;   // the highest among them (a summary's popup is never critical: it would never expire)
};
using Notification = std::variant<Message, Summary>;

// How storm control tells a person's pace from a burst. In the config file under "settings".
struct StormSettings
{
    // Popups a feed may show in a row before a burst is summarised; 0 never summarises.
    int burstSize = 3;
    // One popup of that allowance comes back this often: the fastest pace at which every message still pops up.
    int refillMs = 1000;
    // A burst is over once the feed has been this quiet; its summary shows then.
    int quietMs = 1500;
    // During a long burst its summary is brought up to date this often, in place.
    int summaryIntervalMs = 10000;
    // Over all feeds; 0 is no limit. What is over waits and joins its feed's summary.
    int maxPerMinute = 60;

    static StormSettings fromJson(const QJsonObject &settings);
    void toJson(QJsonObject &settings) const;
};

// Keeps a burst from becoming a wall of popups while every message at a person's pace pops up on its own, at once.
// Each feed has an allowance of burstSize popups that refills at one per refillMs, so messages that come no faster
// than that never wait. A feed that spends it is in a burst: what follows is held, and shows as one summary when the
// feed goes quiet (quietMs), brought up to date in place every summaryIntervalMs while the burst goes on. A held
// message of higher priority than any before it in the burst still pops up at once, and the summary names the most
// urgent. Everything goes to the history regardless: this only decides what pops up. Time is passed in, so that
// tests need no clock and no sleep.
class StormControl final
{
public:
    void setSettings(const StormSettings &settings) { m_settings = settings; }
    const StormSettings &settings() const { return m_settings; }

    // What to show now because of this message (nothing when it is held).
    QList<Notification> submit(const Message &message, const QDateTime &now);
    // What to show now because bursts calmed down or their summaries are due; call when nextDeadline() has passed.
    QList<Notification> due(const QDateTime &now);
    // When due() next has something to say; invalid when nothing is held.
    QDateTime nextDeadline() const;

private:
    struct FeedState
    {
        double allowance = 0;   // popups left, refilled with time
        QDateTime refilledAt;   // when allowance was last brought up to date
        bool bursting = false;  // holding what arrives into a summary
        int burstPriority = 0;  // the highest priority seen since the burst began, shown or held
        QDateTime lastArrival;  // of any message of the feed
        QDateTime summaryDueAt; // the latest a summary of what is held shows
        int unshown = 0;        // held, and in no popup yet
        Summary summary;        // what the burst's summary says so far
    };

    void refill(FeedState &state, const QDateTime &now) const;
    bool withinRateLimit(const QDateTime &now);
    void noteShown(const QDateTime &now) { m_shown.push_back(now); }
    QDateTime releaseTime(const FeedState &state) const;

    StormSettings m_settings;
    QHash<QString, FeedState> m_feeds;
    std::deque<QDateTime> m_shown; // when each popup of the last minute was shown
};

} // namespace herald
