#include "WebSocketFeedTransport.h"

#include "net/HttpFetcher.h"
#include "protocol/ProtocolSession.h"
#include "ws/WebSocketClient.h"

#include <QLoggingCategory>

#include <utility>

Q_DECLARE_LOGGING_CATEGORY(lcFeed)

namespace herald {

WebSocketFeedTransport::WebSocketFeedTransport(Setup setup)
    : FeedTransport(std::move(setup))
{}

WebSocketFeedTransport::~WebSocketFeedTransport()
{
    m_session.reset(); // before the client it runs on
    if (m_webSocket) {
        m_webSocket->disconnect(this); // closing is not failing
    }
}

void WebSocketFeedTransport::open()
{
    const FeedConfig &config = m_setup.config;
    m_webSocket =
        std::make_unique<WebSocketClient>(resume::webSocketUrl(m_setup.service, m_setup.url, m_setup.resumeId));
    m_webSocket->setHeaders(m_setup.headers);
    m_webSocket->setReconnectEnabled(config.reconnect);
    m_webSocket->backoff().setInitialDelay(config.reconnectDelaySeconds * 1000);
    m_webSocket->backoff().setMaxDelay(config.maxReconnectDelaySeconds * 1000);
    applyNetworkSettings(*m_webSocket);
    m_webSocket->setSubprotocols(config.subprotocols);
    if (config.protocol.isSet()) {
        protocol::ProtocolOptions options = protocol::forFeed(config.protocol, config.name, config.username);
        options.secret = m_setup.secret;
        QString problem;
        auto protocol = protocol::createProtocol(options, &problem); // the config was checked when it was read
        if (!protocol) {
            Q_EMIT failed(problem);
            return;
        }
        m_session = std::make_unique<protocol::ProtocolSession>(*m_webSocket, std::move(protocol));
        m_session->setMessageHandler([this](const protocol::AppMessage &message) {
            RawPayload arrived =
                payload(message.binary ? QString::fromLatin1(message.bytes.toBase64()) : message.text, message.type);
            arrived.isBinary = message.binary;
            std::optional<Message> mapped = map(arrived);
            if (mapped && mapped->title.isEmpty()) {
                // A payload with no title of its own is named by what the protocol calls it: the MQTT topic
                // ("sensors/garage"), the Socket.IO event.
                mapped->title = message.type;
            }
            Q_EMIT payloadArrived(arrived, mapped);
        });
        // What was typed while the protocol's handshake was under way goes out now.
        m_session->setReadyHandler([this] { deliverWaiting(); });
    } else {
        connect(m_webSocket.get(), &WebSocketClient::textMessageReceived, this, [this](const QString &text) {
            const RawPayload arrived = payload(text);
            Q_EMIT payloadArrived(arrived, map(arrived));
        });
        connect(m_webSocket.get(), &WebSocketClient::binaryMessageReceived, this, [this](const QByteArray &bytes) {
            RawPayload arrived = payload(QString::fromLatin1(bytes.toBase64()));
            arrived.isBinary = true;
            Q_EMIT payloadArrived(arrived, map(arrived));
        });
    }
    connect(m_webSocket.get(), &WebSocketClient::opened, this, [this] {
        Q_EMIT opened();
        // The client sends its queue as it opens (with a protocol: once its handshake is done).
        if (!m_session) {
            deliverWaiting();
        }
        if (m_setup.service == ResumeService::Gotify && !m_setup.resumeId.isEmpty()) {
            catchUpGotify();
        }
    });
    connect(m_webSocket.get(), &WebSocketClient::errorOccurred, this,
            [this](WebSocketClient::Error error, const QString &message) {
                const int status = m_webSocket ? m_webSocket->httpStatus() : 0;
                Q_EMIT retrying(explained(message, error == WebSocketClient::Error::HandshakeRefused ? status : 0));
                if (error == WebSocketClient::Error::Unauthorized) {
                    Q_EMIT credentialsRefused();
                }
            });
    connect(m_webSocket.get(), &WebSocketClient::stateChanged, this, [this](WebSocketClient::State state) {
        // Closed for good: reconnecting is off for this feed. The error that closed it is already the last error.
        if (state == WebSocketClient::State::Closed && m_webSocket) {
            Q_EMIT failed({});
        }
    });
    m_webSocket->open();
}

int WebSocketFeedTransport::reconnectRemaining() const
{
    return m_webSocket ? m_webSocket->reconnectRemaining() : -1;
}

void WebSocketFeedTransport::reconnectNow()
{
    if (m_webSocket) {
        m_webSocket->reconnectNow();
    }
}

void WebSocketFeedTransport::resumeFrom(const QString &id)
{
    FeedTransport::resumeFrom(id);
    if (m_webSocket && m_setup.service == ResumeService::Ntfy) {
        // ntfy's /ws takes since= like its other endpoints: the next reconnect asks for what followed this.
        m_webSocket->setUrl(resume::webSocketUrl(m_setup.service, m_webSocket->url(), id));
    }
}

FeedTransport::SendResult WebSocketFeedTransport::send(const QString &messageId, const QString &text, QString *error)
{
    if (!m_webSocket) {
        *error = QStringLiteral("%1 is not connected; the message goes out when it is").arg(m_setup.config.name);
        return SendResult::Pending;
    }
    if (m_session) {
        const bool now = m_session->ready() && m_webSocket->state() == WebSocketClient::State::Open;
        if (!m_session->send(text)) {
            *error = QStringLiteral("too many messages are waiting for %1; it is kept and sent when Herald next "
                                    "connects")
                         .arg(m_setup.config.name);
            return SendResult::Failed;
        }
        if (now) {
            return SendResult::Sent;
        }
        m_waiting.append(messageId);
        return SendResult::Pending;
    }
    switch (m_webSocket->sendText(text)) {
    case WebSocketClient::SendResult::Sent:
        return SendResult::Sent;
    case WebSocketClient::SendResult::Queued:
        m_waiting.append(messageId);
        return SendResult::Pending;
    case WebSocketClient::SendResult::QueueFull:
        break;
    }
    *error = QStringLiteral("too many messages are waiting for %1 to come back; it is kept and sent when Herald next "
                            "connects")
                 .arg(m_setup.config.name);
    return SendResult::Failed;
}

void WebSocketFeedTransport::deliverWaiting()
{
    for (const QString &id : std::exchange(m_waiting, {})) {
        Q_EMIT delivered(id);
    }
}

void WebSocketFeedTransport::catchUpGotify()
{
    if (!m_catchUp) {
        auto fetcher = std::make_unique<HttpFetcher>();
        fetcher->setHeaders(m_setup.headers);
        applyNetworkSettings(*fetcher);
        m_catchUp = std::make_unique<GotifyCatchUp>(std::move(fetcher));
    }
    m_catchUp->fetch(
        m_setup.url, m_setup.resumeId,
        [this](const QStringList &missed) {
            if (!missed.isEmpty()) {
                qCInfo(lcFeed).noquote() << m_setup.config.name << "caught up on" << missed.size() << "missed messages";
            }
            for (const QString &text : missed) {
                const RawPayload arrived = payload(text);
                Q_EMIT payloadArrived(arrived, map(arrived));
            }
        },
        [this](const QString &error) {
            qCWarning(lcFeed).noquote() << m_setup.config.name << "could not fetch what it missed:" << error;
            Q_EMIT warning(QStringLiteral("could not fetch the messages missed while disconnected: %1").arg(error));
        });
}

} // namespace herald

#include "moc_WebSocketFeedTransport.cpp"
