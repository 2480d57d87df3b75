#include "TestHttpServer.h"
#include "net/HttpResponse.h"
#include "net/StreamingNetworkPool.h"
#include "sse/EventSource.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

using herald::EventSource;
using herald::HttpRequest;
using herald::SseEvent;
using herald::test::TestHttpServer;

namespace {

// Serves a stream that stays open after its first bytes; the test writes more through server.openSockets().
TestHttpServer::Handler openStream(const QByteArray &first, bool chunked = false)
{
    return [first, chunked](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket, "text/event-stream", chunked);
        TestHttpServer::send(socket, first);
    };
}

// Serves the bytes and ends the response. Chunked, so that every request the server counts is EventSource's own
// (see close_stopsReconnecting); openStream and the mid-event test cover streams that end at EOF.
TestHttpServer::Handler finiteStream(const QByteArray &bytes)
{
    return [bytes](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket, "text/event-stream", true);
        TestHttpServer::send(socket, bytes);
        TestHttpServer::endStream(socket);
    };
}

SseEvent eventAt(const QSignalSpy &spy, int index)
{
    return spy.at(index).at(0).value<SseEvent>();
}

} // namespace

class TestEventSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void deliversEventsAsTheyArrive();
    void deliversEventsFromChunkedResponse();
    void sendsProtocolAndUserHeaders();
    void reconnectsAfterStreamEnd_afterThreeSecondsByDefault();
    void retryField_setsReconnectionTime();
    void reconnect_sendsLastEventId();
    void failsForGood_data();
    void failsForGood();
    void acceptsContentTypeWithParameters();
    void followsRedirects();
    void redirectLoop_failsForGood();
    void idleTimeout_dropsSilentConnection();
    void oversizedEvent_reconnectsWithClearError();
    void serverClosingMidEvent_dropsPartialEventAndReconnects();
    void unreachableServer_backsOffExponentially();
    void close_stopsReconnecting();
    void reconnectNow_skipsTheWait();
    void manyStreamsToOneHost_allFlow();
};

void TestEventSource::initTestCase()
{
    qRegisterMetaType<SseEvent>();
}

void TestEventSource::deliversEventsAsTheyArrive()
{
    TestHttpServer server;
    QVERIFY(server.isListening());
    server.route("/events", openStream("id: 1\ndata: first\n\n"));

    EventSource source(server.url(QStringLiteral("/events")));
    QSignalSpy opened(&source, &EventSource::opened);
    QSignalSpy events(&source, &EventSource::eventReceived);
    source.open();
    QCOMPARE(source.state(), EventSource::State::Connecting);
    QVERIFY(events.wait(5000));
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.at(0).at(0).toInt(), 200);
    QCOMPARE(source.state(), EventSource::State::Open);
    QCOMPARE(eventAt(events, 0), (SseEvent{QStringLiteral("message"), QStringLiteral("first"), QStringLiteral("1")}));

    // The response is still open: the next event must arrive while it streams.
    QCOMPARE(server.openSockets().size(), 1);
    TestHttpServer::send(server.openSockets().at(0), "event: build\ndata: sec");
    TestHttpServer::send(server.openSockets().at(0), "ond\n\n");
    QTRY_COMPARE(events.count(), 2);
    QCOMPARE(eventAt(events, 1), (SseEvent{QStringLiteral("build"), QStringLiteral("second"), QStringLiteral("1")}));
    QCOMPARE(source.lastEventId(), QStringLiteral("1"));
}

void TestEventSource::deliversEventsFromChunkedResponse()
{
    TestHttpServer server;
    server.route("/events", openStream("data: a\n", true));
    EventSource source(server.url(QStringLiteral("/events")));
    QSignalSpy events(&source, &EventSource::eventReceived);
    source.open();
    QTRY_COMPARE(server.openSockets().size(), 1);
    TestHttpServer::send(server.openSockets().at(0), "\r\ndata: b\r");
    TestHttpServer::send(server.openSockets().at(0), "\n\r\n");
    QTRY_COMPARE(events.count(), 2);
    QCOMPARE(eventAt(events, 0).data, QStringLiteral("a"));
    QCOMPARE(eventAt(events, 1).data, QStringLiteral("b"));
}

