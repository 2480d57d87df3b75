#include "RulesJson.h"

#include <QJsonArray>

namespace herald {

namespace {

const QString kTimeFormat = QStringLiteral("HH:mm");

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList toStringList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray()) {
        list.append(item.toString());
    }
    return list;
}

bool readPattern(const QJsonObject &json, const QString &key, QRegularExpression *out, QString *problem)
{
    const QString pattern = json.value(key).toString();
    if (pattern.isEmpty()) {
        return true;
    }
    *out = QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption);
    if (!out->isValid()) {
        *problem = QStringLiteral("the rule \"%1\" is not a valid regular expression (%2 at offset %3)")
                       .arg(key, out->errorString())
                       .arg(out->patternErrorOffset());
        return false;
    }
    return true;
}

bool readPriority(const QJsonValue &value, int fallback, const QString &key, int *out, QString *problem)
{
    if (value.isUndefined()) {
        *out = fallback;
        return true;
    }
    const int priority = value.toInt(0);
    if (priority < 1 || priority > 5) {
        *problem = QStringLiteral("\"%1\" must be a priority from 1 (min) to 5 (max)").arg(key);
        return false;
    }
    *out = priority;
    return true;
}

} // namespace

QJsonObject rulesToJson(const Rules &rules)
{
    QJsonObject json;
    if (!rules.includeTypes.isEmpty()) {
        json.insert(QStringLiteral("includeTypes"), toArray(rules.includeTypes));
    }
    if (!rules.excludeTypes.isEmpty()) {
        json.insert(QStringLiteral("excludeTypes"), toArray(rules.excludeTypes));
    }
    if (!rules.includePattern.pattern().isEmpty()) {
        json.insert(QStringLiteral("include"), rules.includePattern.pattern());
    }
    if (!rules.excludePattern.pattern().isEmpty()) {
        json.insert(QStringLiteral("exclude"), rules.excludePattern.pattern());
    }
    if (!rules.fieldPointer.isEmpty()) {
        json.insert(QStringLiteral("field"), QJsonObject{{QStringLiteral("pointer"), rules.fieldPointer},
                                                         {QStringLiteral("matches"), rules.fieldPattern.pattern()}});
    }
    if (rules.minPriority != 1) {
        json.insert(QStringLiteral("minPriority"), rules.minPriority);
    }
    if (rules.quietHoursEnabled) {
        json.insert(QStringLiteral("quietHours"),
                    QJsonObject{{QStringLiteral("from"), rules.quietFrom.toString(kTimeFormat)},
                                {QStringLiteral("until"), rules.quietUntil.toString(kTimeFormat)},
                                {QStringLiteral("minPriority"), rules.quietMinPriority}});
    }
    if (rules.mutedUntil.isValid()) {
        json.insert(QStringLiteral("mutedUntil"), rules.mutedUntil.toUTC().toString(Qt::ISODate));
    }
    return json;
}

std::optional<Rules> rulesFromJson(const QJsonObject &json, QString *problem)
{
    Rules rules;
    rules.includeTypes = toStringList(json.value(QStringLiteral("includeTypes")));
    rules.excludeTypes = toStringList(json.value(QStringLiteral("excludeTypes")));
    if (!readPattern(json, QStringLiteral("include"), &rules.includePattern, problem) ||
        !readPattern(json, QStringLiteral("exclude"), &rules.excludePattern, problem)) {
        return std::nullopt;
    }
    const QJsonObject field = json.value(QStringLiteral("field")).toObject();
    if (!field.isEmpty()) {
        rules.fieldPointer = field.value(QStringLiteral("pointer")).toString();
        if (!rules.fieldPointer.startsWith(u'/')) {
            *problem = QStringLiteral("\"field\" needs a \"pointer\" such as \"/status\" (a JSON pointer)");
            return std::nullopt;
        }
        if (!readPattern(field, QStringLiteral("matches"), &rules.fieldPattern, problem)) {
            return std::nullopt;
        }
    }
    if (!readPriority(json.value(QStringLiteral("minPriority")), 1, QStringLiteral("minPriority"), &rules.minPriority,
                      problem)) {
        return std::nullopt;
    }
    const QJsonValue quiet = json.value(QStringLiteral("quietHours"));
    if (!quiet.isUndefined()) {
        const QJsonObject hours = quiet.toObject();
        rules.quietFrom = QTime::fromString(hours.value(QStringLiteral("from")).toString(), kTimeFormat);
        rules.quietUntil = QTime::fromString(hours.value(QStringLiteral("until")).toString(), kTimeFormat);
        if (!rules.quietFrom.isValid() || !rules.quietUntil.isValid()) {
            *problem = QStringLiteral("\"quietHours\" needs \"from\" and \"until\" as HH:mm, e.g. "
                                      "{\"from\": \"22:00\", \"until\": \"07:00\"}");
            return std::nullopt;
        }
        if (!readPriority(hours.value(QStringLiteral("minPriority")), 5, QStringLiteral("quietHours.minPriority"),
                          &rules.quietMinPriority, problem)) {
            return std::nullopt;
        }
        rules.quietHoursEnabled = true;
    }
    const QString muted = json.value(QStringLiteral("mutedUntil")).toString();
    if (!muted.isEmpty()) {
        rules.mutedUntil = QDateTime::fromString(muted, Qt::ISODate);
        if (!rules.mutedUntil.isValid()) {
            *problem = QStringLiteral("\"mutedUntil\" is \"%1\"; write a date and time such as 2026-11-25T08:00:00Z")
                           .arg(muted);
            return std::nullopt;
        }
    }
    return rules;
}

} // namespace herald
