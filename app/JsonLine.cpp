#include "JsonLine.h"

#include <QtAlgorithms>

#include <algorithm>
#include <cstring>
#include <utility>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define HERALD_JSON_SSE2 1
#endif

namespace herald::cli {

namespace {

constexpr char kHex[] = "0123456789abcdef";

char *writeEscaped(char *p, char16_t c)
{
    *p++ = '\\';
    switch (c) {
    case '"':
        *p++ = '"';
        break;
    case '\\':
        *p++ = '\\';
        break;
    case '\n':
        *p++ = 'n';
        break;
    case '\r':
        *p++ = 'r';
        break;
    case '\t':
        *p++ = 't';
        break;
    case '\b':
        *p++ = 'b';
        break;
    case '\f':
        *p++ = 'f';
        break;
    default:
        *p++ = 'u';
        *p++ = '0';
        *p++ = '0';
        *p++ = kHex[(c >> 4) & 0xF];
        *p++ = kHex[c & 0xF];
    }
    return p;
}

char *writeUtf8(char *p, char32_t c)
{
    if (c < 0x800) {
        *p++ = char(0xC0 | (c >> 6));
    } else if (c < 0x10000) {
        *p++ = char(0xE0 | (c >> 12));
        *p++ = char(0x80 | ((c >> 6) & 0x3F));
    } else {
        *p++ = char(0xF0 | (c >> 18));
        *p++ = char(0x80 | ((c >> 12) & 0x3F));
        *p++ = char(0x80 | ((c >> 6) & 0x3F));
    }
    *p++ = char(0x80 | (c & 0x3F));
    return p;
}

// Room the block copies may write past the end of the text.
constexpr qsizetype kSlack = 16;

// Worst case: every code unit becomes a six-byte \u00XX escape, plus the quotes and kSlack.
constexpr qsizetype maxJsonStringSize(qsizetype units)
{
    return 6 * units + 2 + kSlack;
}

// Writes value as a JSON string literal at p, which has room for maxJsonStringSize(value.size()) bytes.
char *writeJsonString(char *p, QStringView value)
{
    *p++ = '"';
    const char16_t *s = value.utf16();
    const char16_t *const end = s + value.size();
    while (s < end) {
#ifdef HERALD_JSON_SSE2
        // Eight code units at a time while they are ASCII and printable; a quote or a backslash among them gets its
        // backslash here, anything else (controls, non-ASCII) goes to the loop below.
        while (end - s >= 8) {
            const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s));
            const __m128i other = _mm_or_si128(_mm_cmpgt_epi16(_mm_set1_epi16(0x20), units),
                                               _mm_cmpgt_epi16(units, _mm_set1_epi16(0x7E)));
            const __m128i quoted =
                _mm_or_si128(_mm_cmpeq_epi16(units, _mm_set1_epi16('"')), _mm_cmpeq_epi16(units, _mm_set1_epi16('\\')));
            alignas(16) char bytes[16];
            _mm_store_si128(reinterpret_cast<__m128i *>(bytes), _mm_packus_epi16(units, units));
            const int otherMask = _mm_movemask_epi8(other);
            // Lanes are two bits wide in the masks; only the ones before the first "other" unit are handled here.
            const int take = otherMask == 0 ? 8 : int(qCountTrailingZeroBits(quint32(otherMask))) / 2;
            quint32 quotes = quint32(_mm_movemask_epi8(quoted)) & ((1u << (2 * take)) - 1);
            int at = 0;
            while (quotes != 0) {
                const int lane = int(qCountTrailingZeroBits(quotes)) / 2;
                // Eight bytes stored where fewer are kept: the buffer has room, and what follows overwrites them.
                std::memcpy(p, bytes + at, 8);
                p += lane - at;
                *p++ = '\\';
                *p++ = bytes[lane];
                at = lane + 1;
                quotes &= ~(3u << (2 * lane));
            }
            std::memcpy(p, bytes + at, 8);
            p += take - at;
            s += take;
            if (take < 8) {
                break;
            }
        }
        if (s == end) {
            break;
        }
#endif
        const char16_t c = *s++;
        if (c < 0x80) {
            if (c < 0x20 || c == '"' || c == '\\') {
                p = writeEscaped(p, c);
            } else {
                *p++ = char(c);
            }
        } else if (QChar::isHighSurrogate(c) && s < end && QChar::isLowSurrogate(*s)) {
            p = writeUtf8(p, QChar::surrogateToUcs4(c, *s++));
        } else if (QChar::isSurrogate(c)) {
            p = writeUtf8(p, 0xFFFD);
        } else {
            p = writeUtf8(p, c);
        }
    }
    *p++ = '"';
    return p;
}