void TestEventSource::sendsProtocolAndUserHeaders()
{
    TestHttpServer server;
    server.route("/events", openStream(": hi\n\n"));
    EventSource source(server.url(QStringLiteral("/events?topic=ci")));
    source.addHeader("Authorization", "Bearer s3cret");
    source.addHeader("X-Client", "herald-test");
    QSignalSpy opened(&source, &EventSource::opened);
    source.open();
    QVERIFY(opened.wait(5000));
    const HttpRequest request = server.requests("/events").value(0);
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.target, QByteArray("/events?topic=ci"));
    QCOMPARE(request.header("Accept"), QByteArray("text/event-stream"));
    QCOMPARE(request.header("Cache-Control"), QByteArray("no-cache"));
    QCOMPARE(request.header("Authorization"), QByteArray("Bearer s3cret"));
    QCOMPARE(request.header("X-Client"), QByteArray("herald-test"));
    QVERIFY(!request.hasHeader("Last-Event-ID"));
}

void TestEventSource::reconnectsAfterStreamEnd_afterThreeSecondsByDefault()
{
    TestHttpServer server;
    server.route("/events", finiteStream("data: once\n\n"));
    EventSource source(server.url(QStringLiteral("/events")));
    QCOMPARE(source.reconnectionTime(), 3000);
    QSignalSpy scheduled(&source, &EventSource::reconnectScheduled);
    QSignalSpy opened(&source, &EventSource::opened);
    source.open();
    QVERIFY(scheduled.wait(5000));
    QElapsedTimer sinceEnd;
    sinceEnd.start();
    QCOMPARE(scheduled.at(0).at(0).toInt(), 3000);
    QCOMPARE(source.error(), EventSource::Error::StreamEnded);
    QCOMPARE(source.state(), EventSource::State::Connecting);
    QVERIFY(opened.wait(6000));
    QVERIFY2(sinceEnd.elapsed() >= 2900, qPrintable(QString::number(sinceEnd.elapsed())));
    QCOMPARE(opened.count(), 2);
}

void TestEventSource::retryField_setsReconnectionTime()
{
    TestHttpServer server;
    server.route("/events", finiteStream("retry: 150\ndata: x\n\n"));
    EventSource source(server.url(QStringLiteral("/events")));
    QSignalSpy changed(&source, &EventSource::reconnectionTimeChanged);
    QSignalSpy scheduled(&source, &EventSource::reconnectScheduled);
    source.open();
    QVERIFY(scheduled.wait(5000));
    QCOMPARE(changed.value(0).value(0).toInt(), 150);
    QCOMPARE(scheduled.at(0).at(0).toInt(), 150);
    QTRY_COMPARE(server.requests("/events").size(), 2);
}

void TestEventSource::reconnect_sendsLastEventId()
{
    TestHttpServer server;
    server.route("/events",
                 finiteStream("retry: 50\nid: 41\ndata: a\n\nid: 42\ndata: b\n\nid: 43\ndata: unfinished\n"));
    EventSource source(server.url(QStringLiteral("/events")));
    source.open();
    QTRY_COMPARE(server.requests("/events").size(), 2);
    QCOMPARE(server.requests("/events").at(1).header("Last-Event-ID"), QByteArray("42"));
    QCOMPARE(source.lastEventId(), QStringLiteral("42"));

    // A configured starting point is sent on the very first request.
    EventSource resumed(server.url(QStringLiteral("/events")));
    resumed.setLastEventId(QStringLiteral("\uC544-7"));
    resumed.open();
    QTRY_COMPARE(server.requests("/events").size() >= 3, true);
    QCOMPARE(QString::fromUtf8(server.requests("/events").at(2).header("Last-Event-ID")), QStringLiteral("\uC544-7"));
    resumed.close();
    source.close();
}

