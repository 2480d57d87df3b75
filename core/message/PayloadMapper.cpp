#include "PayloadMapper.h"

#include "net/HttpFields.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace herald {

namespace {

QString compactJson(const QJsonValue &value)
{
    if (value.isObject()) {
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    if (value.isArray()) {
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    }
    return value.toVariant().toString();
}

constexpr double kLatestSeconds = 253402300799.0; // 9999-12-31T23:59:59Z

// Strings as they are, numbers without a trailing ".0", objects and arrays as compact JSON.
QString textOf(const QJsonValue &value)
{
    if (value.isString()) {
        return value.toString();
    }
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (std::floor(number) == number && std::abs(number) < 9.0e15) {
            return QString::number(qint64(number));
        }
        return QString::number(number);
    }
    if (value.isBool()) {
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    }
    if (value.isObject() || value.isArray()) {
        return compactJson(value);
    }
    return {};
}

QStringList tagsOf(const QJsonValue &value)
{
    QStringList tags;
    if (value.isArray()) {
        for (const QJsonValue &tag : value.toArray()) {
            const QString text = textOf(tag).trimmed();
            if (!text.isEmpty()) {
                tags.append(text);
            }
        }
    } else if (value.isString()) {
        for (const QString &tag : value.toString().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (!tag.trimmed().isEmpty()) {
                tags.append(tag.trimmed());
            }
        }
    }
    return tags;
}

// The emoji shortcodes ntfy turns into emoji before a title; other tags stay plain tags.
const QHash<QString, QString> &ntfyEmoji()
{
    static const QHash<QString, QString> table{
        {QStringLiteral("+1"), QStringLiteral("👍")},
        {QStringLiteral("-1"), QStringLiteral("👎")},
        {QStringLiteral("warning"), QStringLiteral("⚠️")},
        {QStringLiteral("rotating_light"), QStringLiteral("🚨")},
        {QStringLiteral("tada"), QStringLiteral("🎉")},
        {QStringLiteral("partying_face"), QStringLiteral("🥳")},
        {QStringLiteral("white_check_mark"), QStringLiteral("✅")},
        {QStringLiteral("heavy_check_mark"), QStringLiteral("✔️")},
        {QStringLiteral("x"), QStringLiteral("❌")},
        {QStringLiteral("skull"), QStringLiteral("💀")},
        {QStringLiteral("fire"), QStringLiteral("🔥")},
        {QStringLiteral("rocket"), QStringLiteral("🚀")},
        {QStringLiteral("bell"), QStringLiteral("🔔")},
        {QStringLiteral("loudspeaker"), QStringLiteral("📢")},
        {QStringLiteral("no_entry"), QStringLiteral("⛔")},
        {QStringLiteral("computer"), QStringLiteral("💻")},
        {QStringLiteral("bug"), QStringLiteral("🐛")},
        {QStringLiteral("construction"), QStringLiteral("🚧")},
        {QStringLiteral("lock"), QStringLiteral("🔒")},
        {QStringLiteral("key"), QStringLiteral("🔑")},
        {QStringLiteral("zap"), QStringLiteral("⚡")},
        {QStringLiteral("house"), QStringLiteral("🏠")},
        {QStringLiteral("email"), QStringLiteral("📧")},
        {QStringLiteral("chart_with_upwards_trend"), QStringLiteral("📈")},
        {QStringLiteral("chart_with_downwards_trend"), QStringLiteral("📉")},
    };
    return table;
}

// gotify's 0..10 onto 1..5: 0 silent, 1-3 low, 4-7 normal, 8-9 high, 10 max.
int gotifyPriority(double value)
{
    if (value <= 0) {
        return 1;
    }
    if (value <= 3) {
        return 2;
    }
    if (value <= 7) {
        return 3;
    }
    if (value < 10) {
        return 4;
    }
    return 5;
}

QJsonValue firstOf(const QJsonValue &document, const QStringList &pointers)
{
    for (const QString &pointer : pointers) {
        const QJsonValue value = PayloadMapper::resolvePointer(document, pointer);
        if (!value.isUndefined() && !value.isNull()) {
            return value;
        }
    }
    return QJsonValue(QJsonValue::Undefined);
}

std::optional<QJsonValue> parseJson(const QString &text, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("the payload is not valid JSON (%1 at byte %2), so it is shown as text")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return std::nullopt;
    }
    if (document.isObject()) {
        return QJsonValue(document.object());
    }
    return QJsonValue(document.array());
}

