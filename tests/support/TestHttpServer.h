#pragma once

#include "net/HttpRequestReader.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>

#include <functional>

class QTcpSocket;

namespace herald::test {

// A real HTTP/1.1 server on 127.0.0.1 for tests and benchmarks. Each route's handler gets the request and the
// socket, and writes whatever the test needs: a normal answer, an event stream that stays open, a broken one.
class TestHttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestHttpServer)

public:
    using Handler = std::function<void(const HttpRequest &request, QTcpSocket *socket)>;

    explicit TestHttpServer(QObject *parent = nullptr);
    ~TestHttpServer() override;

    // Listens on 127.0.0.1:port instead (0: any port); the constructor listens on any.
    bool listen(quint16 port);
    bool isListening() const { return m_server.isListening(); }
    quint16 port() const { return m_server.serverPort(); }
    QUrl url(const QString &pathAndQuery = QStringLiteral("/")) const;

    void route(const QByteArray &path, Handler handler) { m_routes.insert(path, std::move(handler)); }
    // The handler for every path without a route of its own (404 without one).
    void routeOthers(Handler handler) { m_otherRoute = std::move(handler); }

    QList<HttpRequest> requests(const QByteArray &path = {}) const;
    int openConnections() const { return m_openConnections; }
    int maxOpenConnections() const { return m_maxOpenConnections; }
    // Sockets that a handler left open, oldest first (closed ones are dropped).
    QList<QTcpSocket *> openSockets() const;

    // Starts an event-stream response and leaves the socket open for send().
    static void startStream(QTcpSocket *socket, const QByteArray &contentType = "text/event-stream",
                            bool chunked = false, const QByteArray &extraHeaders = {});
    // Writes stream bytes, framed as a chunk when the stream was started chunked.
    static void send(QTcpSocket *socket, const QByteArray &bytes);
    // Ends a stream cleanly (final chunk, then FIN).
    static void endStream(QTcpSocket *socket);
    // Answers a WebSocket upgrade with 101 (and the subprotocol, if given); from then on the socket's bytes are
    // reported through webSocketBytes() instead of being read as HTTP.
    static void acceptWebSocket(QTcpSocket *socket, const HttpRequest &request, const QByteArray &subprotocol = {});

    // A complete answer, after which the connection closes.
    static void respond(QTcpSocket *socket, int status, const QByteArray &body = {},
                        const QByteArray &extraHeaders = {}, const QByteArray &contentType = "text/plain");

Q_SIGNALS:
    void requestReceived(const herald::HttpRequest &request);
    void connectionsChanged(int open);
    void webSocketBytes(QTcpSocket *socket, const QByteArray &bytes);

private:
    void onNewConnection();

    QTcpServer m_server;
    QHash<QByteArray, Handler> m_routes;
    Handler m_otherRoute;
    QList<HttpRequest> m_requests;
    QList<QPointer<QTcpSocket>> m_sockets;
    int m_openConnections = 0;
    int m_maxOpenConnections = 0;
};

} // namespace herald::test
