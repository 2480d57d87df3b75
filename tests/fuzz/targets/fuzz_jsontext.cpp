// JsonText cuts payloads out of JSON as written: on any text QJsonDocument accepts, every piece is a slice of the
// input, and an array's elements parse back to the array's values.
#include "FuzzSupport.h"
#include "protocol/JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace herald;

namespace {

bool within(QByteArrayView part, QByteArrayView whole)
{
    return part.isEmpty() || (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

} // namespace

HERALD_FUZZ_TARGET
{
    const QByteArray text = HERALD_FUZZ_BYTES.toByteArray();
    const QJsonDocument document = QJsonDocument::fromJson(text);
    // On anything: no read out of bounds.
    for (const QByteArrayView element : protocol::json::arrayElements(text)) {
        fuzz::check(within(element, text));
    }
    for (const auto &[key, value] : protocol::json::objectMembers(text)) {
        fuzz::check(within(key, text) && within(value, text));
        protocol::json::keyText(key);
    }
    if (document.isArray()) {
        const QJsonArray array = document.array();
        const auto elements = protocol::json::arrayElements(text);
        fuzz::check(elements.size() == array.size());
        for (qsizetype i = 0; i < elements.size(); ++i) {
            const QJsonValue parsed = QJsonDocument::fromJson("[" + elements.at(i).toByteArray() + "]").array().at(0);
            fuzz::check(parsed == array.at(i));
            protocol::json::payloadText(elements.at(i), array.at(i));
        }
    } else if (document.isObject()) {
        const QJsonObject object = document.object();
        const auto members = protocol::json::objectMembers(text);
        fuzz::check(members.size() >= object.size()); // a repeated key counts once in QJsonObject
    }
    return 0;
}