const QSet<QString> &ntfyEvents()
{
    static const QSet<QString> events{QStringLiteral("message"),        QStringLiteral("open"),
                                      QStringLiteral("keepalive"),      QStringLiteral("poll_request"),
                                      QStringLiteral("message_delete"), QStringLiteral("message_clear")};
    return events;
}

// ntfy's JSON: an event of its own with the topic (or id and time) beside it.
// A picture's address as a server wrote it, or nothing when it is no address at all.
QUrl pictureUrl(const QString &text)
{
    const QUrl url(text);
    return url.isValid() ? url : QUrl();
}

bool looksLikeNtfy(const QJsonObject &object)
{
    return ntfyEvents().contains(object.value(QStringLiteral("event")).toString()) &&
           (object.value(QStringLiteral("topic")).isString() || object.value(QStringLiteral("time")).isDouble());
}

// gotify's message: a numeric id, appid and priority, and a message text.
bool looksLikeGotify(const QJsonObject &object)
{
    return object.value(QStringLiteral("appid")).isDouble() && object.value(QStringLiteral("message")).isString();
}

// Log and monitoring levels, where a payload has no priority of its own.
std::optional<int> priorityFromLevel(const QJsonValue &value)
{
    static const QHash<QString, int> levels{
        {QStringLiteral("emergency"), 5}, {QStringLiteral("fatal"), 5},   {QStringLiteral("critical"), 5},
        {QStringLiteral("crit"), 5},      {QStringLiteral("alert"), 5},   {QStringLiteral("error"), 4},
        {QStringLiteral("err"), 4},       {QStringLiteral("failure"), 4}, {QStringLiteral("warning"), 4},
        {QStringLiteral("warn"), 4},      {QStringLiteral("notice"), 3},  {QStringLiteral("info"), 3},
        {QStringLiteral("success"), 3},   {QStringLiteral("debug"), 2},   {QStringLiteral("trace"), 1}};
    const auto it = levels.constFind(value.toString().trimmed().toLower());
    return it == levels.cend() ? PayloadMapper::priorityFrom(value) : std::optional<int>(it.value());
}

} // namespace

JsonPointers commonJsonPointers()
{
    JsonPointers pointers;
    pointers.title = {QStringLiteral("/title"),       QStringLiteral("/subject"),   QStringLiteral("/summary"),
                      QStringLiteral("/headline"),    QStringLiteral("/name"),      QStringLiteral("/from"),
                      QStringLiteral("/sender"),      QStringLiteral("/user/name"), QStringLiteral("/user"),
                      QStringLiteral("/author/name"), QStringLiteral("/author"),    QStringLiteral("/username")};
    pointers.body = {QStringLiteral("/message"), QStringLiteral("/body"),         QStringLiteral("/text"),
                     QStringLiteral("/content"), QStringLiteral("/description"),  QStringLiteral("/msg"),
                     QStringLiteral("/details"), QStringLiteral("/data/message"), QStringLiteral("/data/text")};
    pointers.priority = {QStringLiteral("/priority"), QStringLiteral("/severity"), QStringLiteral("/level"),
                         QStringLiteral("/urgency")};
    pointers.url = {QStringLiteral("/click"),     QStringLiteral("/url"),       QStringLiteral("/link"),
                    QStringLiteral("/href"),      QStringLiteral("/html_url"),  QStringLiteral("/web_url"),
                    QStringLiteral("/permalink"), QStringLiteral("/target_url")};
    return pointers;
}

PayloadMapper::PayloadMapper(Preset preset, JsonPointers pointers)
    : m_preset(preset)
    , m_pointers(std::move(pointers))
{}

std::optional<PayloadMapper::Preset> PayloadMapper::presetFromName(QStringView name)
{
    const QString lower = name.toString().toLower();
    for (Preset preset : {Preset::Auto, Preset::Raw, Preset::Json, Preset::Ntfy, Preset::Gotify, Preset::Mercure}) {
        if (presetName(preset) == lower) {
            return preset;
        }
    }
    return std::nullopt;
}

QString PayloadMapper::presetName(Preset preset)
{
    switch (preset) {
    case Preset::Auto:
        return QStringLiteral("auto");
    case Preset::Raw:
        return QStringLiteral("raw");
    case Preset::Json:
        return QStringLiteral("json");
    case Preset::Ntfy:
        return QStringLiteral("ntfy");
    case Preset::Gotify:
        return QStringLiteral("gotify");
    case Preset::Mercure:
        return QStringLiteral("mercure");
    }
    return {};
}

