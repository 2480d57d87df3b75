// Engine.IO/Socket.IO, graphql-transport-ws and SockJS frames from a server: each frame is delivered, ignored or
// fails the connection with a reason; nothing delivered is much larger than what came in.
#include "FuzzSupport.h"
#include "protocol/GraphqlWsProtocol.h"
#include "protocol/SockJsProtocol.h"
#include "protocol/SocketIoProtocol.h"

#include <QJsonObject>

#include <memory>

using namespace herald;

HERALD_FUZZ_TARGET
{
    if (size == 0) {
        return 0;
    }
    std::unique_ptr<protocol::MessageProtocol> subject;
    switch (data[0] % 3) {
    case 0:
        subject = std::make_unique<protocol::SocketIoProtocol>(QStringLiteral("/"), QByteArray());
        break;
    case 1:
        subject = std::make_unique<protocol::GraphqlWsProtocol>(QStringLiteral("subscription { x }"), QJsonObject(),
                                                                QJsonObject());
        break;
    default:
        subject = std::make_unique<protocol::SockJsProtocol>();
        break;
    }
    fuzz::NullLink link;
    QList<protocol::AppMessage> out;
    subject->opened(link);
    // Frames are separated by NUL bytes, so that one input drives a whole conversation (handshake, then events).
    const QByteArrayView bytes = HERALD_FUZZ_BYTES.sliced(1);
    qsizetype given = 0;
    for (const QByteArray &frame : bytes.toByteArray().split('\0')) {
        given += frame.size();
        const int failuresBefore = link.failures;
        subject->textReceived(frame, link, out);
        if (link.failures > failuresBefore) {
            subject->opened(link); // as after the reconnect that follows
        }
    }
    qsizetype delivered = 0;
    for (const protocol::AppMessage &message : out) {
        delivered += message.text.size() + message.bytes.size();
    }
    fuzz::check(delivered <= 4 * given + 64);
    return 0;
}
