#include "Feed.h"

#include "net/HttpFetcher.h"
#include "net/HttpPoller.h"
#include "net/UrlText.h"
#include "protocol/ProtocolSession.h"
#include "sse/EventSource.h"
#include "store/HistoryStore.h"
#include "ws/WebSocketClient.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUrlQuery>
#include <QUuid>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcFeed)

namespace herald {

namespace {

// A polled body holds one item or many: a JSON array, gotify's {"messages": [...]}, JSON lines (ntfy's poll=1),
// or one document of any kind.
QStringList splitPolledBody(const QByteArray &body)
{
    auto compact = [](const QJsonValue &value) {
        return value.isObject()  ? QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact))
               : value.isArray() ? QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact))
                                 : value.toVariant().toString();
    };
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError) {
        QJsonArray items = document.isArray() ? document.array() : QJsonArray();
        if (document.isObject() && document.object().value(QStringLiteral("messages")).isArray()) {
            items = document.object().value(QStringLiteral("messages")).toArray();
        } else if (document.isObject()) {
            items.append(document.object());
        }
        QStringList out;
        for (const QJsonValue &item : std::as_const(items)) {
            out.append(compact(item));
        }
        return out;
    }
    const QList<QByteArray> lines = body.trimmed().split('\n');
    const bool jsonLines = lines.size() > 1 && std::all_of(lines.cbegin(), lines.cend(), [](const QByteArray &line) {
                               return line.trimmed().isEmpty() || !QJsonDocument::fromJson(line).isNull();
                           });
    if (jsonLines) {
        QStringList out;
        for (const QByteArray &line : lines) {
            if (!line.trimmed().isEmpty()) {
                out.append(QString::fromUtf8(line.trimmed()));
            }
        }
        return out;
    }
    const QString text = QString::fromUtf8(body).trimmed();
    return text.isEmpty() ? QStringList() : QStringList{text};
}

