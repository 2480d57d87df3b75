#include "ConsoleOutput.h"

#include "util/SafeText.h"

#include <QStringEncoder>

#include <algorithm>
#include <cstdio>

#ifdef Q_OS_WIN
#include <io.h>
#ifndef NOMINMAX
#define NOMINMAX
#endif
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#define HERALD_ISATTY _isatty
#define HERALD_FILENO _fileno
#else
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#define HERALD_ISATTY isatty
#define HERALD_FILENO fileno
#endif

namespace herald::cli {

namespace {

#ifdef Q_OS_WIN
// A Windows console shows bytes in its own code page (437, 949 …), so UTF-8 written to it is garbled: text goes to it
// as UTF-16, whatever the code page. Into a pipe or a file, output stays UTF-8.
bool isConsole(DWORD stream)
{
    DWORD mode = 0;
    return GetConsoleMode(GetStdHandle(stream), &mode) != 0;
}

bool writeConsole(DWORD stream, QByteArrayView utf8)
{
    const QString text = QString::fromUtf8(utf8);
    const HANDLE console = GetStdHandle(stream);
    const wchar_t *next = reinterpret_cast<const wchar_t *>(text.utf16());
    qsizetype left = text.size();
    while (left > 0) {
        DWORD written = 0;
        const DWORD chunk = DWORD(std::min<qsizetype>(left, 16 * 1024));
        if (!WriteConsoleW(console, next, chunk, &written, nullptr) || written == 0) {
            return false;
        }
        next += written;
        left -= written;
    }
    return true;
}
#endif

} // namespace

ConsoleOutput::ConsoleOutput(QObject *parent)
    : QObject(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setTimerType(Qt::PreciseTimer);
    m_flushTimer.setInterval(kFlushDelayMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &ConsoleOutput::flush);
    m_terminal = HERALD_ISATTY(HERALD_FILENO(stdout)) != 0;
#ifdef Q_OS_WIN
    m_console = isConsole(STD_OUTPUT_HANDLE);
#endif
    // Our buffer is the buffer: stdio's own would split it again (line by line on some platforms).
    std::setvbuf(stdout, nullptr, _IOFBF, size_t(kFlushThreshold));
    m_buffer.reserve(2 * kFlushThreshold);
#ifdef F_SETPIPE_SZ
    // Into a pipe, Linux's 64 KiB default means a switch to the reader for every quarter of a flush; a pipe as
    // large as one flush halves the system time of a fast stream. Refused (above the user's limit) is harmless.
    if (!m_terminal) {
        const int fd = HERALD_FILENO(stdout);
        if (fcntl(fd, F_GETPIPE_SZ) > 0 && fcntl(fd, F_GETPIPE_SZ) < int(kFlushThreshold)) {
            fcntl(fd, F_SETPIPE_SZ, int(kFlushThreshold));
        }
    }
#endif
}

ConsoleOutput::~ConsoleOutput()
{
    flush();
}

void ConsoleOutput::write(const QByteArray &bytes)
{
    m_buffer.append(bytes);
    commit();
}

void ConsoleOutput::writeLine(QStringView text)
{
    QStringEncoder encoder(QStringEncoder::Utf8, QStringConverter::Flag::Stateless); // a lone surrogate: U+FFFD
    char *end = encoder.appendToBuffer(m_buffer.room(3 * text.size() + 1), text);
    *end++ = '\n';
    m_buffer.keep(end);
    commit();
}

void ConsoleOutput::commit()
{
    if (m_terminal || m_buffer.size() >= kFlushThreshold) {
        flush();
    } else if (!m_flushTimer.isActive()) {
        m_flushTimer.start();
    }
}

void ConsoleOutput::flush()
{
    m_flushTimer.stop();
    if (m_buffer.isEmpty()) {
        return;
    }
#ifdef Q_OS_WIN
    if (m_console) {
        const bool wrote = writeConsole(STD_OUTPUT_HANDLE, m_buffer.view());
        m_buffer.clear();
        if (!wrote) {
            noticeReaderGone();
        }
        return;
    }
#endif
    const size_t written = std::fwrite(m_buffer.data(), 1, size_t(m_buffer.size()), stdout);
    const bool failed = std::fflush(stdout) != 0 || written != size_t(m_buffer.size());
    m_buffer.clear();
    if (failed) {
        std::clearerr(stdout);
        noticeReaderGone();
    }
}

void ConsoleOutput::watchReader()
{
#ifndef Q_OS_WIN
    // Qt ignores SIGPIPE, so a write to a pipe nobody reads fails quietly; a quiet stream writes nothing at all. A
    // pipe whose reader is gone polls as an error: look once a second (only for the commands that end then: a
    // timer a second is a wake-up a second for `herald run`, which runs for days).
    if (!m_terminal && !m_readerGone && !m_readerCheck.isActive()) {
        m_readerCheck.setInterval(1000);
        connect(&m_readerCheck, &QTimer::timeout, this, &ConsoleOutput::checkReader, Qt::UniqueConnection);
        m_readerCheck.start();
    }
#endif
}

void ConsoleOutput::checkReader()
{
#ifndef Q_OS_WIN
    pollfd out = {HERALD_FILENO(stdout), 0, 0};
    if (::poll(&out, 1, 0) == 1 && (out.revents & (POLLERR | POLLHUP)) != 0) {
        noticeReaderGone();
    }
#endif
}

void ConsoleOutput::noticeReaderGone()
{
    if (m_readerGone) {
        return;
    }
    m_readerGone = true;
    m_readerCheck.stop();
    Q_EMIT readerWentAway();
}

void ConsoleOutput::error(const QString &message)
{
    // Messages quote servers (a reason phrase, a close reason): nothing in them may drive the terminal.
    const QByteArray line = terminalSafe(message, true).toUtf8() + '\n';
#ifdef Q_OS_WIN
    if (isConsole(STD_ERROR_HANDLE) && writeConsole(STD_ERROR_HANDLE, line)) {
        return;
    }
#endif
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace herald::cli

#include "moc_ConsoleOutput.cpp"
