#pragma once

#include <QByteArray>
#include <QList>

namespace herald::test {

// Byte-level WebSocket pieces (RFC 6455) for test servers that must misbehave in ways a real server will not.
namespace ws {

enum Opcode : quint8 { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

// The Sec-WebSocket-Accept value for a client's Sec-WebSocket-Key.
QByteArray acceptKey(const QByteArray &clientKey);
// A server frame (unmasked); rsv sets the reserved bits (4: RSV1, a compressed message's first frame).
QByteArray frame(Opcode opcode, const QByteArray &payload, bool fin = true, quint8 rsv = 0);
QByteArray closeFrame(quint16 code, const QByteArray &reason = {});

struct ClientFrame
{
    Opcode opcode;
    bool fin;
    QByteArray payload; // unmasked
};

// Takes complete (masked) client frames off the front of buffer.
QList<ClientFrame> takeClientFrames(QByteArray &buffer);

} // namespace ws
} // namespace herald::test
