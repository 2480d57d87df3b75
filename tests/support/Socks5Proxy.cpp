#include "Socks5Proxy.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpSocket>
#include <QtEndian>

#include <memory>

namespace herald::test {

Socks5Proxy::Socks5Proxy(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &Socks5Proxy::onNewConnection);
}

bool Socks5Proxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void Socks5Proxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        struct Session
        {
            int stage = 0; // 0 greeting, 1 request, 2 relaying
            QByteArray buffer;
            QPointer<QTcpSocket> upstream;
        };
        auto session = std::make_shared<Session>();
        connect(client, &QTcpSocket::disconnected, client, [client, session] {
            if (session->upstream) {
                session->upstream->disconnectFromHost();
            }
            client->deleteLater();
        });
        connect(client, &QTcpSocket::readyRead, this, [this, client, session] {
            session->buffer.append(client->readAll());
            if (session->stage == 0) {
                if (session->buffer.size() < 2 || session->buffer.size() < 2 + quint8(session->buffer[1])) {
                    return;
                }
                session->buffer.remove(0, 2 + quint8(session->buffer[1]));
                client->write(QByteArray("\x05\x00", 2));
                session->stage = 1;
            }
            if (session->stage == 1) {
                const QByteArray &b = session->buffer;
                if (b.size() < 5) {
                    return;
                }
                const quint8 type = quint8(b[3]);
                const int addressLength = type == 1 ? 4 : type == 4 ? 16 : 1 + quint8(b[4]);
                if (b.size() < 4 + addressLength + 2) {
                    return;
                }
                QString host;
                if (type == 1) {
                    host = QHostAddress(qFromBigEndian<quint32>(b.constData() + 4)).toString();
                } else if (type == 3) {
                    host = QString::fromLatin1(b.mid(5, quint8(b[4])));
                } else {
                    host = QHostAddress(reinterpret_cast<const quint8 *>(b.constData() + 4)).toString();
                }
                const quint16 port = qFromBigEndian<quint16>(b.constData() + 4 + addressLength);
                session->buffer.remove(0, 4 + addressLength + 2);
                m_destinations.append(QStringLiteral("%1:%2").arg(host).arg(port));
                session->stage = 2;
                auto *upstream = new QTcpSocket(client);
                session->upstream = upstream;
                connect(upstream, &QTcpSocket::connected, client, [client, session] {
                    client->write(QByteArray("\x05\x00\x00\x01\x00\x00\x00\x00\x00\x00", 10));
                    session->upstream->write(std::exchange(session->buffer, {}));
                });
                connect(upstream, &QTcpSocket::readyRead, client,
                        [client, upstream] { client->write(upstream->readAll()); });
                connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
                upstream->connectToHost(host, port);
                return;
            }
            if (session->upstream && session->upstream->state() == QAbstractSocket::ConnectedState) {
                session->upstream->write(std::exchange(session->buffer, {}));
            }
        });
    }
}

} // namespace herald::test
