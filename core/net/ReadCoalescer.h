#pragma once

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

class QAbstractSocket;

namespace herald {

// Fewer wake-ups for a stream that is flowing. A reader that wakes for every TCP segment also costs the sender, which
// on the same host does the wake-up for it; while reads keep bringing a lot (kFlowingFrom bytes in one wake-up, or in
// the wake-ups of one kWindowMs: a server that writes each message on its own, as Socket.IO's does, brings a few
// hundred bytes at a time to a reader that keeps up), the kernel is asked (SO_RCVLOWAT, Linux)
// to wake the reader only once kLowWater bytes are in, and a timer puts the mark back to one byte after kWindowMs,
// so nothing waits longer than that. A lone message after a quiet spell is read at once, as without it. Elsewhere it
// does nothing.
//
// A reply is never held back: from the moment the reader sends a message until the next whole message arrives, the
// peer may be answering it (an echo, a chat, a graphql-ws operation, an MQTT acknowledgement), so reads are not
// coalesced then. A stream the reader only listens to is coalesced as before.
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
    // The reader sent a message: what comes next may be the answer someone waits for. The mark goes back to one byte.
    void messageSent();
    // A whole message arrived: the answer, if one was awaited.
    void messageArrived() { m_awaitingReply = false; }
    // The socket goes away or stops being read: the mark goes back to one byte.
    void stop();
    bool coalescing() const { return m_window.isActive(); }

private:
    void setLowWater(int bytes);

    QPointer<QAbstractSocket> m_socket;
    QTimer m_window;
    QElapsedTimer m_recent; // since the first of the wake-ups counted in m_recentBytes
    qint64 m_recentBytes = 0;
    bool m_awaitingReply = false;
};

} // namespace herald
