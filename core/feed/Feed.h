#pragma once

#include "feed/FeedConfig.h"
#include "feed/FeedTransport.h"
#include "message/PayloadMapper.h"

#include <QObject>
#include <QSet>
#include <QString>

#include <memory>

namespace herald {

class HistoryStore;
class HttpFetcher;

// One live subscription: the transport its config asks for (a FeedTransport), payloads mapped into Messages, every
// Message handed to the history, and what the user types sent back. A feed resumes where it stopped, also across
// restarts: the newest id it stored is where its transport starts again (SSE's Last-Event-ID, ntfy's since=,
// gotify's catch-up: see ServiceResume), and a poll's items are remembered so that none is stored twice.
class Feed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Feed)

public:
    enum class State { Stopped, Paused, Connecting, Open, Failed };
    Q_ENUM(State)

    // secret: the token or password resolved from the keychain (or the config file), empty when the feed has none.
    Feed(const FeedConfig &config, HistoryStore *history, const QString &secret = {}, QObject *parent = nullptr);
    ~Feed() override;

    const FeedConfig &config() const { return m_config; }
    State state() const { return m_state; }
    QString lastError() const { return m_lastError; }

    // The password of the feed's PKCS#12 client certificate, when it has one.
    void setClientCertificatePassword(const QString &password) { m_clientCertificatePassword = password; }

    // Milliseconds until the next connection attempt; -1 when none is waiting.
    int pendingReconnectDelay() const;

    void start();
    void stop();
    // A new token or password (its command gave a fresh one); the next start() uses it.
    void renewSecret(const QString &secret);
    // Stops, and says so: the user paused it and start() resumes it.
    void pause();
    // Keeps the feed from starting, e.g. when its secret could not be read: start() fails with reason until then.
    void block(const QString &reason);
    // Skips any reconnect wait: the network is back or the machine woke up.
    void reconnectNow();

    // Chat: whether the user can talk back (a WebSocket feed, or any feed with a publish URL).
    bool canSend() const;
    enum class SendState { Sent, Pending, Failed };
    Q_ENUM(SendState)
    // Sends text and keeps it in the history as the user's own message. Returns the id of that message
    // ("out:<uuid>"); sendStateChanged() follows as it is sent. A WebSocket feed holds what is typed while it is away
    // and sends it on reconnect; a server that echoes the message back (with its clientId) is not shown it twice.
    QString send(const QString &text, const QString &senderName = {});

Q_SIGNALS:
    void stateChanged(herald::Feed::State state);
    void errorOccurred(const QString &message);
    void sendStateChanged(const QString &messageId, herald::Feed::SendState state, const QString &error);
    // Every payload as it arrived, before mapping: the feed editor's inspector shows them.
    void payloadReceived(const herald::RawPayload &payload);
    // The server refused the feed's credentials (HTTP 401 or 403): a token from a command may have expired.
    void credentialsRefused();

private:
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    void connectTransport();
    void receive(const RawPayload &payload, std::optional<Message> message);
    // The feed's credentials on a request: an Authorization header, or the token in the query.
    void authorize(QUrl &url, Headers &headers) const;
    void deliver(const Message &own);
    void markDelivered(const QString &messageId);
    void resendPending();
    void setState(State state, const QString &error = {});
    // The feed's preset is this service's, or (automatic) its payloads showed it is.
    bool speaks(PayloadMapper::Preset service) const;
    ResumeService resumeService() const;
    void closeConnections();

    FeedConfig m_config;
    QString m_secret;
    QString m_clientCertificatePassword;
    HistoryStore *m_history;
    PayloadMapper m_mapper;
    FeedTransport::Setup m_setup; // what the last start() found: the publisher uses it too
    std::unique_ptr<FeedTransport> m_transport;
    std::unique_ptr<HttpFetcher> m_publisher;
    QSet<QString> m_sentClientIds;
    QString m_receivedId;     // the newest resume id received ...
    bool m_idPending = false; // ... and not yet known to be stored
    // Polling: the keys of the items in the last answer. An item stays old while the server keeps listing it,
    // even once retention has pruned it from the history.
    QSet<QString> m_lastPollKeys;
    bool m_pollKeysPending = false;
    QString m_service; // automatic format: what the last message was read as (Message::format)
    State m_state = State::Stopped;
    QString m_lastError;
    QString m_blockedBecause;
};

} // namespace herald
