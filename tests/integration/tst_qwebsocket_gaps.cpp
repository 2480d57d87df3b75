// The gaps QtWebSockets 6.4 leaves open, each scenario run twice: on a plain QWebSocket, where Qt 6.4 fails it
// (marked expected to fail there, so a Qt that closes a gap shows up as an unexpected pass), and on
// WebSocketClient, which must pass. Without Qt WebSockets (the Windows build) only WebSocketClient's rows run.
#include "TestHttpServer.h"
#include "WebSocketFrames.h"
#include "net/HttpResponse.h"
#include "ws/WebSocketClient.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#ifdef HERALD_TEST_QT_WEBSOCKETS
#include <QWebSocket>
#endif

#include <memory>

using herald::HttpRequest;
using herald::WebSocketClient;
using herald::test::TestHttpServer;
namespace ws = herald::test::ws;

namespace {

// What the scenarios need from a client, whichever it is.
class Subject
{
public:
    virtual ~Subject() = default;
    virtual void open(const QUrl &url) = 0;
    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }

protected:
    QString m_error;
};

#ifdef HERALD_TEST_QT_WEBSOCKETS
class PlainQWebSocket final : public Subject
{
public:
    void open(const QUrl &url) override
    {
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
        QObject::connect(&m_socket, &QWebSocket::errorOccurred, [this] { m_error = m_socket.errorString(); });
#else
        QObject::connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error),
                         [this] { m_error = m_socket.errorString(); });
#endif
        QObject::connect(&m_socket, &QWebSocket::disconnected, [this] {
            if (m_error.isEmpty()) {
                m_error = QStringLiteral("disconnected");
            }
        });
        m_socket.open(url);
    }

private:
    QWebSocket m_socket;
};
#endif

class HeraldClient final : public Subject
{
public:
    HeraldClient()
    {
        m_client.backoff().setInitialDelay(100);
        m_client.backoff().setMaxDelay(100);
        m_client.backoff().setRandomSource([] { return 0.0; });
        m_client.setHandshakeTimeout(300);
        m_client.setPingInterval(100);
        m_client.setPongTimeout(200);
        QObject::connect(&m_client, &WebSocketClient::errorOccurred,
                         [this](WebSocketClient::Error, const QString &message) { m_error = message; });
    }
    void open(const QUrl &url) override
    {
        m_client.setUrl(url);
        m_client.open();
    }

private:
    WebSocketClient m_client;
};

// How long a scenario waits for the behaviour it checks: generous for WebSocketClient on a loaded machine, short
// for the plain QWebSocket rows, which are expected to fail and would otherwise wait the full time (twice over).
int waitFor(bool plain)
{
    return plain ? 400 : 2500;
}

bool isQt64()
{
    return QLatin1String(qVersion()).startsWith(QLatin1String("6.4."));
}

} // namespace

// On the plain QWebSocket row, the next check is expected to fail on Qt 6.4.
#define EXPECT_GAP(why)                                                                                                \
    if (plain && isQt64()) {                                                                                           \
        QEXPECT_FAIL("plain QWebSocket", why, Abort);                                                                  \
    }

class TestQWebSocketGaps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusedHandshake_closesTheSocket_data() { subjects(); }
    void refusedHandshake_closesTheSocket();
    void silentHandshake_timesOut_data() { subjects(); }
    void silentHandshake_timesOut();
    void redirect_isReportedWithItsTarget_data() { subjects(); }
    void redirect_isReportedWithItsTarget();
    void emptyPathWithQuery_sendsSlash_data() { subjects(); }
    void emptyPathWithQuery_sendsSlash();
    void silentPeer_isDetected_data() { subjects(); }
    void silentPeer_isDetected();
    void serverRestartClose_reconnects_data() { subjects(); }
    void serverRestartClose_reconnects();

private:
    static void subjects()
    {
        QTest::addColumn<bool>("plain");
#ifdef HERALD_TEST_QT_WEBSOCKETS
        QTest::newRow("plain QWebSocket") << true;
#endif
        QTest::newRow("WebSocketClient") << false;
    }
    static std::unique_ptr<Subject> make(bool plain)
    {
#ifdef HERALD_TEST_QT_WEBSOCKETS
        if (plain) {
            return std::make_unique<PlainQWebSocket>();
        }
#else
        Q_UNUSED(plain)
#endif
        return std::make_unique<HeraldClient>();
    }
};

