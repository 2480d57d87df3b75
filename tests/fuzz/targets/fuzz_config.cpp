// A config file's feed and rules objects: each loads, or says what is wrong; what loads survives a round trip, and
// no header that loads can end its line.
#include "FuzzSupport.h"
#include "feed/FeedConfig.h"
#include "net/HttpFields.h"
#include "rules/RulesJson.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace herald;

HERALD_FUZZ_TARGET
{
    const QJsonObject json = QJsonDocument::fromJson(HERALD_FUZZ_BYTES.toByteArray()).object();
    QString problem;
    if (const auto feed = FeedConfig::fromJson(json, &problem)) {
        for (const auto &[name, value] : feed->headers) {
            fuzz::check(http::fieldProblem(name, value).isEmpty());
        }
        fuzz::check(feed->pollIntervalSeconds >= 1 && feed->pollIntervalSeconds <= 7 * 24 * 3600);
        QString again;
        const auto reloaded = FeedConfig::fromJson(feed->toJson(), &again);
        fuzz::check(reloaded && *reloaded == *feed);
    } else {
        fuzz::check(!problem.isEmpty());
    }
    problem.clear();
    if (const auto rules = rulesFromJson(json, &problem)) {
        QString again;
        const auto reloaded = rulesFromJson(rulesToJson(*rules), &again);
        fuzz::check(reloaded && rulesToJson(*reloaded) == rulesToJson(*rules));
    } else {
        fuzz::check(!problem.isEmpty());
    }
    return 0;
}
