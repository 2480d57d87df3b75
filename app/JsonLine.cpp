#include "JsonLine.h"

#include <QtAlgorithms>

#include <algorithm>
#include <cstring>
#include <utility>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define HERALD_JSON_SSE2 1
#endif
// SSSE3's byte shuffle, used when the processor has it (every x86-64 since about 2008; the build's baseline is
// SSE2); GCC and Clang compile it for that one function.
#if defined(HERALD_JSON_SSE2) && (defined(__GNUC__) || defined(__clang__))
#include <tmmintrin.h>
#define HERALD_JSON_SSSE3 1
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

// Whether none of a word's bytes needs escaping: no control, quote or backslash (the classic "has a zero byte" and
// "has a byte less than" tests, which are exact as yes-or-no answers). UTF-8 bytes (0x80 and up) never match.
template<typename Word>
constexpr bool plainWord(Word word)
{
    constexpr Word ones = Word(~Word(0)) / 0xFF;
    constexpr Word highs = ones * 0x80;
    const Word quote = word ^ (ones * '"');
    const Word backslash = word ^ (ones * '\\');
    const Word special = ((word - ones * 0x20) & ~word) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash);
    return (special & highs) == 0;
}
static_assert(plainWord(quint64(0x2F7E616161616120)) && plainWord(quint32(0x80BFC3A9)));
static_assert(!plainWord(quint64(0x6161616122616161)) && !plainWord(quint64(0x5C61616161616161)));
static_assert(!plainWord(quint32(0x1F616161)) && !plainWord(quint32(0x61616100)) && !plainWord(quint32(0x7F7F0A7F)));

// What is left of a text after its 16-byte blocks, or a short text (an SSE event's type or id): eight and four bytes
// at a time while none needs escaping, the rest a byte at a time.
char *writeJsonBytesScalar(char *p, const char *s, const char *end)
{
    while (end - s >= 8) {
        quint64 word;
        std::memcpy(&word, s, sizeof word);
        if (!plainWord(word)) {
            break;
        }
        std::memcpy(p, &word, sizeof word);
        s += sizeof word;
        p += sizeof word;
    }
    if (end - s >= 4) {
        quint32 word;
        std::memcpy(&word, s, sizeof word);
        if (plainWord(word)) {
            std::memcpy(p, &word, sizeof word);
            s += sizeof word;
            p += sizeof word;
        }
    }
    for (const char byte : QByteArrayView(s, end - s)) {
        const auto c = static_cast<unsigned char>(byte);
        if (c < 0x20 || c == '"' || c == '\\') {
            p = writeEscaped(p, c);
        } else {
            *p++ = byte;
        }
    }
    return p;
}

#ifdef HERALD_JSON_SSE2
// The bytes below 0x20, as one mask bit per byte of a 16-byte block.
inline quint32 controlMask(__m128i bytes)
{
    return quint32(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(bytes, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F))));
}

// The quotes and backslashes, likewise.
inline quint32 quotedMask(__m128i bytes)
{
    return quint32(_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\')))));
}

// A block's first lanes bytes, with its special bytes at the bits of special: runs between them go out as fixed
// 16-byte copies from a local block; the bytes copied past a run are overwritten by what follows (the output has
// kSlack bytes of room for the last of them).
char *writeSpecialBlock(char *p, __m128i bytes, quint32 special, int lanes)
{
    alignas(16) char block[32];
    _mm_store_si128(reinterpret_cast<__m128i *>(block), bytes);
    _mm_store_si128(reinterpret_cast<__m128i *>(block + 16), _mm_setzero_si128());
    int at = 0;
    while (special != 0) {
        const int lane = int(qCountTrailingZeroBits(special));
        std::memcpy(p, block + at, 16);
        p += lane - at;
        const char byte = block[lane];
        if (byte == '"' || byte == '\\') {
            *p++ = '\\';
            *p++ = byte;
        } else {
            p = writeEscaped(p, static_cast<unsigned char>(byte));
        }
        at = lane + 1;
        special &= special - 1;
    }
    std::memcpy(p, block + at, 16);
    return p + lanes - at;
}

inline quint32 laneMask(int lanes)
{
    return lanes >= 16 ? 0xFFFFu : (1u << lanes) - 1;
}

// Sixteen bytes at a time: UTF-8 goes out as it is, so only controls, quotes and backslashes need care.
char *writeJsonBytesSse2(char *p, const char *s, const char *end)
{
    for (; end - s >= 16; s += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s));
        if (const quint32 special = controlMask(bytes) | quotedMask(bytes); special != 0) {
            p = writeSpecialBlock(p, bytes, special, 16);
        } else {
            _mm_storeu_si128(reinterpret_cast<__m128i *>(p), bytes);
            p += 16;
        }
    }
    return writeJsonBytesScalar(p, s, end);
}
#endif

