#pragma once

#include <QByteArrayView>
#include <QMetaType>
#include <QString>

namespace herald {

// One dispatched Server-Sent Event, as a browser's MessageEvent carries it.
struct SseEvent
{
    QString type;        // "message" unless the stream named another
    QString data;        // data lines joined with LF
    QString lastEventId; // the last event ID in force when the event was dispatched

    friend bool operator==(const SseEvent &a, const SseEvent &b)
    {
        return a.type == b.type && a.data == b.data && a.lastEventId == b.lastEventId;
    }
    friend bool operator!=(const SseEvent &a, const SseEvent &b) { return !(a == b); }
};

// The same event for a receiver that writes UTF-8 anyway (SseParser::Utf8EventHandler): each field as well-formed
// UTF-8, viewed where the parser holds it and valid until the handler returns. A field is the bytes that came when
// they are well-formed, else what decoding them would give (U+FFFD for each ill-formed sequence).
struct SseUtf8Event
{
    QByteArrayView type;
    QByteArrayView data;
    QByteArrayView lastEventId;
};

} // namespace herald

Q_DECLARE_METATYPE(herald::SseEvent)
