#include "demo/DemoServer.h"
#include "sse/EventSource.h"
#include "ws/WebSocketClient.h"
#include "ws/WebSocketFrames.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#ifdef HERALD_TEST_QT_WEBSOCKETS
#include <QWebSocket>
#endif

using herald::DemoServer;
using herald::EventSource;
using herald::SseEvent;

namespace {

QNetworkReply *post(QNetworkAccessManager &manager, const QUrl &url, const QByteArray &body)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/plain"));
    return manager.post(request, body);
}

int statusOf(QNetworkReply *reply)
{
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished()) {
        finished.wait(5000);
    }
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

class TestDemoServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<SseEvent>(); }
    void samples_areJsonNotifications();
    void resume_replaysExactlyTheMissedEvents();
    void publish_reachesEverySubscriber();
    void publish_rejectsBadRequests();
    void webPagesAndRebindingNames_areRefused();
    void chat_broadcastsToEveryoneAndTheBotAnswers();
    void chat_speaksRfc6455ToAnIndependentClient();
    void chat_refusesABrokenUpgradeAndABrokenClient();
    void publish_reachesTheEventsOnly();
    void samples_followTheLanguage();
};

void TestDemoServer::samples_areJsonNotifications()
{
    DemoServer server;
    server.setSampleInterval(20);
    QVERIFY(server.start());
    EventSource source(server.eventsUrl());
    QSignalSpy events(&source, &EventSource::eventReceived);
    source.open();
    QTRY_VERIFY(events.count() >= 7);
    QStringList titles;
    for (const auto &call : events) {
        const SseEvent event = call.at(0).value<SseEvent>();
        QCOMPARE(event.type, QStringLiteral("notification"));
        const QJsonObject payload = QJsonDocument::fromJson(event.data.toUtf8()).object();
        QVERIFY2(!payload.value(QStringLiteral("title")).toString().isEmpty(), qPrintable(event.data));
        QVERIFY(payload.value(QStringLiteral("priority")).toInt() >= 1);
        titles.append(payload.value(QStringLiteral("title")).toString());
    }
    QVERIFY2(titles.join(QLatin1Char(' ')).contains(QStringLiteral("failed")), qPrintable(titles.join(u',')));
}

void TestDemoServer::resume_replaysExactlyTheMissedEvents()
{
    DemoServer server;
    server.setSampleInterval(0);
    QVERIFY(server.start());
    for (int i = 1; i <= 10; ++i) {
        server.publish("notification", "{\"n\":" + QByteArray::number(i) + "}");
    }
    EventSource source(server.eventsUrl());
    source.setLastEventId(QStringLiteral("6"));
    QSignalSpy events(&source, &EventSource::eventReceived);
    source.open();
    QTRY_COMPARE(events.count(), 4);
    QStringList ids;
    for (const auto &call : events) {
        ids.append(call.at(0).value<SseEvent>().lastEventId);
    }
    QCOMPARE(ids, (QStringList{QStringLiteral("7"), QStringLiteral("8"), QStringLiteral("9"), QStringLiteral("10")}));
    QCOMPARE(source.reconnectionTime(), 3000);

    // Live events follow the replay without a gap.
    server.publish("notification", "{\"n\":11}");
    QTRY_COMPARE(events.count(), 5);
    QCOMPARE(events.at(4).at(0).value<SseEvent>().lastEventId, QStringLiteral("11"));
}

