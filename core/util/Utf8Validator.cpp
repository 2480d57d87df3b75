#include "Utf8Validator.h"

#include <cstring>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define HERALD_UTF8_SSE2 1
#endif

namespace herald {

namespace {

// Whether the next eight bytes are all ASCII.
inline bool asciiWord(const unsigned char *p)
{
    quint64 word;
    std::memcpy(&word, p, sizeof word);
    return (word & 0x8080808080808080ULL) == 0;
}

// How many of the bytes from p on are ASCII, counted in whole 16-byte blocks (the rest is for the caller to look at).
// A text that is ASCII to its end, and at least 16 bytes long, is all counted: its last block is checked where it
// ends, overlapping bytes already seen.
inline qsizetype asciiPrefix(const unsigned char *p, const unsigned char *end)
{
#ifdef HERALD_UTF8_SSE2
    const unsigned char *const begin = p;
    while (end - p >= 16) {
        if (_mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p))) != 0) {
            return p - begin;
        }
        p += 16;
    }
    if (p != end && end - begin >= 16 &&
        _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(end - 16))) == 0) {
        return end - begin;
    }
    return p - begin;
#else
    Q_UNUSED(end);
    Q_UNUSED(p);
    return 0;
#endif
}

// Whether the fewer than eight bytes from p to end are ASCII, read in at most two loads: a word that ends at end may
// start before p (bytes already seen) but never before begin. A short field (an SSE event's type or id) is then no
// byte-by-byte walk.
inline bool asciiTail(const unsigned char *begin, const unsigned char *p, const unsigned char *end)
{
    if (end - begin >= 8) {
        return asciiWord(end - 8);
    }
    if (end - p >= 4) {
        quint32 first;
        quint32 last;
        std::memcpy(&first, p, sizeof first);
        std::memcpy(&last, end - 4, sizeof last);
        return ((first | last) & 0x80808080U) == 0;
    }
    for (; p < end; ++p) {
        if (*p >= 0x80) {
            return false;
        }
    }
    return true;
}

} // namespace

bool Utf8Validator::feed(QByteArrayView bytes)
{
    if (m_failed) {
        return false;
    }
    const auto *const begin = reinterpret_cast<const unsigned char *>(bytes.data());
    const auto *p = begin;
    const auto *const end = p + bytes.size();
    while (p < end) {
        if (m_needed == 0) {
            p += asciiPrefix(p, end);
            while (end - p >= 8 && asciiWord(p)) {
                p += 8;
            }
            if (p == end || (end - p < 8 && asciiTail(begin, p, end))) {
                break;
            }
            const unsigned char lead = *p++;
            if (lead < 0x80) {
                continue;
            }
            // The second byte's range depends on the lead byte (Unicode Table 3-7); later ones are 80..BF.
            m_lower = 0x80;
            m_upper = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                m_needed = 1;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                m_needed = 2;
                if (lead == 0xE0) {
                    m_lower = 0xA0; // no overlongs
                } else if (lead == 0xED) {
                    m_upper = 0x9F; // no surrogates
                }
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                m_needed = 3;
                if (lead == 0xF0) {
                    m_lower = 0x90;
                } else if (lead == 0xF4) {
                    m_upper = 0x8F; // nothing above U+10FFFF
                }
            } else {
                m_failed = true; // C0, C1, F5..FF, or a continuation byte with no lead
                return false;
            }
            continue;
        }
        const unsigned char next = *p++;
        if (next < m_lower || next > m_upper) {
            m_failed = true;
            return false;
        }
        m_lower = 0x80;
        m_upper = 0xBF;
        --m_needed;
    }
    return true;
}

} // namespace herald
