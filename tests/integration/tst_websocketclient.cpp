#include "Socks5Proxy.h"
#include "TcpProxy.h"
#include "TestCertificate.h"
#include "TestHttpServer.h"
#include "TestWebSocketServer.h"
#include "WebSocketFrames.h"
#include "net/HttpResponse.h"
#include "ws/WebSocketClient.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using herald::HttpRequest;
using herald::WebSocketClient;
using herald::test::TestHttpServer;
using herald::test::TestWebSocketPeer;
using herald::test::TestWebSocketServer;
namespace ws = herald::test::ws;
namespace http = herald::http;

namespace {

// Deterministic, quick reconnects for tests: no jitter, short delays.
void makeQuick(WebSocketClient &client, int initial = 50, int cap = 1000)
{
    client.backoff().setInitialDelay(initial);
    client.backoff().setMaxDelay(cap);
    client.backoff().setRandomSource([] { return 0.0; });
}

// A well-behaved WebSocket server (not Herald's) that echoes and records what it receives.
class EchoServer : public TestWebSocketServer
{
public:
    EchoServer()
    {
        setSubprotocols({QStringLiteral("herald.v2"), QStringLiteral("herald.v1")});
        setEcho(true);
        listen();
    }
    QUrl url() const { return TestWebSocketServer::url(QStringLiteral("/chat")); }
};

TestHttpServer::Handler acceptThen(std::function<void(QTcpSocket *)> then, const QByteArray &subprotocol = {})
{
    return [then, subprotocol](const HttpRequest &request, QTcpSocket *socket) {
        TestHttpServer::acceptWebSocket(socket, request, subprotocol);
        if (then) {
            then(socket);
        }
    };
}

quint16 closedPort()
{
    TestHttpServer closed;
    return closed.port();
}

} // namespace

class TestWebSocketClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textAndBinary_roundTrip();
    void throughSocks5_readsWritesAndEnds();
    void protocolFailure_leavesWithACloseFrame();
    void subprotocol_isNegotiated();
    void handshake_sendsHeadersAndNormalizedPath();
    void queuedMessages_goOutInOrderOnOpen();
    void fullQueue_refusesWithClearError();
    void serverClose_data();
    void serverClose();
    void refusedHandshake_data();
    void refusedHandshake();
    void silentHandshake_timesOut();
    void silentPeer_isDetectedByPing();
    void slowButLivePeer_isNotDeclaredDead();
    void vanishedPeer_isDetectedWithinIntervalPlusDeadline();
    void frameTricklingByteByByte_isNotDeclaredDead();
    void oversizedMessage_reconnectsWithClearError_data();
    void oversizedMessage_reconnectsWithClearError();
    void unreachableServer_backsOffExponentially();
    void stableConnection_resetsBackoff();
    void failureStorm_neverHasTwoSockets();
    void reconnectNow_skipsTheWait();
    void close_isNormalAndFinal();
    void tls_data();
    void tls();
};

void TestWebSocketClient::textAndBinary_roundTrip()
{
    EchoServer server;
    WebSocketClient client(server.url());
    QSignalSpy opened(&client, &WebSocketClient::opened);
    QSignalSpy texts(&client, &WebSocketClient::textMessageReceived);
    QSignalSpy binaries(&client, &WebSocketClient::binaryMessageReceived);
    client.open();
    QVERIFY(opened.wait(5000));
    QCOMPARE(client.state(), WebSocketClient::State::Open);
    QCOMPARE(client.sendText(QStringLiteral("안녕 <b>hi</b>")), WebSocketClient::SendResult::Sent);
    const QByteArray bytes("\x00\x01\xFF\xFEpayload", 11);
    QCOMPARE(client.sendBinary(bytes), WebSocketClient::SendResult::Sent);
    QTRY_COMPARE(texts.count(), 1);
    QTRY_COMPARE(binaries.count(), 1);
    QCOMPARE(texts.at(0).at(0).toString(), QStringLiteral("안녕 <b>hi</b>"));
    QCOMPARE(binaries.at(0).at(0).toByteArray(), bytes);
}

