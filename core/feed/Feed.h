#pragma once

#include "feed/FeedConfig.h"
#include "message/PayloadMapper.h"

#include <QObject>
#include <QString>

#include <memory>

namespace herald {

class EventSource;
class HistoryStore;
class WebSocketClient;

// One live subscription: the transport its config asks for, payloads mapped into Messages, every Message handed to
// the history. An SSE feed starts from the last event id the history remembers for it, so a restart resumes where it
// stopped and the server replays only what was missed.
class Feed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Feed)

public:
    enum class State { Stopped, Connecting, Open, Failed };
    Q_ENUM(State)

    // secret: the token or password resolved from the keychain (or the config file), empty when the feed has none.
    Feed(const FeedConfig &config, HistoryStore *history, const QString &secret = {}, QObject *parent = nullptr);
    ~Feed() override;

    const FeedConfig &config() const { return m_config; }
    State state() const { return m_state; }
    QString lastError() const { return m_lastError; }

    void start();
    void stop();

Q_SIGNALS:
    void stateChanged(herald::Feed::State state);
    void errorOccurred(const QString &message);

private:
    void receive(const RawPayload &payload);
    void setState(State state, const QString &error = {});

    FeedConfig m_config;
    QString m_secret;
    HistoryStore *m_history;
    PayloadMapper m_mapper;
    std::unique_ptr<EventSource> m_eventSource;
    std::unique_ptr<WebSocketClient> m_webSocket;
    QString m_receivedId;     // the newest stream id received ...
    bool m_idPending = false; // ... and not yet known to be stored
    State m_state = State::Stopped;
    QString m_lastError;
};

} // namespace herald