void TestEventSource::failsForGood_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<EventSource::Error>("error");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("204") << 204 << QByteArray("text/event-stream") << EventSource::Error::NoContent
                         << QStringLiteral("HTTP 204");
    QTest::newRow("404") << 404 << QByteArray("text/plain") << EventSource::Error::HttpStatus
                         << QStringLiteral(
                                "HTTP 404 Not Found (\"data: ignored\"): the server has no event stream at this URL");
    QTest::newRow("401") << 401 << QByteArray("text/plain") << EventSource::Error::HttpStatus
                         << QStringLiteral(
                                "HTTP 401 Unauthorized (\"data: ignored\"): the server refused the credentials");
    QTest::newRow("500") << 500 << QByteArray("text/event-stream") << EventSource::Error::HttpStatus
                         << QStringLiteral("HTTP 500 Internal Server Error");
    QTest::newRow("html") << 200 << QByteArray("text/html") << EventSource::Error::WrongContentType
                          << QStringLiteral("Content-Type \"text/html\", not \"text/event-stream\"");
    QTest::newRow("no content type") << 200 << QByteArray() << EventSource::Error::WrongContentType
                                     << QStringLiteral("no Content-Type");
}

void TestEventSource::failsForGood()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(EventSource::Error, error);
    QFETCH(QString, messagePart);

    TestHttpServer server;
    server.route("/events", [=](const HttpRequest &, QTcpSocket *socket) {
        QByteArray head = herald::http::statusLine(status);
        if (!contentType.isEmpty()) {
            head += "Content-Type: " + contentType + "\r\n";
        }
        if (status == 204) {
            socket->write(head + "Connection: close\r\n\r\n");
        } else {
            const QByteArray body = "data: ignored\n\n";
            socket->write(head + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        }
        socket->disconnectFromHost();
    });
    EventSource source(server.url(QStringLiteral("/events")));
    QSignalSpy errors(&source, &EventSource::errorOccurred);
    QSignalSpy events(&source, &EventSource::eventReceived);
    QSignalSpy scheduled(&source, &EventSource::reconnectScheduled);
    source.setReconnectionTime(10);
    source.open();
    QTRY_COMPARE(source.state(), EventSource::State::Closed);
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.at(0).at(0).value<EventSource::Error>(), error);
    QVERIFY2(source.errorString().contains(messagePart), qPrintable(source.errorString()));
    QCOMPARE(source.httpStatus(), status);
    QCOMPARE(events.count(), 0);
    QCOMPARE(scheduled.count(), 0);
    QCOMPARE(source.pendingReconnectDelay(), -1);
    QCOMPARE(server.requests("/events").size(), 1);
}

void TestEventSource::acceptsContentTypeWithParameters()
{
    TestHttpServer server;
    server.route("/events", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket, "Text/Event-Stream; charset=utf-8");
        TestHttpServer::send(socket, "data: ok\n\n");
    });
    EventSource source(server.url(QStringLiteral("/events")));
    QSignalSpy events(&source, &EventSource::eventReceived);
    source.open();
    QVERIFY(events.wait(5000));
    QCOMPARE(source.state(), EventSource::State::Open);
}

void TestEventSource::followsRedirects()
{
    TestHttpServer server;
    server.route("/old", [&](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 307, {},
                                "Location: " + server.url(QStringLiteral("/events")).toEncoded() + "\r\n");
    });
    server.route("/events", openStream("data: moved\n\n"));
    EventSource source(server.url(QStringLiteral("/old")));
    QSignalSpy events(&source, &EventSource::eventReceived);
    source.open();
    QVERIFY(events.wait(5000));
    QCOMPARE(eventAt(events, 0).data, QStringLiteral("moved"));
    QCOMPARE(server.requests("/events").value(0).header("Accept"), QByteArray("text/event-stream"));
}