void TestWebSocketClient::throughSocks5_readsWritesAndEnds()
{
    // A direct connection reads straight from the kernel (an unbuffered socket); through a proxy, Qt's proxy engine
    // sits in between: messages both ways, the bytesWritten that `connect` waits on, and the closing handshake.
    EchoServer server;
    herald::test::Socks5Proxy proxy;
    QVERIFY(proxy.listen());
    WebSocketClient client(server.url());
    client.setProxy(QNetworkProxy(QNetworkProxy::Socks5Proxy, QStringLiteral("127.0.0.1"), proxy.port()));
    client.setReconnectEnabled(false);
    QSignalSpy opened(&client, &WebSocketClient::opened);
    QSignalSpy texts(&client, &WebSocketClient::textMessageReceived);
    QSignalSpy written(&client, &WebSocketClient::bytesWritten);
    client.open();
    QVERIFY(opened.wait(5000));
    QCOMPARE(proxy.destinations(), QStringList{QStringLiteral("127.0.0.1:%1").arg(server.url().port())});
    const QString big(70000, QLatin1Char('x')); // more than one read
    QCOMPARE(client.sendText(big), WebSocketClient::SendResult::Sent);
    QCOMPARE(client.sendText(QStringLiteral("small")), WebSocketClient::SendResult::Sent);
    QTRY_COMPARE(texts.count(), 2);
    QCOMPARE(texts.at(0).at(0).toString(), big);
    QCOMPARE(texts.at(1).at(0).toString(), QStringLiteral("small"));
    QTRY_VERIFY(client.allSent() && !written.isEmpty());
    // The closing handshake both ways through the proxy, and the end of the connection after it.
    QSignalSpy closed(&client, &WebSocketClient::closed);
    client.close();
    QVERIFY(closed.wait(5000));
    QCOMPARE(client.state(), WebSocketClient::State::Closed);
    QCOMPARE(server.peers().value(0)->closeCode(), 1000);
}

void TestWebSocketClient::protocolFailure_leavesWithACloseFrame()
{
    // graphql-ws refusing a token, say: the application protocol gives up, and the server hears a close frame
    // rather than a connection that vanished. Read on the wire: QWebSocket reports 1000 for both.
    TestHttpServer server;
    server.route("/ws", acceptThen({}));
    QByteArray fromClient;
    connect(&server, &TestHttpServer::webSocketBytes, this,
            [&](QTcpSocket *, const QByteArray &bytes) { fromClient += bytes; });
    WebSocketClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port())));
    QSignalSpy opened(&client, &WebSocketClient::opened);
    client.open();
    QVERIFY(opened.wait(5000));
    client.failConnection(QStringLiteral("the server refused the token"), false);
    QCOMPARE(client.state(), WebSocketClient::State::Closed);
    QCOMPARE(client.errorString(), QStringLiteral("the server refused the token"));
    QTRY_VERIFY(!fromClient.isEmpty());
    QCOMPARE(quint8(fromClient.at(0)), quint8(0x88)); // FIN + close
    QCOMPARE(fromClient.size(), 2 + 4 + 2);           // masked, with code 1000
}

void TestWebSocketClient::subprotocol_isNegotiated()
{
    EchoServer server;
    WebSocketClient client(server.url());
    client.setSubprotocols({QStringLiteral("herald.v1"), QStringLiteral("other")});
    QSignalSpy opened(&client, &WebSocketClient::opened);
    client.open();
    QVERIFY(opened.wait(5000));
    QCOMPARE(client.subprotocol(), QStringLiteral("herald.v1"));
}

void TestWebSocketClient::handshake_sendsHeadersAndNormalizedPath()
{
    TestHttpServer server;
    server.route("/", acceptThen({}, "chat"));
    WebSocketClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1?topic=ci").arg(server.port())));
    client.addHeader("Authorization", "Bearer s3cret");
    client.setSubprotocols({QStringLiteral("chat"), QStringLiteral("superchat")});
    QSignalSpy opened(&client, &WebSocketClient::opened);
    client.open();
    QVERIFY2(opened.wait(5000), qPrintable(client.errorString()));
    const HttpRequest request = server.requests().value(0);
    QCOMPARE(request.target, QByteArray("/?topic=ci"));
    QCOMPARE(request.header("Authorization"), QByteArray("Bearer s3cret"));
    QCOMPARE(request.header("Sec-WebSocket-Protocol"), QByteArray("chat, superchat"));
    QCOMPARE(client.subprotocol(), QStringLiteral("chat"));
}

