#pragma once

#include <QPointer>
#include <QTimer>

class QAbstractSocket;

namespace herald {

// Fewer wake-ups for a stream that is flowing. A reader that wakes for every TCP segment also costs the sender, which
// on the same host does the wake-up for it; while reads keep bringing a lot, the kernel is asked (SO_RCVLOWAT, Linux)
// to wake the reader only once kLowWater bytes are in, and a timer puts the mark back to one byte after kWindowMs,
// so nothing waits longer than that. A lone message after a quiet spell is read at once, as without it. Elsewhere it
// does nothing.
class ReadCoalescer final
{
public:
    static constexpr qint64 kFlowingFrom = 1024; // bytes in one wake-up that say the stream is flowing
    static constexpr int kLowWater = 64 * 1024;
    static constexpr int kWindowMs = 1;

    ReadCoalescer();
    ReadCoalescer(const ReadCoalescer &) = delete;
    ReadCoalescer &operator=(const ReadCoalescer &) = delete;

    // After each wake-up of the socket's reader, with what it read.
    void bytesRead(QAbstractSocket *socket, qint64 count);
    // The socket goes away or stops being read: the mark goes back to one byte.
    void stop();
    bool coalescing() const { return m_window.isActive(); }

private:
    void setLowWater(int bytes);

    QPointer<QAbstractSocket> m_socket;
    QTimer m_window;
};

} // namespace herald
