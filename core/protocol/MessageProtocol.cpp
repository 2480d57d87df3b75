#include "MessageProtocol.h"

#include "protocol/PlainProtocol.h"
#include "protocol/SocketIoProtocol.h"

#include <QJsonDocument>

namespace herald::protocol {

QStringList protocolNames()
{
    return {QStringLiteral("plain"), QStringLiteral("socketio")};
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
    *error = QStringLiteral("unknown protocol \"%1\"; Herald speaks %2")
                 .arg(options.name, protocolNames().join(QStringLiteral(", ")));
    return nullptr;
}

} // namespace herald::protocol