void TestWebSocketClient::queuedMessages_goOutInOrderOnOpen()
{
    EchoServer server;
    WebSocketClient client(server.url());
    client.open();
    QCOMPARE(client.state(), WebSocketClient::State::Connecting);
    QCOMPARE(client.sendText(QStringLiteral("one")), WebSocketClient::SendResult::Queued);
    QCOMPARE(client.sendBinary("two"), WebSocketClient::SendResult::Queued);
    QCOMPARE(client.sendText(QStringLiteral("three")), WebSocketClient::SendResult::Queued);
    QCOMPARE(client.queuedMessages(), 3);
    QTRY_COMPARE(server.texts().size(), 2);
    QCOMPARE(server.texts(), (QStringList{QStringLiteral("one"), QStringLiteral("three")}));
    QCOMPARE(server.binaries(), QList<QByteArray>{"two"});
    QCOMPARE(client.queuedMessages(), 0);
    // Order across both kinds: "three" is sent after "two", so its echo arrives after the binary echo.
}

void TestWebSocketClient::fullQueue_refusesWithClearError()
{
    WebSocketClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(closedPort())));
    makeQuick(client, 5000, 5000);
    client.setMaxQueuedMessages(2);
    client.open();
    QCOMPARE(client.sendText(QStringLiteral("a")), WebSocketClient::SendResult::Queued);
    QCOMPARE(client.sendText(QStringLiteral("b")), WebSocketClient::SendResult::Queued);
    QCOMPARE(client.sendText(QStringLiteral("c")), WebSocketClient::SendResult::QueueFull);
    QVERIFY2(client.errorString().contains(QStringLiteral("2 messages are already waiting")),
             qPrintable(client.errorString()));
    QCOMPARE(client.queuedMessages(), 2);
}

void TestWebSocketClient::serverClose_data()
{
    QTest::addColumn<QByteArray>("closeBytes"); // empty: abrupt abort without a close frame
    QTest::addColumn<WebSocketClient::Error>("error");
    QTest::addColumn<int>("closeCode");
    QTest::addColumn<bool>("toCap");
    QTest::addColumn<QString>("messagePart");

    using E = WebSocketClient::Error;
    QTest::newRow("1000 from server") << ws::closeFrame(1000, "bye") << E::ClosedByServer << 1000 << false
                                      << QStringLiteral("1000 normal closure: bye");
    QTest::newRow("1001 going away") << ws::closeFrame(1001) << E::ClosedByServer << 1001 << false
                                     << QStringLiteral("1001 going away");
    QTest::newRow("1011 server error") << ws::closeFrame(1011) << E::ClosedByServer << 1011 << false
                                       << QStringLiteral("1011 server error");
    // Registered with IANA after RFC 6455 (Qt 6.4 refused them and reported 1002): kept as sent.
    QTest::newRow("1012 restart") << ws::closeFrame(1012) << E::ClosedByServer << 1012 << false
                                  << QStringLiteral("1012 service restart");
    QTest::newRow("1013 try later") << ws::closeFrame(1013) << E::ClosedByServer << 1013 << false
                                    << QStringLiteral("1013 try again later");
    // RFC 6455 7.1.5: a close frame without a code is 1005 (Qt 6.4 said 1000).
    QTest::newRow("no code") << ws::frame(ws::Close, {}) << E::ClosedByServer << 1005 << false
                             << QStringLiteral("1005 no status code");
    QTest::newRow("1008 policy") << ws::closeFrame(1008, "banned") << E::ClosedByServer << 1008 << true
                                 << QStringLiteral("1008 policy violation: banned");
    QTest::newRow("4001 application") << ws::closeFrame(4001, "token expired") << E::ClosedByServer << 4001 << true
                                      << QStringLiteral("4001 application code: token expired");
    QTest::newRow("abrupt") << QByteArray() << E::NetworkError << 1006 << false
                            << QStringLiteral("broke without a close frame");
}

