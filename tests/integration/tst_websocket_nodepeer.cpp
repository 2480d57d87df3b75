// WebSocketClient against an implementation that is not Qt's: the ws package from npm, run by Node.
#include "NodePeer.h"
#include "ws/WebSocketClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using herald::WebSocketClient;
using herald::test::NodePeer;

class TestWebSocketNodePeer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void handshake_carriesHeadersAndSubprotocol();
    void textAndBinary_echo();
    void serverClose_data();
    void serverClose();
    void refusedHandshake_isAbortedAndClassified();

private:
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(m_peer.port()).arg(path));
    }
    static void makeQuick(WebSocketClient &client)
    {
        client.backoff().setInitialDelay(50);
        client.backoff().setMaxDelay(5000);
        client.backoff().setRandomSource([] { return 0.0; });
    }

    NodePeer m_peer;
};

void TestWebSocketNodePeer::initTestCase()
{
    QVERIFY2(m_peer.start(QStringLiteral("ws-server.js")), qPrintable(m_peer.error()));
}

void TestWebSocketNodePeer::handshake_carriesHeadersAndSubprotocol()
{
    WebSocketClient client(url(QStringLiteral("/echo?feed=ci")));
    client.addHeader("Authorization", "Bearer t0ken");
    client.setSubprotocols({QStringLiteral("herald.v1"), QStringLiteral("herald.v2")});
    QSignalSpy texts(&client, &WebSocketClient::textMessageReceived);
    client.open();
    QVERIFY2(texts.wait(5000), qPrintable(client.errorString()));
    const QJsonObject seen = QJsonDocument::fromJson(texts.at(0).at(0).toString().toUtf8()).object();
    QCOMPARE(seen.value(QStringLiteral("url")).toString(), QStringLiteral("/echo?feed=ci"));
    const QJsonObject headers = seen.value(QStringLiteral("headers")).toObject();
    QCOMPARE(headers.value(QStringLiteral("authorization")).toString(), QStringLiteral("Bearer t0ken"));
    QCOMPARE(headers.value(QStringLiteral("sec-websocket-protocol")).toString(),
             QStringLiteral("herald.v1, herald.v2"));
    QCOMPARE(seen.value(QStringLiteral("protocol")).toString(), QStringLiteral("herald.v2"));
    QCOMPARE(client.subprotocol(), QStringLiteral("herald.v2"));
    // The server's whole answer is there to read (QtWebSockets kept it to itself).
    QCOMPARE(client.handshakeResponse().status, 101);
    QCOMPARE(client.handshakeResponse().header("x-served-by"), QByteArray("ws-server.js"));
    QCOMPARE(client.handshakeResponse().header("Sec-WebSocket-Protocol"), QByteArray("herald.v2"));
}

void TestWebSocketNodePeer::textAndBinary_echo()
{
    WebSocketClient client(url(QStringLiteral("/echo")));
    QSignalSpy texts(&client, &WebSocketClient::textMessageReceived);
    QSignalSpy binaries(&client, &WebSocketClient::binaryMessageReceived);
    client.open();
    QVERIFY(texts.wait(5000));                    // the peer's greeting
    const QString large(70000, QLatin1Char('x')); // beyond a 16-bit frame length
    client.sendText(QStringLiteral("빌드 성공 ✓"));
    client.sendText(large);
    const QByteArray bytes = QByteArray::fromHex("00ff10ee") + QByteArray(1000, '\x7f');
    client.sendBinary(bytes);
    QTRY_COMPARE(texts.count(), 3);
    QTRY_COMPARE(binaries.count(), 1);
    QCOMPARE(texts.at(1).at(0).toString(), QStringLiteral("빌드 성공 ✓"));
    QCOMPARE(texts.at(2).at(0).toString(), large);
    QCOMPARE(binaries.at(0).at(0).toByteArray(), bytes);
}

void TestWebSocketNodePeer::serverClose_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<WebSocketClient::Error>("error");
    QTest::addColumn<int>("closeCode");
    QTest::addColumn<int>("delay");
    QTest::newRow("1001 going away") << QStringLiteral("/close/1001") << WebSocketClient::Error::ClosedByServer << 1001
                                     << 50;
    QTest::newRow("1000 normal") << QStringLiteral("/close/1000") << WebSocketClient::Error::ClosedByServer << 1000
                                 << 50;
    QTest::newRow("4000 application") << QStringLiteral("/close/4000") << WebSocketClient::Error::ClosedByServer << 4000
                                      << 5000;
    QTest::newRow("terminate") << QStringLiteral("/terminate") << WebSocketClient::Error::NetworkError << 1006 << 50;
}

void TestWebSocketNodePeer::serverClose()
{
    QFETCH(QString, path);
    QFETCH(WebSocketClient::Error, error);
    QFETCH(int, closeCode);
    QFETCH(int, delay);
    WebSocketClient client(url(path));
    makeQuick(client);
    QSignalSpy scheduled(&client, &WebSocketClient::reconnectScheduled);
    client.open();
    QVERIFY(scheduled.wait(5000));
    QCOMPARE(client.error(), error);
    QCOMPARE(client.closeCode(), closeCode);
    if (closeCode != 1006) {
        QCOMPARE(client.closeReason(), QStringLiteral("bye from ws"));
    }
    QCOMPARE(scheduled.at(0).at(0).toInt(), delay);
    client.close();
}

void TestWebSocketNodePeer::refusedHandshake_isAbortedAndClassified()
{
    WebSocketClient client(url(QStringLiteral("/refuse/401")));
    makeQuick(client);
    QSignalSpy scheduled(&client, &WebSocketClient::reconnectScheduled);
    QSignalSpy errors(&client, &WebSocketClient::errorOccurred);
    client.open();
    QVERIFY(errors.wait(5000));
    QCOMPARE(client.error(), WebSocketClient::Error::Unauthorized);
    QCOMPARE(client.httpStatus(), 401);
    QCOMPARE(client.handshakeResponse().header("WWW-Authenticate"), QByteArray("Bearer realm=\"herald-test\""));
    QCOMPARE(client.state(), WebSocketClient::State::Closed); // refused credentials stay refused: no hammering
    QCOMPARE(scheduled.count(), 0);
    client.close();
}

QTEST_GUILESS_MAIN(TestWebSocketNodePeer)
#include "tst_websocket_nodepeer.moc"
