// permessage-deflate (RFC 7692) against an implementation that is not ours: Node's ws with perMessageDeflate on,
// with context takeover on and off on either side and every window size.
#include "HeraldProcess.h"
#include "NodePeer.h"
#include "ws/WebSocketClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using herald::WebSocketClient;
using herald::test::NodePeer;

class TestWebSocketDeflate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void echo_data();
    void echo();
    void notOffered_whenTurnedOff();
    void serverWithoutDeflate_isPlain();
    void decompressionBomb_isRefusedAtTheLimit();
    void listen_showsWhatWasAgreedAndNoDeflateTurnsItOff();

private:
    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(m_peer.port()).arg(pathAndQuery));
    }
    NodePeer m_peer;
};

void TestWebSocketDeflate::initTestCase()
{
    QVERIFY2(m_peer.start(QStringLiteral("ws-deflate-server.js")), qPrintable(m_peer.error()));
}

void TestWebSocketDeflate::echo_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("expectedExtension");
    QTest::newRow("defaults") << QString() << QStringLiteral("permessage-deflate");
    QTest::newRow("server no context takeover")
        << QStringLiteral("serverNoContextTakeover=1") << QStringLiteral("server_no_context_takeover");
    QTest::newRow("client no context takeover")
        << QStringLiteral("clientNoContextTakeover=1") << QStringLiteral("client_no_context_takeover");
    QTest::newRow("neither side keeps context") << QStringLiteral("serverNoContextTakeover=1&clientNoContextTakeover=1")
                                                << QStringLiteral("client_no_context_takeover");
    for (int bits = 8; bits <= 15; ++bits) {
        QTest::addRow("server window %d", bits) << QStringLiteral("serverMaxWindowBits=%1").arg(bits)
                                                << QStringLiteral("server_max_window_bits=%1").arg(bits);
        QTest::addRow("client window %d", bits) << QStringLiteral("clientMaxWindowBits=%1").arg(bits)
                                                << QStringLiteral("client_max_window_bits=%1").arg(bits);
    }
}

void TestWebSocketDeflate::echo()
{
    QFETCH(QString, query);
    QFETCH(QString, expectedExtension);
    WebSocketClient client(url(QStringLiteral("/echo?") + query));
    QSignalSpy opened(&client, &WebSocketClient::opened);
    QSignalSpy texts(&client, &WebSocketClient::textMessageReceived);
    QSignalSpy binaries(&client, &WebSocketClient::binaryMessageReceived);
    client.open();
    QVERIFY2(opened.wait(5000), qPrintable(client.errorString()));
    const QString extensions = QString::fromLatin1(client.handshakeResponse().header("Sec-WebSocket-Extensions"));
    QVERIFY2(extensions.contains(expectedExtension), qPrintable(extensions));

    // Repeats, so that a context kept (or not) across messages shows; sizes around the window sizes.
    QStringList sentTexts;
    QList<QByteArray> sentBinaries;
    for (int round = 0; round < 12; ++round) {
        sentTexts << QStringLiteral("{\"id\":%1,\"title\":\"Build #%1 passed\",\"body\":\"빌드 성공 😀\"}").arg(round);
        sentTexts << QString(300 + round * 50, QLatin1Char('a' + round % 26));
        QByteArray binary(70000, '\0');
        for (int i = 0; i < binary.size(); ++i) {
            binary[i] = char((i * 31 + round) % 61); // a period every window size reaches
        }
        sentBinaries << binary;
        client.sendText(sentTexts[sentTexts.size() - 2]);
        client.sendText(sentTexts.last());
        client.sendBinary(binary);
    }
    QTRY_COMPARE_WITH_TIMEOUT(texts.size() + binaries.size(), sentTexts.size() + sentBinaries.size(), 10000);
    for (int i = 0; i < sentTexts.size(); ++i) {
        QCOMPARE(texts.at(i).at(0).toString(), sentTexts.at(i));
    }
    for (int i = 0; i < sentBinaries.size(); ++i) {
        QCOMPARE(binaries.at(i).at(0).toByteArray(), sentBinaries.at(i));
    }

    client.sendText(QStringLiteral("stats"));
    QVERIFY(texts.wait(5000));
    const QJsonObject stats = QJsonDocument::fromJson(texts.last().at(0).toString().toUtf8()).object();
    qint64 sentBytes = 0;
    for (const QString &text : std::as_const(sentTexts)) {
        sentBytes += text.toUtf8().size();
    }
    for (const QByteArray &binary : std::as_const(sentBinaries)) {
        sentBytes += binary.size();
    }
    const qint64 onTheWire = qint64(stats.value(QStringLiteral("bytesRead")).toDouble());
    if (query.contains(QLatin1String("clientMaxWindowBits=8"))) {
        // zlib has no raw 8-bit window, so with that agreed Herald sends uncompressed, which RFC 7692 allows.
        QVERIFY2(onTheWire >= sentBytes, qPrintable(QString::number(onTheWire)));
    } else {
        QVERIFY2(onTheWire < sentBytes / 2, qPrintable(QStringLiteral("%1 of %2").arg(onTheWire).arg(sentBytes)));
    }
    client.close();
}

