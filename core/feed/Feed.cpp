#include "Feed.h"

#include "sse/EventSource.h"
#include "store/HistoryStore.h"
#include "ws/WebSocketClient.h"

#include <QUrlQuery>

namespace herald {

Feed::Feed(const FeedConfig &config, HistoryStore *history, const QString &secret, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_secret(secret.isEmpty() ? config.inlineSecret : secret)
    , m_history(history)
    , m_mapper(config.preset)
{
    if (m_history) {
        // The resume point moves only once what came before it is on disk: a crash never skips a message.
        connect(m_history, &HistoryStore::flushed, this, [this] {
            if (m_idPending) {
                m_history->setLastEventId(m_config.name, m_receivedId);
                m_idPending = false;
            }
        });
    }
}

Feed::~Feed() = default;

void Feed::setState(State state, const QString &error)
{
    if (!error.isEmpty()) {
        m_lastError = error;
        Q_EMIT errorOccurred(error);
    }
    if (m_state != state) {
        m_state = state;
        Q_EMIT stateChanged(state);
    }
}

void Feed::start()
{
    stop();
    QUrl url = m_config.url;
    auto headers = m_config.headers;
    switch (m_config.auth) {
    case FeedConfig::Auth::None:
        break;
    case FeedConfig::Auth::Bearer:
        headers.append({"Authorization", "Bearer " + m_secret.toUtf8()});
        break;
    case FeedConfig::Auth::Basic:
        headers.append({"Authorization", "Basic " + (m_config.username + u':' + m_secret).toUtf8().toBase64()});
        break;
    case FeedConfig::Auth::QueryToken: {
        QUrlQuery query(url);
        query.addQueryItem(m_config.queryParameter, m_secret);
        url.setQuery(query);
        break;
    }
    }

    switch (m_config.effectiveTransport()) {
    case FeedConfig::Transport::Sse:
    case FeedConfig::Transport::Auto: {
        m_eventSource = std::make_unique<EventSource>(url);
        m_eventSource->setHeaders(headers);
        m_eventSource->setIdleTimeout(m_config.idleTimeoutSeconds * 1000);
        if (m_history) {
            m_eventSource->setLastEventId(m_history->lastEventId(m_config.name));
        }
        connect(m_eventSource.get(), &EventSource::eventReceived, this, [this](const SseEvent &event) {
            receive(RawPayload{m_config.name, event.type, event.lastEventId, event.data, false});
        });
        connect(m_eventSource.get(), &EventSource::opened, this, [this] { setState(State::Open); });
        connect(m_eventSource.get(), &EventSource::errorOccurred, this,
                [this](EventSource::Error, const QString &message) { setState(State::Connecting, message); });
        connect(m_eventSource.get(), &EventSource::stateChanged, this, [this](EventSource::State state) {
            if (state == EventSource::State::Closed && m_state != State::Stopped) {
                setState(State::Failed, m_eventSource->errorString());
            }
        });
        setState(State::Connecting);
        m_eventSource->open();
        return;
    }
    case FeedConfig::Transport::WebSocket: {
        m_webSocket = std::make_unique<WebSocketClient>(url);
        m_webSocket->setHeaders(headers);
        connect(m_webSocket.get(), &WebSocketClient::textMessageReceived, this, [this](const QString &text) {
            receive(RawPayload{m_config.name, {}, {}, text, false});
        });
        connect(m_webSocket.get(), &WebSocketClient::binaryMessageReceived, this, [this](const QByteArray &bytes) {
            receive(RawPayload{m_config.name, {}, {}, QString::fromLatin1(bytes.toBase64()), true});
        });
        connect(m_webSocket.get(), &WebSocketClient::opened, this, [this] { setState(State::Open); });
        connect(m_webSocket.get(), &WebSocketClient::errorOccurred, this,
                [this](WebSocketClient::Error, const QString &message) { setState(State::Connecting, message); });
        setState(State::Connecting);
        m_webSocket->open();
        return;
    }
    case FeedConfig::Transport::JsonLines:
    case FeedConfig::Transport::Polling:
        setState(State::Failed, QStringLiteral("the %1 transport is not available in this version of Herald; use sse "
                                               "or websocket for \"%2\"")
                                    .arg(FeedConfig::transportName(m_config.transport), m_config.name));
        return;
    }
}

void Feed::stop()
{
    m_eventSource.reset();
    m_webSocket.reset();
    setState(State::Stopped);
}

void Feed::receive(const RawPayload &payload)
{
    if (!m_history) {
        return;
    }
    if (!payload.id.isEmpty()) {
        m_receivedId = payload.id;
        m_idPending = true;
    }
    if (const auto message = m_mapper.map(payload)) {
        m_history->append(*message);
    } // else not a message by its format's own rules (ntfy's keepalive); the id still moves with the next write
}

} // namespace herald
