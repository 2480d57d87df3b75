#include "LineSplitter.h"

#include "Utf8.h"

namespace herald {

bool LineSplitter::feed(QByteArrayView bytes)
{
    if (m_overflowed) {
        return false;
    }
    qsizetype start = 0;
    while (start < bytes.size()) {
        const qsizetype end = bytes.indexOf('\n', start);
        if (end < 0) {
            break;
        }
        const QByteArrayView piece = bytes.sliced(start, end - start);
        if (m_partial.isEmpty()) {
            dispatch(piece);
        } else {
            m_partial.append(piece);
            dispatch(m_partial);
            m_partial.clear();
        }
        if (m_overflowed) {
            return false;
        }
        start = end + 1;
    }
    m_partial.append(bytes.sliced(start));
    // Room for what a line does not count (a byte order mark, the CR of a CRLF still to come): a line exactly at the
    // limit passes however the bytes were split.
    constexpr qsizetype kUncounted = 4;
    if (m_maxLineSize > 0 && m_partial.size() > m_maxLineSize + kUncounted) {
        m_partial.clear();
        m_overflowed = true;
        return false;
    }
    return true;
}

void LineSplitter::reset()
{
    m_partial.clear();
    m_overflowed = false;
    m_atStart = true;
}

void LineSplitter::dispatch(QByteArrayView line)
{
    if (m_atStart) {
        m_atStart = false;
        if (line.startsWith("\xEF\xBB\xBF")) {
            line = line.sliced(3);
        }
    }
    if (line.endsWith('\r')) {
        line.chop(1);
    }
    if (line.trimmed().isEmpty() || !m_onLine) {
        return;
    }
    if (m_maxLineSize > 0 && line.size() > m_maxLineSize) {
        m_overflowed = true;
        return;
    }
    m_onLine(decodeUtf8(line));
}

} // namespace herald