bool isNewerId(const QString &candidate, const QString &than)
{
    bool candidateIsNumber = false;
    bool thanIsNumber = false;
    const qlonglong a = candidate.toLongLong(&candidateIsNumber);
    const qlonglong b = than.toLongLong(&thanIsNumber);
    return candidateIsNumber && thanIsNumber ? a > b : candidate != than;
}

} // namespace

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
            if (m_pollKeysPending) {
                m_history->setPollKeys(m_config.name, QStringList(m_lastPollKeys.cbegin(), m_lastPollKeys.cend()));
                m_pollKeysPending = false;
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

template<typename Transport>
void Feed::applyNetworkSettings(Transport &transport) const
{
#if QT_CONFIG(ssl)
    if (m_tlsPolicy) {
        transport.setTlsPolicy(*m_tlsPolicy);
    }
#endif
    if (const auto proxy = m_config.networkProxy()) {
        transport.setProxy(*proxy);
    }
}

QUrl Feed::gotifyMessagesUrl(const QUrl &streamUrl)
{
    QUrl url = streamUrl;
    url.setScheme(streamUrl.scheme() == QLatin1String("wss") ? QStringLiteral("https") : QStringLiteral("http"));
    QString path = url.path();
    if (path.endsWith(QLatin1String("/stream"))) {
        path.chop(int(qstrlen("stream")));
    } else if (!path.endsWith(u'/')) {
        path += u'/';
    }
    url.setPath(path + QStringLiteral("message"));
    QUrlQuery query(url);
    query.removeAllQueryItems(QStringLiteral("limit"));
    query.addQueryItem(QStringLiteral("limit"), QString::number(kCatchUpLimit));
    url.setQuery(query);
    return url;
}

void Feed::authorize(QUrl &url, Headers &headers) const
{
    if (protocol::carriesCredentials(m_config.protocol.name)) {
        return; // the user and password go in the protocol's own handshake (MQTT's CONNECT), not to the upgrade
    }
    switch (m_config.auth) {
    case FeedConfig::Auth::None:
        break;
    case FeedConfig::Auth::Bearer:
        headers.append({"Authorization", "Bearer " + m_secret.toUtf8()});
        break;
    case FeedConfig::Auth::Basic:
        headers.append({"Authorization", "Basic " + (m_config.username + u':' + m_secret).toUtf8().toBase64()});
        break;
    case FeedConfig::Auth::QueryToken:
        url = withQueryItem(url, m_config.queryParameter, m_secret);
        break;
    }
}

void Feed::renewSecret(const QString &secret)
{
    m_secret = secret;
    m_config.inlineSecret = secret; // in memory only, like the secret the feed started with
    m_publisher.reset();            // it carries the old credentials
}

void Feed::start()
{
    closeConnections();
    if (!m_blockedBecause.isEmpty()) {
        setState(State::Failed, m_blockedBecause);
        return;
    }
    QUrl url = m_config.url;
    auto headers = m_config.headers;
    authorize(url, headers);
#if QT_CONFIG(ssl)
    m_tlsPolicy.reset();
    if (!m_config.tls.isDefault()) {
        QString problem;
        m_tlsPolicy = TlsPolicy::load(m_config.tls, m_clientCertificatePassword, &problem);
        if (!m_tlsPolicy) {
            setState(State::Failed, QStringLiteral("%1: %2").arg(m_config.name, problem));
            return;
        }
        if (m_config.tls.acceptInvalidCertificates) {
            qCWarning(lcFeed).noquote() << m_config.name
                                        << "accepts invalid certificates: anyone on the way can read and change it";
        }
    }
#endif
    if (m_history) {
        m_receivedId = m_history->lastEventId(m_config.name);
    }

    setState(State::Connecting);
    switch (m_config.effectiveTransport()) {
    case FeedConfig::Transport::Auto:
    case FeedConfig::Transport::Sse:
    case FeedConfig::Transport::JsonLines:
        startStream(url, headers);
        break;
    case FeedConfig::Transport::WebSocket:
        startWebSocket(url, headers);
        break;
    case FeedConfig::Transport::Polling:
        startPolling(url, headers);
        break;
    }
    resendPending(); // what the user typed before Herald last stopped
}

void Feed::startStream(const QUrl &url, const Headers &headers)
{
    const bool jsonLines = m_config.effectiveTransport() == FeedConfig::Transport::JsonLines;
    m_eventSource = std::make_unique<EventSource>(url);
    m_eventSource->setHeaders(headers);
    m_eventSource->setIdleTimeout(m_config.idleTimeoutSeconds * 1000);
    m_eventSource->setReconnectEnabled(m_config.reconnect);
    m_eventSource->setReconnectionTime(m_config.reconnectDelaySeconds * 1000);
    m_eventSource->setMaxReconnectDelay(m_config.maxReconnectDelaySeconds * 1000);
    m_eventSource->setFraming(jsonLines ? EventSource::Framing::JsonLines : EventSource::Framing::EventStream);
    m_eventSource->setLastEventId(m_receivedId);
    m_eventSource->setHttp2Cleartext(m_config.http2Cleartext);
    m_eventSource->setMethod(m_config.method);
    m_eventSource->setBody(m_config.body);
    if (speaks(PayloadMapper::Preset::Ntfy)) {
        m_eventSource->setResumeQueryParameter(QStringLiteral("since"));
    }
    applyNetworkSettings(*m_eventSource);
    connect(m_eventSource.get(), &EventSource::eventReceived, this, [this, jsonLines](const SseEvent &event) {
        // A JSON line carries its id inside; the stream's id would be the previous message's.
        receive(RawPayload{m_config.name, event.type, jsonLines ? QString() : event.lastEventId, event.data, false});
    });
    connect(m_eventSource.get(), &EventSource::opened, this, [this] { setState(State::Open); });
    connect(m_eventSource.get(), &EventSource::errorOccurred, this,
            [this](EventSource::Error error, const QString &message) {
                setState(State::Connecting, message);
                const int status = m_eventSource ? m_eventSource->httpStatus() : 0;
                if (error == EventSource::Error::HttpStatus && (status == 401 || status == 403)) {
                    Q_EMIT credentialsRefused();
                }
            });
    connect(m_eventSource.get(), &EventSource::stateChanged, this, [this](EventSource::State state) {
        if (state == EventSource::State::Closed && m_state != State::Stopped) {
            setState(State::Failed, m_eventSource->errorString());
        }
    });
    m_eventSource->open();
}

void Feed::startWebSocket(const QUrl &url, const Headers &headers)
{
    const bool resumeNtfy = speaks(PayloadMapper::Preset::Ntfy) && !m_receivedId.isEmpty();
    m_webSocket =
        std::make_unique<WebSocketClient>(resumeNtfy ? withQueryItem(url, QStringLiteral("since"), m_receivedId) : url);
    m_webSocket->setHeaders(headers);
    m_webSocket->setReconnectEnabled(m_config.reconnect);
    m_webSocket->backoff().setInitialDelay(m_config.reconnectDelaySeconds * 1000);
    m_webSocket->backoff().setMaxDelay(m_config.maxReconnectDelaySeconds * 1000);
    applyNetworkSettings(*m_webSocket);
    m_webSocket->setSubprotocols(m_config.subprotocols);
    if (m_config.protocol.isSet()) {
        protocol::ProtocolOptions options = protocol::forFeed(m_config.protocol, m_config.name, m_config.username);
        options.secret = m_secret;
        QString problem;
        auto session = protocol::createProtocol(options, &problem); // the config was checked when it was read
        if (!session) {
            setState(State::Failed, problem);
            return;
        }
        m_session = std::make_unique<protocol::ProtocolSession>(*m_webSocket, std::move(session));
        m_session->setMessageHandler([this](const protocol::AppMessage &message) {
            const RawPayload payload =
                message.binary
                    ? RawPayload{m_config.name, message.type, {}, QString::fromLatin1(message.bytes.toBase64()), true}
                    : RawPayload{m_config.name, message.type, {}, message.text, false};
            std::optional<Message> mapped = m_mapper.map(payload);
            if (mapped && mapped->title.isEmpty()) {
                // A payload with no title of its own is named by what the protocol calls it: the MQTT topic
                // ("sensors/garage"), the Socket.IO event.
                mapped->title = message.type;
            }
            receive(payload, std::move(mapped));
        });
        // What was typed while the protocol's handshake was under way goes out now.
        m_session->setReadyHandler([this] {
            for (const QString &id : std::exchange(m_pendingSends, {})) {
                markDelivered(id);
            }
        });
    } else {
        connect(m_webSocket.get(), &WebSocketClient::textMessageReceived, this, [this](const QString &text) {
            receive(RawPayload{m_config.name, {}, {}, text, false});
        });
        connect(m_webSocket.get(), &WebSocketClient::binaryMessageReceived, this, [this](const QByteArray &bytes) {
            receive(RawPayload{m_config.name, {}, {}, QString::fromLatin1(bytes.toBase64()), true});
        });
    }
    connect(m_webSocket.get(), &WebSocketClient::opened, this, [this, url, headers] {
        setState(State::Open);
        // The client sends its queue as it opens (with a protocol: once its handshake is done).
        if (!m_session) {
            for (const QString &id : std::exchange(m_pendingSends, {})) {
                markDelivered(id);
            }
        }
        if (speaks(PayloadMapper::Preset::Gotify) && !m_receivedId.isEmpty()) {
            catchUpGotify(url, headers);
        }
    });
    connect(m_webSocket.get(), &WebSocketClient::errorOccurred, this,
            [this](WebSocketClient::Error error, const QString &message) {
                setState(State::Connecting, message);
                if (error == WebSocketClient::Error::Unauthorized) {
                    Q_EMIT credentialsRefused();
                }
            });
    connect(m_webSocket.get(), &WebSocketClient::stateChanged, this, [this](WebSocketClient::State state) {
        // Closed for good: reconnecting is off for this feed. The error that closed it is already the last error.
        if (state == WebSocketClient::State::Closed && m_webSocket && m_state != State::Stopped) {
            setState(State::Failed);
        }
    });
    m_webSocket->open();
}

void Feed::startPolling(const QUrl &url, const Headers &headers)
{
    if (m_history && m_lastPollKeys.isEmpty()) {
        const QStringList keys = m_history->pollKeys(m_config.name);
        m_lastPollKeys = QSet<QString>(keys.cbegin(), keys.cend());
    }
    m_poller = std::make_unique<HttpPoller>(url);
    m_poller->setInterval(m_config.pollIntervalSeconds * 1000);
    m_poller->fetcher().setHeaders(headers);
    applyNetworkSettings(m_poller->fetcher());
    connect(m_poller.get(), &HttpPoller::opened, this, [this] { setState(State::Open); });
    connect(m_poller.get(), &HttpPoller::bodyReceived, this, &Feed::receivePolled);
    connect(m_poller.get(), &HttpPoller::errorOccurred, this,
            [this](const QString &message) { setState(State::Connecting, message); });
    connect(m_poller.get(), &HttpPoller::failed, this,
            [this](const QString &message) { setState(State::Failed, message); });
    m_poller->start();
}

void Feed::catchUpGotify(const QUrl &streamUrl, const Headers &headers)
{
    if (!m_catchUp) {
        m_catchUp = std::make_unique<HttpFetcher>();
        m_catchUp->setHeaders(headers);
        applyNetworkSettings(*m_catchUp);
    }
    const QString since = m_receivedId;
    m_catchUp->get(gotifyMessagesUrl(streamUrl), [this, since](const HttpFetcher::Result &result) {
        if (!result.error.isEmpty()) {
            qCWarning(lcFeed).noquote() << m_config.name << "could not fetch what it missed:" << result.error;
            Q_EMIT errorOccurred(
                QStringLiteral("could not fetch the messages missed while disconnected: %1").arg(result.error));
            return;
        }
        const QJsonArray messages =
            QJsonDocument::fromJson(result.body).object().value(QStringLiteral("messages")).toArray();
        QList<QJsonObject> missed;
        for (const QJsonValue &value : messages) {
            const QJsonObject message = value.toObject();
            const QString id = message.value(QStringLiteral("id")).toVariant().toString();
            if (isNewerId(id, since)) {
                missed.append(message);
            }
        }
        // gotify lists newest first; store them in the order they were sent.
        std::reverse(missed.begin(), missed.end());
        if (!missed.isEmpty()) {
            qCInfo(lcFeed).noquote() << m_config.name << "caught up on" << missed.size() << "missed messages";
        }
        for (const QJsonObject &message : std::as_const(missed)) {
            receive(RawPayload{m_config.name,
                               {},
                               {},
                               QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)),
                               false});
        }
    });
}