void TestWebSocketClient::serverClose()
{
    QFETCH(QByteArray, closeBytes);
    QFETCH(WebSocketClient::Error, error);
    QFETCH(int, closeCode);
    QFETCH(bool, toCap);
    QFETCH(QString, messagePart);

    TestHttpServer server;
    server.route("/ws", acceptThen([closeBytes](QTcpSocket *socket) {
                     if (closeBytes.isEmpty()) {
                         // After the client has surely taken the 101: an abort right away would race the handshake.
                         QTimer::singleShot(100, socket, [socket] { socket->abort(); });
                     } else {
                         socket->write(closeBytes);
                         socket->disconnectFromHost();
                     }
                 }));
    WebSocketClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port())));
    makeQuick(client, 50, 5000);
    QSignalSpy scheduled(&client, &WebSocketClient::reconnectScheduled);
    client.open();
    QVERIFY(scheduled.wait(5000));
    QCOMPARE(client.error(), error);
    QCOMPARE(client.closeCode(), closeCode);
    QVERIFY2(client.errorString().contains(messagePart), qPrintable(client.errorString()));
    QCOMPARE(scheduled.at(0).at(0).toInt(), toCap ? 5000 : 50);
    client.close();
}

void TestWebSocketClient::refusedHandshake_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<WebSocketClient::Error>("error");
    QTest::addColumn<QString>("retry"); // never, cap, backoff
    QTest::addColumn<QString>("messagePart");
    using E = WebSocketClient::Error;
    // What will be refused again fails for good, as SSE does; a server that is failing or asks to wait is retried.
    QTest::newRow("401") << 401 << E::Unauthorized << "never"
                         << QStringLiteral("HTTP 401 Unauthorized (\"no\"): check the feed's credentials");
    QTest::newRow("403") << 403 << E::Unauthorized << "never" << QStringLiteral("HTTP 403 Forbidden");
    QTest::newRow("404") << 404 << E::HandshakeRefused << "never"
                         << QStringLiteral("HTTP 404 Not Found (\"no\"): check the feed URL");
    QTest::newRow("301") << 301 << E::HandshakeRefused << "never"
                         << QStringLiteral("HTTP 301 Moved Permanently: redirected to ws://127.0.0.1:%1/elsewhere; "
                                           "update the feed URL");
    QTest::newRow("308") << 308 << E::HandshakeRefused << "never"
                         << QStringLiteral("HTTP 308 Permanent Redirect: redirected to ws://127.0.0.1:%1/elsewhere");
    QTest::newRow("200") << 200 << E::HandshakeRefused << "never" << QStringLiteral("serves plain HTTP");
    QTest::newRow("429") << 429 << E::HandshakeRefused << "cap" << QStringLiteral("HTTP 429");
    QTest::newRow("500") << 500 << E::HandshakeRefused << "backoff" << QStringLiteral("HTTP 500 Internal Server Error");
    QTest::newRow("503") << 503 << E::HandshakeRefused << "backoff" << QStringLiteral("HTTP 503 Service Unavailable");
}

void TestWebSocketClient::refusedHandshake()
{
    QFETCH(int, status);
    QFETCH(WebSocketClient::Error, error);
    QFETCH(QString, retry);
    QFETCH(QString, messagePart);

    TestHttpServer server;
    // Keep-alive answer: a server that leaves the connection open must not leave the client's socket open too.
    server.route("/ws", [status](const HttpRequest &, QTcpSocket *socket) {
        socket->write(herald::http::statusLine(status) + "Location: /elsewhere\r\nContent-Length: 2\r\n\r\nno");
    });
    WebSocketClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port())));
    makeQuick(client, 50, 5000);
    QSignalSpy scheduled(&client, &WebSocketClient::reconnectScheduled);
    QSignalSpy errors(&client, &WebSocketClient::errorOccurred);
    client.open();
    QVERIFY(errors.wait(5000));
    QCOMPARE(client.error(), error);
    QCOMPARE(client.httpStatus(), status);
    if (messagePart.contains(QLatin1String("%1"))) {
        messagePart = messagePart.arg(server.port());
    }
    QVERIFY2(client.errorString().contains(messagePart), qPrintable(client.errorString()));
    if (retry == QLatin1String("never")) {
        QCOMPARE(client.state(), WebSocketClient::State::Closed);
        QCOMPARE(scheduled.count(), 0);
    } else {
        QCOMPARE(scheduled.count(), 1);
        QCOMPARE(scheduled.at(0).at(0).toInt(), retry == QLatin1String("cap") ? 5000 : 50);
    }
    // The refused connection is closed at once, not left to the server.
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 0, 1000);
    client.close();
}