void TestEventSource::redirectLoop_failsForGood()
{
    TestHttpServer server;
    server.route("/loop", [&](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 302, {}, "Location: /loop\r\n");
    });
    EventSource source(server.url(QStringLiteral("/loop")));
    source.setReconnectionTime(10);
    source.open();
    QTRY_COMPARE_WITH_TIMEOUT(source.state(), EventSource::State::Closed, 10000);
    QCOMPARE(source.error(), EventSource::Error::RedirectError);
    QVERIFY2(source.errorString().contains(QStringLiteral("final URL")), qPrintable(source.errorString()));
    QCOMPARE(server.requests("/loop").size(), 21);
}

void TestEventSource::idleTimeout_dropsSilentConnection()
{
    TestHttpServer server;
    server.route("/events", openStream("data: then silence\n\n"));
    EventSource source(server.url(QStringLiteral("/events")));
    source.setIdleTimeout(300);
    source.setReconnectionTime(50);
    QSignalSpy errors(&source, &EventSource::errorOccurred);
    source.open();
    QVERIFY(errors.wait(5000));
    QCOMPARE(errors.at(0).at(0).value<EventSource::Error>(), EventSource::Error::IdleTimeout);
    QVERIFY2(source.errorString().contains(QStringLiteral("no data")), qPrintable(source.errorString()));
    QTRY_COMPARE(server.requests("/events").size(), 2);
    // The dead connection was really dropped, not left open beside the new one.
    QTRY_COMPARE(server.openConnections(), 1);
}

void TestEventSource::oversizedEvent_reconnectsWithClearError()
{
    TestHttpServer server;
    server.route("/events", openStream("data: " + QByteArray(5000, 'x')));
    EventSource source(server.url(QStringLiteral("/events")));
    source.setMaxEventSize(1024);
    source.setReconnectionTime(50);
    QSignalSpy errors(&source, &EventSource::errorOccurred);
    QSignalSpy events(&source, &EventSource::eventReceived);
    source.open();
    QVERIFY(errors.wait(5000));
    QCOMPARE(errors.at(0).at(0).value<EventSource::Error>(), EventSource::Error::EventTooLarge);
    QVERIFY2(source.errorString().contains(QStringLiteral("beyond 1024 bytes")), qPrintable(source.errorString()));
    QCOMPARE(events.count(), 0);
    QTRY_COMPARE(server.requests("/events").size(), 2);
    source.close();
}

void TestEventSource::serverClosingMidEvent_dropsPartialEventAndReconnects()
{
    TestHttpServer server;
    int served = 0;
    server.route("/events", [&](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket);
        if (served++ == 0) {
            TestHttpServer::send(socket, "retry: 50\ndata: whole\n\ndata: half");
            socket->abort();
        } else {
            TestHttpServer::send(socket, "data: after reconnect\n\n");
        }
    });
    EventSource source(server.url(QStringLiteral("/events")));
    QSignalSpy events(&source, &EventSource::eventReceived);
    source.open();
    QTRY_COMPARE(events.count(), 2);
    QCOMPARE(eventAt(events, 0).data, QStringLiteral("whole"));
    QCOMPARE(eventAt(events, 1).data, QStringLiteral("after reconnect"));
}

void TestEventSource::unreachableServer_backsOffExponentially()
{
    quint16 port = 0;
    {
        TestHttpServer closed;
        port = closed.port();
    }
    EventSource source(QUrl(QStringLiteral("http://127.0.0.1:%1/events").arg(port)));
    source.setReconnectionTime(20);
    source.setMaxReconnectDelay(100);
    QSignalSpy scheduled(&source, &EventSource::reconnectScheduled);
    source.open();
    QTRY_COMPARE_WITH_TIMEOUT(scheduled.count(), 5, 5000);
    QList<int> delays;
    for (const auto &call : scheduled) {
        delays.append(call.at(0).toInt());
    }
    QCOMPARE(delays, (QList<int>{20, 40, 80, 100, 100}));
    QCOMPARE(source.error(), EventSource::Error::NetworkError);
    QVERIFY2(source.errorString().startsWith(QStringLiteral("could not connect to 127.0.0.1:")),
             qPrintable(source.errorString()));
    QVERIFY2(source.errorString().contains(QStringLiteral("refused"), Qt::CaseInsensitive),
             qPrintable(source.errorString()));
}