int Feed::pendingReconnectDelay() const
{
    if (m_eventSource) {
        return m_eventSource->reconnectRemaining();
    }
    if (m_webSocket) {
        return m_webSocket->reconnectRemaining();
    }
    return -1;
}

bool Feed::canSend() const
{
    return m_config.effectiveTransport() == FeedConfig::Transport::WebSocket || !m_config.publishUrl.isEmpty();
}

QString Feed::send(const QString &text, const QString &senderName)
{
    const QString clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString messageId = QStringLiteral("out:") + clientId;
    Message own;
    own.feed = m_config.name;
    own.id = messageId;
    own.time = QDateTime::currentDateTimeUtc();
    own.title = senderName;
    own.body = text;
    own.outgoing = true;
    // Raw text servers get the text; everything else gets JSON that names the sender and lets an echo be recognised.
    // With the automatic format, a server is answered in JSON once it has spoken JSON.
    const bool plain =
        m_config.preset == PayloadMapper::Preset::Raw || !m_config.publishUrl.isEmpty() ||
        (m_config.preset == PayloadMapper::Preset::Auto && (m_service.isEmpty() || m_service == QLatin1String("text")));
    QJsonObject json{{QStringLiteral("text"), text}, {QStringLiteral("clientId"), clientId}};
    if (!senderName.isEmpty()) {
        json.insert(QStringLiteral("from"), senderName);
    }
    own.raw = plain ? text : QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
    // Stored before it is sent, as pending: if Herald stops before the server has it, the next start sends it.
    own.pending = true;
    if (m_history) {
        m_history->append(own);
    }
    m_sentClientIds.insert(clientId);
    deliver(own);
    return messageId;
}