void TestWebSocketClient::silentHandshake_timesOut()
{
    TestHttpServer server;
    server.route("/ws", [](const HttpRequest &, QTcpSocket *) {}); // reads the upgrade and never answers
    WebSocketClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port())));
    makeQuick(client, 5000, 5000);
    client.setHandshakeTimeout(300);
    QSignalSpy errors(&client, &WebSocketClient::errorOccurred);
    client.open();
    QVERIFY(errors.wait(5000));
    QCOMPARE(client.error(), WebSocketClient::Error::HandshakeTimeout);
    QVERIFY2(client.errorString().contains(QStringLiteral("did not answer the WebSocket handshake within 0.3 s")),
             qPrintable(client.errorString()));
    QTRY_COMPARE(server.openConnections(), 0);
    client.close();
}

void TestWebSocketClient::silentPeer_isDetectedByPing()
{
    TestHttpServer server;
    server.route("/ws", acceptThen({})); // then reads and answers nothing, like a peer that vanished
    WebSocketClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port())));
    makeQuick(client, 5000, 5000);
    client.setPingInterval(100);
    client.setPongTimeout(200);
    QSignalSpy opened(&client, &WebSocketClient::opened);
    QSignalSpy errors(&client, &WebSocketClient::errorOccurred);
    QByteArray received;
    QList<ws::ClientFrame> frames;
    connect(&server, &TestHttpServer::webSocketBytes, this, [&](QTcpSocket *, const QByteArray &bytes) {
        received += bytes;
        frames += ws::takeClientFrames(received);
    });
    client.open();
    QVERIFY(opened.wait(5000));
    QVERIFY(errors.wait(5000));
    QCOMPARE(client.error(), WebSocketClient::Error::PongTimeout);
    QVERIFY2(client.errorString().contains(QStringLiteral("no answer")), qPrintable(client.errorString()));
    QVERIFY(!frames.isEmpty());
    QCOMPARE(frames.first().opcode, ws::Ping);
    client.close();
}

void TestWebSocketClient::slowButLivePeer_isNotDeclaredDead()
{
    TestHttpServer server;
    QPointer<QTcpSocket> peer;
    server.route("/ws", acceptThen([&](QTcpSocket *socket) { peer = socket; }));
    WebSocketClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port())));
    makeQuick(client, 5000, 5000);
    client.setPingInterval(80);
    client.setPongTimeout(150);
    QSignalSpy opened(&client, &WebSocketClient::opened);
    QSignalSpy errors(&client, &WebSocketClient::errorOccurred);
    QSignalSpy texts(&client, &WebSocketClient::textMessageReceived);
    client.open();
    QVERIFY(opened.wait(5000));
    // One message in ten fragments, 100 ms apart: longer than the pong deadline, and no pong ever comes.
    QTimer trickle;
    int sent = 0;
    connect(&trickle, &QTimer::timeout, this, [&] {
        if (!peer) {
            return;
        }
        const bool last = sent == 9;
        peer->write(ws::frame(sent == 0 ? ws::Text : ws::Continuation, QByteArray::number(sent), last));
        if (++sent == 10) {
            trickle.stop();
        }
    });
    trickle.start(100);
    QVERIFY(texts.wait(5000));
    QCOMPARE(texts.at(0).at(0).toString(), QStringLiteral("0123456789"));
    QCOMPARE(errors.count(), 0);
    QCOMPARE(client.state(), WebSocketClient::State::Open);
    client.close();
}

