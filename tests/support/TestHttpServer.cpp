#include "TestHttpServer.h"

#include "WebSocketFrames.h"
#include "net/HttpResponse.h"

#include <QTcpSocket>

#include <memory>

namespace herald::test {

TestHttpServer::TestHttpServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &TestHttpServer::onNewConnection);
    m_server.listen(QHostAddress::LocalHost, 0);
}

TestHttpServer::~TestHttpServer()
{
    for (const auto &socket : std::as_const(m_sockets)) {
        if (socket) {
            disconnect(socket, nullptr, this, nullptr);
            socket->abort();
        }
    }
}

bool TestHttpServer::listen(quint16 port)
{
    m_server.close();
    return m_server.listen(QHostAddress::LocalHost, port);
}

QUrl TestHttpServer::url(const QString &pathAndQuery) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(pathAndQuery));
}

QList<HttpRequest> TestHttpServer::requests(const QByteArray &path) const
{
    if (path.isEmpty()) {
        return m_requests;
    }
    QList<HttpRequest> matching;
    for (const HttpRequest &request : m_requests) {
        if (request.path() == path) {
            matching.append(request);
        }
    }
    return matching;
}

QList<QTcpSocket *> TestHttpServer::openSockets() const
{
    QList<QTcpSocket *> open;
    for (const auto &socket : m_sockets) {
        if (socket && socket->state() == QAbstractSocket::ConnectedState && socket->property("heraldStream").toBool()) {
            open.append(socket);
        }
    }
    return open;
}

void TestHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        m_sockets.append(socket);
        ++m_openConnections;
        m_maxOpenConnections = std::max(m_maxOpenConnections, m_openConnections);
        Q_EMIT connectionsChanged(m_openConnections);
        auto reader = std::make_shared<HttpRequestReader>();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, reader] {
            if (socket->property("heraldWebSocket").toBool()) {
                Q_EMIT webSocketBytes(socket, socket->readAll());
                return;
            }
            auto status = reader->append(socket->readAll());
            while (status == HttpRequestReader::Status::Complete) {
                const HttpRequest request = reader->takeRequest();
                m_requests.append(request);
                Q_EMIT requestReceived(request);
                const auto route = m_routes.constFind(request.path());
                if (route == m_routes.cend()) {
                    if (m_otherRoute) {
                        m_otherRoute(request, socket);
                    } else {
                        respond(socket, 404, "no such route\n");
                    }
                } else {
                    route.value()(request, socket);
                }
                if (socket->property("heraldWebSocket").toBool()) {
                    break;
                }
                status = reader->append({});
            }
            if (status == HttpRequestReader::Status::Invalid) {
                respond(socket, 400, reader->errorString());
            }
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            --m_openConnections;
            Q_EMIT connectionsChanged(m_openConnections);
            socket->deleteLater();
        });
    }
}

void TestHttpServer::startStream(QTcpSocket *socket, const QByteArray &contentType, bool chunked,
                                 const QByteArray &extraHeaders)
{
    socket->setProperty("heraldStream", true);
    socket->setProperty("heraldChunked", chunked);
    QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nCache-Control: no-cache\r\n";
    head += chunked ? "Transfer-Encoding: chunked\r\n" : "Connection: close\r\n";
    socket->write(head + extraHeaders + "\r\n");
    socket->flush();
}

void TestHttpServer::send(QTcpSocket *socket, const QByteArray &bytes)
{
    if (bytes.isEmpty()) {
        return;
    }
    if (socket->property("heraldChunked").toBool()) {
        socket->write(http::chunk(bytes));
    } else {
        socket->write(bytes);
    }
    socket->flush();
}

void TestHttpServer::endStream(QTcpSocket *socket)
{
    if (socket->property("heraldChunked").toBool()) {
        socket->write(http::kLastChunk);
    }
    socket->disconnectFromHost();
}

void TestHttpServer::acceptWebSocket(QTcpSocket *socket, const HttpRequest &request, const QByteArray &subprotocol)
{
    socket->setProperty("heraldWebSocket", true);
    QByteArray head = http::statusLine(101) + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " +
                      ws::acceptKey(request.header("Sec-WebSocket-Key")) + "\r\n";
    if (!subprotocol.isEmpty()) {
        head += "Sec-WebSocket-Protocol: " + subprotocol + "\r\n";
    }
    socket->write(head + "\r\n");
    socket->flush();
}

void TestHttpServer::respond(QTcpSocket *socket, int status, const QByteArray &body, const QByteArray &extraHeaders,
                             const QByteArray &contentType)
{
    QByteArray head = http::statusLine(status);
    if (status != 204) {
        head += "Content-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    socket->write(head + "Connection: close\r\n" + extraHeaders + "\r\n" + (status == 204 ? QByteArray() : body));
    socket->disconnectFromHost();
}

} // namespace herald::test
