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
    // The event with its data as UTF-8 instead of in event.data (left empty): the bytes that came when they are
    // well-formed, else what decoding them would give (U+FFFD for each ill-formed sequence), valid until the call
    // returns. For a receiver that writes UTF-8 anyway, this saves decoding to UTF-16 and encoding back.
    using Utf8EventHandler = std::function<void(const SseEvent &event, QByteArrayView utf8Data)>;

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
    QString lastEventId() const { return m_event.lastEventId; }
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
    // The data being dispatched to the UTF-8 handler: m_data's buffer, swapped out so that the handler's view stays
    // valid whatever the parser does meanwhile; and the repaired form of ill-formed data.
    QByteArray m_dispatchedData;
    QByteArray m_repairedData;
    bool m_overflowed = false;

    // The last event ID buffer, with its raw bytes to skip decoding repeats; the last event ID string is
    // m_event.lastEventId.
    QByteArray m_idBufferRaw;
    QString m_idBuffer;
    bool m_idChanged = false;
    QByteArray m_eventTypeRaw; // what m_event.type was decoded from, unless m_typeIsDefault
    bool m_typeIsDefault = true;
    SseEvent m_event;
};

} // namespace herald
