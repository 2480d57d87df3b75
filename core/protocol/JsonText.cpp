#include "JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace herald::protocol::json {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

qsizetype skipSpace(QByteArrayView text, qsizetype at)
{
    while (at < text.size() && isSpace(text[at])) {
        ++at;
    }
    return at;
}

// From the opening quote to just past the closing one.
qsizetype skipString(QByteArrayView text, qsizetype at)
{
    for (++at; at < text.size(); ++at) {
        if (text[at] == '\\') {
            ++at;
        } else if (text[at] == '"') {
            return at + 1;
        }
    }
    return text.size();
}

// From the first character of a value to just past its last.
qsizetype skipValue(QByteArrayView text, qsizetype at)
{
    if (at >= text.size()) {
        return at;
    }
    const char first = text[at];
    if (first == '"') {
        return skipString(text, at);
    }
    if (first == '[' || first == '{') {
        int depth = 0;
        while (at < text.size()) {
            const char c = text[at];
            if (c == '"') {
                at = skipString(text, at);
                continue;
            }
            if (c == '[' || c == '{') {
                ++depth;
            } else if ((c == ']' || c == '}') && --depth == 0) {
                return at + 1;
            }
            ++at;
        }
        return at;
    }
    while (at < text.size() && !isSpace(text[at]) && text[at] != ',' && text[at] != ']' && text[at] != '}') {
        ++at;
    }
    return at;
}

// Walks the members of an array or object: calls visit(keyView, valueView) for each (the key empty for arrays).
template<typename Visit>
void walk(QByteArrayView text, char open, char close, Visit visit)
{
    qsizetype at = skipSpace(text, 0);
    if (at >= text.size() || text[at] != open) {
        return;
    }
    at = skipSpace(text, at + 1);
    while (at < text.size() && text[at] != close) {
        QByteArrayView key;
        if (open == '{') {
            const qsizetype keyEnd = skipString(text, at);
            key = text.sliced(at + 1, std::max<qsizetype>(0, keyEnd - at - 2));
            at = skipSpace(text, keyEnd);
            if (at >= text.size() || text[at] != ':') {
                return;
            }
            at = skipSpace(text, at + 1);
        }
        const qsizetype end = skipValue(text, at);
        if (end == at) {
            return;
        }
        visit(key, text.sliced(at, end - at));
        at = skipSpace(text, end);
        if (at < text.size() && text[at] == ',') {
            at = skipSpace(text, at + 1);
        }
    }
}

} // namespace

QList<QByteArrayView> arrayElements(QByteArrayView array)
{
    QList<QByteArrayView> elements;
    walk(array, '[', ']', [&elements](QByteArrayView, QByteArrayView value) { elements.append(value); });
    return elements;
}

QList<std::pair<QByteArrayView, QByteArrayView>> objectMembers(QByteArrayView object)
{
    QList<std::pair<QByteArrayView, QByteArrayView>> members;
    walk(object, '{', '}', [&members](QByteArrayView key, QByteArrayView value) { members.append({key, value}); });
    return members;
}

QByteArrayView memberValue(QByteArrayView object, QByteArrayView key)
{
    for (const auto &[name, value] : objectMembers(object)) {
        if (name == key || (name.contains('\\') && keyText(name) == QString::fromUtf8(key))) {
            return value;
        }
    }
    return {};
}

QString keyText(QByteArrayView key)
{
    if (!key.contains('\\')) {
        return QString::fromUtf8(key);
    }
    const QByteArray quoted = "[\"" + key.toByteArray() + "\"]";
    return QJsonDocument::fromJson(quoted).array().first().toString();
}

QString payloadText(QByteArrayView written, const QJsonValue &value)
{
    return value.isString() ? value.toString() : QString::fromUtf8(written);
}

QByteArray compact(const QJsonValue &value)
{
    if (value.isObject()) {
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    }
    if (value.isArray()) {
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    }
    // QJsonDocument holds only objects and arrays: a scalar is written inside one and taken out again.
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).sliced(1).chopped(1);
}

} // namespace herald::protocol::json
