#pragma once

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>

class QTcpSocket;

namespace herald::test {

// A TCP proxy on 127.0.0.1 in front of another local server. Told to blackhole, it stops passing bytes both ways
// but keeps every connection open: a peer that vanished without FIN or RST, as a dead NAT mapping or a pulled cable
// looks to the client.
class TcpProxy final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpProxy)

public:
    TcpProxy(quint16 upstreamPort, QObject *parent = nullptr);
    ~TcpProxy() override;

    quint16 port() const { return m_server.serverPort(); }
    void setBlackhole(bool on) { m_blackhole = on; }
    int openConnections() const;

private:
    struct Pair
    {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
    };

    void onNewConnection();

    QTcpServer m_server;
    quint16 m_upstreamPort;
    bool m_blackhole = false;
    QList<Pair> m_pairs;
};

} // namespace herald::test
