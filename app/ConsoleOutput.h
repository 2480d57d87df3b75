#pragma once

#include "OutputBuffer.h"

#include <QByteArray>
#include <QObject>
#include <QStringView>
#include <QTimer>

namespace herald::cli {

// Buffered writing to stdout and stderr. On a terminal each write goes out at once (whole lines, as stdio's line
// buffering would); into a pipe or a file, output goes out at most kFlushDelayMs after it was written or past
// kFlushThreshold: a burst of events costs a few large writes, and a quiet stream still shows each event at once.
class ConsoleOutput final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleOutput)

public:
    static constexpr int kFlushDelayMs = 5;
    static constexpr qsizetype kFlushThreshold = 1024 * 1024;

    bool isTerminal() const { return m_terminal; }

    explicit ConsoleOutput(QObject *parent = nullptr);
    ~ConsoleOutput() override;

    void write(const QByteArray &bytes);
    // For writing in place, without a copy per line: append to buffer(), then commit().
    OutputBuffer &buffer() { return m_buffer; }
    void commit();
    // text as UTF-8 and a newline, encoded straight into the buffer.
    void writeLine(QStringView text);
    void flush();
    // stderr is not buffered: what goes there matters now.
    static void error(const QString &message);
    // Whether whoever read stdout has gone (`herald listen … | head -1` after head has its line).
    bool readerGone() const { return m_readerGone; }
    // Also notice a gone reader while nothing is written (readerWentAway() within a second).
    void watchReader();

Q_SIGNALS:
    // The reader of stdout went away: found when a write fails, or within a second on a quiet stream once
    // watchReader() was called.
    void readerWentAway();

private:
    void noticeReaderGone();
    void checkReader();

    OutputBuffer m_buffer;
    QTimer m_flushTimer;
    QTimer m_readerCheck;
    bool m_terminal = false;
#ifdef Q_OS_WIN
    bool m_console = false; // a Windows console: written as UTF-16
#endif
    bool m_readerGone = false;
};

} // namespace herald::cli