void TestWebSocketClient::frameTricklingByteByByte_isNotDeclaredDead()
{
    TestHttpServer server;
    QPointer<QTcpSocket> peer;
    server.route("/ws", acceptThen([&](QTcpSocket *socket) { peer = socket; }));
    WebSocketClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port())));
    makeQuick(client, 5000, 5000);
    client.setPingInterval(80);
    client.setPongTimeout(150);
    QSignalSpy opened(&client, &WebSocketClient::opened);
    QSignalSpy errors(&client, &WebSocketClient::errorOccurred);
    QSignalSpy texts(&client, &WebSocketClient::textMessageReceived);
    client.open();
    QVERIFY(opened.wait(5000));
    // One frame, one byte every 100 ms: over a second inside a single frame, gaps shorter than the pong deadline,
    // and the peer cannot answer a ping before the frame ends.
    const QByteArray frame = ws::frame(ws::Text, "slow but alive");
    int at = 0;
    QTimer trickle;
    connect(&trickle, &QTimer::timeout, this, [&] {
        if (peer && at < frame.size()) {
            peer->write(frame.mid(at++, 1));
        }
    });
    trickle.start(100);
    QVERIFY(texts.wait(10000));
    QCOMPARE(texts.at(0).at(0).toString(), QStringLiteral("slow but alive"));
    QCOMPARE(errors.count(), 0);
    client.close();
}

void TestWebSocketClient::vanishedPeer_isDetectedWithinIntervalPlusDeadline()
{
    EchoServer server;
    herald::test::TcpProxy proxy(server.port());
    WebSocketClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1/chat").arg(proxy.port())));
    makeQuick(client, 50, 50);
    client.setPingInterval(200);
    client.setPongTimeout(300);
    QSignalSpy opened(&client, &WebSocketClient::opened);
    QSignalSpy texts(&client, &WebSocketClient::textMessageReceived);
    QSignalSpy errors(&client, &WebSocketClient::errorOccurred);
    client.open();
    QVERIFY(opened.wait(5000));
    // Alive through the proxy: pings are answered for several intervals.
    client.sendText(QStringLiteral("ping through the proxy"));
    QVERIFY(texts.wait(5000));
    QTest::qWait(700);
    QCOMPARE(errors.count(), 0);

    proxy.setBlackhole(true); // no FIN, no RST: the TCP connection stays up and silent
    QCOMPARE(proxy.openConnections(), 1);
    QElapsedTimer sinceVanished;
    sinceVanished.start();
    // Detection is due within interval + deadline (500 ms); the margin is for a loaded machine, not for slack.
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 3000);
    QCOMPARE(errors.at(0).at(0).value<WebSocketClient::Error>(), WebSocketClient::Error::PongTimeout);
    QVERIFY2(sinceVanished.elapsed() >= 300, "a pong deadline was cut short");
    client.close();
}

void TestWebSocketClient::oversizedMessage_reconnectsWithClearError_data()
{
    QTest::addColumn<bool>("inTheHandshakeSegment");
    QTest::newRow("after the handshake") << false;
    // The frame read together with the 101 response, as Windows delivers them.
    QTest::newRow("in the handshake's read") << true;
}

void TestWebSocketClient::oversizedMessage_reconnectsWithClearError()
{
    QFETCH(bool, inTheHandshakeSegment);
    const QByteArray oversized = ws::frame(ws::Text, QByteArray(5000, 'x'));
    TestHttpServer server;
    if (inTheHandshakeSegment) {
        server.route("/ws", [oversized](const HttpRequest &request, QTcpSocket *socket) {
            socket->setProperty("heraldWebSocket", true);
            socket->write(http::statusLine(101) +
                          "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " +
                          ws::acceptKey(request.header("Sec-WebSocket-Key")) + "\r\n\r\n" + oversized);
        });
    } else {
        server.route("/ws", acceptThen([oversized](QTcpSocket *socket) { socket->write(oversized); }));
    }
    WebSocketClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port())));
    makeQuick(client, 50, 5000);
    client.setMaxMessageSize(1000);
    QSignalSpy scheduled(&client, &WebSocketClient::reconnectScheduled);
    QSignalSpy texts(&client, &WebSocketClient::textMessageReceived);
    client.open();
    QVERIFY(scheduled.wait(5000));
    QCOMPARE(client.error(), WebSocketClient::Error::MessageTooLarge);
    QVERIFY2(client.errorString().contains(QStringLiteral("larger than 1000 bytes")), qPrintable(client.errorString()));
    QCOMPARE(texts.count(), 0);
    client.close();
}