void Feed::deliver(const Message &own)
{
    const QString messageId = own.id;
    if (m_state == State::Paused) {
        // The user paused every feed: nothing goes out until they resume; the history keeps it pending.
        Q_EMIT sendStateChanged(
            messageId, SendState::Pending,
            QStringLiteral("%1 is paused; the message goes out when it is resumed").arg(m_config.name));
        return;
    }
    if (!m_config.publishUrl.isEmpty()) {
        // The same credentials as the feed's own connection, a token in the query included (ntfy takes ?auth=).
        QUrl publishUrl = m_config.publishUrl;
        Headers headers = m_config.headers;
        authorize(publishUrl, headers);
        if (!m_publisher) {
            m_publisher = std::make_unique<HttpFetcher>();
            m_publisher->setHeaders(headers);
            applyNetworkSettings(*m_publisher);
        }
        Q_EMIT sendStateChanged(messageId, SendState::Pending, {});
        m_publisher->send("POST", publishUrl, own.body.toUtf8(), [this, messageId](const HttpFetcher::Result &result) {
            if (result.error.isEmpty()) {
                markDelivered(messageId);
            } else if (result.status == 0) {
                // Not reachable: it stays pending and goes out with the next start.
                Q_EMIT sendStateChanged(messageId, SendState::Pending, result.error);
            } else {
                if (m_history) {
                    m_history->setDelivered(m_config.name, messageId); // refused: no retry
                }
                Q_EMIT sendStateChanged(messageId, SendState::Failed, result.error);
            }
        });
        return;
    }
    if (m_config.effectiveTransport() != FeedConfig::Transport::WebSocket) {
        Q_EMIT sendStateChanged(messageId, SendState::Failed,
                                QStringLiteral("%1 cannot take messages: it is not a WebSocket feed and has no "
                                               "publish URL")
                                    .arg(m_config.name));
        return;
    }
    if (!m_webSocket) {
        // Paused, stopped or not started: the history keeps it pending, and the next start sends it.
        Q_EMIT sendStateChanged(
            messageId, SendState::Pending,
            QStringLiteral("%1 is not connected; the message goes out when it is").arg(m_config.name));
        return;
    }
    if (m_session) {
        const bool now = m_session->ready() && m_webSocket->state() == WebSocketClient::State::Open;
        if (!m_session->send(own.raw)) {
            Q_EMIT sendStateChanged(messageId, SendState::Failed,
                                    QStringLiteral("too many messages are waiting for %1; it is kept and sent when "
                                                   "Herald next connects")
                                        .arg(m_config.name));
        } else if (now) {
            markDelivered(messageId);
        } else {
            m_pendingSends.append(messageId);
            Q_EMIT sendStateChanged(messageId, SendState::Pending, {});
        }
        return;
    }
    switch (m_webSocket->sendText(own.raw)) {
    case WebSocketClient::SendResult::Sent:
        markDelivered(messageId);
        break;
    case WebSocketClient::SendResult::Queued:
        m_pendingSends.append(messageId);
        Q_EMIT sendStateChanged(messageId, SendState::Pending, {});
        break;
    case WebSocketClient::SendResult::QueueFull:
        Q_EMIT sendStateChanged(messageId, SendState::Failed,
                                QStringLiteral("too many messages are waiting for %1 to come back; it is kept and "
                                               "sent when Herald next connects")
                                    .arg(m_config.name));
        break;
    }
}

