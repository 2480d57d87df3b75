#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>

namespace herald::ws {

// RFC 7692 permessage-deflate as a client does it: the offer, the server's answer, and one compressor each way.
struct DeflateParameters
{
    bool serverNoContextTakeover = false; // the server starts each message with an empty window
    bool clientNoContextTakeover = false; // so must we
    int serverMaxWindowBits = 15;
    int clientMaxWindowBits = 15;
};

// The Sec-WebSocket-Extensions value Herald offers: deflate with any window the server likes for ours.
QByteArray deflateOffer();

struct DeflateAnswer
{
    std::optional<DeflateParameters> parameters; // empty: the server did not take the offer (no compression)
    QString error;                               // set: the answer breaks RFC 7692, so the connection must fail
};
// The server's Sec-WebSocket-Extensions header (empty when it sent none).
DeflateAnswer parseDeflateAnswer(const QByteArray &header);

// Inflates the messages the server compressed, frame by frame, never holding more than the message limit.
class MessageInflater final
{
public:
    explicit MessageInflater(bool noContextTakeover);
    ~MessageInflater();
    MessageInflater(const MessageInflater &) = delete;
    MessageInflater &operator=(const MessageInflater &) = delete;

    // Appends what payload inflates to; lastFrame ends the message. False (see error()) when the data is not
    // DEFLATE or the message would pass limit bytes: out then holds at most limit + 1 bytes.
    bool inflate(QByteArrayView payload, bool lastFrame, qint64 limit, QByteArray &out);
    QString error() const { return m_error; }

private:
    bool run(QByteArrayView input, qint64 limit, QByteArray &out);
    struct Stream;
    std::unique_ptr<Stream> m_stream;
    bool m_noContextTakeover;
    QString m_error;
};

class MessageDeflater final
{
public:
    MessageDeflater(int windowBits, bool noContextTakeover);
    ~MessageDeflater();
    MessageDeflater(const MessageDeflater &) = delete;
    MessageDeflater &operator=(const MessageDeflater &) = delete;

    // The message compressed as one frame's payload (the 00 00 FF FF tail taken off, as RFC 7692 says).
    QByteArray deflate(QByteArrayView message);

private:
    struct Stream;
    std::unique_ptr<Stream> m_stream;
    bool m_noContextTakeover;
};

} // namespace herald::ws
