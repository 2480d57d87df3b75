#include "SseParser.h"

#include "util/Utf8.h"
#include "util/Utf8Validator.h"

#include <algorithm>
#include <cstring>
#include <limits>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define HERALD_SSE_SSE2 1
#endif

namespace herald {

namespace {

// The first CR or LF in [from, end), or end. Lines are short, so one pass for both beats two memchr calls.
inline const char *findLineEnd(const char *from, const char *end)
{
#ifdef HERALD_SSE_SSE2
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    while (end - from >= 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(from));
        const int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(bytes, lf), _mm_cmpeq_epi8(bytes, cr)));
        if (mask != 0) {
            return from + qCountTrailingZeroBits(static_cast<quint32>(mask));
        }
        from += 16;
    }
#endif
    while (from < end && *from != '\n' && *from != '\r') {
        ++from;
    }
    return from;
}

template<qsizetype N>
inline bool nameIs(QByteArrayView name, const char (&literal)[N])
{
    return name.size() == N - 1 && std::memcmp(name.data(), literal, N - 1) == 0;
}

inline bool sameBytes(QByteArrayView a, const QByteArray &b)
{
    return a.size() == b.size() && (a.isEmpty() || std::memcmp(a.data(), b.constData(), size_t(a.size())) == 0);
}

bool isAsciiDigits(QByteArrayView value)
{
    return !value.isEmpty() && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void assignBytes(QByteArray &target, QByteArrayView value)
{
    // Reuses the buffer's capacity: these fields repeat on every event.
    target.resize(value.size());
    if (!value.isEmpty()) {
        std::memcpy(target.data(), value.data(), static_cast<size_t>(value.size()));
    }
}

const QString &defaultEventType()
{
    static const QString type = QStringLiteral("message");
    return type;
}

constexpr char kBom[] = "\xEF\xBB\xBF";

// bytes when they are well-formed UTF-8, else what decoding them gives, in repaired.
QByteArrayView wellFormedUtf8(QByteArrayView bytes, QByteArray &repaired)
{
    Utf8Validator validator;
    if (validator.feed(bytes) && validator.atBoundary()) {
        return bytes;
    }
    repaired = decodeUtf8(bytes).toUtf8();
    return repaired;
}

} // namespace

SseParser::SseParser()
{
    m_event.type = defaultEventType();
}

SseParser::SseParser(EventHandler onEvent, RetryHandler onRetry)
    : SseParser()
{
    m_onEvent = std::move(onEvent);
    m_onRetry = std::move(onRetry);
}

QString SseParser::lastEventId() const
{
    decodeLastEventId();
    return m_event.lastEventId;
}

void SseParser::decodeLastEventId() const
{
    if (!m_lastIdDecoded) {
        m_event.lastEventId = decodeUtf8(m_lastIdRaw);
        m_lastIdDecoded = true;
    }
}

void SseParser::setLastEventId(const QString &id)
{
    m_event.lastEventId = id;
    m_lastIdDecoded = true;
    m_lastIdRaw = id.toUtf8();
    assignBytes(m_idBufferRaw, m_lastIdRaw);
    m_idChanged = false;
}

void SseParser::startStream()
{
    m_line.resize(0);
    m_skipLeadingLf = false;
    m_bomChecked = false;
    m_bomProbe.clear();
    m_hasData = false;
    m_data.resize(0);
    m_dataView = {};
    m_eventType.resize(0);
    m_overflowed = false;
    // Browsers start each new connection's buffer from the last event ID string.
    setLastEventId(lastEventId());
}

QByteArrayView SseParser::consumeByteOrderMark(QByteArrayView bytes)
{
    // Collect up to three bytes to decide; only a complete BOM at the very start of the stream is removed.
    while (!bytes.isEmpty() && m_bomProbe.size() < 3) {
        if (bytes.front() != kBom[m_bomProbe.size()]) {
            break;
        }
        m_bomProbe.append(bytes.front());
        bytes = bytes.sliced(1);
    }
    if (m_bomProbe.size() == 3) {
        m_bomChecked = true;
        m_bomProbe.clear();
        return bytes;
    }
    if (bytes.isEmpty()) {
        return bytes; // still undecided
    }
    m_bomChecked = true;
    if (!m_bomProbe.isEmpty()) {
        // A partial BOM that turned out to be something else is ordinary stream content.
        const QByteArray probe = std::exchange(m_bomProbe, {});
        feed(probe);
    }
    return bytes;
}

bool SseParser::feed(QByteArrayView bytes)
{
    if (m_overflowed) {
        return false;
    }
    if (!m_bomChecked) {
        bytes = consumeByteOrderMark(bytes);
    }
    const char *p = bytes.data();
    const char *const end = p + bytes.size();
    if (m_skipLeadingLf && p < end) {
        m_skipLeadingLf = false;
        if (*p == '\n') {
            ++p;
        }
    }

    while (p < end) {
        const char *const eol = findLineEnd(p, end);
        if (eol == end) {
            if (!withinLimit(m_line.size() + (end - p))) {
                m_overflowed = true;
                return false;
            }
            m_line.append(p, end - p);
            break;
        }
        // Every line counts against the bound as it stands (also one that is not data), so that where the
        // bytes were split never decides whether a stream overflows.
        if (!withinLimit(m_line.size() + (eol - p))) {
            m_overflowed = true;
            return false;
        }
        if (m_line.isEmpty()) {
            processLine(p, eol - p, true);
        } else {
            m_line.append(p, eol - p);
            processLine(m_line.constData(), m_line.size(), false);
            m_line.resize(0);
        }
        if (m_overflowed) {
            return false;
        }
        p = eol + 1;
        if (*eol == '\r') {
            if (p == end) {
                m_skipLeadingLf = true;
            } else if (*p == '\n') {
                ++p;
            }
        }
    }
    materializeData();
    return true;
}

