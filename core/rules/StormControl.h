#pragma once

#include "message/Message.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <deque>
#include <variant>

namespace herald {

// A notification to show: one message, or a summary standing for several from one feed.
struct Summary
{
    QString feed;
    int count = 0;
    Message latest;   // the newest of them
    int priority = 1; // the highest among them
};
using Notification = std::variant<Message, Summary>;

// Keeps a burst from becoming a wall of notifications. The first message of a feed shows at once and opens a window;
// what else arrives in that window is held, and when the window ends it shows as one summary ("37 new messages from
// CI") or, if only one came, as itself. On top, no more than maxPerMinute notifications in any minute: the rest wait
// and join the next summary. Everything still goes to the history: this only decides what pops up. Time is passed
// in, so that tests need no clock and no sleep.
class StormControl final
{
public:
    void setWindow(int milliseconds) { m_windowMs = milliseconds; }
    void setMaxPerMinute(int count) { m_maxPerMinute = count; }

    // What to show now because of this message (nothing when it is held).
    QList<Notification> submit(const Message &message, const QDateTime &now);
    // What to show now because windows have ended; call when nextDeadline() has passed.
    QList<Notification> due(const QDateTime &now);
    // When due() next has something to say; invalid when nothing is held.
    QDateTime nextDeadline() const;

private:
    struct Held
    {
        QDateTime windowEnd;
        int count = 0;
        Message latest;
        int priority = 1;
    };

    bool withinRateLimit(const QDateTime &now);
    static Notification release(const QString &feed, const Held &held);

    int m_windowMs = 10000;
    int m_maxPerMinute = 0;
    QHash<QString, Held> m_held;
    std::deque<QDateTime> m_shown; // when each notification of the last minute was shown
};

} // namespace herald
