#include "Utf8Validator.h"

#include <cstring>

namespace herald {

namespace {

// Whether the next eight bytes are all ASCII.
inline bool asciiWord(const unsigned char *p)
{
    quint64 word;
    std::memcpy(&word, p, sizeof word);
    return (word & 0x8080808080808080ULL) == 0;
}

} // namespace

bool Utf8Validator::feed(QByteArrayView bytes)
{
    if (m_failed) {
        return false;
    }
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const auto *const end = p + bytes.size();
    while (p < end) {
        if (m_needed == 0) {
            while (end - p >= 8 && asciiWord(p)) {
                p += 8;
            }
            if (p == end) {
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
