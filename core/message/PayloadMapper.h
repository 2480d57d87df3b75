#pragma once

#include "message/Message.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace herald {

// What a transport delivered, before mapping.
struct RawPayload
{
    QString feed;
    QString eventType; // SSE event type; empty for WebSocket
    QString id;        // SSE last event id; empty for WebSocket
    QString text;      // the payload (for binary frames: base64, with isBinary set)
    bool isBinary = false;
};

// Where the json preset (and Mercure, whose payloads are free-form) looks. Each field tries its pointers in order.
struct JsonPointers
{
    // A chat message's sender is its title.
    QStringList title{QStringLiteral("/title"),  QStringLiteral("/subject"), QStringLiteral("/from"),
                      QStringLiteral("/sender"), QStringLiteral("/user"),    QStringLiteral("/author")};
    QStringList body{QStringLiteral("/message"), QStringLiteral("/body"), QStringLiteral("/text")};
    QStringList priority{QStringLiteral("/priority")};
    QStringList url{QStringLiteral("/click"), QStringLiteral("/url")};
    QStringList id{QStringLiteral("/id")};
    QStringList tags{QStringLiteral("/tags")};
};

// Where the auto preset looks in JSON it does not recognise as a service's: the common names for each field.
JsonPointers commonJsonPointers();

// Turns payloads into Messages following a preset: the formats of ntfy, gotify and Mercure, plain text, or any JSON
// with JSON pointers (RFC 6901) saying where the fields are; auto (the default) tells these apart by each payload's
// shape. Malformed input falls back to plain text with a note: nothing is ever dropped, except what the format
// itself says is not a message (ntfy's open and keepalive).
class PayloadMapper final
{
public:
    enum class Preset { Auto, Raw, Json, Ntfy, Gotify, Mercure };

    explicit PayloadMapper(Preset preset = Preset::Raw, JsonPointers pointers = JsonPointers());

    static std::optional<Preset> presetFromName(QStringView name);
    static QString presetName(Preset preset);
    static QStringList presetNames();

    Preset preset() const { return m_preset; }

    // The message, or nothing when the payload is, by its format's own rules, not a message.
    std::optional<Message> map(const RawPayload &payload) const;

    // RFC 6901: "" is the whole document, "/a/0/b~1c" walks objects and arrays. Undefined when nothing is there.
    static QJsonValue resolvePointer(const QJsonValue &document, const QString &pointer);
    // Priority words and numbers on Herald's 1..5 scale (ntfy's words: min, low, default, high, max/urgent).
    static std::optional<int> priorityFrom(const QJsonValue &value);

private:
    Message base(const RawPayload &payload) const;
    std::optional<Message> mapJson(const RawPayload &payload) const;
    std::optional<Message> mapNtfy(const RawPayload &payload) const;
    std::optional<Message> mapGotify(const RawPayload &payload) const;
    std::optional<Message> mapAuto(const RawPayload &payload) const;
    Message fallBackToRaw(const RawPayload &payload, const QString &why) const;

    Preset m_preset;
    JsonPointers m_pointers;
};

} // namespace herald
