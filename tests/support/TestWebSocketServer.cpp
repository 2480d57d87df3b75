#include "TestWebSocketServer.h"

#include "TestHttpServer.h"
#include "WebSocketFrames.h"

#include <QHash>
#include <QSslConfiguration>
#include <QTcpSocket>
#include <QtEndian>

#ifdef HERALD_TEST_QT_WEBSOCKETS
#include <QWebSocket>
#include <QWebSocketServer>
#endif

namespace herald::test {

namespace {

// The first of the client's subprotocols (a comma-separated header) that the server accepts.
QString pickSubprotocol(const QByteArray &offered, const QStringList &accepted)
{
    for (const QByteArray &name : offered.split(',')) {
        const QString trimmed = QString::fromLatin1(name.trimmed());
        if (accepted.contains(trimmed)) {
            return trimmed;
        }
    }
    return {};
}

#ifdef HERALD_TEST_QT_WEBSOCKETS
class QtPeer final : public TestWebSocketPeer
{
public:
    QtPeer(QWebSocket *socket, QObject *parent)
        : TestWebSocketPeer(parent)
        , m_socket(socket)
    {
        socket->setParent(this); // QWebSocketServer hands its sockets over unowned
        connect(socket, &QWebSocket::textMessageReceived, this, &TestWebSocketPeer::textReceived);
        connect(socket, &QWebSocket::binaryMessageReceived, this, &TestWebSocketPeer::binaryReceived);
        connect(socket, &QWebSocket::disconnected, this, &TestWebSocketPeer::disconnected);
    }
    void sendText(const QString &text) override { m_socket->sendTextMessage(text); }
    void sendBinary(const QByteArray &bytes) override { m_socket->sendBinaryMessage(bytes); }
    int closeCode() const override { return m_socket->closeCode(); }

private:
    QWebSocket *m_socket;
};
#endif

// The tests' own server end: frames read with WebSocketFrames, as a peer that shares no code with Herald's client.
class FramesPeer final : public TestWebSocketPeer
{
public:
    FramesPeer(QTcpSocket *socket, QObject *parent)
        : TestWebSocketPeer(parent)
        , m_socket(socket)
    {
        connect(socket, &QTcpSocket::disconnected, this, [this] {
            if (!m_gone) {
                m_gone = true;
                Q_EMIT disconnected();
            }
        });
    }
    void sendText(const QString &text) override { write(ws::frame(ws::Text, text.toUtf8())); }
    void sendBinary(const QByteArray &bytes) override { write(ws::frame(ws::Binary, bytes)); }
    int closeCode() const override { return m_closeCode; }

    void read(const QByteArray &bytes)
    {
        m_buffer += bytes;
        const QList<ws::ClientFrame> frames = ws::takeClientFrames(m_buffer);
        for (const ws::ClientFrame &frame : frames) {
            onFrame(frame);
        }
    }

private:
    void write(const QByteArray &bytes)
    {
        if (m_socket && !m_closeSent) {
            m_socket->write(bytes);
        }
    }

    void onFrame(const ws::ClientFrame &frame)
    {
        switch (frame.opcode) {
        case ws::Text:
        case ws::Binary:
            m_messageOpcode = frame.opcode;
            m_message = frame.payload;
            break;
        case ws::Continuation:
            m_message += frame.payload;
            break;
        case ws::Ping:
            write(ws::frame(ws::Pong, frame.payload));
            return;
        case ws::Pong:
            return;
        case ws::Close:
            m_closeCode = frame.payload.size() >= 2
                              ? qFromBigEndian<quint16>(reinterpret_cast<const uchar *>(frame.payload.constData()))
                              : 1005;
            // The closing handshake: the same code back, then the server closes the TCP connection (RFC 6455 7.1.1).
            write(ws::closeFrame(quint16(m_closeCode == 1005 ? 1000 : m_closeCode)));
            m_closeSent = true;
            if (m_socket) {
                m_socket->disconnectFromHost();
            }
            return;
        }
        if (!frame.fin) {
            return;
        }
        if (m_messageOpcode == ws::Text) {
            Q_EMIT textReceived(QString::fromUtf8(m_message));
        } else {
            Q_EMIT binaryReceived(m_message);
        }
        m_message.clear();
    }

    QPointer<QTcpSocket> m_socket;
    QByteArray m_buffer;
    QByteArray m_message;
    ws::Opcode m_messageOpcode = ws::Text;
    int m_closeCode = kNoCloseFrame;
    bool m_closeSent = false;
    bool m_gone = false;
};

} // namespace

class TestWebSocketServer::Backend
{
public:
    virtual ~Backend() = default;
    virtual bool listen(quint16 port, const QSslConfiguration *tls) = 0;
    virtual bool isListening() const = 0;
    virtual quint16 port() const = 0;
};

#ifdef HERALD_TEST_QT_WEBSOCKETS
class TestWebSocketServer::QtBackend final : public Backend
{
public:
    explicit QtBackend(TestWebSocketServer &owner)
        : m_owner(owner)
    {}

