#include "ConsoleOutput.h"

#include <cstdio>

namespace herald::cli {

ConsoleOutput::ConsoleOutput(QObject *parent)
    : QObject(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setTimerType(Qt::PreciseTimer);
    m_flushTimer.setInterval(kFlushDelayMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &ConsoleOutput::flush);
}

ConsoleOutput::~ConsoleOutput()
{
    flush();
}

void ConsoleOutput::write(const QByteArray &bytes)
{
    m_buffer += bytes;
    if (m_buffer.size() >= kFlushThreshold) {
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
    std::fwrite(m_buffer.constData(), 1, size_t(m_buffer.size()), stdout);
    std::fflush(stdout);
    m_buffer.resize(0);
}

void ConsoleOutput::error(const QString &message)
{
    const QByteArray line = message.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace herald::cli