#ifdef HERALD_JSON_SSSE3
// For each set of quote/backslash positions among eight bytes, the shuffle that spreads them to their escaped places
// (lane 8 of the source holds the backslash that goes before each), and how many quotes that is.
struct ExpandTable
{
    alignas(16) unsigned char shuffle[256][16];
    unsigned char quotes[256];
    constexpr ExpandTable()
        : shuffle()
        , quotes()
    {
        for (int mask = 0; mask < 256; ++mask) {
            int out = 0;
            for (int lane = 0; lane < 8; ++lane) {
                if (mask & (1 << lane)) {
                    shuffle[mask][out++] = 8;
                    ++quotes[mask];
                }
                shuffle[mask][out++] = static_cast<unsigned char>(lane);
            }
            while (out < 16) {
                shuffle[mask][out++] = 0x80; // a zero byte, past what is kept
            }
        }
    }
};
constexpr ExpandTable kExpand;

// Read at 16 - n, the shuffle that moves a block's last n bytes to its first lanes (0x80: a zero byte).
alignas(16) constexpr char kShiftDown[32] = {0,    1,    2,    3,    4,    5,    6,    7,    8,    9,    10,
                                             11,   12,   13,   14,   15,   -128, -128, -128, -128, -128, -128,
                                             -128, -128, -128, -128, -128, -128, -128, -128, -128, -128};

// JSON payloads put a quote in most blocks: there, each half of a block is one table look-up and one shuffle instead
// of a branch per quote.
__attribute__((target("ssse3"))) char *writeJsonBytesSsse3(char *p, const char *s, const char *end)
{
    if (end - s < 16) {
        return writeJsonBytesScalar(p, s, end);
    }
    const __m128i backslashInLane8 = _mm_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, '\\', 0, 0, 0, 0, 0, 0, 0);
    const __m128i lowHalf = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0);
    while (s < end) {
        const int lanes = int(std::min<qsizetype>(end - s, 16));
        // The last block is the text's last 16 bytes, moved down past the ones already written.
        const __m128i bytes =
            lanes == 16 ? _mm_loadu_si128(reinterpret_cast<const __m128i *>(s))
                        : _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(end - 16)),
                                           _mm_loadu_si128(reinterpret_cast<const __m128i *>(kShiftDown + 16 - lanes)));
        s += lanes;
        const quint32 valid = laneMask(lanes);
        const quint32 quoted = quotedMask(bytes) & valid;
        if (const quint32 control = controlMask(bytes) & valid; control != 0) {
            p = writeSpecialBlock(p, bytes, control | quoted, lanes);
            continue;
        }
        if (quoted == 0) {
            _mm_storeu_si128(reinterpret_cast<__m128i *>(p), bytes);
            p += lanes;
            continue;
        }
        // Each half's output is stored whole (up to 16 bytes) and kept as far as its lanes go.
        const quint32 low = quoted & 0xFF;
        const __m128i lowSource = _mm_or_si128(_mm_and_si128(bytes, lowHalf), backslashInLane8);
        _mm_storeu_si128(
            reinterpret_cast<__m128i *>(p),
            _mm_shuffle_epi8(lowSource, _mm_load_si128(reinterpret_cast<const __m128i *>(kExpand.shuffle[low]))));
        p += std::min(lanes, 8) + kExpand.quotes[low];
        if (lanes > 8) {
            const quint32 high = quoted >> 8;
            const __m128i highSource = _mm_or_si128(_mm_srli_si128(bytes, 8), backslashInLane8);
            _mm_storeu_si128(
                reinterpret_cast<__m128i *>(p),
                _mm_shuffle_epi8(highSource, _mm_load_si128(reinterpret_cast<const __m128i *>(kExpand.shuffle[high]))));
            p += lanes - 8 + kExpand.quotes[high];
        }
    }
    return p;
}

