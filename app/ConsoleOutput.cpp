#include "ConsoleOutput.h"

#include <QMetaObject>

#include <cstdio>

namespace herald::cli {

namespace {
constexpr qsizetype kFlushThreshold = 256 * 1024;
}

ConsoleOutput::ConsoleOutput(QObject *parent)
    : QObject(parent)
{}

ConsoleOutput::~ConsoleOutput()
{
    flush();
}

void ConsoleOutput::write(const QByteArray &bytes)
{
    m_buffer += bytes;
    if (m_buffer.size() >= kFlushThreshold) {
        flush();
    } else if (!m_flushScheduled) {
        m_flushScheduled = true;
        QMetaObject::invokeMethod(this, &ConsoleOutput::flush, Qt::QueuedConnection);
    }
}

void ConsoleOutput::flush()
{
    m_flushScheduled = false;
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
