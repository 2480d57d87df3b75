#pragma once

#include "message/Message.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTime>

namespace herald {

// What decides whether a message becomes a notification (it goes to the history either way). Empty parts match
// everything.
struct Rules
{
    QStringList includeTypes;          // only these event types notify
    QStringList excludeTypes;          // these never do
    QRegularExpression includePattern; // on "title\nbody": only matches notify
    QRegularExpression excludePattern; // on "title\nbody": matches never do
    QString fieldPointer;              // a JSON pointer into the raw payload ...
    QRegularExpression fieldPattern;   // ... whose value must match for the message to notify
    int minPriority = 1;

    bool quietHoursEnabled = false;
    QTime quietFrom; // local time; may run past midnight (22:00 to 07:00)
    QTime quietUntil;
    int quietMinPriority = 5; // what still notifies during quiet hours

    QDateTime mutedUntil; // invalid: not muted
};

// Applies the global rules, then the feed's own, to one message at one moment. Pure: no clock, no state.
class RuleFilter final
{
public:
    struct Verdict
    {
        bool notify = true;
        QString reason; // why not, for the history and for "why didn't I get this?"
    };

    static Verdict evaluate(const Message &message, const Rules &global, const Rules &feed, const QDateTime &now);
    static Verdict evaluate(const Message &message, const Rules &rules, const QDateTime &now);
    static bool inQuietHours(const Rules &rules, const QTime &localTime);
};

} // namespace herald
