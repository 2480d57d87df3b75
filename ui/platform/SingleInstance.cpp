#include "SingleInstance.h"

#include <QCryptographicHash>
#include <QLocalSocket>

namespace herald::ui {

SingleInstance::SingleInstance(const QString &key, QObject *parent)
    : QObject(parent)
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    const QByteArray digest = QCryptographicHash::hash((user + u'\n' + key).toUtf8(), QCryptographicHash::Sha256);
    m_name = QStringLiteral("herald-") + QString::fromLatin1(digest.toHex().left(16));
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    connect(&m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                while (socket->canReadLine()) {
                    Q_EMIT messageReceived(QString::fromUtf8(socket->readLine()).trimmed());
                }
            });
        }
    });
}

bool SingleInstance::claimOrForward(const QString &message)
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (socket.waitForConnected(1000)) {
        socket.write(message.toUtf8() + '\n');
        socket.waitForBytesWritten(1000);
        socket.disconnectFromServer();
        return false;
    }
    // Nobody answered: a socket file left by a crashed Herald must not keep this one from starting.
    QLocalServer::removeServer(m_name);
    return m_server.listen(m_name);
}

} // namespace herald::ui
