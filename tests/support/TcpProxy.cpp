#include "TcpProxy.h"

#include <QTcpSocket>

namespace herald::test {

TcpProxy::TcpProxy(quint16 upstreamPort, QObject *parent)
    : QObject(parent)
    , m_upstreamPort(upstreamPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &TcpProxy::onNewConnection);
    m_server.listen(QHostAddress::LocalHost, 0);
}

TcpProxy::~TcpProxy()
{
    for (const Pair &pair : std::as_const(m_pairs)) {
        for (QTcpSocket *socket : {pair.client.data(), pair.upstream.data()}) {
            if (socket) {
                disconnect(socket, nullptr, this, nullptr);
                socket->abort();
            }
        }
    }
}

int TcpProxy::openConnections() const
{
    int open = 0;
    for (const Pair &pair : m_pairs) {
        open += pair.client && pair.client->state() == QAbstractSocket::ConnectedState;
    }
    return open;
}

void TcpProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        auto *upstream = new QTcpSocket(this);
        m_pairs.append(Pair{client, upstream});
        const auto relay = [this](QTcpSocket *from, QTcpSocket *to) {
            connect(from, &QTcpSocket::readyRead, this, [this, from, to] {
                if (to->state() == QAbstractSocket::HostLookupState ||
                    to->state() == QAbstractSocket::ConnectingState) {
                    return; // left in from's buffer until the upstream connection is up (below)
                }
                const QByteArray bytes = from->readAll();
                if (!m_blackhole && to->state() == QAbstractSocket::ConnectedState) {
                    to->write(bytes);
                }
            });
            connect(from, &QTcpSocket::disconnected, this, [this, to] {
                if (!m_blackhole) {
                    to->disconnectFromHost();
                }
            });
        };
        relay(client, upstream);
        relay(upstream, client);
        // Bytes the client sends before the upstream connection is up wait in the client socket's buffer.
        connect(upstream, &QTcpSocket::connected, this, [client, upstream] {
            if (client->bytesAvailable() > 0) {
                upstream->write(client->readAll());
            }
        });
        upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
    }
}

} // namespace herald::test
