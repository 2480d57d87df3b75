// The RFC 6455 frame decoder with permessage-deflate, in both roles (Herald's client, the demo's server): any bytes
// from the peer end in messages or a clean failure code, never a fault; a text message is always valid UTF-8 and never
// over the size limit.
#include "FuzzSupport.h"
#include "ws/WebSocketFrames.h"

using namespace herald;

namespace {

struct Sink final : ws::FrameSink
{
    void textMessage(QByteArrayView utf8) override
    {
        fuzz::check(utf8.size() <= 65536);
        fuzz::check(QString::fromUtf8(utf8).toUtf8() == utf8);
    }
    void binaryMessage(QByteArrayView bytes) override { fuzz::check(bytes.size() <= 65536); }
    void pingFrame(QByteArrayView payload) override { fuzz::check(payload.size() <= 125); }
    void pongFrame(QByteArrayView payload) override { fuzz::check(payload.size() <= 125); }
    void closeFrame(int, const QString &) override {}
};

} // namespace

HERALD_FUZZ_TARGET
{
    if (size == 0) {
        return 0;
    }
    // The first byte picks the settings: compression on or off, the role, and where the stream is cut.
    const bool deflate = data[0] & 1;
    const auto role = (data[0] & 0x80) ? ws::Role::Server : ws::Role::Client;
    const QByteArrayView bytes = HERALD_FUZZ_BYTES.sliced(1);
    Sink sink;
    ws::FrameDecoder decoder(sink, role);
    decoder.setMaxMessageSize(65536);
    if (deflate) {
        decoder.enableDeflate(data[0] & 2);
    }
    const qsizetype split = bytes.isEmpty() ? 0 : qsizetype((data[0] >> 2) % bytes.size());
    decoder.feed(bytes.first(split));
    decoder.feed(bytes.sliced(split));
    const quint16 failure = decoder.failureCode();
    fuzz::check(failure == 0 || failure == ws::kCloseProtocolError || failure == ws::kCloseInvalidData ||
                failure == ws::kCloseMessageTooBig);
    return 0;
}
