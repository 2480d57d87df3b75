#pragma once

#include "util/Utf8Validator.h"
#include "ws/PerMessageDeflate.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

namespace herald::ws {

// RFC 6455 frames, without I/O: FrameDecoder turns the peer's bytes into messages and control frames and
// decides when the peer broke the protocol; appendClientFrame and appendServerFrame write ours. Herald is a client;
// the server role serves the servers it runs itself (the demo's chat room).
enum class Opcode : quint8 { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

// Close codes this side sends when the peer goes wrong.
enum CloseCode : quint16 {
    kCloseNormal = 1000,
    kCloseProtocolError = 1002,
    kCloseNoStatus = 1005, // never sent: what a close frame without a code means
    kCloseAbnormal = 1006, // never sent: the connection ended without a close frame
    kCloseInvalidData = 1007,
    kCloseMessageTooBig = 1009,
};

// Whether a close frame may carry this code (RFC 6455 7.4, with the codes IANA registered since: 1012-1014).
bool isValidCloseCode(int code);

// What the decoder hands on. The views are valid during the call only.
class FrameSink
{
public:
    virtual ~FrameSink() = default;
    virtual void textMessage(QByteArrayView utf8) = 0; // valid UTF-8
    virtual void binaryMessage(QByteArrayView bytes) = 0;
    virtual void pingFrame(QByteArrayView payload) = 0;
    virtual void pongFrame(QByteArrayView payload) = 0;
    virtual void closeFrame(int code, const QString &reason) = 0; // code kCloseNoStatus when the frame had none
};

// Which end of the connection decodes: a server must receive masked frames, a client unmasked ones.
enum class Role { Client, Server };

class FrameDecoder final
{
public:
    explicit FrameDecoder(FrameSink &sink, Role role = Role::Client);
    ~FrameDecoder();
    FrameDecoder(const FrameDecoder &) = delete;
    FrameDecoder &operator=(const FrameDecoder &) = delete;

    void setMaxMessageSize(qint64 bytes) { m_maxMessageSize = bytes; }
    // permessage-deflate was agreed: frames with RSV1 are compressed messages.
    void enableDeflate(bool serverNoContextTakeover);

    // Parses what arrived. False once the server broke the protocol (failureCode() and failureMessage() say how;
    // the connection must be failed with that code) or once it sent a close frame, after which nothing counts.
    bool feed(QByteArrayView bytes);
    // Stops parsing for good, also in the middle of feed(): for a sink that gives the connection up.
    void halt() { m_halted = true; }

    bool failed() const { return m_failureCode != 0; }
    quint16 failureCode() const { return m_failureCode; }
    QString failureMessage() const { return m_failureMessage; }

private:
    bool fail(quint16 code, const QString &message);
    // Most messages of a busy feed are one small unfragmented frame, whole in the bytes at hand: its size, header
    // included, when the frame at p is one (0 otherwise), and the delivery of that frame (size bytes at frame),
    // without the general path's state.
    qsizetype wholeSmallFrame(const char *p, const char *end) const;
    bool deliverSmallFrame(const char *frame, qsizetype size);
    bool beginFrame(const unsigned char *header);
    bool takePayload(const char *data, qsizetype length);
    bool endFrame();
    bool finishMessage();
    bool dispatchControl();

    FrameSink &m_sink;
    Role m_role;
    qint64 m_maxMessageSize = 16 * 1024 * 1024;
    std::unique_ptr<MessageInflater> m_inflater;

    // the frame being read
    unsigned char m_header[14] = {};
    int m_headerFill = 0;
    bool m_inPayload = false;
    Opcode m_opcode = Opcode::Continuation;
    bool m_fin = false;
    quint64 m_remaining = 0;
    QByteArray m_control;
    bool m_masked = false;
    unsigned char m_maskKey[4] = {};
    quint64 m_maskOffset = 0; // payload bytes of this frame unmasked so far
    QByteArray m_unmasked;

    // the data message being put together
    bool m_inMessage = false;
    Opcode m_messageOpcode = Opcode::Text;
    bool m_compressed = false;
    QByteArray m_message;
    Utf8Validator m_utf8;

    bool m_delivered = false; // the frame's message went out straight from the input
    bool m_halted = false;
    quint16 m_failureCode = 0;
    QString m_failureMessage;
};

// Appends one client frame: masked with a fresh random key, as RFC 6455 asks of every client frame.
void appendClientFrame(QByteArray &out, Opcode opcode, QByteArrayView payload, bool fin = true, bool rsv1 = false);
// Appends one server frame: unmasked.
void appendServerFrame(QByteArray &out, Opcode opcode, QByteArrayView payload, bool fin = true, bool rsv1 = false);
// A close frame's payload: the code and as much of the reason as fits in 123 bytes, cut at a character boundary.
QByteArray closePayload(quint16 code, const QString &reason);

} // namespace herald::ws