void Feed::markDelivered(const QString &messageId)
{
    if (m_history) {
        m_history->setDelivered(m_config.name, messageId);
    }
    Q_EMIT sendStateChanged(messageId, SendState::Sent, {});
}

void Feed::resendPending()
{
    if (!m_history || !canSend()) {
        return;
    }
    for (const Message &own : m_history->pendingOutgoing(m_config.name)) {
        const QString clientId =
            QJsonDocument::fromJson(own.raw.toUtf8()).object().value(QStringLiteral("clientId")).toString();
        if (!clientId.isEmpty()) {
            m_sentClientIds.insert(clientId);
        }
        deliver(own);
    }
}

void Feed::closeConnections()
{
    m_pendingSends.clear(); // still pending in the history: the next start sends them
    m_eventSource.reset();
    m_session.reset(); // before the client it runs on
    m_webSocket.reset();
    m_poller.reset();
    m_catchUp.reset();
}

void Feed::stop()
{
    closeConnections();
    setState(State::Stopped);
}

void Feed::pause()
{
    closeConnections();
    setState(State::Paused);
}

void Feed::block(const QString &reason)
{
    m_blockedBecause = reason;
    closeConnections();
    setState(State::Failed, reason);
}

void Feed::reconnectNow()
{
    if (m_eventSource) {
        m_eventSource->reconnectNow();
    }
    if (m_webSocket) {
        m_webSocket->reconnectNow();
    }
    if (m_poller) {
        m_poller->pollNow();
    }
}