void SseParser::processLine(const char *line, qsizetype length, bool inCallerBuffer)
{
    if (length == 0) {
        dispatch();
        return;
    }
    if (line[0] == ':') {
        return; // comment
    }
    const char *const lineEnd = line + length;
    const char *colon = line;
    while (colon < lineEnd && *colon != ':') { // field names are short: a plain loop beats memchr
        ++colon;
    }
    if (colon == lineEnd) {
        processField(QByteArrayView(line, length), {}, inCallerBuffer);
        return;
    }
    const char *value = colon + 1;
    if (value < lineEnd && *value == ' ') {
        ++value;
    }
    processField(QByteArrayView(line, colon - line), QByteArrayView(value, lineEnd - value), inCallerBuffer);
}

void SseParser::processField(QByteArrayView name, QByteArrayView value, bool inCallerBuffer)
{
    switch (name.size()) {
    case 4:
        if (nameIs(name, "data")) {
            appendData(value, inCallerBuffer);
        }
        break;
    case 2:
        // (memchr may not be handed the null pointer of an empty value, even for zero bytes.)
        if (nameIs(name, "id") && (value.isEmpty() || !std::memchr(value.data(), 0, size_t(value.size())))) {
            setIdBuffer(value);
        }
        break;
    case 5:
        if (nameIs(name, "event")) {
            assignBytes(m_eventType, value);
            if (!withinLimit(0)) {
                m_overflowed = true;
            }
        } else if (nameIs(name, "retry") && isAsciiDigits(value)) {
            bool ok = false;
            const qlonglong ms = value.toLongLong(&ok);
            if (m_onRetry) {
                const int max = std::numeric_limits<int>::max();
                m_onRetry(ok && ms <= max ? static_cast<int>(ms) : max);
            }
        }
        break;
    default:
        break;
    }
}

void SseParser::appendData(QByteArrayView value, bool inCallerBuffer)
{
    if (!m_hasData && inCallerBuffer) {
        m_hasData = true;
        m_dataView = value;
    } else {
        materializeData();
        if (m_hasData) {
            m_data.append('\n');
        }
        m_hasData = true;
        m_data.append(value);
    }
    if (!withinLimit(0)) {
        m_overflowed = true;
    }
}

void SseParser::materializeData()
{
    if (!m_dataView.isNull()) {
        m_data.append(m_dataView);
        m_dataView = {};
    }
}

void SseParser::setIdBuffer(QByteArrayView value)
{
    if (sameBytes(value, m_idBufferRaw)) {
        return;
    }
    assignBytes(m_idBufferRaw, value);
    m_idChanged = true;
}

void SseParser::dispatch()
{
    // m_event persists between events: fields that did not change are not copied again, and strings that the
    // handler did not keep are overwritten in place.
    if (m_idChanged) {
        assignBytes(m_lastIdRaw, m_idBufferRaw);
        m_lastIdDecoded = false;
        m_idChanged = false;
    }
    if (!m_hasData) {
        m_eventType.resize(0);
        return;
    }

    if (m_onUtf8Event) {
        dispatchUtf8();
        return;
    }
    if (!m_dataView.isNull()) {
        decodeUtf8Into(m_dataView, m_event.data);
        m_dataView = {};
    } else {
        decodeUtf8Into(m_data, m_event.data);
        m_data.resize(0);
    }
    takeEventType();
    decodeLastEventId();
    m_hasData = false;

    if (m_onEvent) {
        m_onEvent(m_event);
    }
}

void SseParser::dispatchUtf8()
{
    QByteArrayView data;
    if (!m_dataView.isNull()) {
        data = m_dataView;
        m_dataView = {};
    } else {
        m_dispatchedData.swap(m_data);
        m_data.resize(0);
        data = m_dispatchedData;
    }
    QByteArrayView type("message");
    if (!m_eventType.isEmpty()) {
        m_dispatchedType.swap(m_eventType);
        m_eventType.resize(0);
        type = wellFormedUtf8(m_dispatchedType, m_repairedType);
    }
    m_hasData = false;
    m_onUtf8Event(SseUtf8Event{type, wellFormedUtf8(data, m_repairedData), wellFormedUtf8(m_lastIdRaw, m_repairedId)});
}

void SseParser::takeEventType()
{
    if (m_eventType.isEmpty()) {
        if (!m_typeIsDefault) {
            m_event.type = defaultEventType();
            m_typeIsDefault = true;
        }
    } else {
        if (m_typeIsDefault || !sameBytes(m_eventType, m_eventTypeRaw)) {
            assignBytes(m_eventTypeRaw, m_eventType);
            m_event.type = decodeUtf8(m_eventType);
            m_typeIsDefault = false;
        }
        m_eventType.resize(0);
    }
}

} // namespace herald