char *writeJsonString(char *p, QByteArrayView utf8)
{
    *p++ = '"';
    const char *s = utf8.data();
    const char *const end = s + utf8.size();
#ifdef HERALD_JSON_SSE2
    // Sixteen bytes at a time: UTF-8 goes out as it is, so only controls, quotes and backslashes need care.
    while (end - s >= 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s));
        const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(bytes, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
        const __m128i quoted =
            _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\')));
        quint32 special = quint32(_mm_movemask_epi8(_mm_or_si128(control, quoted)));
        if (special == 0) {
            _mm_storeu_si128(reinterpret_cast<__m128i *>(p), bytes);
            p += 16;
            s += 16;
            continue;
        }
        // Runs between the special bytes go out as fixed 16-byte copies from a local block; the bytes copied past
        // a run are overwritten by what follows (the output has kSlack bytes of room for the last of them).
        alignas(16) char block[32];
        _mm_store_si128(reinterpret_cast<__m128i *>(block), bytes);
        _mm_store_si128(reinterpret_cast<__m128i *>(block + 16), _mm_setzero_si128());
        int at = 0;
        while (special != 0) {
            const int lane = int(qCountTrailingZeroBits(special));
            std::memcpy(p, block + at, 16);
            p += lane - at;
            const char byte = block[lane];
            if (byte == '"' || byte == '\\') { // most of what a JSON payload needs: inline, no call
                *p++ = '\\';
                *p++ = byte;
            } else {
                p = writeEscaped(p, static_cast<unsigned char>(byte));
            }
            at = lane + 1;
            special &= special - 1;
        }
        std::memcpy(p, block + at, 16);
        p += 16 - at;
        s += 16;
    }
#endif
    for (const char byte : QByteArrayView(s, end - s)) {
        const auto c = static_cast<unsigned char>(byte);
        if (c < 0x20 || c == '"' || c == '\\') {
            p = writeEscaped(p, c);
        } else {
            *p++ = byte;
        }
    }
    *p++ = '"';
    return p;
}

constexpr qsizetype kLineRoom = 1024;

// Writes ,"key": at p, which has room for keyLength + 4 bytes.
char *writeKey(char *p, bool first, const char *key, size_t keyLength)
{
    if (!first) {
        *p++ = ',';
    }
    *p++ = '"';
    std::memcpy(p, key, keyLength);
    p += keyLength;
    *p++ = '"';
    *p++ = ':';
    return p;
}

} // namespace

void appendJsonString(QByteArray &out, QStringView value)
{
    const qsizetype start = out.size();
    out.resize(start + maxJsonStringSize(value.size()));
    out.truncate(writeJsonString(out.data() + start, value) - out.constData());
}

void appendJsonString(QByteArray &out, QByteArrayView utf8)
{
    const qsizetype start = out.size();
    out.resize(start + maxJsonStringSize(utf8.size()));
    out.truncate(writeJsonString(out.data() + start, utf8) - out.constData());
}

JsonLine::JsonLine()
    : m_text(m_own)
{
    m_own.reserve(256);
    m_own += '{';
    m_used = m_own.size();
}

JsonLine::JsonLine(QByteArray &out)
    : m_text(out)
{
    m_text += '{';
    m_used = m_text.size();
}

JsonLine::~JsonLine()
{
    if (m_text.size() != m_used) {
        m_text.truncate(m_used); // a line that was not ended leaves no room behind in the buffer
    }
}

char *JsonLine::room(qsizetype bytes)
{
    if (m_text.size() - m_used < bytes) {
        m_text.resize(m_used + std::max(bytes, kLineRoom));
    }
    return m_text.data() + m_used;
}

void JsonLine::end()
{
    char *p = room(2);
    p[0] = '}';
    p[1] = '\n';
    m_used += 2;
    m_text.truncate(m_used);
}

void JsonLine::addString(const char *key, size_t keyLength, QStringView value)
{
    char *start = room(qsizetype(keyLength) + 4 + maxJsonStringSize(value.size()));
    m_used += writeJsonString(writeKey(start, std::exchange(m_empty, false), key, keyLength), value) - start;
}

void JsonLine::addString(const char *key, size_t keyLength, QByteArrayView utf8)
{
    char *start = room(qsizetype(keyLength) + 4 + maxJsonStringSize(utf8.size()));
    m_used += writeJsonString(writeKey(start, std::exchange(m_empty, false), key, keyLength), utf8) - start;
}

void JsonLine::addBare(const char *key, QByteArrayView text)
{
    const size_t keyLength = std::strlen(key);
    char *start = room(qsizetype(keyLength) + 4 + text.size());
    char *p = writeKey(start, std::exchange(m_empty, false), key, keyLength);
    std::memcpy(p, text.data(), size_t(text.size()));
    m_used += p + text.size() - start;
}

JsonLine &JsonLine::add(const char *key, bool value)
{
    addBare(key, value ? QByteArrayView("true") : QByteArrayView("false"));
    return *this;
}

JsonLine &JsonLine::add(const char *key, qint64 value)
{
    addBare(key, QByteArray::number(value));
    return *this;
}

} // namespace herald::cli