    bool listen(quint16 port, const QSslConfiguration *tls) override
    {
        m_server = std::make_unique<QWebSocketServer>(QStringLiteral("test"), tls ? QWebSocketServer::SecureMode
                                                                                  : QWebSocketServer::NonSecureMode);
        m_server->setSupportedSubprotocols(m_owner.m_subprotocols);
#if QT_CONFIG(ssl)
        if (tls) {
            m_server->setSslConfiguration(*tls);
        }
#endif
        QObject::connect(m_server.get(), &QWebSocketServer::newConnection, &m_owner, [this] {
            while (QWebSocket *socket = m_server->nextPendingConnection()) {
                m_owner.adopt(new QtPeer(socket, &m_owner));
            }
        });
        return m_server->listen(QHostAddress::LocalHost, port);
    }
    bool isListening() const override
    {
        return m_server && m_server->isListening();
    }
    quint16 port() const override
    {
        return m_server ? m_server->serverPort() : 0;
    }

private:
    TestWebSocketServer &m_owner;
    std::unique_ptr<QWebSocketServer> m_server;
};
#endif

class TestWebSocketServer::FramesBackend final : public Backend
{
public:
    explicit FramesBackend(TestWebSocketServer &owner)
        : m_owner(owner)
    {
        m_http.routeOthers([this](const HttpRequest &request, QTcpSocket *socket) {
            if (request.header("Upgrade").compare("websocket", Qt::CaseInsensitive) != 0 ||
                request.header("Sec-WebSocket-Key").isEmpty()) {
                TestHttpServer::respond(socket, 400, "a WebSocket server: send an upgrade request\n");
                return;
            }
            const QString subprotocol =
                pickSubprotocol(request.header("Sec-WebSocket-Protocol"), m_owner.m_subprotocols);
            TestHttpServer::acceptWebSocket(socket, request, subprotocol.toLatin1());
            auto *peer = new FramesPeer(socket, &m_owner);
            m_peers.insert(socket, peer);
            m_owner.adopt(peer);
        });
        QObject::connect(&m_http, &TestHttpServer::webSocketBytes, &m_owner,
                         [this](QTcpSocket *socket, const QByteArray &bytes) {
                             if (const auto peer = m_peers.value(socket)) {
                                 peer->read(bytes);
                             }
                         });
    }

    bool listen(quint16 port, const QSslConfiguration *tls) override { return !tls && m_http.listen(port); }
    bool isListening() const override { return m_http.isListening(); }
    quint16 port() const override { return m_http.port(); }

private:
    TestWebSocketServer &m_owner;
    TestHttpServer m_http;
    QHash<QTcpSocket *, QPointer<FramesPeer>> m_peers;
};

TestWebSocketServer::TestWebSocketServer(QObject *parent)
    : QObject(parent)
{
#ifdef HERALD_TEST_QT_WEBSOCKETS
    if (qEnvironmentVariable("HERALD_TEST_WS_SERVER") != QLatin1String("frames")) {
        m_backend = std::make_unique<QtBackend>(*this);
        return;
    }
#endif
    m_backend = std::make_unique<FramesBackend>(*this);
}

TestWebSocketServer::~TestWebSocketServer()
{
    // The peers go first: their sockets belong to the backend's server.
    qDeleteAll(m_peers);
    m_peers.clear();
}

void TestWebSocketServer::setSubprotocols(const QStringList &subprotocols)
{
    m_subprotocols = subprotocols;
}

bool TestWebSocketServer::listen(quint16 port)
{
    m_tls = false;
    return m_backend->listen(port, nullptr);
}

bool TestWebSocketServer::listenTls(const QSslConfiguration &configuration)
{
    m_tls = true;
    return m_backend->listen(0, &configuration);
}

bool TestWebSocketServer::canServeTls()
{
#ifdef HERALD_TEST_QT_WEBSOCKETS
    return qEnvironmentVariable("HERALD_TEST_WS_SERVER") != QLatin1String("frames");
#else
    return false;
#endif
}

bool TestWebSocketServer::isListening() const
{
    return m_backend->isListening();
}

quint16 TestWebSocketServer::port() const
{
    return m_backend->port();
}

QUrl TestWebSocketServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                    .arg(m_tls ? QLatin1String("wss") : QLatin1String("ws"))
                    .arg(port())
                    .arg(path));
}

void TestWebSocketServer::adopt(TestWebSocketPeer *peer)
{
    m_peers.append(peer);
    connect(peer, &TestWebSocketPeer::textReceived, this, [this, peer](const QString &text) {
        m_texts.append(text);
        if (m_echo) {
            peer->sendText(text);
        }
    });
    connect(peer, &TestWebSocketPeer::binaryReceived, this, [this, peer](const QByteArray &bytes) {
        m_binaries.append(bytes);
        if (m_echo) {
            peer->sendBinary(bytes);
        }
    });
    Q_EMIT newPeer(peer);
}

} // namespace herald::test