void TestWebSocketDeflate::notOffered_whenTurnedOff()
{
    WebSocketClient client(url(QStringLiteral("/echo")));
    client.setPerMessageDeflate(false);
    QSignalSpy opened(&client, &WebSocketClient::opened);
    QSignalSpy texts(&client, &WebSocketClient::textMessageReceived);
    client.open();
    QVERIFY(opened.wait(5000));
    QVERIFY(client.handshakeResponse().header("Sec-WebSocket-Extensions").isEmpty());
    client.sendText(QString(2000, QLatin1Char('x')));
    QVERIFY(texts.wait(5000));
    QCOMPARE(texts.at(0).at(0).toString(), QString(2000, QLatin1Char('x')));
    client.sendText(QStringLiteral("stats"));
    QVERIFY(texts.wait(5000));
    const QJsonObject stats = QJsonDocument::fromJson(texts.last().at(0).toString().toUtf8()).object();
    QVERIFY(stats.value(QStringLiteral("bytesRead")).toDouble() > 2000);
}

void TestWebSocketDeflate::serverWithoutDeflate_isPlain()
{
    WebSocketClient client(url(QStringLiteral("/plain")));
    QSignalSpy opened(&client, &WebSocketClient::opened);
    QSignalSpy texts(&client, &WebSocketClient::textMessageReceived);
    client.open();
    QVERIFY(opened.wait(5000));
    QVERIFY(client.handshakeResponse().header("Sec-WebSocket-Extensions").isEmpty());
    client.sendText(QStringLiteral("hello"));
    QVERIFY(texts.wait(5000));
    QCOMPARE(texts.at(0).at(0).toString(), QStringLiteral("hello"));
}

void TestWebSocketDeflate::decompressionBomb_isRefusedAtTheLimit()
{
    // 256 MB of zeros arrive as about 250 KB on the wire; the limit is 4 MB.
    WebSocketClient client(url(QStringLiteral("/bomb?size=%1").arg(256 * 1024 * 1024)));
    client.setMaxMessageSize(4 * 1024 * 1024);
    client.setReconnectEnabled(false);
    QSignalSpy binaries(&client, &WebSocketClient::binaryMessageReceived);
    QSignalSpy errors(&client, &WebSocketClient::errorOccurred);
    client.open();
    QVERIFY(errors.wait(20000));
    QCOMPARE(client.error(), WebSocketClient::Error::MessageTooLarge);
    QCOMPARE(client.closeCode(), 1009);
    QVERIFY2(client.errorString().contains(QLatin1String("larger than 4194304 bytes")),
             qPrintable(client.errorString()));
    QVERIFY(binaries.isEmpty());
}

void TestWebSocketDeflate::listen_showsWhatWasAgreedAndNoDeflateTurnsItOff()
{
    // The real herald: /bomb?size=N sends N zero bytes, compressed when compression was agreed.
    QUrl withPort(QStringLiteral("ws://127.0.0.1/bomb"));
    withPort.setPort(m_peer.port());
    withPort.setQuery(QStringLiteral("size=3000"));
    const QByteArray message = "{\"kind\":\"message\",\"binary\":\"" + QByteArray(3000, '\0').toBase64() + "\"}";
    const QByteArray openCompressed = "{\"kind\":\"state\",\"state\":\"open\",\"status\":101,"
                                      "\"extensions\":\"permessage-deflate\"}";
    const QByteArray openWithoutExtensions = "{\"kind\":\"state\",\"state\":\"open\",\"status\":101}";
    const herald::test::HeraldRun compressed = herald::test::runHerald(
        {QStringLiteral("listen"), withPort.toString(), QStringLiteral("--json"), QStringLiteral("--count=1")});
    QCOMPARE(compressed.exitCode, 0);
    QCOMPARE(compressed.lines.value(1), openCompressed);
    QCOMPARE(compressed.lines.value(2), message);
    const QStringList withoutDeflate{QStringLiteral("listen"), withPort.toString(), QStringLiteral("--json"),
                                     QStringLiteral("--count=1"), QStringLiteral("--no-deflate")};
    const herald::test::HeraldRun uncompressed = herald::test::runHerald(withoutDeflate);
    QCOMPARE(uncompressed.exitCode, 0);
    QCOMPARE(uncompressed.lines.value(1), openWithoutExtensions);
    QCOMPARE(uncompressed.lines.value(2), message);
}

QTEST_GUILESS_MAIN(TestWebSocketDeflate)
#include "tst_websocket_deflate.moc"