QStringList PayloadMapper::presetNames()
{
    return {QStringLiteral("auto"), QStringLiteral("raw"),    QStringLiteral("json"),
            QStringLiteral("ntfy"), QStringLiteral("gotify"), QStringLiteral("mercure")};
}

QJsonValue PayloadMapper::resolvePointer(const QJsonValue &document, const QString &pointer)
{
    if (pointer.isEmpty()) {
        return document;
    }
    if (!pointer.startsWith(QLatin1Char('/'))) {
        return QJsonValue(QJsonValue::Undefined);
    }
    QJsonValue current = document;
    // Views, and a copy only for a token with an escape in it: this runs for every field of every message.
    for (const QStringView view : QStringView(pointer).mid(1).tokenize(u'/')) {
        QString unescaped;
        QStringView token = view;
        if (view.contains(u'~')) {
            unescaped = view.toString()
                            .replace(QLatin1String("~1"), QLatin1String("/"))
                            .replace(QLatin1String("~0"), QLatin1String("~"));
            token = unescaped;
        }
        if (current.isObject()) {
            const QJsonObject object = current.toObject();
            const auto found = object.constFind(token);
            if (found == object.constEnd()) {
                return QJsonValue(QJsonValue::Undefined);
            }
            current = found.value();
        } else if (current.isArray()) {
            bool ok = false;
            const int index = token.toInt(&ok);
            const QJsonArray array = current.toArray();
            // RFC 6901: no leading zeros, no signs.
            if (!ok || index < 0 || index >= array.size() || (token.size() > 1 && token.startsWith(u'0'))) {
                return QJsonValue(QJsonValue::Undefined);
            }
            current = array.at(index);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    return current;
}

std::optional<int> PayloadMapper::priorityFrom(const QJsonValue &value)
{
    if (value.isDouble()) {
        return int(std::clamp(std::lround(value.toDouble()), 1L, 5L));
    }
    if (!value.isString()) {
        return std::nullopt;
    }
    const QString word = value.toString().trimmed().toLower();
    bool ok = false;
    const int number = word.toInt(&ok);
    if (ok) {
        return std::clamp(number, 1, 5);
    }
    static const QHash<QString, int> words{{QStringLiteral("min"), 1},     {QStringLiteral("low"), 2},
                                           {QStringLiteral("default"), 3}, {QStringLiteral("normal"), 3},
                                           {QStringLiteral("high"), 4},    {QStringLiteral("max"), 5},
                                           {QStringLiteral("urgent"), 5}};
    const auto it = words.constFind(word);
    return it == words.cend() ? std::nullopt : std::optional<int>(it.value());
}

Message PayloadMapper::base(const RawPayload &payload) const
{
    Message message;
    message.feed = payload.feed;
    message.id = payload.id;
    message.eventType = payload.eventType;
    message.raw = payload.text;
    message.time = QDateTime::currentDateTimeUtc();
    return message;
}

Message PayloadMapper::fallBackToRaw(const RawPayload &payload, const QString &why) const
{
    Message message = base(payload);
    message.body =
        payload.isBinary
            ? QStringLiteral("(binary message, %1 bytes)").arg(QByteArray::fromBase64(payload.text.toLatin1()).size())
            : payload.text;
    message.note = why;
    message.format = QStringLiteral("text");
    return message;
}

std::optional<Message> PayloadMapper::map(const RawPayload &payload) const
{
    if (payload.isBinary && m_preset != Preset::Raw && m_preset != Preset::Auto) {
        return fallBackToRaw(payload, QStringLiteral("a binary message cannot be read as %1, so it is shown as "
                                                     "its size")
                                          .arg(presetName(m_preset)));
    }
    switch (m_preset) {
    case Preset::Auto:
        return mapAuto(payload);
    case Preset::Raw:
        return fallBackToRaw(payload, payload.isBinary ? QStringLiteral("binary message") : QString());
    case Preset::Json:
    case Preset::Mercure:
        return mapJson(payload);
    case Preset::Ntfy:
        return mapNtfy(payload);
    case Preset::Gotify:
        return mapGotify(payload);
    }
    return fallBackToRaw(payload, {});
}

std::optional<Message> PayloadMapper::mapJson(const RawPayload &payload) const
{
    QString error;
    const auto document = parseJson(payload.text, &error);
    if (!document) {
        return fallBackToRaw(payload, error);
    }
    Message message = base(payload);
    message.title = textOf(firstOf(*document, m_pointers.title));
    message.body = textOf(firstOf(*document, m_pointers.body));
    if (message.title.isEmpty() && message.body.isEmpty()) {
        message.body = compactJson(*document); // nothing where the pointers look: show it all rather than nothing
    }
    message.priority = priorityFrom(firstOf(*document, m_pointers.priority)).value_or(Message::kDefaultPriority);
    const QString url = textOf(firstOf(*document, m_pointers.url));
    if (!url.isEmpty()) {
        message.clickUrl = QUrl(url);
    }
    const QString id = textOf(firstOf(*document, m_pointers.id));
    if (!id.isEmpty()) {
        message.id = id;
    }
    message.tags = tagsOf(firstOf(*document, m_pointers.tags));
    // Formatting as ntfy ("markdown": true) and gotify (extras' client::display) say it, for one's own apps too.
    if (document->isObject()) {
        const QJsonObject object = document->toObject();
        message.markdown = object.value(QStringLiteral("markdown")).toBool() ||
                           resolvePointer(object, QStringLiteral("/extras/client::display/contentType")).toString() ==
                               QLatin1String("text/markdown");
    }
    message.format = m_preset == Preset::Mercure ? QStringLiteral("mercure") : QStringLiteral("json");
    return message;
}

std::optional<Message> PayloadMapper::mapNtfy(const RawPayload &payload) const
{
    QString error;
    const auto document = parseJson(payload.text, &error);
    if (!document || !document->isObject()) {
        return fallBackToRaw(payload,
                             document ? QStringLiteral("an ntfy message is a JSON object; shown as text") : error);
    }
    const QJsonObject object = document->toObject();
    const QString event = object.value(QStringLiteral("event")).toString(QStringLiteral("message"));
    if (event != QLatin1String("message")) {
        return std::nullopt; // open, keepalive, poll_request: the connection's own business
    }
    Message message = base(payload);
    message.format = QStringLiteral("ntfy");
    message.id = textOf(object.value(QStringLiteral("id")));
    // A time the server made up past year 9999 (or before 1970) is no time: the message keeps its arrival. Cast
    // unchecked, such a double is undefined behaviour (the fuzzer found 1.8e94).
    if (const double seconds = object.value(QStringLiteral("time")).toDouble(-1);
        seconds >= 0 && seconds <= kLatestSeconds) {
        message.time = QDateTime::fromSecsSinceEpoch(qint64(seconds), Qt::UTC);
    }
    message.body = object.value(QStringLiteral("message")).toString();
    message.priority = priorityFrom(object.value(QStringLiteral("priority"))).value_or(Message::kDefaultPriority);
    message.tags = tagsOf(object.value(QStringLiteral("tags")));
    QString emoji;
    for (const QString &tag : std::as_const(message.tags)) {
        emoji += ntfyEmoji().value(tag);
    }
    QString title = object.value(QStringLiteral("title")).toString();
    if (title.isEmpty()) {
        title = object.value(QStringLiteral("topic")).toString();
    }
    message.title = emoji.isEmpty() ? title : emoji + QLatin1Char(' ') + title;
    message.clickUrl = QUrl(object.value(QStringLiteral("click")).toString());
    message.iconUrl = pictureUrl(object.value(QStringLiteral("icon")).toString());
    message.markdown = object.value(QStringLiteral("markdown")).toBool();
    for (const QJsonValue &value : object.value(QStringLiteral("actions")).toArray()) {
        const QJsonObject action = value.toObject();
        const QString kind = action.value(QStringLiteral("action")).toString();
        MessageAction mapped;
        mapped.label = action.value(QStringLiteral("label")).toString();
        mapped.url = QUrl(action.value(QStringLiteral("url")).toString());
        mapped.clear = action.value(QStringLiteral("clear")).toBool();
        if (kind == QLatin1String("view")) {
            mapped.kind = MessageAction::Kind::View;
        } else if (kind == QLatin1String("http")) {
            mapped.kind = MessageAction::Kind::Http;
            mapped.method =
                action.value(QStringLiteral("method")).toString(QStringLiteral("POST")).toUpper().toLatin1();
            // A button sends what a server chose: only the standard methods, and headers that cannot end their line
            // ("PUT\r\nX-Injected: 1" reached a local service as its request line).
            static const QByteArrayList methods{"GET", "POST", "PUT", "PATCH", "DELETE"};
            if (!methods.contains(mapped.method)) {
                continue;
            }
            const QJsonObject headers = action.value(QStringLiteral("headers")).toObject();
            for (auto it = headers.begin(); it != headers.end(); ++it) {
                const QByteArray name = it.key().toLatin1();
                const QByteArray headerValue = it.value().toString().toUtf8();
                if (http::fieldProblem(name, headerValue).isEmpty()) {
                    mapped.headers.append({name, headerValue});
                }
            }
            mapped.body = action.value(QStringLiteral("body")).toString().toUtf8();
        } else {
            continue; // "broadcast" is an Android intent: nothing a desktop can do
        }
        if (mapped.label.isEmpty() || !mapped.url.isValid()) {
            continue;
        }
        message.actions.append(mapped);
    }
    const QJsonObject attachment = object.value(QStringLiteral("attachment")).toObject();
    if (!attachment.isEmpty()) {
        const QString name = attachment.value(QStringLiteral("name")).toString(QStringLiteral("attachment"));
        MessageAction open;
        open.label = QStringLiteral("Open %1").arg(name);
        open.url = QUrl(attachment.value(QStringLiteral("url")).toString());
        if (open.url.isValid() && !open.url.isEmpty()) {
            message.actions.append(open);
            // ntfy's apps show an image attachment inline; its type is ntfy's guess from the file's first bytes.
            const QString type = attachment.value(QStringLiteral("type")).toString();
            static const QRegularExpression imageName(QStringLiteral("\\.(png|jpe?g|gif|webp)$"),
                                                      QRegularExpression::CaseInsensitiveOption);
            if (type.startsWith(QLatin1String("image/")) || (type.isEmpty() && imageName.match(name).hasMatch())) {
                message.imageUrl = open.url;
            }
        }
        if (message.body.isEmpty()) {
            message.body = name;
        }
    }
    return message;
}

std::optional<Message> PayloadMapper::mapGotify(const RawPayload &payload) const
{
    QString error;
    const auto document = parseJson(payload.text, &error);
    if (!document || !document->isObject()) {
        return fallBackToRaw(payload,
                             document ? QStringLiteral("a gotify message is a JSON object; shown as text") : error);
    }
    const QJsonObject object = document->toObject();
    Message message = base(payload);
    message.format = QStringLiteral("gotify");
    message.id = textOf(object.value(QStringLiteral("id")));
    message.title = object.value(QStringLiteral("title")).toString();
    message.body = object.value(QStringLiteral("message")).toString();
    message.priority = gotifyPriority(object.value(QStringLiteral("priority")).toDouble(5));
    const QDateTime date = QDateTime::fromString(object.value(QStringLiteral("date")).toString(), Qt::ISODateWithMs);
    if (date.isValid()) {
        message.time = date.toUTC();
    }
    const QJsonObject extras = object.value(QStringLiteral("extras")).toObject();
    message.clickUrl = QUrl(resolvePointer(extras, QStringLiteral("/client::notification/click/url")).toString());
    message.markdown = resolvePointer(extras, QStringLiteral("/client::display/contentType")).toString() ==
                       QLatin1String("text/markdown");
    message.imageUrl = QUrl(resolvePointer(extras, QStringLiteral("/client::notification/bigImageUrl")).toString());
    return message;
}

std::optional<Message> PayloadMapper::mapAuto(const RawPayload &payload) const
{
    if (payload.isBinary) {
        return fallBackToRaw(payload, QStringLiteral("binary message"));
    }
    const QStringView text = QStringView(payload.text).trimmed();
    const bool mayBeJson = text.startsWith(u'{') || text.startsWith(u'[');
    QString error;
    const auto document = mayBeJson ? parseJson(payload.text, &error) : std::nullopt;
    if (!document) {
        return fallBackToRaw(payload, {}); // text is a fine message as it is
    }
    if (document->isObject()) {
        const QJsonObject object = document->toObject();
        if (looksLikeNtfy(object)) {
            return mapNtfy(payload);
        }
        if (looksLikeGotify(object)) {
            return mapGotify(payload);
        }
    }
    PayloadMapper generic(Preset::Json, commonJsonPointers());
    auto message = generic.mapJson(payload);
    if (message && document->isObject()) {
        const QJsonValue level = firstOf(*document, commonJsonPointers().priority);
        message->priority = priorityFromLevel(level).value_or(Message::kDefaultPriority);
        // Mercure hubs give every update an id of the form urn:uuid:…
        if (payload.id.startsWith(QLatin1String("urn:uuid:"))) {
            message->format = QStringLiteral("mercure");
        }
    }
    return message;
}

} // namespace herald