void TestWebSocketClient::unreachableServer_backsOffExponentially()
{
    WebSocketClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(closedPort())));
    makeQuick(client, 20, 100);
    QSignalSpy scheduled(&client, &WebSocketClient::reconnectScheduled);
    client.open();
    QTRY_COMPARE_WITH_TIMEOUT(scheduled.count(), 5, 5000);
    QList<int> delays;
    for (const auto &call : scheduled) {
        delays.append(call.at(0).toInt());
    }
    QCOMPARE(delays, (QList<int>{20, 40, 80, 100, 100}));
    QVERIFY2(client.errorString().startsWith(QStringLiteral("could not connect to 127.0.0.1:")),
             qPrintable(client.errorString()));
    client.close();

    // Jitter stretches a delay by at most the jitter fraction, and never shortens it.
    WebSocketClient jittered(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(closedPort())));
    jittered.backoff().setInitialDelay(3000);
    jittered.backoff().setRandomSource([] { return 0.999; });
    QCOMPARE(jittered.backoff().nextDelay(), 3599);
    jittered.backoff().setRandomSource([] { return 0.0; });
    QCOMPARE(jittered.backoff().nextDelay(), 6000);
}

void TestWebSocketClient::stableConnection_resetsBackoff()
{
    TestHttpServer server;
    int connections = 0;
    server.route("/ws", acceptThen([&](QTcpSocket *socket) {
                     // The first three connections flap; the fourth stays up long enough to count as healthy.
                     const int delay = ++connections <= 3 ? 0 : 300;
                     QTimer::singleShot(delay, socket, [socket] {
                         socket->write(ws::closeFrame(1001));
                         socket->disconnectFromHost();
                     });
                 }));
    WebSocketClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port())));
    makeQuick(client, 20, 1000);
    client.setStableAfter(200);
    QSignalSpy scheduled(&client, &WebSocketClient::reconnectScheduled);
    client.open();
    QTRY_COMPARE_WITH_TIMEOUT(scheduled.count(), 4, 5000);
    QList<int> delays;
    for (const auto &call : scheduled) {
        delays.append(call.at(0).toInt());
    }
    QCOMPARE(delays, (QList<int>{20, 40, 80, 20}));
    client.close();
}

void TestWebSocketClient::failureStorm_neverHasTwoSockets()
{
    TestHttpServer server;
    int attempt = 0;
    server.route("/ws", [&](const HttpRequest &request, QTcpSocket *socket) {
        switch (attempt++ % 4) {
        case 0:
            TestHttpServer::respond(socket, 500, "down");
            break;
        case 1:
            break; // silent: the handshake times out
        case 2:
            TestHttpServer::acceptWebSocket(socket, request);
            socket->abort();
            break;
        default:
            TestHttpServer::acceptWebSocket(socket, request); // silent after the handshake: pong timeout
        }
    });
    WebSocketClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port())));
    makeQuick(client, 30, 30);
    client.setHandshakeTimeout(100);
    client.setPingInterval(50);
    client.setPongTimeout(50);
    client.open();
    QTRY_VERIFY_WITH_TIMEOUT(attempt >= 16, 15000);
    client.close();
    QCOMPARE(server.maxOpenConnections(), 1);
}

void TestWebSocketClient::reconnectNow_skipsTheWait()
{
    WebSocketClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(closedPort())));
    makeQuick(client, 60000, 60000);
    QSignalSpy scheduled(&client, &WebSocketClient::reconnectScheduled);
    client.open();
    // Counted, not waited for: a refused connect may be known at once (Windows), before open() returns.
    QTRY_COMPARE_WITH_TIMEOUT(scheduled.count(), 1, 5000);
    QCOMPARE(client.pendingReconnectDelay(), 60000);
    client.reconnectNow();
    QTRY_COMPARE_WITH_TIMEOUT(scheduled.count(), 2, 5000); // a second attempt, long before a minute
    client.close();
}

