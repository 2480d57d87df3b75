#pragma once

#include "ws/WebSocketFrames.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>

namespace herald {

struct HttpRequest;

// The server's end of one WebSocket connection, for the servers Herald runs itself (the demo's chat room): answers
// a client's upgrade request, then RFC 6455 framing (masked frames in, unmasked out; pings answered, the closing
// handshake echoed), without extensions. Bounded like the client: a message over the limit closes with 1009, a
// client that lets kMaxUnwritten bytes wait unread is dropped.
class WebSocketServerConnection final : public QObject, private ws::FrameSink
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketServerConnection)

public:
    static constexpr qint64 kMaxUnwritten = 4 * 1024 * 1024;

    // Why a request cannot be upgraded, for a 400 answer; empty when it can.
    static QByteArray refusal(const HttpRequest &request);

    // Takes over socket (which becomes its child), whose upgrade request was read up to `leftover` (the first frames
    // that came with it), and answers the upgrade. The request must have passed refusal().
    WebSocketServerConnection(QTcpSocket *socket, const HttpRequest &request, const QByteArray &leftover,
                              qint64 maxMessageSize, QObject *parent = nullptr);
    ~WebSocketServerConnection() override;

    void sendText(const QString &message);
    void sendBinary(const QByteArray &message);
    void close(quint16 code = ws::kCloseNormal, const QString &reason = {});
    // Drops the connection now, without a close frame; disconnected() still follows.
    void abort();
    bool isOpen() const { return m_open; }

Q_SIGNALS:
    void textMessageReceived(const QString &message);
    void binaryMessageReceived(const QByteArray &message);
    // Once, when the connection is over for whatever reason.
    void disconnected();

private:
    void onReadyRead();
    void writeFrame(ws::Opcode opcode, QByteArrayView payload);
    void fail(quint16 code, const QString &message);
    void finish();

    void textMessage(QByteArrayView utf8) override;
    void binaryMessage(QByteArrayView bytes) override;
    void pingFrame(QByteArrayView payload) override;
    void pongFrame(QByteArrayView payload) override;
    void closeFrame(int code, const QString &reason) override;

    QPointer<QTcpSocket> m_socket;
    ws::FrameDecoder m_decoder;
    QByteArray m_frame;
    bool m_open = true;
    bool m_closeSent = false;
    bool m_finished = false;
};

} // namespace herald
