#pragma once

#include "SseEvent.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>

namespace herald {

// Incremental parser for the text/event-stream format of the WHATWG HTML standard: bytes in, events out.
// No I/O; bytes may be split anywhere, including inside a line end or a UTF-8 sequence.
class SseParser final
{
public:
    using EventHandler = std::function<void(const SseEvent &)>;
    using RetryHandler = std::function<void(int milliseconds)>;
    // The event as UTF-8 (see SseUtf8Event). For a receiver that writes UTF-8 anyway, this saves decoding every
    // event's type, data and ID to UTF-16 and encoding them back.
    using Utf8EventHandler = std::function<void(const SseUtf8Event &event)>;

    static constexpr qsizetype kDefaultMaxEventSize = 16 * 1024 * 1024;

    SseParser();
    SseParser(EventHandler onEvent, RetryHandler onRetry = {});

    void setEventHandler(EventHandler onEvent) { m_onEvent = std::move(onEvent); }
    void setRetryHandler(RetryHandler onRetry) { m_onRetry = std::move(onRetry); }
    // When set, events go to it instead of the event handler.
    void setUtf8EventHandler(Utf8EventHandler onEvent) { m_onUtf8Event = std::move(onEvent); }

    // Upper bound for the bytes one event (and one line) may hold before it is dispatched; 0 means none.
    void setMaxEventSize(qsizetype bytes) { m_maxEventSize = bytes; }
    qsizetype maxEventSize() const { return m_maxEventSize; }

    // Parses the next bytes of the stream and dispatches every event they complete. Returns false when the
    // event being built outgrew maxEventSize(); the stream is then unusable until startStream().
    bool feed(QByteArrayView bytes);

    // Starts parsing a new response: expects a BOM again and forgets any partial line or event (an unterminated
    // event at the end of a stream is never dispatched). The last event ID survives, as it does in browsers.
    void startStream();

    // The last event ID string of the event source: what a reconnect sends as Last-Event-ID.
    QString lastEventId() const;
    void setLastEventId(const QString &id);

private:
    // inCallerBuffer: the bytes stay valid until feed() returns, so a data line may be decoded in place.
    void processLine(const char *line, qsizetype length, bool inCallerBuffer);
    void processField(QByteArrayView name, QByteArrayView value, bool inCallerBuffer);
    void appendData(QByteArrayView value, bool inCallerBuffer);
    void setIdBuffer(QByteArrayView value);
    void dispatch();
    void dispatchUtf8();
    void takeEventType();
    void decodeLastEventId() const;
    void materializeData();
    bool withinLimit(qsizetype pendingLineBytes) const
    {
        return m_maxEventSize <= 0 ||
               pendingLineBytes + m_data.size() + m_dataView.size() + m_eventType.size() <= m_maxEventSize;
    }
    QByteArrayView consumeByteOrderMark(QByteArrayView bytes);

    EventHandler m_onEvent;
    RetryHandler m_onRetry;
    Utf8EventHandler m_onUtf8Event;
    qsizetype m_maxEventSize = kDefaultMaxEventSize;

    // Per stream.
    QByteArray m_line; // a line split across feed() calls
    bool m_skipLeadingLf = false;
    bool m_bomChecked = false;
    QByteArray m_bomProbe;
    bool m_hasData = false;
    QByteArray m_data;
    // A single data line still inside the caller's buffer: decoded straight from there at dispatch, not copied.
    QByteArrayView m_dataView;
    QByteArray m_eventType;
    // The data and type being dispatched to the UTF-8 handler: m_data's and m_eventType's buffers, swapped out so
    // that the handler's views stay valid whatever the parser does meanwhile; and the repaired forms of ill-formed
    // fields.
    QByteArray m_dispatchedData;
    QByteArray m_dispatchedType;
    QByteArray m_repairedData;
    QByteArray m_repairedType;
    QByteArray m_repairedId;
    bool m_overflowed = false;

    // The last event ID buffer and string as the bytes that came; the string is decoded into m_event.lastEventId
    // only when asked for (the UTF-8 handler never needs it), which m_lastIdDecoded says was done.
    QByteArray m_idBufferRaw;
    bool m_idChanged = false; // the buffer differs from the string
    QByteArray m_lastIdRaw;
    mutable bool m_lastIdDecoded = true;
    QByteArray m_eventTypeRaw; // what m_event.type was decoded from, unless m_typeIsDefault
    bool m_typeIsDefault = true;
    mutable SseEvent m_event;
};

} // namespace herald
