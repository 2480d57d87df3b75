#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace herald {

// Checks UTF-8 as it arrives in pieces split anywhere, even inside a code point (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF). feed() fails at the first byte that no valid continuation can follow, so a
// bad text message is refused as soon as it goes wrong, not when it ends.
class Utf8Validator final
{
public:
    // False once the text can no longer be valid; everything after that is ignored until reset().
    bool feed(QByteArrayView bytes);
    // Whether the text fed so far ends on a code point boundary (a message must).
    bool atBoundary() const { return m_needed == 0 && !m_failed; }
    bool failed() const { return m_failed; }
    void reset() { *this = Utf8Validator(); }

private:
    quint8 m_needed = 0;   // continuation bytes still to come in the current code point
    quint8 m_lower = 0x80; // the range the next continuation byte must fall in
    quint8 m_upper = 0xBF;
    bool m_failed = false;
};

} // namespace herald
