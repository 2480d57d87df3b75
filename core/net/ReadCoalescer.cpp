#include "ReadCoalescer.h"

#include <QAbstractSocket>
#include <QLoggingCategory>

#ifdef Q_OS_LINUX
#include <sys/socket.h>
#endif

Q_DECLARE_LOGGING_CATEGORY(lcWs)

namespace herald {

ReadCoalescer::ReadCoalescer()
{
    m_window.setSingleShot(true);
    m_window.setTimerType(Qt::PreciseTimer);
    // Setting the mark wakes the reader when enough is waiting already, so what came in the window is read next.
    m_window.callOnTimeout([this] { setLowWater(1); });
}

void ReadCoalescer::bytesRead(QAbstractSocket *socket, qint64 count)
{
#ifdef Q_OS_LINUX
    if (m_awaitingReply || m_window.isActive() || !socket || count <= 0) {
        return;
    }
    if (!m_recent.isValid() || m_recent.nsecsElapsed() > qint64(kWindowMs) * 1000000) {
        m_recent.start();
        m_recentBytes = 0;
    }
    m_recentBytes += count;
    if (m_recentBytes < kFlowingFrom) {
        return;
    }
    m_recent.invalidate();
    m_socket = socket;
    setLowWater(kLowWater);
    m_window.start(kWindowMs);
#else
    Q_UNUSED(socket);
    Q_UNUSED(count);
#endif
}

void ReadCoalescer::messageSent()
{
    m_awaitingReply = true;
    m_recent.invalidate();
    if (m_window.isActive()) {
        m_window.stop();
        setLowWater(1);
    }
}

void ReadCoalescer::stop()
{
    m_awaitingReply = false;
    m_recent.invalidate();
    if (m_window.isActive()) {
        m_window.stop();
        setLowWater(1);
    }
    m_socket.clear();
}

void ReadCoalescer::setLowWater(int bytes)
{
#ifdef Q_OS_LINUX
    const qintptr descriptor = m_socket ? m_socket->socketDescriptor() : -1;
    if (descriptor < 0) {
        return;
    }
    if (::setsockopt(int(descriptor), SOL_SOCKET, SO_RCVLOWAT, &bytes, sizeof bytes) != 0) {
        qCDebug(lcWs) << "SO_RCVLOWAT" << bytes << "refused:" << qt_error_string(errno);
    }
#else
    Q_UNUSED(bytes);
#endif
}

} // namespace herald
