#pragma once

#include <QByteArray>
#include <QObject>
#include <QStringList>
#include <QTcpServer>

namespace herald::test {

// A SOCKS5 proxy (RFC 1928: no authentication, CONNECT) on 127.0.0.1, to prove that a feed really goes through the
// proxy it is configured with. Records every destination it was asked for.
class Socks5Proxy final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Socks5Proxy)

public:
    explicit Socks5Proxy(QObject *parent = nullptr);
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    QStringList destinations() const { return m_destinations; } // "host:port", in order

private:
    void onNewConnection();

    QTcpServer m_server;
    QStringList m_destinations;
};

} // namespace herald::test