void TestQWebSocketGaps::refusedHandshake_closesTheSocket()
{
    QFETCH(bool, plain);
    TestHttpServer server;
    server.route("/ws", [](const HttpRequest &, QTcpSocket *socket) {
        socket->write(herald::http::statusLine(401) + "Content-Length: 0\r\n\r\n"); // and keep the connection
    });
    auto subject = make(plain);
    subject->open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port())));
    QTRY_VERIFY(subject->failed());
    EXPECT_GAP("6.4 reports 'Unhandled http status code' and leaves the TCP connection open");
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 0, waitFor(plain));
}

void TestQWebSocketGaps::silentHandshake_timesOut()
{
    QFETCH(bool, plain);
    TestHttpServer server;
    server.route("/ws", [](const HttpRequest &, QTcpSocket *) {});
    auto subject = make(plain);
    subject->open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port())));
    EXPECT_GAP("6.4 has no handshake timeout: a silent server hangs the client for ever");
    QTRY_VERIFY_WITH_TIMEOUT(subject->failed(), waitFor(plain));
}

void TestQWebSocketGaps::redirect_isReportedWithItsTarget()
{
    QFETCH(bool, plain);
    TestHttpServer server;
    server.route("/old", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 301, {}, "Location: /new\r\n");
    });
    auto subject = make(plain);
    subject->open(QUrl(QStringLiteral("ws://127.0.0.1:%1/old").arg(server.port())));
    QTRY_VERIFY(subject->failed());
    EXPECT_GAP("6.4 neither follows a redirect nor tells where it points");
    QVERIFY2(subject->error().contains(QStringLiteral("redirected to ws://127.0.0.1:%1/new").arg(server.port())),
             qPrintable(subject->error()));
}

void TestQWebSocketGaps::emptyPathWithQuery_sendsSlash()
{
    QFETCH(bool, plain);
    TestHttpServer server;
    server.route(
        "/", [](const HttpRequest &request, QTcpSocket *socket) { TestHttpServer::acceptWebSocket(socket, request); });
    auto subject = make(plain);
    subject->open(QUrl(QStringLiteral("ws://127.0.0.1:%1?x=1").arg(server.port())));
    QTRY_VERIFY(!server.requests().isEmpty());
    EXPECT_GAP("6.4 sends 'GET ?x=1' for a URL with no path");
    QCOMPARE(server.requests().at(0).target, QByteArray("/?x=1"));
}

void TestQWebSocketGaps::silentPeer_isDetected()
{
    QFETCH(bool, plain);
    TestHttpServer server;
    server.route("/ws", [](const HttpRequest &request, QTcpSocket *socket) {
        TestHttpServer::acceptWebSocket(socket, request); // then never a byte, never a pong
    });
    auto subject = make(plain);
    subject->open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port())));
    QTRY_VERIFY(!server.requests().isEmpty());
    EXPECT_GAP("6.4 sends no pings: a peer that vanished is never noticed");
    QTRY_VERIFY_WITH_TIMEOUT(subject->failed(), waitFor(plain));
}

void TestQWebSocketGaps::serverRestartClose_reconnects()
{
    QFETCH(bool, plain);
    TestHttpServer server;
    server.route("/ws", [](const HttpRequest &request, QTcpSocket *socket) {
        TestHttpServer::acceptWebSocket(socket, request);
        socket->write(ws::closeFrame(1001, "restarting"));
        socket->disconnectFromHost();
    });
    auto subject = make(plain);
    subject->open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port())));
    QTRY_VERIFY(subject->failed());
    EXPECT_GAP("6.4 has no reconnect: a server restart (1001) ends the subscription");
    QTRY_VERIFY_WITH_TIMEOUT(server.requests().size() >= 2, waitFor(plain));
}

QTEST_GUILESS_MAIN(TestQWebSocketGaps)
#include "tst_qwebsocket_gaps.moc"
