#pragma once

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

} // namespace herald

Q_DECLARE_METATYPE(herald::SseEvent)
