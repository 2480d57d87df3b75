#include "MessageProtocol.h"

#include "protocol/GraphqlWsProtocol.h"
#include "protocol/MqttProtocol.h"
#include "protocol/PlainProtocol.h"
#include "protocol/SockJsProtocol.h"
#include "protocol/SocketIoProtocol.h"
#include "ws/WebSocketClient.h"

#include <QJsonDocument>

namespace herald::protocol {

QString MessageProtocol::refusal(int closeCode, const QString &) const
{
    return WebSocketClient::defaultRefusal(closeCode);
}

QStringList protocolNames()
{
    return {QStringLiteral("plain"),  QStringLiteral("socketio"), QStringLiteral("graphql-ws"),
            QStringLiteral("sockjs"), QStringLiteral("mqtt"),     QStringLiteral("mqtt5")};
}

bool isMqtt(const QString &name)
{
    // As createProtocol reads names: in any case ("MQTT" in a hand-written config is MQTT everywhere).
    return name.compare(QLatin1String("mqtt"), Qt::CaseInsensitive) == 0 ||
           name.compare(QLatin1String("mqtt5"), Qt::CaseInsensitive) == 0;
}

bool carriesCredentials(const QString &name)
{
    return isMqtt(name);
}

ProtocolOptions forFeed(ProtocolOptions options, const QString &feedName, const QString &username)
{
    if (isMqtt(options.name)) {
        options = MqttProtocol::forFeed(std::move(options), feedName, username);
    }
    return options;
}

QUrl withWebSocketScheme(QUrl url)
{
    if (url.scheme() == QLatin1String("http")) {
        url.setScheme(QStringLiteral("ws"));
    } else if (url.scheme() == QLatin1String("https")) {
        url.setScheme(QStringLiteral("wss"));
    }
    return url;
}

bool isWebSocketEndpoint(const QUrl &url, const QString &protocolName)
{
    // Socket.IO and SockJS servers are found from their http(s):// URL too.
    const QString lower = protocolName.toLower();
    const bool reachedFromHttpUrl =
        lower == QLatin1String("socketio") || lower == QLatin1String("socket.io") || lower == QLatin1String("sockjs");
    return url.scheme() == QLatin1String("ws") || url.scheme() == QLatin1String("wss") || reachedFromHttpUrl;
}

std::unique_ptr<MessageProtocol> createProtocol(const ProtocolOptions &options, QString *error)
{
    const QString name = options.name.isEmpty() ? QStringLiteral("plain") : options.name.toLower();
    const bool plain = name == QLatin1String("plain");
    if (!plain && (!options.keepaliveText.isEmpty() || !options.answers.isEmpty())) {
        *error = QStringLiteral("keepalive texts and answers are for plain WebSocket endpoints; %1 keeps its own "
                                "connection alive")
                     .arg(name);
        return nullptr;
    }
    const bool mqtt = isMqtt(name);
    if (!mqtt && (!options.topics.isEmpty() || !options.publishTopic.isEmpty() || !options.clientId.isEmpty() ||
                  options.qos >= 0 || options.retain)) {
        *error = QStringLiteral("topics, QoS, retain and the client id are for --protocol mqtt or mqtt5");
        return nullptr;
    }
    if (plain) {
        if (options.keepaliveSeconds <= 0) {
            *error = QStringLiteral("the keepalive interval must be a positive number of seconds");
            return nullptr;
        }
        for (const AutoAnswer &answer : options.answers) {
            if (QString problem = PlainProtocol::checkAnswer(answer); !problem.isEmpty()) {
                *error = problem;
                return nullptr;
            }
        }
        return std::make_unique<PlainProtocol>(options.onOpen, options.secret, options.keepaliveText,
                                               options.keepaliveSeconds, options.answers);
    }
    if (mqtt) {
        if (!options.onOpen.isEmpty()) {
            *error = QStringLiteral("on-open messages are for plain WebSocket endpoints; MQTT subscribes with --topic");
            return nullptr;
        }
        for (const QString &filter : options.topics) {
            if (!mqtt::validTopicFilter(filter)) {
                *error = QStringLiteral("\"%1\" is not an MQTT topic filter: levels are split by /, + stands for one "
                                        "whole level and # for the rest (only last)")
                             .arg(filter);
                return nullptr;
            }
        }
        if (!options.publishTopic.isEmpty() && !mqtt::validTopicName(options.publishTopic)) {
            *error =
                QStringLiteral("\"%1\" is not a topic to publish to: it cannot hold + or #").arg(options.publishTopic);
            return nullptr;
        }
        if (options.qos > 1) {
            *error = QStringLiteral("QoS is 0 or 1 (Herald does not speak QoS 2)");
            return nullptr;
        }
        if (options.topics.isEmpty() && options.publishTopic.isEmpty()) {
            *error = QStringLiteral("MQTT needs a topic: --topic FILTER (repeatable) to subscribe, or to publish to");
            return nullptr;
        }
        if (options.clientId.toUtf8().size() > 65535) {
            *error = QStringLiteral("the MQTT client id is too long");
            return nullptr;
        }
        MqttProtocol::Settings settings;
        settings.version = name == QLatin1String("mqtt5") ? mqtt::Version::V5 : mqtt::Version::V311;
        settings.topics = options.topics;
        settings.qos = std::max(0, options.qos);
        settings.publishTopic = options.publishTopic;
        settings.clientId = options.clientId;
        settings.username = options.username;
        settings.password = options.secret.toUtf8();
        settings.retain = options.retain;
        return std::make_unique<MqttProtocol>(settings);
    }
    if (name == QLatin1String("socketio") || name == QLatin1String("socket.io")) {
        if (!options.socketIoAuth.isEmpty() && !QJsonDocument::fromJson(options.socketIoAuth).isObject()) {
            *error = QStringLiteral("the Socket.IO auth payload must be a JSON object, like {\"token\":\"…\"}");
            return nullptr;
        }
        if (!options.onOpen.isEmpty()) {
            *error = QStringLiteral("on-open messages are for plain WebSocket endpoints; Socket.IO sends its own "
                                    "handshake (use the auth payload for credentials)");
            return nullptr;
        }
        const QByteArray auth = PlainProtocol::expand(QString::fromUtf8(options.socketIoAuth), options.secret).toUtf8();
        return std::make_unique<SocketIoProtocol>(options.socketIoNamespace, auth);
    }
    if (name == QLatin1String("graphql-ws") || name == QLatin1String("graphql-transport-ws")) {
        if (options.query.trimmed().isEmpty()) {
            *error = QStringLiteral("graphql-ws needs the subscription to run: --subscribe 'subscription { … }'");
            return nullptr;
        }
        const QByteArray init = PlainProtocol::expand(QString::fromUtf8(options.socketIoAuth), options.secret).toUtf8();
        for (const auto &[json, what] : {std::pair{options.variables, "variables"}, std::pair{init, "payload"}}) {
            if (!json.isEmpty() && !QJsonDocument::fromJson(json).isObject()) {
                *error = QStringLiteral("the GraphQL %1 must be a JSON object").arg(QLatin1String(what));
                return nullptr;
            }
        }
        if (!options.onOpen.isEmpty()) {
            *error = QStringLiteral("on-open messages are for plain WebSocket endpoints; graphql-ws sends its own "
                                    "connection_init (use the auth payload for credentials)");
            return nullptr;
        }
        return std::make_unique<GraphqlWsProtocol>(options.query, QJsonDocument::fromJson(options.variables).object(),
                                                   QJsonDocument::fromJson(init).object());
    }
    if (name == QLatin1String("sockjs")) {
        if (!options.onOpen.isEmpty()) {
            *error = QStringLiteral("on-open messages are for plain WebSocket endpoints");
            return nullptr;
        }
        return std::make_unique<SockJsProtocol>();
    }
    *error = QStringLiteral("unknown protocol \"%1\"; Herald speaks %2")
                 .arg(options.name, protocolNames().join(QStringLiteral(", ")));
    return nullptr;
}

} // namespace herald::protocol