void TestDemoServer::publish_reachesEverySubscriber()
{
    DemoServer server;
    server.setSampleInterval(0);
    QVERIFY(server.start());
    EventSource first(server.eventsUrl());
    EventSource second(server.eventsUrl());
    QSignalSpy firstEvents(&first, &EventSource::eventReceived);
    QSignalSpy secondEvents(&second, &EventSource::eventReceived);
    QSignalSpy subscribed(&server, &DemoServer::subscribed);
    first.open();
    second.open();
    QTRY_COMPARE(server.subscriberCount(), 2);

    QNetworkAccessManager manager;
    QCOMPARE(statusOf(post(manager, server.publishUrl(), "deploy finished\nall green")), 200);
    QCOMPARE(statusOf(post(manager, server.publishUrl(), R"({"title":"Hi","message":"from JSON"})")), 200);
    QTRY_COMPARE(firstEvents.count(), 2);
    QTRY_COMPARE(secondEvents.count(), 2);
    const QJsonObject text = QJsonDocument::fromJson(secondEvents.at(0).at(0).value<SseEvent>().data.toUtf8()).object();
    QCOMPARE(text.value(QStringLiteral("message")).toString(), QStringLiteral("deploy finished\nall green"));
    const QJsonObject json = QJsonDocument::fromJson(firstEvents.at(1).at(0).value<SseEvent>().data.toUtf8()).object();
    QCOMPARE(json.value(QStringLiteral("title")).toString(), QStringLiteral("Hi"));
}

void TestDemoServer::publish_rejectsBadRequests()
{
    DemoServer server;
    server.setSampleInterval(0);
    QVERIFY(server.start());
    QNetworkAccessManager manager;
    QCOMPARE(statusOf(post(manager, server.publishUrl(), "")), 400);
    QCOMPARE(statusOf(post(manager, server.publishUrl(), QByteArray(DemoServer::kMaxPublishSize + 1, 'x'))), 413);
    QCOMPARE(statusOf(manager.get(QNetworkRequest(server.publishUrl()))), 405);
    QUrl missing = server.eventsUrl();
    missing.setPath(QStringLiteral("/nope"));
    QCOMPARE(statusOf(manager.get(QNetworkRequest(missing))), 404);
}

void TestDemoServer::webPagesAndRebindingNames_areRefused()
{
    DemoServer server;
    server.setSampleInterval(0);
    QVERIFY(server.start());
    QNetworkAccessManager manager;
    auto publishFrom = [&](const QByteArray &origin, const QByteArray &host = {}) {
        QNetworkRequest request(server.publishUrl());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/plain"));
        if (!origin.isEmpty()) {
            request.setRawHeader("Origin", origin);
        }
        if (!host.isEmpty()) {
            request.setRawHeader("Host", host);
        }
        return statusOf(manager.post(request, "from a web page"));
    };
    const QByteArray port = QByteArray::number(server.port());
    QCOMPARE(publishFrom("https://evil.example"), 403);
    QCOMPARE(publishFrom("null"), 403);
    QCOMPARE(publishFrom({}, "rebound.evil.example:" + port), 403);
    QCOMPARE(publishFrom("http://127.0.0.1:" + port), 200); // the demo's own page, were it to have one
    QCOMPARE(publishFrom({}), 200);                         // curl, herald send
    QCOMPARE(publishFrom({}, "localhost:" + port), 200);

    // A page's WebSocket to the chat room: refused before it joins.
    herald::WebSocketClient page(server.chatUrl());
    page.setHeaders({{"Origin", "https://evil.example"}});
    page.setReconnectEnabled(false);
    QSignalSpy failed(&page, &herald::WebSocketClient::errorOccurred);
    page.open();
    QVERIFY(failed.wait(5000));
    QVERIFY2(failed.at(0).at(1).toString().contains(QLatin1String("403")), qPrintable(failed.at(0).at(1).toString()));
    QCOMPARE(server.chatClientCount(), 0);
    herald::WebSocketClient own(server.chatUrl());
    QSignalSpy opened(&own, &herald::WebSocketClient::opened);
    own.open();
    QVERIFY(opened.wait(5000));
}

namespace {

QJsonObject jsonAt(const QSignalSpy &spy, int index)
{
    return QJsonDocument::fromJson(spy.at(index).at(0).toString().toUtf8()).object();
}

} // namespace