void TestEventSource::close_stopsReconnecting()
{
    TestHttpServer server;
    // Chunked framing: after a stream that ends at EOF (no length, no chunks), Qt 6.4's HTTP/1 channel may send the
    // finished request once more by itself, which would be counted here though EventSource did not reconnect.
    server.route("/events", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket, "text/event-stream", true);
        TestHttpServer::send(socket, "retry: 30\ndata: x\n\n");
        TestHttpServer::endStream(socket);
    });
    EventSource source(server.url(QStringLiteral("/events")));
    QSignalSpy scheduled(&source, &EventSource::reconnectScheduled);
    source.open();
    QVERIFY(scheduled.wait(5000));
    source.close();
    QCOMPARE(source.state(), EventSource::State::Closed);
    QCOMPARE(source.pendingReconnectDelay(), -1);
    const int requestsAtClose = int(server.requests("/events").size());
    // Several reconnection times later, still nothing new.
    QTest::qWait(200);
    QCOMPARE(server.requests("/events").size(), requestsAtClose);
}

void TestEventSource::reconnectNow_skipsTheWait()
{
    TestHttpServer server;
    server.route("/events", finiteStream("retry: 60000\ndata: x\n\n"));
    EventSource source(server.url(QStringLiteral("/events")));
    QSignalSpy opened(&source, &EventSource::opened);
    QSignalSpy scheduled(&source, &EventSource::reconnectScheduled);
    source.open();
    QVERIFY(scheduled.wait(5000));
    QCOMPARE(source.pendingReconnectDelay(), 60000);
    source.reconnectNow();
    QTRY_COMPARE(opened.count(), 2);
    source.close();
}

void TestEventSource::manyStreamsToOneHost_allFlow()
{
    constexpr int kStreams = 14;
    TestHttpServer server;
    server.route("/events", openStream("data: hello\n\n"));
    herald::StreamingNetworkPool pool;
    std::vector<std::unique_ptr<EventSource>> sources;
    std::vector<std::unique_ptr<QSignalSpy>> spies;
    for (int i = 0; i < kStreams; ++i) {
        sources.push_back(std::make_unique<EventSource>(server.url(QStringLiteral("/events?n=%1").arg(i))));
        sources.back()->setNetworkPool(&pool);
        spies.push_back(std::make_unique<QSignalSpy>(sources.back().get(), &EventSource::eventReceived));
        sources.back()->open();
    }
    for (int i = 0; i < kStreams; ++i) {
        QTRY_COMPARE_WITH_TIMEOUT(spies[size_t(i)]->count(), 1, 10000);
    }
    QCOMPARE(server.openConnections(), kStreams);
    QCOMPARE(pool.activeStreams(), kStreams);
    QCOMPARE(pool.managerCount(), 3); // six HTTP/1.1 streams per host and manager

    // Every stream keeps flowing, not just the first six.
    for (QTcpSocket *socket : server.openSockets()) {
        TestHttpServer::send(socket, "data: again\n\n");
    }
    for (int i = 0; i < kStreams; ++i) {
        QTRY_COMPARE(spies[size_t(i)]->count(), 2);
    }
    sources.clear();
    QCOMPARE(pool.activeStreams(), 0);
    QCOMPARE(pool.managerCount(), 1);
}

QTEST_GUILESS_MAIN(TestEventSource)
#include "tst_eventsource.moc"
