#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>

namespace herald {

// Splits a byte stream into UTF-8 lines (LF or CRLF), the framing of newline-delimited JSON streams such as
// ntfy's /json endpoint. Blank lines are skipped (servers send them as keepalives). No I/O; bytes may be split
// anywhere.
class LineSplitter final
{
public:
    using LineHandler = std::function<void(const QString &line)>;

    static constexpr qsizetype kDefaultMaxLineSize = 16 * 1024 * 1024;

    explicit LineSplitter(LineHandler onLine = {})
        : m_onLine(std::move(onLine))
    {}

    void setLineHandler(LineHandler onLine) { m_onLine = std::move(onLine); }
    void setMaxLineSize(qsizetype bytes) { m_maxLineSize = bytes; }
    qsizetype maxLineSize() const { return m_maxLineSize; }

    // Returns false when a line outgrew maxLineSize() without ending; the stream is then unusable until reset().
    bool feed(QByteArrayView bytes);
    // A new stream: forgets a partial line (an unterminated last line is never dispatched).
    void reset();

private:
    void dispatch(QByteArrayView line);

    LineHandler m_onLine;
    qsizetype m_maxLineSize = kDefaultMaxLineSize;
    QByteArray m_partial;
    bool m_overflowed = false;
    bool m_atStart = true; // a byte order mark may precede the first line
};

} // namespace herald