void TestDemoServer::chat_broadcastsToEveryoneAndTheBotAnswers()
{
    DemoServer server;
    server.setSampleInterval(0);
    server.setBotDelay(0);
    QVERIFY(server.start());
    herald::WebSocketClient alice(server.chatUrl());
    herald::WebSocketClient bob(server.chatUrl());
    QSignalSpy aliceGot(&alice, &herald::WebSocketClient::textMessageReceived);
    QSignalSpy bobGot(&bob, &herald::WebSocketClient::textMessageReceived);
    // One after the other: guests are numbered in the order they arrive.
    alice.open();
    QTRY_COMPARE(aliceGot.count(), 1); // the bot's welcome
    bob.open();
    QTRY_COMPARE(server.chatClientCount(), 2);
    QTRY_COMPARE(bobGot.count(), 1);
    QVERIFY(jsonAt(aliceGot, 0).value(QStringLiteral("text")).toString().startsWith(QStringLiteral("Welcome")));

    alice.sendText(QStringLiteral(R"({"text":"안녕 everyone","from":"alice","clientId":"c-1"})"));
    QTRY_COMPARE(bobGot.count(), 3); // alice's message, then the bot's answer
    QTRY_COMPARE(aliceGot.count(), 3);
    const QJsonObject message = jsonAt(bobGot, 1);
    QCOMPARE(message.value(QStringLiteral("from")).toString(), QStringLiteral("alice"));
    QCOMPARE(message.value(QStringLiteral("text")).toString(), QStringLiteral("안녕 everyone"));
    QCOMPARE(jsonAt(aliceGot, 1).value(QStringLiteral("clientId")).toString(), QStringLiteral("c-1"));
    const QJsonObject answer = jsonAt(bobGot, 2);
    QCOMPARE(answer.value(QStringLiteral("from")).toString(), QStringLiteral("herald-bot"));
    QCOMPARE(answer.value(QStringLiteral("text")).toString(), QStringLiteral("안녕하세요, alice님!"));

    bob.sendText(QStringLiteral("plain text works too"));
    QTRY_COMPARE(aliceGot.count(), 5);
    QCOMPARE(jsonAt(aliceGot, 3).value(QStringLiteral("from")).toString(), QStringLiteral("guest-2"));
}

void TestDemoServer::chat_speaksRfc6455ToAnIndependentClient()
{
    // Qt's QWebSocket, not Herald's client, checks the demo's server side: handshake, masked frames in, a large
    // message, ping and pong, and the closing handshake.
#ifndef HERALD_TEST_QT_WEBSOCKETS
    QSKIP("its independent client is Qt WebSockets, which is not built for Windows here");
#else
    DemoServer server;
    server.setSampleInterval(0);
    server.setBotDelay(0);
    QVERIFY(server.start());
    QWebSocket socket;
    QSignalSpy got(&socket, &QWebSocket::textMessageReceived);
    QSignalSpy gotBinary(&socket, &QWebSocket::binaryMessageReceived);
    QSignalSpy pong(&socket, &QWebSocket::pong);
    QSignalSpy closed(&socket, &QWebSocket::disconnected);
    socket.open(server.chatUrl());
    QTRY_COMPARE(got.count(), 1); // the welcome
    QVERIFY(got.at(0).at(0).toString().contains(QStringLiteral("guest-1")));

    const QString longText = QStringLiteral("줄 하나\n").repeated(4000); // over 64 KiB: a 64-bit length
    socket.sendTextMessage(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("text"), longText}}).toJson()));
    QTRY_VERIFY(got.count() >= 2);
    const QJsonObject echoed = QJsonDocument::fromJson(got.at(1).at(0).toString().toUtf8()).object();
    QCOMPARE(echoed.value(QStringLiteral("text")).toString(), longText);

    socket.sendBinaryMessage(QByteArray("\x00\x01\xff", 3));
    QTRY_COMPARE(gotBinary.count(), 1);
    QCOMPARE(gotBinary.at(0).at(0).toByteArray(), QByteArray("\x00\x01\xff", 3));

    socket.ping("alive?");
    QTRY_COMPARE(pong.count(), 1);
    QCOMPARE(pong.at(0).at(1).toByteArray(), QByteArray("alive?"));

    socket.close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("bye"));
    QTRY_COMPARE(closed.count(), 1);
    QCOMPARE(socket.closeCode(), QWebSocketProtocol::CloseCodeGoingAway); // echoed
    QTRY_COMPARE(server.chatClientCount(), 0);
#endif
}

