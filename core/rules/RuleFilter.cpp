#include "RuleFilter.h"

#include "message/PayloadMapper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace herald {

namespace {

QString fieldText(const QString &raw, const QString &pointer)
{
    const QJsonDocument document = QJsonDocument::fromJson(raw.toUtf8());
    if (document.isNull()) {
        return {};
    }
    const QJsonValue root = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    const QJsonValue value = PayloadMapper::resolvePointer(root, pointer);
    if (value.isString()) {
        return value.toString();
    }
    if (value.isDouble() || value.isBool()) {
        return value.toVariant().toString();
    }
    return {};
}

} // namespace

bool RuleFilter::inQuietHours(const Rules &rules, const QTime &localTime)
{
    if (!rules.quietHoursEnabled || !rules.quietFrom.isValid() || !rules.quietUntil.isValid()) {
        return false;
    }
    if (rules.quietFrom <= rules.quietUntil) {
        return localTime >= rules.quietFrom && localTime < rules.quietUntil;
    }
    return localTime >= rules.quietFrom || localTime < rules.quietUntil; // across midnight
}

RuleFilter::Verdict RuleFilter::evaluate(const Message &message, const Rules &rules, const QDateTime &now)
{
    if (rules.mutedUntil.isValid() && now < rules.mutedUntil) {
        return {false, QStringLiteral("muted until %1")
                           .arg(rules.mutedUntil.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")))};
    }
    const QString type = message.eventType.isEmpty() ? QStringLiteral("message") : message.eventType;
    if (!rules.includeTypes.isEmpty() && !rules.includeTypes.contains(type)) {
        return {false, QStringLiteral("event type \"%1\" is not among those that notify").arg(type)};
    }
    if (rules.excludeTypes.contains(type)) {
        return {false, QStringLiteral("event type \"%1\" is excluded").arg(type)};
    }
    const QString text = message.title + QLatin1Char('\n') + message.body;
    if (!rules.includePattern.pattern().isEmpty() && !rules.includePattern.match(text).hasMatch()) {
        return {false, QStringLiteral("does not match /%1/").arg(rules.includePattern.pattern())};
    }
    if (!rules.excludePattern.pattern().isEmpty() && rules.excludePattern.match(text).hasMatch()) {
        return {false, QStringLiteral("matches the excluded /%1/").arg(rules.excludePattern.pattern())};
    }
    if (!rules.fieldPointer.isEmpty() &&
        !rules.fieldPattern.match(fieldText(message.raw, rules.fieldPointer)).hasMatch()) {
        return {false, QStringLiteral("%1 does not match /%2/").arg(rules.fieldPointer, rules.fieldPattern.pattern())};
    }
    if (message.priority < rules.minPriority) {
        return {false, QStringLiteral("priority %1 is below %2").arg(message.priority).arg(rules.minPriority)};
    }
    if (inQuietHours(rules, now.toLocalTime().time()) && message.priority < rules.quietMinPriority) {
        return {false, QStringLiteral("quiet hours (%1 to %2) let only priority %3 and up through")
                           .arg(rules.quietFrom.toString(QStringLiteral("HH:mm")),
                                rules.quietUntil.toString(QStringLiteral("HH:mm")))
                           .arg(rules.quietMinPriority)};
    }
    return {};
}

RuleFilter::Verdict RuleFilter::evaluate(const Message &message, const Rules &global, const Rules &feed,
                                         const QDateTime &now)
{
    const Verdict first = evaluate(message, global, now);
    return first.notify ? evaluate(message, feed, now) : first;
}

} // namespace herald
