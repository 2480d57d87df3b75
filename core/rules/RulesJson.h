#pragma once

#include "rules/RuleFilter.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace herald {

// Rules as the config file writes them:
//   {"includeTypes": ["message"], "excludeTypes": [], "include": "regex", "exclude": "regex",
//    "field": {"pointer": "/status", "matches": "fail|error"}, "minPriority": 3,
//    "quietHours": {"from": "22:00", "until": "07:00", "minPriority": 5}, "mutedUntil": "2026-11-25T08:00:00Z"}
// Every key is optional; an empty object is "notify everything".
QJsonObject rulesToJson(const Rules &rules);
// The rules, or nothing with problem naming the key that is wrong and how to write it.
std::optional<Rules> rulesFromJson(const QJsonObject &json, QString *problem);

} // namespace herald