void TestDemoServer::chat_refusesABrokenUpgradeAndABrokenClient()
{
    DemoServer server;
    server.setSampleInterval(0);
    QVERIFY(server.start());
    const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(server.port()) + "\r\n";

    // An upgrade with a key that is not 16 bytes: 400, with the reason, and no chat member.
    QTcpSocket bad;
    bad.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(bad.waitForConnected(5000));
    bad.write("GET /chat HTTP/1.1\r\n" + host +
              "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
              "Sec-WebSocket-Key: c2hvcnQ=\r\n\r\n");
    QByteArray answer;
    QTRY_VERIFY((answer += bad.readAll()).contains("\r\n\r\n") && answer.contains("base64"));
    QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
    QCOMPARE(server.chatClientCount(), 0);

    // A client that sends an unmasked frame (here together with its upgrade) is closed with 1002 and dropped.
    QTcpSocket rude;
    rude.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(rude.waitForConnected(5000));
    QByteArray unmasked;
    herald::ws::appendServerFrame(unmasked, herald::ws::Opcode::Text, "hello");
    rude.write("GET /chat HTTP/1.1\r\n" + host +
               "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n" +
               unmasked);
    QByteArray reply;
    QTRY_VERIFY((reply += rude.readAll()).contains("\x88\x02\x03\xea")); // close frame, 1002
    QVERIFY2(reply.startsWith("HTTP/1.1 101"), reply.constData());
    QVERIFY(reply.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")); // RFC 6455's own example
    QTRY_COMPARE(rude.state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE(server.chatClientCount(), 0);
}

void TestDemoServer::publish_reachesTheEventsOnly()
{
    DemoServer server;
    server.setSampleInterval(0);
    QVERIFY(server.start());
    EventSource events(server.eventsUrl());
    herald::WebSocketClient chat(server.chatUrl());
    QSignalSpy sse(&events, &EventSource::eventReceived);
    QSignalSpy ws(&chat, &herald::WebSocketClient::textMessageReceived);
    events.open();
    chat.open();
    QTRY_COMPARE(server.subscriberCount(), 1);
    QTRY_COMPARE(ws.count(), 1); // welcome
    QNetworkAccessManager manager;
    QCOMPARE(statusOf(post(manager, server.publishUrl(), R"({"title":"Deploy","message":"done"})")), 200);
    QTRY_COMPARE(sse.count(), 1);
    const QJsonObject viaSse = QJsonDocument::fromJson(sse.at(0).at(0).value<SseEvent>().data.toUtf8()).object();
    QCOMPARE(viaSse.value(QStringLiteral("title")).toString(), QStringLiteral("Deploy"));
    // Herald's demo follows both: the chat room does not get it too, or it would pop up twice. A chat message
    // sent after it arrives first, so that nothing is left in flight.
    chat.sendText(QStringLiteral("{\"text\":\"after\"}"));
    QTRY_VERIFY(ws.count() >= 2);
    for (int i = 1; i < ws.count(); ++i) {
        QVERIFY(jsonAt(ws, i).value(QStringLiteral("title")).toString() != QLatin1String("Deploy"));
    }
}

void TestDemoServer::samples_followTheLanguage()
{
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("ko")}) {
        DemoServer server;
        server.setSampleLanguage(language);
        server.setSampleInterval(1);
        QVERIFY(server.start());
        EventSource events(server.eventsUrl());
        QSignalSpy sse(&events, &EventSource::eventReceived);
        events.open();
        QTRY_VERIFY(sse.count() >= 7);
        bool anyKorean = false;
        for (const auto &event : sse) {
            const QJsonObject sample = QJsonDocument::fromJson(event.at(0).value<SseEvent>().data.toUtf8()).object();
            const QString title = sample.value(QStringLiteral("title")).toString();
            anyKorean =
                anyKorean || std::any_of(title.cbegin(), title.cend(), [](QChar c) { return c.unicode() >= 0xAC00; });
            QVERIFY2(sample.value(QStringLiteral("priority")).toInt() <= 4,
                     qPrintable(title)); // no criticals piling up
        }
        QCOMPARE(anyKorean, language == QLatin1String("ko"));
    }
}

QTEST_GUILESS_MAIN(TestDemoServer)
#include "tst_demoserver.moc"
