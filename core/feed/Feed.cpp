#include "Feed.h"

#include "net/HttpFetcher.h"
#include "net/HttpFields.h"
#include "net/UrlText.h"
#include "protocol/MessageProtocol.h"
#include "store/HistoryStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUuid>

Q_DECLARE_LOGGING_CATEGORY(lcFeed)

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
    FeedTransport::Setup setup;
    setup.config = m_config;
    setup.url = m_config.url;
    setup.headers = m_config.headers;
    authorize(setup.url, setup.headers);
    setup.secret = m_secret;
#if QT_CONFIG(ssl)
    if (!m_config.tls.isDefault()) {
        QString problem;
        setup.tlsPolicy = TlsPolicy::load(m_config.tls, m_clientCertificatePassword, &problem);
        if (!setup.tlsPolicy) {
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
        if (m_config.effectiveTransport() == FeedConfig::Transport::Polling && m_lastPollKeys.isEmpty()) {
            const QStringList keys = m_history->pollKeys(m_config.name);
            m_lastPollKeys = QSet<QString>(keys.cbegin(), keys.cend());
        }
    }
    setup.mapper = &m_mapper;
    setup.service = resumeService();
    setup.resumeId = m_receivedId;
    setup.pollKeys = m_lastPollKeys;
    m_setup = setup;
    m_transport = createFeedTransport(std::move(setup));
    connectTransport();

    setState(State::Connecting);
    m_transport->open();
    resendPending(); // what the user typed before Herald last stopped
}

void Feed::connectTransport()
{
    FeedTransport *transport = m_transport.get();
    connect(transport, &FeedTransport::opened, this, [this] { setState(State::Open); });
    connect(transport, &FeedTransport::payloadArrived, this, &Feed::receive);
    connect(transport, &FeedTransport::payloadSeen, this, &Feed::payloadReceived);
    connect(transport, &FeedTransport::retrying, this,
            [this](const QString &message) { setState(State::Connecting, message); });
    connect(transport, &FeedTransport::failed, this, [this](const QString &message) {
        if (m_state != State::Stopped) {
            setState(State::Failed, message);
        }
    });
    connect(transport, &FeedTransport::warning, this, &Feed::errorOccurred);
    connect(transport, &FeedTransport::credentialsRefused, this, &Feed::credentialsRefused);
    connect(transport, &FeedTransport::delivered, this, &Feed::markDelivered);
    connect(transport, &FeedTransport::pollKeysChanged, this, [this](const QSet<QString> &keys) {
        m_lastPollKeys = keys;
        m_pollKeysPending = true; // written with the batch they belong to, once it is on disk
    });
}

int Feed::pendingReconnectDelay() const
{
    return m_transport ? m_transport->reconnectRemaining() : -1;
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
            applyNetworkSettings(*m_publisher, m_setup);
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
    if (!canSend()) {
        Q_EMIT sendStateChanged(messageId, SendState::Failed,
                                QStringLiteral("%1 cannot take messages: it is not a WebSocket feed and has no "
                                               "publish URL")
                                    .arg(m_config.name));
        return;
    }
    if (!m_transport) {
        // Paused, stopped or not started: the history keeps it pending, and the next start sends it.
        Q_EMIT sendStateChanged(
            messageId, SendState::Pending,
            QStringLiteral("%1 is not connected; the message goes out when it is").arg(m_config.name));
        return;
    }
    QString error;
    switch (m_transport->send(messageId, own.raw, &error)) {
    case FeedTransport::SendResult::Sent:
        markDelivered(messageId);
        break;
    case FeedTransport::SendResult::Pending:
        Q_EMIT sendStateChanged(messageId, SendState::Pending, error);
        break;
    case FeedTransport::SendResult::Failed:
        Q_EMIT sendStateChanged(messageId, SendState::Failed, error);
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
    m_transport.reset(); // what it still held to send is pending in the history: the next start sends it
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
    if (m_transport) {
        m_transport->reconnectNow();
    }
}

bool Feed::speaks(PayloadMapper::Preset service) const
{
    return m_config.preset == service ||
           (m_config.preset == PayloadMapper::Preset::Auto && m_service == PayloadMapper::presetName(service));
}

ResumeService Feed::resumeService() const
{
    return speaks(PayloadMapper::Preset::Ntfy)     ? ResumeService::Ntfy
           : speaks(PayloadMapper::Preset::Gotify) ? ResumeService::Gotify
                                                   : ResumeService::Generic;
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
        m_service = message->format;
        if (m_transport) {
            m_transport->setService(resumeService());
        }
    }
    // An id goes back to the server in a header or a query: one that cannot be sent (a line break would add
    // headers of the server's choosing, or a second request) is no resume point.
    if (!payload.id.isEmpty() && http::isFieldValue(payload.id)) {
        m_receivedId = payload.id;
        m_idPending = true;
    } else if (message && !message->id.isEmpty() && resume::idsInPayloads(resumeService()) &&
               http::isFieldValue(message->id)) {
        // ntfy and gotify number their messages inside the payload: that is where they resume from.
        m_receivedId = message->id;
        m_idPending = true;
        if (m_transport) {
            m_transport->resumeFrom(message->id);
        }
    }
    if (!message) {
        return; // not a message by its format's own rules (ntfy's keepalive); the id still moves with the next write
    }
    m_history->append(std::move(*message));
}

} // namespace herald

#include "moc_Feed.cpp"