void TestWebSocketClient::close_isNormalAndFinal()
{
    EchoServer server;
    WebSocketClient client(server.url());
    QSignalSpy opened(&client, &WebSocketClient::opened);
    QSignalSpy closed(&client, &WebSocketClient::closed);
    QSignalSpy scheduled(&client, &WebSocketClient::reconnectScheduled);
    client.open();
    QVERIFY(opened.wait(5000));
    QTRY_COMPARE(server.peers().size(), 1);
    TestWebSocketPeer *serverSide = server.peers().at(0);
    QSignalSpy serverSaw(serverSide, &TestWebSocketPeer::disconnected);
    client.close();
    QCOMPARE(client.state(), WebSocketClient::State::Closed);
    QTRY_COMPARE(closed.count(), 1);
    QTRY_COMPARE(serverSaw.count(), 1);
    QCOMPARE(serverSide->closeCode(), 1000);
    QCOMPARE(scheduled.count(), 0);
}

void TestWebSocketClient::tls_data()
{
    QTest::addColumn<QString>("subjectAltName");
    QTest::addColumn<bool>("trustIt");
    QTest::addColumn<QString>("problem"); // empty: the connection must open
    QTest::newRow("trusted") << QStringLiteral("IP:127.0.0.1") << true << QString();
    QTest::newRow("self-signed") << QStringLiteral("IP:127.0.0.1") << false << QStringLiteral("self-signed");
    QTest::newRow("wrong host") << QStringLiteral("DNS:other.example") << true
                                << QStringLiteral("host name did not match");
}

void TestWebSocketClient::tls()
{
    QFETCH(QString, subjectAltName);
    QFETCH(bool, trustIt);
    QFETCH(QString, problem);

    QTemporaryDir dir;
    QString error;
    const auto made = herald::test::makeSelfSignedCertificate(dir, subjectAltName, &error);
    QVERIFY2(made, qPrintable(error));
    if (!TestWebSocketServer::canServeTls()) {
        QSKIP("the test WebSocket server speaks TLS only as Qt's QWebSocketServer, which Qt WebSockets brings");
    }
    TestWebSocketServer server;
    QVERIFY(server.listenTls(made->serverConfiguration()));
    connect(&server, &TestWebSocketServer::newPeer, this,
            [](TestWebSocketPeer *peer) { peer->sendText(QStringLiteral("over TLS")); });

    WebSocketClient client(server.url());
    makeQuick(client, 50, 5000);
    if (trustIt) {
        QSslConfiguration clientTls = QSslConfiguration::defaultConfiguration();
        clientTls.addCaCertificate(made->certificate);
        client.setSslConfiguration(clientTls);
    }
    QSignalSpy texts(&client, &WebSocketClient::textMessageReceived);
    QSignalSpy scheduled(&client, &WebSocketClient::reconnectScheduled);
    QSignalSpy errors(&client, &WebSocketClient::errorOccurred);
    client.open();
    if (problem.isEmpty()) {
        QVERIFY2(texts.wait(5000), qPrintable(client.errorString()));
        QCOMPARE(texts.at(0).at(0).toString(), QStringLiteral("over TLS"));
    } else {
        QVERIFY(errors.wait(5000));
        QCOMPARE(client.error(), WebSocketClient::Error::TlsError);
        QVERIFY2(client.errorString().startsWith(QStringLiteral("127.0.0.1:%1 presented a certificate Herald does "
                                                                "not trust")
                                                     .arg(server.port())),
                 qPrintable(client.errorString()));
        QVERIFY2(client.errorString().contains(problem, Qt::CaseInsensitive), qPrintable(client.errorString()));
        // A certificate does not fix itself: closed for good, as SSE does, with the reason said once.
        QCOMPARE(client.state(), WebSocketClient::State::Closed);
        QCOMPARE(scheduled.count(), 0);
    }
    client.close();
}

QTEST_GUILESS_MAIN(TestWebSocketClient)
#include "tst_websocketclient.moc"
