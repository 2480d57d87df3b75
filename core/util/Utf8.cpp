#include "Utf8.h"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define HERALD_UTF8_SSE2 1
#endif

namespace herald {

namespace {

constexpr char16_t kReplacement = 0xFFFD;

// Widens 16 ASCII bytes to UTF-16; false (and nothing written) when any of them is not ASCII.
bool widenAsciiBlock(const unsigned char *src, char16_t *dst)
{
#ifdef HERALD_UTF8_SSE2
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(src));
    if (_mm_movemask_epi8(bytes) != 0) {
        return false;
    }
    const __m128i zero = _mm_setzero_si128();
    _mm_storeu_si128(reinterpret_cast<__m128i *>(dst), _mm_unpacklo_epi8(bytes, zero));
    _mm_storeu_si128(reinterpret_cast<__m128i *>(dst + 8), _mm_unpackhi_epi8(bytes, zero));
    return true;
#else
    constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
    std::uint64_t a;
    std::uint64_t b;
    std::memcpy(&a, src, 8);
    std::memcpy(&b, src + 8, 8);
    if (((a | b) & kHighBits) != 0) {
        return false;
    }
    for (int k = 0; k < 16; ++k) {
        dst[k] = src[k];
    }
    return true;
#endif
}

} // namespace

QString decodeUtf8(QByteArrayView bytes)
{
    QString out;
    decodeUtf8Into(bytes, out);
    return out;
}

void decodeUtf8Into(QByteArrayView bytes, QString &out)
{
    const auto *src = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype size = bytes.size();
    // UTF-16 never needs more code units than UTF-8 has bytes.
    if (out.isDetached() && out.capacity() >= size) {
        out.resize(size);
    } else {
        out = QString(size, Qt::Uninitialized);
    }
    char16_t *const begin = reinterpret_cast<char16_t *>(out.data());
    char16_t *dst = begin;

    qsizetype i = 0;
    while (i < size) {
        while (size - i >= 16 && widenAsciiBlock(src + i, dst)) {
            dst += 16;
            i += 16;
        }
        if (i >= size) {
            break;
        }
        const unsigned char lead = src[i];
        if (lead < 0x80) {
            *dst++ = lead;
            ++i;
            continue;
        }

        int needed = 0;
        char32_t codePoint = 0;
        unsigned char lower = 0x80;
        unsigned char upper = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            needed = 1;
            codePoint = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            lower = lead == 0xE0 ? 0xA0 : 0x80;
            upper = lead == 0xED ? 0x9F : 0xBF;
            needed = 2;
            codePoint = lead & 0x0F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            lower = lead == 0xF0 ? 0x90 : 0x80;
            upper = lead == 0xF4 ? 0x8F : 0xBF;
            needed = 3;
            codePoint = lead & 0x07;
        } else {
            *dst++ = kReplacement;
            ++i;
            continue;
        }
        ++i;

        bool complete = true;
        for (int seen = 0; seen < needed; ++seen) {
            if (i >= size || src[i] < lower || src[i] > upper) {
                // The offending byte is not consumed: it starts the next sequence.
                complete = false;
                break;
            }
            codePoint = (codePoint << 6) | (src[i] & 0x3F);
            lower = 0x80;
            upper = 0xBF;
            ++i;
        }
        if (!complete) {
            *dst++ = kReplacement;
        } else if (codePoint >= 0x10000) {
            *dst++ = QChar::highSurrogate(codePoint);
            *dst++ = QChar::lowSurrogate(codePoint);
        } else {
            *dst++ = static_cast<char16_t>(codePoint);
        }
    }
    out.truncate(dst - begin);
}

} // namespace herald
