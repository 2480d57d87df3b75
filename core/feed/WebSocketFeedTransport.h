#pragma once

#include "feed/FeedTransport.h"

#include <QStringList>

namespace herald {

class GotifyCatchUp;
class WebSocketClient;
namespace protocol {
class ProtocolSession;
}

// A feed on a WebSocket, plain or with the feed's protocol on it (Socket.IO, graphql-ws, MQTT, SockJS, on-open
// messages). It takes what the user types, holding it while the connection or the protocol's handshake is not
// there yet. ntfy resumes with since= on the URL; gotify fetches what it missed after each reconnect.
class WebSocketFeedTransport final : public FeedTransport
{
    Q_OBJECT

public:
    explicit WebSocketFeedTransport(Setup setup);
    ~WebSocketFeedTransport() override;

    void open() override;
    int reconnectRemaining() const override;
    void reconnectNow() override;
    void resumeFrom(const QString &id) override;
    bool takesMessages() const override { return true; }
    SendResult send(const QString &messageId, const QString &text, QString *error) override;

private:
    void deliverWaiting();
    void catchUpGotify();

    std::unique_ptr<WebSocketClient> m_webSocket;
    // The feed's protocol on its WebSocket, when it has one; after m_webSocket, so that it goes first.
    std::unique_ptr<protocol::ProtocolSession> m_session;
    std::unique_ptr<GotifyCatchUp> m_catchUp;
    QStringList m_waiting; // ids of messages sent while not connected (or not ready), oldest first
};

} // namespace herald
