#pragma once

#include "protocol/MessageProtocol.h"

#include <QElapsedTimer>
#include <QList>
#include <QMetaObject>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>

namespace herald {

class WebSocketClient;

namespace protocol {

// A MessageProtocol running on a WebSocketClient: the one place that wires the two together, for the command line
// and for feeds alike. Application messages come out through the handler; what is sent before the protocol is
// ready waits (bounded) and goes out once it is.
class ProtocolSession final : private ProtocolLink
{
public:
    using MessageHandler = std::function<void(const AppMessage &message)>;
    using ReadyHandler = std::function<void()>;
    static constexpr int kMaxWaiting = 1000;
    // How long leaving waits for the server to acknowledge what was sent (MQTT QoS 1).
    static constexpr int kSettleTimeoutMs = 10000;

    // Sets the client's URL and subprotocols as the protocol wants, and takes over its message handling.
    ProtocolSession(WebSocketClient &client, std::unique_ptr<MessageProtocol> protocol);
    ~ProtocolSession() override;
    ProtocolSession(const ProtocolSession &) = delete;
    ProtocolSession &operator=(const ProtocolSession &) = delete;

    void setMessageHandler(MessageHandler handler) { m_onMessage = std::move(handler); }
    // Each time the protocol's handshake completes (after every reconnect).
    void setReadyHandler(ReadyHandler handler) { m_onReady = std::move(handler); }
    // When the server ends what was asked for on purpose; without a handler the connection is retried later.
    using CompletedHandler = std::function<void(const QString &message)>;
    void setCompletedHandler(CompletedHandler handler) { m_onCompleted = std::move(handler); }

    const MessageProtocol &protocol() const { return *m_protocol; }
    bool ready() const { return m_protocol->ready(); }
    // False when the message cannot even wait (too many already do).
    bool send(const QString &text, const QString &type = {});
    // Messages sent before the protocol was ready that still wait for it.
    int waitingCount() const { return int(m_waiting.size()); }
    // Leaves as the protocol says and closes the WebSocket once the server had time to act on what was sent;
    // then done runs, with an error when the server did not acknowledge all of it. Waiting messages are sent first.
    void leave(std::function<void(const QString &error)> done);

private:
    void sendText(const QString &text) override;
    void sendBinary(const QByteArray &bytes) override;
    void protocolFailed(const QString &message, bool retry) override;
    void protocolCompleted(const QString &message) override;
    void afterInput(QList<AppMessage> &messages, bool wasReady);
    void finishLeaving(const QString &error);
    // Closes once the connection was quiet for the protocol's leave grace (bounded by kSettleTimeoutMs).
    void closeWhenQuiet();

    WebSocketClient &m_client;
    std::unique_ptr<MessageProtocol> m_protocol;
    MessageHandler m_onMessage;
    ReadyHandler m_onReady;
    CompletedHandler m_onCompleted;
    std::deque<std::pair<QString, QString>> m_waiting;
    QList<QMetaObject::Connection> m_connections;
    QTimer m_keepalive;
    // While leaving waits for the server's acknowledgements.
    std::function<void(const QString &error)> m_leaveDone;
    QTimer m_settleTimeout;
    QElapsedTimer m_sinceLastSend; // invalid until the application sends something
    // For every message, not only while leaving: the answers to lines sent long before may still be coming in.
    QElapsedTimer m_sinceLastReceived;
    // After leaving was said: the close waits while the server still sends (Socket.IO's server drops what it has
    // not written yet when the connection closes: the answers to the last lines sent).
    QTimer m_closeTimer;
    QElapsedTimer m_closing;
    std::function<void(const QString &error)> m_closeDone;
};

} // namespace protocol
} // namespace herald
