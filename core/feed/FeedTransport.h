#pragma once

#include "feed/FeedConfig.h"
#include "feed/ServiceResume.h"
#include "message/PayloadMapper.h"

#include <QObject>
#include <QSet>

#include <memory>
#include <optional>

namespace herald {

// How a feed reaches its server, one class per transport: an event stream (SSE or JSON lines), a WebSocket with
// the feed's protocol on it, or polling. A transport connects, reconnects as the feed's config says, and hands over
// each payload with what it maps to. The Feed stores, resumes and notifies; createFeedTransport() is the one place
// that knows every transport.
class FeedTransport : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FeedTransport)

public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    // What every transport starts from.
    struct Setup
    {
        FeedConfig config;
        QUrl url;        // with the feed's credentials when they go in the query
        Headers headers; // with its Authorization header
        QString secret;  // for a protocol's ${secret}
#if QT_CONFIG(ssl)
        std::optional<TlsPolicy> tlsPolicy;
#endif
        const PayloadMapper *mapper = nullptr; // the feed's; outlives the transport
        ResumeService service = ResumeService::Generic;
        QString resumeId;       // the newest id the feed stored
        QSet<QString> pollKeys; // polling: the items of the last answer
    };

    enum class SendResult { Sent, Pending, Failed };

    ~FeedTransport() override;

    virtual void open() = 0;
    // Milliseconds until the next connection attempt; -1 when none is waiting.
    virtual int reconnectRemaining() const
    {
        return -1;
    }
    // Skips any wait: the network is back or the machine woke up.
    virtual void reconnectNow() = 0;

    // The feed's payloads showed which service it is (the automatic format), or its resume point moved to an id
    // carried inside a payload: the next reconnect asks for what followed it.
    virtual void setService(ResumeService service)
    {
        m_setup.service = service;
    }
    virtual void resumeFrom(const QString &id)
    {
        m_setup.resumeId = id;
    }

    // Whether the server takes what the user types on this connection (a WebSocket).
    virtual bool takesMessages() const
    {
        return false;
    }
    // Sends the text of the user's message messageId; Pending until delivered() names it. error says why not.
    virtual SendResult send(const QString &messageId, const QString &text, QString *error);

Q_SIGNALS:
    void opened();
    // message: what the payload maps to; empty when it is not a message by its format's rules.
    void payloadArrived(const herald::RawPayload &payload, const std::optional<herald::Message> &message);
    // A payload that is no news (a poll listing an item again): for the feed editor's inspector only.
    void payloadSeen(const herald::RawPayload &payload);
    void retrying(const QString &message);
    // Given up for good (reconnecting is off, or asking again will not help). message empty: the last retrying()
    // already said why.
    void failed(const QString &message);
    // Something went wrong that the connection survives (what was missed could not be fetched).
    void warning(const QString &message);
    void credentialsRefused();
    // A message send() left Pending has gone out.
    void delivered(const QString &messageId);
    // Polling: the keys of the items in the last answer changed.
    void pollKeysChanged(const QSet<QString> &keys);

protected:
    explicit FeedTransport(Setup setup);

    template<typename Connection>
    void applyNetworkSettings(Connection &connection) const;

    std::optional<Message> map(const RawPayload &payload) const
    {
        return m_setup.mapper->map(payload);
    }
    RawPayload payload(const QString &text, const QString &eventType = {}, const QString &id = {}) const;
    // message, and for a "not found" from a ntfy or gotify feed, the address that server serves its stream at.
    QString explained(const QString &message, int httpStatus) const;

    Setup m_setup;
};

// The feed's TLS policy and proxy, on any of its connections (an EventSource, a WebSocketClient, an HttpFetcher).
template<typename Connection>
void applyNetworkSettings(Connection &connection, const FeedTransport::Setup &setup)
{
#if QT_CONFIG(ssl)
    if (setup.tlsPolicy) {
        connection.setTlsPolicy(*setup.tlsPolicy);
    }
#endif
    if (const auto proxy = setup.config.networkProxy()) {
        connection.setProxy(*proxy);
    }
}

template<typename Connection>
void FeedTransport::applyNetworkSettings(Connection &connection) const
{
    herald::applyNetworkSettings(connection, m_setup);
}

// The transport the feed's config asks for.
std::unique_ptr<FeedTransport> createFeedTransport(FeedTransport::Setup setup);

} // namespace herald
