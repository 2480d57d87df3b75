#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <memory>

class QSslConfiguration;

namespace herald::test {

// The server's end of one connection of TestWebSocketServer.
class TestWebSocketPeer : public QObject
{
    Q_OBJECT

public:
    static constexpr int kNoCloseFrame = 1006;

    using QObject::QObject;
    virtual void sendText(const QString &text) = 0;
    virtual void sendBinary(const QByteArray &bytes) = 0;
    // The code of the client's close frame: 1005 when it had none, 1006 (kNoCloseFrame) when no close frame came.
    virtual int closeCode() const = 0;

Q_SIGNALS:
    void textReceived(const QString &text);
    void binaryReceived(const QByteArray &bytes);
    // Once, when the connection is over.
    void disconnected();
};

// A WebSocket server on 127.0.0.1 for the tests: a peer that Herald's client did not write. Qt's QWebSocketServer
// where Qt WebSockets is built (Linux); on Windows, where it cannot be built here, a small server of the tests' own
// (TestHttpServer's upgrade and WebSocketFrames' byte-level frames) that does what these tests ask of a peer: the
// handshake with a subprotocol, text and binary messages (fragmented ones too), pongs, the closing handshake.
// HERALD_TEST_WS_SERVER=frames picks that one on Linux as well, to check it.
class TestWebSocketServer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestWebSocketServer)

public:
    explicit TestWebSocketServer(QObject *parent = nullptr);
    ~TestWebSocketServer() override;

    // The subprotocols it accepts; it picks the first of the client's list that is among them.
    void setSubprotocols(const QStringList &subprotocols);
    // Every peer echoes what it receives (after textReceived and binaryReceived).
    void setEcho(bool echo) { m_echo = echo; }

    bool listen(quint16 port = 0);
    // wss://: only where QWebSocketServer is there (canServeTls()).
    bool listenTls(const QSslConfiguration &configuration);
    static bool canServeTls();
    bool isListening() const;
    quint16 port() const;
    QUrl url(const QString &path = QStringLiteral("/")) const;

    // Every peer so far, in the order they connected; a peer lives as long as the server.
    QList<TestWebSocketPeer *> peers() const { return m_peers; }
    QStringList texts() const { return m_texts; }
    QList<QByteArray> binaries() const { return m_binaries; }

Q_SIGNALS:
    void newPeer(herald::test::TestWebSocketPeer *peer);

private:
    class Backend;
    class QtBackend;
    class FramesBackend;
    void adopt(TestWebSocketPeer *peer);

    std::unique_ptr<Backend> m_backend;
    QStringList m_subprotocols;
    bool m_echo = false;
    bool m_tls = false;
    QList<TestWebSocketPeer *> m_peers;
    QStringList m_texts;
    QList<QByteArray> m_binaries;
};

} // namespace herald::test