// HERALD_NO_SSSE3=1 takes the baseline path on any processor: its tests run it (tst_jsonline_sse2).
const bool kHaveSsse3 = [] {
    __builtin_cpu_init(); // may run before the constructors that would otherwise have called it
    return __builtin_cpu_supports("ssse3") != 0 && qEnvironmentVariableIsEmpty("HERALD_NO_SSSE3");
}();
#endif

char *writeJsonString(char *p, QByteArrayView utf8)
{
    *p++ = '"';
    const char *const s = utf8.data();
    const char *const end = s + utf8.size();
#if defined(HERALD_JSON_SSSE3)
    p = kHaveSsse3 ? writeJsonBytesSsse3(p, s, end) : writeJsonBytesSse2(p, s, end);
#elif defined(HERALD_JSON_SSE2)
    p = writeJsonBytesSse2(p, s, end);
#else
    p = writeJsonBytesScalar(p, s, end);
#endif
    *p++ = '"';
    return p;
}

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

void appendJsonLine(OutputBuffer &out, std::initializer_list<JsonLinePart> parts)
{
    qsizetype room = 2;
    for (const JsonLinePart &part : parts) {
        room += part.head.size() + maxJsonStringSize(part.utf8.size());
    }
    char *p = out.room(room);
    for (const JsonLinePart &part : parts) {
        std::memcpy(p, part.head.data(), size_t(part.head.size()));
        p = writeJsonString(p + part.head.size(), part.utf8);
    }
    p[0] = '}';
    p[1] = '\n';
    out.keep(p + 2);
}

JsonLine::JsonLine()
    : m_out(m_own)
{
    m_own.append('{');
}

JsonLine::JsonLine(OutputBuffer &out)
    : m_out(out)
{
    m_out.append('{');
}

void JsonLine::end()
{
    char *p = m_out.room(2);
    p[0] = '}';
    p[1] = '\n';
    m_out.keep(p + 2);
}

void JsonLine::addString(const char *key, size_t keyLength, QStringView value)
{
    char *p = m_out.room(qsizetype(keyLength) + 4 + maxJsonStringSize(value.size()));
    m_out.keep(writeJsonString(writeKey(p, std::exchange(m_empty, false), key, keyLength), value));
}

void JsonLine::addString(const char *key, size_t keyLength, QByteArrayView utf8)
{
    char *p = m_out.room(qsizetype(keyLength) + 4 + maxJsonStringSize(utf8.size()));
    m_out.keep(writeJsonString(writeKey(p, std::exchange(m_empty, false), key, keyLength), utf8));
}

void JsonLine::addLiteral(const char *key, size_t keyLength, const char *value, size_t valueLength)
{
    char *p =
        writeKey(m_out.room(qsizetype(keyLength + valueLength) + 6), std::exchange(m_empty, false), key, keyLength);
    *p++ = '"';
    std::memcpy(p, value, valueLength);
    p += valueLength;
    *p++ = '"';
    m_out.keep(p);
}

void JsonLine::addBare(const char *key, QByteArrayView text)
{
    const size_t keyLength = std::strlen(key);
    char *p =
        writeKey(m_out.room(qsizetype(keyLength) + 4 + text.size()), std::exchange(m_empty, false), key, keyLength);
    std::memcpy(p, text.data(), size_t(text.size()));
    m_out.keep(p + text.size());
}

JsonLine &JsonLine::add(const char *key, qint64 value)
{
    addBare(key, QByteArray::number(value));
    return *this;
}

} // namespace herald::cli