QString Feed::contentKey(const QString &text)
{
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex().left(32));
}

void Feed::receivePolled(const QByteArray &body)
{
    QSet<QString> keys;
    for (const QString &item : splitPolledBody(body)) {
        const RawPayload payload{m_config.name, {}, {}, item, false};
        const auto mapped = m_mapper.map(payload);
        const QString key = mapped && !mapped->id.isEmpty() ? mapped->id : contentKey(item);
        keys.insert(key);
        if (m_lastPollKeys.contains(key)) {
            // In the previous answer already: stored then, or pruned since by retention, which must not make an old
            // item new again. The inspector still sees it.
            Q_EMIT payloadReceived(payload);
            continue;
        }
        receive(payload, mapped);
    }
    if (keys != m_lastPollKeys) {
        m_lastPollKeys = keys;
        m_pollKeysPending = true; // written with the batch they belong to, once it is on disk
    }
}

bool Feed::speaks(PayloadMapper::Preset service) const
{
    return m_config.preset == service ||
           (m_config.preset == PayloadMapper::Preset::Auto && m_service == PayloadMapper::presetName(service));
}

void Feed::receive(const RawPayload &payload)
{
    receive(payload, m_mapper.map(payload));
}

void Feed::receive(const RawPayload &payload, std::optional<Message> message)
{
    Q_EMIT payloadReceived(payload);
    if (!m_history) {
        return;
    }
    if (!m_sentClientIds.isEmpty() && payload.text.contains(QLatin1String("clientId"))) {
        const QString clientId =
            QJsonDocument::fromJson(payload.text.toUtf8()).object().value(QStringLiteral("clientId")).toString();
        if (m_sentClientIds.remove(clientId)) {
            return; // our own message coming back: the history has it already
        }
    }
    if (message && m_config.preset == PayloadMapper::Preset::Auto && m_service != message->format) {
        const bool becameNtfy = message->format == QLatin1String("ntfy");
        m_service = message->format;
        if (becameNtfy && m_eventSource) {
            m_eventSource->setResumeQueryParameter(QStringLiteral("since"));
        }
    }
    if (!payload.id.isEmpty()) {
        m_receivedId = payload.id;
        m_idPending = true;
    } else if (message && !message->id.isEmpty() &&
               (speaks(PayloadMapper::Preset::Ntfy) || speaks(PayloadMapper::Preset::Gotify))) {
        // ntfy and gotify number their messages inside the payload: that is where they resume from.
        m_receivedId = message->id;
        m_idPending = true;
        if (m_eventSource) {
            m_eventSource->setLastEventId(message->id);
        }
        if (m_webSocket && speaks(PayloadMapper::Preset::Ntfy)) {
            // ntfy's /ws takes since= like its other endpoints: the next reconnect asks for what followed this.
            m_webSocket->setUrl(withQueryItem(m_webSocket->url(), QStringLiteral("since"), message->id));
        }
    }
    if (!message) {
        return; // not a message by its format's own rules (ntfy's keepalive); the id still moves with the next write
    }
    if (m_poller && message->id.isEmpty()) {
        // A poll returns the same items again and again: without an id of their own, their content is the key.
        message->id = contentKey(payload.text);
    }
    m_history->append(*message);
}

} // namespace herald
