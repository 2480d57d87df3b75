#include "MessageProtocol.h"

#include "protocol/GraphqlWsProtocol.h"
#include "protocol/PlainProtocol.h"
#include "protocol/SockJsProtocol.h"
#include "protocol/SocketIoProtocol.h"

#include <QJsonDocument>

namespace herald::protocol {

QStringList protocolNames()
{
    return {QStringLiteral("plain"), QStringLiteral("socketio"), QStringLiteral("graphql-ws"),
            QStringLiteral("sockjs")};
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

bool reachedFromHttpUrl(const QString &name)
{
    const QString lower = name.toLower();
    return lower == QLatin1String("socketio") || lower == QLatin1String("socket.io") ||
           lower == QLatin1String("sockjs");
}

std::unique_ptr<MessageProtocol> createProtocol(const ProtocolOptions &options, QString *error)
{
    const QString name = options.name.isEmpty() ? QStringLiteral("plain") : options.name.toLower();
    if (name == QLatin1String("plain")) {
        return std::make_unique<PlainProtocol>(options.onOpen, options.secret);
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
