// `herald listen` as a user runs it: the real executable against a real server on 127.0.0.1, checking the exact
// lines and exit codes of the command-line contract.
#include "HeraldProcess.h"
#include "PeerLauncher.h"
#include "TestCertificate.h"
#include "TestHttpServer.h"
#include "TestWebSocketServer.h"
#include "demo/DemoServer.h"

#include <QFile>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using herald::HttpRequest;
using herald::test::TestHttpServer;
using herald::test::TestWebSocketPeer;
using herald::test::TestWebSocketServer;

namespace {

using Run = herald::test::HeraldRun;
using herald::test::runHerald;

TestHttpServer::Handler stream(const QByteArray &bytes, bool end)
{
    return [bytes, end](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket, "text/event-stream", true);
        TestHttpServer::send(socket, bytes);
        if (end) {
            TestHttpServer::endStream(socket);
        }
    };
}

// A port that was free a moment ago (0 when none could be had): for a server that is not there yet, or never.
quint16 portNobodyListensOn()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

} // namespace

class TestListen : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clientCertificatePassword_isNamedAndFailsWithOne();
    void signal_leavesWithACloseFrame();
    void json_printsContractLines();
    void json_escapesData();
    void reconnecting_isReported();
    void post_streamsWithBodyAndResumesWithLastEventId();
    void failedForGood_exitsOneWithReason();
    void timeoutWithNothing_exitsThree();
    void timeoutAfterEvents_exitsZero();
    void noReconnect_exitsZeroOnCleanEnd();
    void noReconnect_exitsOneOnRefusedConnection();
    void headersAndLastEventId_reachServer();
    void humanOutput_isReadable();
    void humanOutput_serverCannotDriveTheTerminal();
    void headersFromAFileOrTheEnvironment_stayOutOfArgv();
    void openFileLimit_isRaisedToTheHardLimit();
    void dataMode_printsOnlyPayloads();
    void errors_areSaidOnce();
    void tls_flagsTrustTheServer_data();
    void tls_flagsTrustTheServer();
    void webSocket_json_printsContractLines();
    void webSocket_refusedHandshake_exitsOneNamingTheStatus();
    void webSocket_silentServer_exitsOneAfterHandshakeTimeout();
    void send_andListen_talkThroughTheDemoServer();
    void send_post_printsStatus();
    void send_failures_exitOne();
    void preset_printsMappedNotifications();
    void lines_appearWhileItRuns();
    void connect_sendsWhatIsTypedAndPrintsWhatArrives();
    void connect_keepsLinesTypedBeforeTheServerIsUp();
    void connect_saysWhatANeverOpenedConnectionDidNotSend();
    void connect_sendsEveryLineOfAnInputLargerThanEveryQueue();
    void connect_skipsALineTooLongToHoldAndSaysSo();
    void connect_postsLinesOnAnSseFeed();
    void help_namesTheVerb_data();
    void help_namesTheVerb();
    void usageErrors_exitTwo_data();
    void usageErrors_exitTwo();
    void firstConnection_mistakesEndAtOnce_data();
    void firstConnection_mistakesEndAtOnce();
    void firstConnection_refusedIsRetried();
    void readerOfStdoutGone_ends_data();
    void readerOfStdoutGone_ends();
};

void TestListen::json_printsContractLines()
{
    TestHttpServer server;
    server.route("/events", stream("id: 42\ndata: hello\ndata: world\n\nevent: build\ndata: ok\n\n", false));
    const Run run = runHerald({QStringLiteral("listen"), server.url(QStringLiteral("/events")).toString(),
                               QStringLiteral("--json"), QStringLiteral("--count"), QStringLiteral("2")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, (QList<QByteArray>{
                            R"({"kind":"state","state":"connecting"})",
                            R"({"kind":"state","state":"open","status":200})",
                            R"({"kind":"event","type":"message","data":"hello\nworld","lastEventId":"42"})",
                            R"({"kind":"event","type":"build","data":"ok","lastEventId":"42"})",
                        }));
    QVERIFY2(run.stderrText.isEmpty(), run.stderrText.constData());
}

void TestListen::json_escapesData()
{
    TestHttpServer server;
    server.route("/events", stream("data: \"q\" \\ \t\x01 \xEB\xB9\x8C\xEB\x93\x9C <b>x</b>\n\n", false));
    const Run run = runHerald({QStringLiteral("listen"), server.url(QStringLiteral("/events")).toString(),
                               QStringLiteral("--json"), QStringLiteral("--count=1")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines.value(2), QByteArray(R"({"kind":"event","type":"message","data":"\"q\" \\ \t\u0001 )"
                                            "\xEB\xB9\x8C\xEB\x93\x9C"
                                            R"( <b>x</b>","lastEventId":""})"));
}

void TestListen::post_streamsWithBodyAndResumesWithLastEventId()
{
    // What LLM streaming APIs and MCP do: the stream is the answer to a POST; a GET is refused.
    TestHttpServer server;
    int served = 0;
    server.route("/v1/stream", [&](const HttpRequest &request, QTcpSocket *socket) {
        if (request.method != "POST" || request.body.isEmpty()) {
            TestHttpServer::respond(socket, 405, "POST a JSON body\n", "Allow: POST\r\n");
            return;
        }
        TestHttpServer::startStream(socket, "text/event-stream", true);
        const QByteArray echo = request.header("Content-Type") + ' ' + request.body + ' ' + request.header("X-Key");
        if (served++ == 0) {
            TestHttpServer::send(socket, "retry: 50\nid: 1\ndata: " + echo + "\n\n");
            TestHttpServer::endStream(socket);
        } else {
            TestHttpServer::send(socket, "data: after " + request.header("Last-Event-ID") + ": " + echo + "\n\n");
        }
    });
    const QString url = server.url(QStringLiteral("/v1/stream")).toString();
    const Run run =
        runHerald({QStringLiteral("listen"), url, QStringLiteral("--data={\"prompt\":\"hi\"}"), QStringLiteral("-H"),
                   QStringLiteral("X-Key: k1"), QStringLiteral("--payloads"), QStringLiteral("--count=2")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, (QList<QByteArray>{R"(application/json {"prompt":"hi"} k1)",
                                           R"(after 1: application/json {"prompt":"hi"} k1)"}));
    QCOMPARE(server.requests("/v1/stream").value(1).method, QByteArray("POST"));

    // -X with a body from a file and a Content-Type of the user's own; a form body without one.
    QTemporaryDir dir;
    QFile body(dir.filePath(QStringLiteral("body.txt")));
    QVERIFY(body.open(QIODevice::WriteOnly));
    body.write("q=1");
    body.close();
    served = 1;
    const Run put =
        runHerald({QStringLiteral("listen"), url, QStringLiteral("-X"), QStringLiteral("post"), QStringLiteral("-d"),
                   QLatin1Char('@') + body.fileName(), QStringLiteral("--payloads"), QStringLiteral("--count=1")});
    QCOMPARE(put.exitCode, 0);
    QCOMPARE(put.lines, QList<QByteArray>{"after : application/x-www-form-urlencoded q=1 "});

    // Without the body the server refuses, and the error says how.
    const Run get = runHerald({QStringLiteral("listen"), url, QStringLiteral("--no-reconnect")});
    QCOMPARE(get.exitCode, 1);
    QVERIFY2(get.stderrText.contains("405") && get.stderrText.contains("-d BODY"), get.stderrText.constData());
    const Run missing = runHerald({QStringLiteral("listen"), url, QStringLiteral("--data")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.stderrText.contains("--payloads"), missing.stderrText.constData());
}

void TestListen::reconnecting_isReported()
{
    TestHttpServer server;
    int served = 0;
    server.route("/events", [&](const HttpRequest &request, QTcpSocket *socket) {
        TestHttpServer::startStream(socket, "text/event-stream", true);
        if (served++ == 0) {
            TestHttpServer::send(socket, "retry: 100\nid: 7\ndata: first\n\n");
            TestHttpServer::endStream(socket);
        } else {
            TestHttpServer::send(socket, "data: resumed from " + request.header("Last-Event-ID") + "\n\n");
        }
    });
    const Run run = runHerald({QStringLiteral("listen"), server.url(QStringLiteral("/events")).toString(),
                               QStringLiteral("--json"), QStringLiteral("--count"), QStringLiteral("2")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines,
             (QList<QByteArray>{
                 R"({"kind":"state","state":"connecting"})",
                 R"({"kind":"state","state":"open","status":200})",
                 R"({"kind":"event","type":"message","data":"first","lastEventId":"7"})",
                 R"({"kind":"state","state":"reconnecting","retryMs":100,"reason":"the server ended the stream"})",
                 R"({"kind":"state","state":"open","status":200})",
                 R"({"kind":"event","type":"message","data":"resumed from 7","lastEventId":"7"})",
             }));
}

void TestListen::failedForGood_exitsOneWithReason()
{
    TestHttpServer server; // no route: 404
    const Run run = runHerald(
        {QStringLiteral("listen"), server.url(QStringLiteral("/missing")).toString(), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.lines.size(), 2);
    QCOMPARE(
        run.lines.value(1),
        QByteArray(
            "{\"kind\":\"state\",\"state\":\"closed\",\"reason\":\"HTTP 404 Not Found (\\\"no such route\\\"): the "
            R"(server has no event stream at this URL; check the feed URL"})"));
    QVERIFY2(run.stderrText.contains("HTTP 404 Not Found"), run.stderrText.constData());
    QCOMPARE(server.requests().size(), 1);

    // With --preset ntfy, the "not found" says where ntfy serves a topic.
    const Run ntfy = runHerald({QStringLiteral("listen"), server.url(QStringLiteral("/alerts")).toString(),
                                QStringLiteral("--preset"), QStringLiteral("ntfy")});
    QCOMPARE(ntfy.exitCode, 1);
    const QByteArray expected = "try " + server.url(QStringLiteral("/alerts/sse")).toString().toUtf8();
    QVERIFY2(ntfy.stderrText.contains(expected), ntfy.stderrText.constData());
}

void TestListen::timeoutWithNothing_exitsThree()
{
    TestHttpServer server;
    server.route("/events", stream(": only a comment\n\n", false));
    const Run run = runHerald({QStringLiteral("listen"), server.url(QStringLiteral("/events")).toString(),
                               QStringLiteral("--timeout"), QStringLiteral("0.5")});
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.stderrText.contains("nothing arrived within 0.5 s"), run.stderrText.constData());
}

void TestListen::timeoutAfterEvents_exitsZero()
{
    TestHttpServer server;
    server.route("/events", stream("data: one\n\n", false));
    const Run run = runHerald({QStringLiteral("listen"), server.url(QStringLiteral("/events")).toString(),
                               QStringLiteral("--json"), QStringLiteral("--timeout"), QStringLiteral("0.5")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines.size(), 3);
}

void TestListen::noReconnect_exitsZeroOnCleanEnd()
{
    TestHttpServer server;
    server.route("/events", stream("data: last\n\n", true));
    const Run run = runHerald({QStringLiteral("listen"), server.url(QStringLiteral("/events")).toString(),
                               QStringLiteral("--json"), QStringLiteral("--no-reconnect")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines.value(3),
             QByteArray(R"({"kind":"state","state":"closed","reason":"the server ended the stream"})"));
    QCOMPARE(server.requests().size(), 1);
}

void TestListen::noReconnect_exitsOneOnRefusedConnection()
{
    quint16 port = 0;
    {
        TestHttpServer closed;
        port = closed.port();
    }
    const Run run = runHerald({QStringLiteral("listen"), QStringLiteral("http://127.0.0.1:%1/events").arg(port),
                               QStringLiteral("--no-reconnect")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.stderrText.contains("could not connect to 127.0.0.1"), run.stderrText.constData());
}

void TestListen::headersAndLastEventId_reachServer()
{
    TestHttpServer server;
    server.route("/events", stream("data: x\n\n", false));
    const Run run = runHerald({QStringLiteral("listen"), server.url(QStringLiteral("/events")).toString(),
                               QStringLiteral("-H"), QStringLiteral("Authorization: Bearer tok"),
                               QStringLiteral("--header"), QStringLiteral("X-Feed:  ci "),
                               QStringLiteral("--last-event-id"), QStringLiteral("99"), QStringLiteral("--count=1")});
    QCOMPARE(run.exitCode, 0);
    const HttpRequest request = server.requests().value(0);
    QCOMPARE(request.header("Authorization"), QByteArray("Bearer tok"));
    QCOMPARE(request.header("X-Feed"), QByteArray("ci"));
    QCOMPARE(request.header("Last-Event-ID"), QByteArray("99"));
}

void TestListen::humanOutput_isReadable()
{
    TestHttpServer server;
    server.route("/events", stream("id: 3\nevent: build\ndata: passed\ndata: 412 tests\n\n", false));
    const Run run = runHerald(
        {QStringLiteral("listen"), server.url(QStringLiteral("/events")).toString(), QStringLiteral("--count=1")});
    QCOMPARE(run.exitCode, 0);
    // stdout carries the data; how the connection fares goes to stderr.
    QCOMPARE(run.lines.size(), 2);
    QVERIFY2(run.lines[0].endsWith("  build #3  passed"), run.lines[0].constData());
    // The second data line sits under the first.
    QCOMPARE(run.lines[1].indexOf("412"), run.lines[0].indexOf("passed"));
    const QList<QByteArray> states = run.stderrText.trimmed().split('\n');
    QCOMPARE(states.size(), 2);
    QVERIFY2(states[0].endsWith("  connecting to " + server.url(QStringLiteral("/events")).toEncoded()),
             states[0].constData());
    QVERIFY2(states[1].endsWith("  open (HTTP 200)"), states[1].constData());
}

void TestListen::humanOutput_serverCannotDriveTheTerminal()
{
    // OSC 52 writes the clipboard, OSC 0 retitles the window, CR and erase-line forge earlier output.
    TestHttpServer server;
    server.route("/events", [](const HttpRequest &, QTcpSocket *socket) {
        socket->write("HTTP/1.1 200 OK \x1b]0;pwned\x07\r\nContent-Type: text/event-stream\r\n\r\n"
                      "event: x\x1b[2K\ndata: \x1b]52;c;SGVsbG8=\x07 copied\x1b[1A\x1b[2Kforged\n"
                      "data: \xe2\x80\xae reversed\n\n");
    });
    const Run run = runHerald(
        {QStringLiteral("listen"), server.url(QStringLiteral("/events")).toString(), QStringLiteral("--count=1")});
    QCOMPARE(run.exitCode, 0);
    const QByteArray out = run.lines.join('\n');
    for (const QByteArray &text : {out, run.stderrText}) {
        QVERIFY2(!text.contains('\x1b') && !text.contains('\x07') && !text.contains('\r'), text.constData());
        QVERIFY2(!text.contains("\xe2\x80\xae"), text.constData());
    }
    QVERIFY2(out.contains("x\\e[2K"), out.constData());
    QVERIFY2(out.contains("\\e]52;c;SGVsbG8=\\x07 copied\\e[1A\\e[2Kforged"), out.constData());
    QVERIFY2(out.contains("\\u202E reversed"), out.constData());
    // An error names the server's reason phrase: shown, never obeyed.
    server.route("/gone", [](const HttpRequest &, QTcpSocket *socket) {
        socket->write("HTTP/1.1 404 Not \x1b]0;pwned\x07"
                      "Found\x1b[2K\r\nContent-Length: 0\r\n\r\n");
        socket->disconnectFromHost();
    });
    const Run gone = runHerald({QStringLiteral("listen"), server.url(QStringLiteral("/gone")).toString()});
    QCOMPARE(gone.exitCode, 1);
    QVERIFY2(!gone.stderrText.contains('\x1b') && !gone.stderrText.contains('\x07'), gone.stderrText.constData());
    QVERIFY2(gone.stderrText.contains("Not \\e]0;pwned\\x07Found"), gone.stderrText.constData());
    // --payloads stays byte-exact: it is for pipes.
    const Run payloads = runHerald({QStringLiteral("listen"), server.url(QStringLiteral("/events")).toString(),
                                    QStringLiteral("--count=1"), QStringLiteral("--payloads")});
    QVERIFY2(payloads.lines.join('\n').contains("\x1b]52;c;SGVsbG8=\x07"), payloads.lines.join('\n').constData());
}

void TestListen::headersFromAFileOrTheEnvironment_stayOutOfArgv()
{
    TestHttpServer server;
    server.route("/events", stream("data: x\n\n", false));
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("headers")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Authorization: Bearer from-file\r\n\nX-Team: ops\n");
    file.close();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HERALD_TEST_HEADERS"), QStringLiteral("X-From-Env: yes"));
    const Run run = runHerald({QStringLiteral("listen"), server.url(QStringLiteral("/events")).toString(),
                               QStringLiteral("-H"), QLatin1Char('@') + file.fileName(), QStringLiteral("-H"),
                               QStringLiteral("@env:HERALD_TEST_HEADERS"), QStringLiteral("--count=1")},
                              environment);
    QCOMPARE(run.exitCode, 0);
    const HttpRequest request = server.requests().value(0);
    QCOMPARE(request.header("Authorization"), QByteArray("Bearer from-file"));
    QCOMPARE(request.header("X-Team"), QByteArray("ops"));
    QCOMPARE(request.header("X-From-Env"), QByteArray("yes"));
}

void TestListen::openFileLimit_isRaisedToTheHardLimit()
{
#ifndef Q_OS_LINUX
    QSKIP("reads /proc/PID/limits");
#else
    TestHttpServer server;
    server.route("/events", stream("data: x\n\n", false));
    QProcess herald;
    // A low soft limit, as many desktops start programs with (1024), lower still so that any hard limit is above it.
    herald.start(QStringLiteral("sh"),
                 {QStringLiteral("-c"),
                  QStringLiteral("ulimit -Sn 64 && exec '%1' listen '%2'")
                      .arg(QStringLiteral(HERALD_EXECUTABLE), server.url(QStringLiteral("/events")).toString())});
    QTRY_VERIFY_WITH_TIMEOUT(!server.requests().isEmpty(), 10000);
    QFile limits(QStringLiteral("/proc/%1/limits").arg(herald.processId()));
    QVERIFY(limits.open(QIODevice::ReadOnly));
    QByteArray line;
    for (const QByteArray &row : limits.readAll().split('\n')) {
        if (row.startsWith("Max open files")) {
            line = row.simplified();
        }
    }
    herald.kill();
    herald.waitForFinished(5000);
    const QList<QByteArray> fields = line.split(' '); // Max open files SOFT HARD files
    QVERIFY2(fields.size() >= 5, line.constData());
    QCOMPARE(fields.at(3), fields.at(4));
#endif
}

void TestListen::dataMode_printsOnlyPayloads()
{
    TestHttpServer server;
    server.route("/events", stream("data: {\"n\":1}\n\nevent: x\nid: 7\ndata: {\"n\":2}\n\n", true));
    const Run run = runHerald({QStringLiteral("listen"), server.url(QStringLiteral("/events")).toString(),
                               QStringLiteral("--payloads"), QStringLiteral("--no-reconnect")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, (QList<QByteArray>{"{\"n\":1}", "{\"n\":2}"}));
    QCOMPARE(run.stderrText, QByteArray()); // a clean end says nothing: like curl -N
#ifndef Q_OS_WIN                            // no sh; run's stdout above already came through a pipe
    // Through a real pipe into a real consumer: each payload is one line.
    QProcess pipeline;
    pipeline.start(QStringLiteral("sh"),
                   {QStringLiteral("-c"),
                    QStringLiteral("'%1' listen '%2' --payloads --no-reconnect | wc -l")
                        .arg(QStringLiteral(HERALD_EXECUTABLE), server.url(QStringLiteral("/events")).toString())});
    QSignalSpy done(&pipeline, &QProcess::finished);
    QVERIFY(done.wait(20000));
    QCOMPARE(pipeline.readAllStandardOutput().trimmed(), QByteArray("2"));
#endif
}

void TestListen::errors_areSaidOnce()
{
    TestHttpServer server; // no route: 404
    const Run run = runHerald({QStringLiteral("listen"), server.url(QStringLiteral("/missing")).toString()});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.lines, QList<QByteArray>{}); // nothing on stdout: there was no data
    QCOMPARE(run.stderrText.count("HTTP 404 Not Found"), 1);
    QVERIFY(!run.stderrText.contains("qt."));
    QVERIFY(!run.stderrText.contains("QObject::"));

    // Every transport says what happened: a port nobody listens on is refused, over TLS too.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    for (const QString &scheme :
         {QStringLiteral("ws"), QStringLiteral("wss"), QStringLiteral("http"), QStringLiteral("https")}) {
        const Run refused =
            runHerald({QStringLiteral("listen"), QStringLiteral("%1://127.0.0.1:%2/").arg(scheme).arg(port),
                       QStringLiteral("--no-reconnect")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.stderrText.contains("Connection refused"), refused.stderrText.constData());
        QCOMPARE(refused.stderrText.count("Connection refused"), 1);
    }
}

void TestListen::tls_flagsTrustTheServer_data()
{
    QTest::addColumn<QString>("transport");
    QTest::addColumn<QString>("trust"); // none, ca-file, env, pin, insecure
    QTest::addColumn<int>("exitCode");
    for (const char *transport : {"sse", "websocket"}) {
        QTest::addRow("%s untrusted", transport) << transport << "none" << 1;
        QTest::addRow("%s --ca-file", transport) << transport << "ca-file" << 0;
        QTest::addRow("%s SSL_CERT_FILE", transport) << transport << "env" << 0;
        QTest::addRow("%s --pin-sha256", transport) << transport << "pin" << 0;
        QTest::addRow("%s -k", transport) << transport << "insecure" << 0;
    }
}

void TestListen::tls_flagsTrustTheServer()
{
    QFETCH(QString, transport);
    QFETCH(QString, trust);
    QFETCH(int, exitCode);
    if (herald::test::PeerLauncher::underWine()) {
        QSKIP("Wine's Schannel cannot load a test server's certificate and key (\"Failed to load certificate "
              "chain\"), so no TLS server runs in a test under Wine");
    }
    if (transport == QLatin1String("websocket") && !TestWebSocketServer::canServeTls()) {
        QSKIP("the test WebSocket server speaks TLS only as Qt's QWebSocketServer, which Qt WebSockets brings");
    }
    QTemporaryDir dir;
    QString error;
    // A test CA of its own: a certificate for 127.0.0.1 that no system trusts.
    const auto made = herald::test::makeSelfSignedCertificate(dir, QStringLiteral("IP:127.0.0.1"), &error);
    QVERIFY2(made, qPrintable(error));
    const QSslConfiguration serverTls = made->serverConfiguration();
    TestWebSocketServer wsServer;
    QSslServer httpsServer;
    QUrl url;
    if (transport == QLatin1String("websocket")) {
        QVERIFY(wsServer.listenTls(serverTls));
        url = wsServer.url();
        connect(&wsServer, &TestWebSocketServer::newPeer, this,
                [](TestWebSocketPeer *peer) { peer->sendText(QStringLiteral("over TLS")); });
    } else {
        httpsServer.setSslConfiguration(serverTls);
        QVERIFY(httpsServer.listen(QHostAddress::LocalHost, 0));
        url = QUrl(QStringLiteral("https://127.0.0.1:%1/events").arg(httpsServer.serverPort()));
        connect(&httpsServer, &QSslServer::pendingConnectionAvailable, this, [&] {
            QTcpSocket *socket = httpsServer.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                if (socket->readAll().contains("\r\n\r\n")) {
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: over TLS\n\n");
                }
            });
        });
    }
    QStringList arguments{QStringLiteral("listen"),    url.toString(),      QStringLiteral("--payloads"),
                          QStringLiteral("--count"),   QStringLiteral("1"), QStringLiteral("--no-reconnect"),
                          QStringLiteral("--timeout"), QStringLiteral("15")};
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (trust == QLatin1String("ca-file")) {
        arguments << QStringLiteral("--ca-file") << made->certificatePath;
    } else if (trust == QLatin1String("env")) {
        environment.insert(QStringLiteral("SSL_CERT_FILE"), made->certificatePath);
    } else if (trust == QLatin1String("pin")) {
        arguments << QStringLiteral("--pin-sha256")
                  << QString::fromLatin1(made->certificate.digest(QCryptographicHash::Sha256).toHex(':'));
    } else if (trust == QLatin1String("insecure")) {
        arguments << QStringLiteral("-k");
    }
    const Run run = runHerald(arguments, environment);
    QCOMPARE(run.exitCode, exitCode);
    if (exitCode == 0) {
        QCOMPARE(run.lines, QList<QByteArray>{"over TLS"});
        QCOMPARE(run.stderrText.contains("warning: --insecure"), trust == QLatin1String("insecure"));
    } else {
        // Said once, with the reason and the flags of this command that would help.
        QCOMPARE(run.stderrText.count("does not trust"), 1);
        QVERIFY2(run.stderrText.contains("--ca-file FILE") && run.stderrText.contains("-k"),
                 run.stderrText.constData());
        QVERIFY2(!run.stderrText.contains("feed's TLS settings"), run.stderrText.constData());
    }
}

void TestListen::webSocket_json_printsContractLines()
{
    TestWebSocketServer server;
    server.setSubprotocols({QStringLiteral("herald.v1")});
    QVERIFY(server.listen());
    connect(&server, &TestWebSocketServer::newPeer, this, [](TestWebSocketPeer *peer) {
        peer->sendText(QStringLiteral("hi \"there\"\n"));
        peer->sendBinary(QByteArray::fromHex("deadbeef"));
    });
    const Run run =
        runHerald({QStringLiteral("listen"), server.url().toString(), QStringLiteral("--json"),
                   QStringLiteral("--count=2"), QStringLiteral("--subprotocol"), QStringLiteral("herald.v1")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, (QList<QByteArray>{
                            R"({"kind":"state","state":"connecting"})",
                            R"({"kind":"state","state":"open","status":101,"subprotocol":"herald.v1"})",
                            R"({"kind":"message","text":"hi \"there\"\n"})",
                            R"({"kind":"message","binary":"3q2+7w=="})",
                        }));
}

void TestListen::webSocket_refusedHandshake_exitsOneNamingTheStatus()
{
    TestHttpServer server;
    server.route(
        "/ws", [](const HttpRequest &, QTcpSocket *socket) { TestHttpServer::respond(socket, 401, "token missing"); });
    const Run run = runHerald({QStringLiteral("listen"), QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port()),
                               QStringLiteral("--no-reconnect")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.stderrText.contains("HTTP 401 Unauthorized"), run.stderrText.constData());
}

void TestListen::webSocket_silentServer_exitsOneAfterHandshakeTimeout()
{
    TestHttpServer server;
    server.route("/ws", [](const HttpRequest &, QTcpSocket *) {});
    const Run run = runHerald({QStringLiteral("listen"), QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port()),
                               QStringLiteral("--no-reconnect"), QStringLiteral("--handshake-timeout=0.3")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.stderrText.contains("did not answer the WebSocket handshake within 0.3 s"),
             run.stderrText.constData());
}

void TestListen::send_andListen_talkThroughTheDemoServer()
{
    herald::DemoServer demo;
    demo.setSampleInterval(0);
    demo.setBotDelay(0);
    QVERIFY(demo.start());
    QProcess listener;
    listener.start(QStringLiteral(HERALD_EXECUTABLE), {QStringLiteral("listen"), demo.chatUrl().toString(),
                                                       QStringLiteral("--json"), QStringLiteral("--count=3")});
    QSignalSpy joined(&demo, &herald::DemoServer::chatJoined);
    QSignalSpy finished(&listener, &QProcess::finished);
    QVERIFY(joined.wait(10000));
    const Run send = runHerald({QStringLiteral("send"), demo.chatUrl().toString(), QStringLiteral("deploy done ✓")});
    QCOMPARE(send.exitCode, 0);
    QVERIFY2(send.stderrText.isEmpty(), send.stderrText.constData());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(listener.exitCode(), 0);
    const QList<QByteArray> lines = listener.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), 5);
    QVERIFY2(lines[2].contains("Welcome"), lines[2].constData());
    QVERIFY2(lines[3].contains(R"(\"text\":\"deploy done ✓\")"), lines[3].constData());
    QVERIFY2(lines[4].contains("herald-bot"), lines[4].constData());
}

void TestListen::send_post_printsStatus()
{
    TestHttpServer server;
    server.route("/publish", [](const HttpRequest &request, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 200, "{\"got\":" + QByteArray::number(request.body.size()) + "}", {},
                                "application/json");
    });
    const Run run = runHerald({QStringLiteral("send"), server.url(QStringLiteral("/publish")).toString(),
                               QStringLiteral("빌드 성공"), QStringLiteral("-H"), QStringLiteral("X-Title: CI")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, (QList<QByteArray>{"HTTP 200 OK", R"({"got":13})"}));
    const HttpRequest request = server.requests().value(0);
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.body, QByteArray("빌드 성공"));
    QCOMPARE(request.header("X-Title"), QByteArray("CI"));
    QCOMPARE(request.header("Content-Type"), QByteArray("text/plain; charset=utf-8"));

    // From standard input, as `echo … | herald send URL -` gives it: the line end echo adds is not the message's;
    // the line breaks inside it are.
    for (const QByteArray &input : {QByteArray("hello\n"), QByteArray("hello\r\n"), QByteArray("two\nlines\n")}) {
        const Run piped =
            runHerald({QStringLiteral("send"), server.url(QStringLiteral("/publish")).toString(), QStringLiteral("-")},
                      {}, input);
        QCOMPARE(piped.exitCode, 0);
        QCOMPARE(server.requests().constLast().body, input.endsWith("\r\n") ? input.chopped(2) : input.chopped(1));
    }
}

void TestListen::send_failures_exitOne()
{
    TestHttpServer server; // no routes: 404
    const Run post =
        runHerald({QStringLiteral("send"), server.url(QStringLiteral("/nope")).toString(), QStringLiteral("x")});
    QCOMPARE(post.exitCode, 1);
    QCOMPARE(post.lines.value(0), QByteArray("HTTP 404 Not Found"));
    QVERIFY2(post.stderrText.contains("the server answered 404 Not Found"), post.stderrText.constData());

    const Run ws = runHerald(
        {QStringLiteral("send"), QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port()), QStringLiteral("x")});
    QCOMPARE(ws.exitCode, 1);
    QVERIFY2(ws.stderrText.contains("HTTP 404 Not Found"), ws.stderrText.constData());
}

void TestListen::preset_printsMappedNotifications()
{
    // ntfy's own SSE stream: an "open" event first (not a message), then messages; one is not even JSON.
    TestHttpServer server;
    server.route("/alerts/sse",
                 stream("event: open\ndata: {\"id\":\"o1\",\"time\":1,\"event\":\"open\",\"topic\":\"alerts\"}\n\n"
                        "id: m1\nevent: message\ndata: {\"id\":\"m1\",\"time\":2,\"event\":\"message\","
                        "\"topic\":\"alerts\",\"title\":\"Disk\",\"message\":\"93% full\",\"priority\":4,"
                        "\"click\":\"https://nas.local/\"}\n\n"
                        "data: not json\n\n",
                        false));
    const Run run = runHerald({QStringLiteral("listen"), server.url(QStringLiteral("/alerts/sse")).toString(),
                               QStringLiteral("--json"), QStringLiteral("--preset"), QStringLiteral("ntfy"),
                               QStringLiteral("--count=3")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines.size(), 7); // connecting, open, 3 events, 2 notifications
    QVERIFY(run.lines[2].startsWith("{\"kind\":\"event\",\"type\":\"open\""));
    QVERIFY(run.lines[3].startsWith("{\"kind\":\"event\",\"type\":\"message\""));
    QCOMPARE(run.lines[4],
             QByteArray("{\"kind\":\"notification\",\"title\":\"Disk\",\"body\":\"93% full\",\"priority\":4,"
                        "\"url\":\"https://nas.local/\",\"id\":\"m1\"}"));
    QVERIFY(run.lines[5].startsWith("{\"kind\":\"event\",\"type\":\"message\",\"data\":\"not json\""));
    QVERIFY2(run.lines[6].startsWith("{\"kind\":\"notification\",\"title\":\"\",\"body\":\"not json\",\"priority\":3,"),
             run.lines[6].constData());
    QVERIFY2(run.lines[6].contains("\"note\":\"the payload is not valid JSON"), run.lines[6].constData());
}

void TestListen::lines_appearWhileItRuns()
{
    // Every other test ends with herald exiting, which flushes; a person watching a live stream needs each line
    // while herald keeps running.
    TestHttpServer server;
    server.route("/events", stream("data: live\n\n", false));
    QProcess herald;
    herald.start(
        QStringLiteral(HERALD_EXECUTABLE),
        {QStringLiteral("listen"), server.url(QStringLiteral("/events")).toString(), QStringLiteral("--json")});
    QByteArray seen;
    QVERIFY(QTest::qWaitFor(
        [&] {
            seen += herald.readAllStandardOutput();
            return seen.contains("\"data\":\"live\"");
        },
        10000));
    QCOMPARE(herald.state(), QProcess::Running);
    herald.kill();
    herald.waitForFinished();
}

void TestListen::usageErrors_exitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no url") << QStringList{QStringLiteral("listen")} << QByteArray("give the URL");
    QTest::newRow("two urls") << QStringList{QStringLiteral("listen"), QStringLiteral("http://a/"),
                                             QStringLiteral("http://b/")}
                              << QByteArray("exactly one URL");
    QTest::newRow("header with a line break")
        << QStringList{QStringLiteral("listen"), QStringLiteral("http://a/"), QStringLiteral("-H"),
                       QStringLiteral("X-A: 1\r\nX-Injected: yes")}
        << QByteArray("has a line break or NUL in its value");
    QTest::newRow("header file missing") << QStringList{QStringLiteral("listen"), QStringLiteral("http://a/"),
                                                        QStringLiteral("-H"), QStringLiteral("@/nonexistent/h")}
                                         << QByteArray("-H @/nonexistent/h: cannot read the file");
    QTest::newRow("header variable missing")
        << QStringList{QStringLiteral("listen"), QStringLiteral("http://a/"), QStringLiteral("-H"),
                       QStringLiteral("@env:HERALD_NO_SUCH_VARIABLE")}
        << QByteArray("no such environment variable");
    QTest::newRow("bad method") << QStringList{QStringLiteral("listen"), QStringLiteral("http://a/"),
                                               QStringLiteral("-X"), QStringLiteral("PO ST")}
                                << QByteArray("takes an HTTP method");
    QTest::newRow("body file missing") << QStringList{QStringLiteral("listen"), QStringLiteral("http://a/"),
                                                      QStringLiteral("-d"), QStringLiteral("@/nonexistent/body.json")}
                                       << QByteArray("cannot read /nonexistent/body.json");
    QTest::newRow("ftp") << QStringList{QStringLiteral("listen"), QStringLiteral("ftp://example.org/x")}
                         << QByteArray("'ftp://example.org/x' is not an http, https, ws or wss URL");
    // Checked before the protocol options, which would only say that --topic needs --protocol mqtt.
    QTest::newRow("mqtt over tcp") << QStringList{QStringLiteral("listen"), QStringLiteral("mqtt://broker.lan:1883"),
                                                  QStringLiteral("--topic"), QStringLiteral("home/#")}
                                   << QByteArray("Herald speaks MQTT over WebSocket: give the broker's WebSocket "
                                                 "listener with --protocol mqtt, such as ws://broker.lan:9001/");
    QTest::newRow("mqtts, send") << QStringList{QStringLiteral("send"), QStringLiteral("mqtts://broker.lan"),
                                                QStringLiteral("on"),   QStringLiteral("--protocol"),
                                                QStringLiteral("mqtt"), QStringLiteral("--topic"),
                                                QStringLiteral("lamp")}
                                 << QByteArray("such as wss://broker.lan:8081/");
    QTest::newRow("socketio, ftp") << QStringList{QStringLiteral("listen"), QStringLiteral("ftp://example.org/"),
                                                  QStringLiteral("--protocol"), QStringLiteral("socketio")}
                                   << QByteArray("is not an http, https, ws or wss URL");
    QTest::newRow("bad header") << QStringList{QStringLiteral("listen"), QStringLiteral("http://a/"),
                                               QStringLiteral("-H"), QStringLiteral("novalue")}
                                << QByteArray("-H needs \"Name: value\"");
    QTest::newRow("bad count") << QStringList{QStringLiteral("listen"), QStringLiteral("http://a/"),
                                              QStringLiteral("--count"), QStringLiteral("ten")}
                               << QByteArray("--count needs a positive whole number");
    QTest::newRow("bad timeout") << QStringList{QStringLiteral("listen"), QStringLiteral("http://a/"),
                                                QStringLiteral("--timeout"), QStringLiteral("-1")}
                                 << QByteArray("--timeout needs a positive number");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("listen"), QStringLiteral("http://a/"),
                                                   QStringLiteral("--bogus")}
                                    << QByteArray("herald listen: unknown option --bogus\n");
    QTest::newRow("unknown short option")
        << QStringList{QStringLiteral("listen"), QStringLiteral("http://a/"), QStringLiteral("-Z")}
        << QByteArray("herald listen: unknown option -Z\n");
    QTest::newRow("missing value") << QStringList{QStringLiteral("listen"), QStringLiteral("http://a/"),
                                                  QStringLiteral("--count")}
                                   << QByteArray("herald listen: missing value after --count\n");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("lisen")} << QByteArray("unknown command");
    QTest::newRow("--show without a window")
        << QStringList{QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("--show")}
        << QByteArray("herald: missing value after --show\n");
    // Qt's own options start the tray app, as in any Qt program, rather than being refused as commands.
    QTest::newRow("Qt's -platform") << QStringList{QStringLiteral("-platform"), QStringLiteral("offscreen"),
                                                   QStringLiteral("--show"), QStringLiteral("nonsense")}
                                    << QByteArray("--show opens one of");
    QTest::newRow("last-event-id on ws") << QStringList{QStringLiteral("listen"), QStringLiteral("ws://a/"),
                                                        QStringLiteral("--last-event-id"), QStringLiteral("3")}
                                         << QByteArray("--last-event-id applies to Server-Sent Events");
    QTest::newRow("subprotocol on http") << QStringList{QStringLiteral("listen"), QStringLiteral("http://a/"),
                                                        QStringLiteral("--subprotocol"), QStringLiteral("x")}
                                         << QByteArray("--subprotocol applies to WebSocket");
    QTest::newRow("unknown preset") << QStringList{QStringLiteral("listen"), QStringLiteral("http://a/"),
                                                   QStringLiteral("--preset"), QStringLiteral("slack")}
                                    << QByteArray("--preset is one of auto, raw, json, ntfy, gotify, mercure");
    QTest::newRow("send without message")
        << QStringList{QStringLiteral("send"), QStringLiteral("ws://a/")} << QByteArray("give a URL and a message");
}

void TestListen::usageErrors_exitTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    const Run run = runHerald(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.stderrText.contains(message), run.stderrText.constData());
    QVERIFY(run.lines.isEmpty());
}

void TestListen::connect_sendsWhatIsTypedAndPrintsWhatArrives()
{
    TestWebSocketServer server;
    QVERIFY(server.listen());
    connect(&server, &TestWebSocketServer::newPeer, this,
            [](TestWebSocketPeer *peer) { peer->sendText(QStringLiteral("welcome")); });
    const Run run = runHerald({QStringLiteral("connect"), server.url().toString()}, {}, "first line\nsecond line\n");
    QCOMPARE(run.exitCode, 0); // the end of input closed it normally
    QTRY_COMPARE(server.texts(), (QStringList{QStringLiteral("first line"), QStringLiteral("second line")}));
    QVERIFY2(run.lines.isEmpty() || run.lines == QList<QByteArray>{"welcome"}, run.lines.join('|').constData());
}

void TestListen::connect_keepsLinesTypedBeforeTheServerIsUp()
{
    // All of the input has ended long before the first connection opens: the lines wait for it, and the
    // handshake's own writes must not end the command before they went out.
    const quint16 port = portNobodyListensOn();
    QVERIFY(port != 0);
    TestWebSocketServer server;
    // The server is the timer's context: if herald ends first, the timer goes with the server.
    QTimer::singleShot(300, &server, [&] { QVERIFY(server.listen(port)); });
    const Run run = runHerald({QStringLiteral("connect"), QStringLiteral("ws://127.0.0.1:%1/").arg(port)}, {},
                              "typed early\nand this\n");
    QVERIFY2(server.isListening(), "the port was taken in between; run again");
    QCOMPARE(run.exitCode, 0);
    QTRY_COMPARE(server.texts(), (QStringList{QStringLiteral("typed early"), QStringLiteral("and this")}));
}

void TestListen::connect_saysWhatANeverOpenedConnectionDidNotSend()
{
    // Nothing listens: lines wait for the connection, and input is read no further once a few hundred wait, so no
    // line is ever refused; at the end every line that never went out is counted, and the unread rest is mentioned.
    const quint16 port = portNobodyListensOn();
    QVERIFY(port != 0);
    QByteArray lines;
    for (int i = 0; i < 3000; ++i) {
        lines += "line " + QByteArray::number(i) + '\n';
    }
    const Run run = runHerald({QStringLiteral("connect"), QStringLiteral("ws://127.0.0.1:%1/").arg(port),
                               QStringLiteral("--timeout"), QStringLiteral("2")},
                              {}, lines);
    QVERIFY2(!run.stderrText.contains("already waiting"), run.stderrText.right(600).constData());
    QVERIFY2(run.stderrText.contains("herald connect: nothing arrived within 2 s"),
             run.stderrText.right(600).constData());
    const QRegularExpression unsent(QStringLiteral("herald connect: (\\d+) typed line\\(s\\) were not sent: the "
                                                   "command ended before the server took them, and the input after "
                                                   "them was not read"));
    const QRegularExpressionMatch said = unsent.match(QString::fromUtf8(run.stderrText));
    QVERIFY2(said.hasMatch(), run.stderrText.right(600).constData());
    // What was read and kept: the client's share and the reader's, both bounded far below the input.
    QVERIFY2(said.captured(1).toInt() >= 256 && said.captured(1).toInt() <= 1024, qPrintable(said.captured(1)));
}

void TestListen::connect_sendsEveryLineOfAnInputLargerThanEveryQueue()
{
    // 20,000 lines arrive at once, while the connection is still opening: more than the client's queue (1,000)
    // holds. Reading pauses while they wait and goes on as they are sent: every line arrives, in order, none is
    // refused, and the end of the input then closes normally, after the server's answer to the last line.
    TestWebSocketServer server;
    server.setEcho(true);
    QVERIFY(server.listen());
    constexpr int kLines = 20000;
    QByteArray lines;
    QStringList expected;
    for (int i = 0; i < kLines; ++i) {
        expected.append(QStringLiteral("event %1").arg(i));
        lines += expected.last().toUtf8() + '\n';
    }
    const Run run =
        runHerald({QStringLiteral("connect"), server.url().toString(), QStringLiteral("--payloads")}, {}, lines);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(!run.stderrText.contains("not sent"), run.stderrText.right(600).constData());
    QTRY_COMPARE(server.texts().size(), kLines);
    QCOMPARE(server.texts(), expected);
    // Every echo was printed, the last ones while the connection closed.
    QCOMPARE(run.lines.size(), kLines);
    QCOMPARE(run.lines.last(), expected.last().toUtf8());
}

void TestListen::connect_skipsALineTooLongToHoldAndSaysSo()
{
    TestWebSocketServer server;
    QVERIFY(server.listen());
    constexpr qsizetype kMaxLineBytes = 16 * 1024 * 1024; // StdinLines::kMaxLineBytes
    const QByteArray huge(kMaxLineBytes + 100, 'x');
    const Run run =
        runHerald({QStringLiteral("connect"), server.url().toString()}, {}, "before\n" + huge + "\nafter\n");
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.stderrText.contains(QStringLiteral("herald connect: line 2 was not sent: its %1 bytes are more than "
                                                    "the 16 MiB a line may hold; the lines after it go on")
                                         .arg(huge.size())
                                         .toUtf8()),
             run.stderrText.right(600).constData());
    QTRY_COMPARE(server.texts(), (QStringList{QStringLiteral("before"), QStringLiteral("after")}));
}

void TestListen::connect_postsLinesOnAnSseFeed()
{
    TestHttpServer server;
    server.route("/events", stream("data: hi\n\n", false));
    server.route("/publish",
                 [](const HttpRequest &, QTcpSocket *socket) { TestHttpServer::respond(socket, 200, "ok"); });
    const Run run = runHerald({QStringLiteral("connect"), server.url(QStringLiteral("/events")).toString(),
                               QStringLiteral("--publish-url"), server.url(QStringLiteral("/publish")).toString()},
                              {}, "deploy done\nall green\n");
    QCOMPARE(run.exitCode, 0);
    const auto posts = server.requests("/publish");
    QCOMPARE(posts.size(), 2);
    QCOMPARE(posts.at(0).body, QByteArray("deploy done"));
    QCOMPARE(posts.at(1).body, QByteArray("all green"));
    // Lines wait for the one before them: a server that never answers keeps a bounded number, and says so.
    TestHttpServer silent;
    silent.route("/events", stream("data: hi\n\n", false));
    silent.route("/publish", [](const HttpRequest &, QTcpSocket *) {});
    QByteArray many;
    for (int i = 0; i < 10005; ++i) {
        many += "line " + QByteArray::number(i) + '\n';
    }
    const Run waiting = runHerald({QStringLiteral("connect"), silent.url(QStringLiteral("/events")).toString(),
                                   QStringLiteral("--publish-url"), silent.url(QStringLiteral("/publish")).toString(),
                                   QStringLiteral("--timeout"), QStringLiteral("3")},
                                  {}, many);
    QCOMPARE(silent.requests("/publish").size(), 1);
    // Input is read no further while lines wait: none is refused, and at the end the ones read and not sent are
    // counted (the first is still in flight), with the unread rest mentioned.
    QVERIFY2(!waiting.stderrText.contains("already wait"), waiting.stderrText.right(400).constData());
    QVERIFY2(waiting.stderrText.contains("typed line(s) were not sent: the command ended before the server took "
                                         "them, and the input after them was not read"),
             waiting.stderrText.right(400).constData());
    // More lines than may wait at once (256) all go out in order once the server answers each. (One POST at a time
    // is slow under Wine: a few hundred, and time for them.)
    constexpr int kPosts = 400;
    QByteArray manyPosts;
    for (int i = 0; i < kPosts; ++i) {
        manyPosts += "post " + QByteArray::number(i) + '\n';
    }
    const Run posted = runHerald({QStringLiteral("connect"), server.url(QStringLiteral("/events")).toString(),
                                  QStringLiteral("--publish-url"), server.url(QStringLiteral("/publish")).toString()},
                                 {}, manyPosts, 90000);
    QCOMPARE(posted.exitCode, 0);
    const auto all = server.requests("/publish");
    QCOMPARE(all.size(), 2 + kPosts);
    for (int i = 0; i < kPosts; ++i) {
        QCOMPARE(all.at(2 + i).body, "post " + QByteArray::number(i));
    }
    // Without a publish URL an SSE stream cannot take input: said, exit 2.
    const Run refused = runHerald({QStringLiteral("connect"), server.url(QStringLiteral("/events")).toString()});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY(refused.stderrText.contains("--publish-url"));
}

void TestListen::help_namesTheVerb_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("usage");
    QTest::newRow("listen --help") << QStringList{"listen", "--help"}
                                   << QByteArray("Usage: herald listen [options] URL");
    QTest::newRow("help listen") << QStringList{"help", "listen"} << QByteArray("Usage: herald listen [options] URL");
    QTest::newRow("send --help") << QStringList{"send", "--help"}
                                 << QByteArray("Usage: herald send [options] URL MESSAGE");
    QTest::newRow("run --help") << QStringList{"run", "--help"} << QByteArray("Usage: herald run [options]");
    QTest::newRow("history --help") << QStringList{"history", "--help"}
                                    << QByteArray("Usage: herald history [options]");
    QTest::newRow("feeds add --help") << QStringList{"feeds", "add", "--help"}
                                      << QByteArray("Usage: herald feeds add [options] [NAME] URL");
    QTest::newRow("help feeds add") << QStringList{"help", "feeds", "add"}
                                    << QByteArray("Usage: herald feeds add [options] [NAME] URL");
    QTest::newRow("feeds mute --help") << QStringList{"feeds", "mute", "--help"}
                                       << QByteArray("Usage: herald feeds mute [options] NAME");
}

void TestListen::help_namesTheVerb()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, usage);
    const Run run = runHerald(arguments);
    QCOMPARE(run.exitCode, 0);
    QVERIFY(!run.lines.isEmpty());
    QCOMPARE(run.lines.first(), usage);
    // The general help names every feeds command.
    const Run general = runHerald({QStringLiteral("help")});
    QVERIFY(general.lines.join('\n').contains("mute|unmute|path"));
}

QTEST_GUILESS_MAIN(TestListen)
void TestListen::firstConnection_mistakesEndAtOnce_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>(
        "server"); // what listens on the port: "plain", "tls" or "none" (a name that never resolves)
    QTest::addColumn<QString>("advice");
    QTest::newRow("name does not resolve") << "http"
                                           << "none"
                                           << "check the host name in the URL";
    QTest::newRow("ws name does not resolve") << "ws"
                                              << "none"
                                              << "check the host name in the URL";
    QTest::newRow("https to a plain port") << "https"
                                           << "plain"
                                           << "if it serves plain HTTP, use http://127.0.0.1";
    QTest::newRow("wss to a plain port") << "wss"
                                         << "plain"
                                         << "if it serves plain HTTP, use ws://127.0.0.1";
    // Windows' Schannel only sees such a port close the connection: the port is asked in plain HTTP.
    QTest::newRow("https to a plain port that hangs up on TLS") << "https"
                                                                << "plain, silent to TLS"
                                                                << "if it serves plain HTTP, use http://127.0.0.1";
    QTest::newRow("wss to a plain port that hangs up on TLS") << "wss"
                                                              << "plain, silent to TLS"
                                                              << "if it serves plain HTTP, use ws://127.0.0.1";
    QTest::newRow("http to a TLS port") << "http"
                                        << "tls"
                                        << "the port speaks TLS: use https://127.0.0.1";
    QTest::newRow("ws to a TLS port") << "ws"
                                      << "tls"
                                      << "the port speaks TLS: use wss://127.0.0.1";
}

void TestListen::firstConnection_mistakesEndAtOnce()
{
    // curl and websocat stop at once on these; retrying for ever would only hide the mistake.
    QFETCH(QString, scheme);
    QFETCH(QString, server);
    QFETCH(QString, advice);
    if (server == QLatin1String("tls") && herald::test::PeerLauncher::underWine()) {
        QSKIP("Wine's Schannel cannot load a test server's certificate and key (\"Failed to load certificate "
              "chain\"), so no TLS server runs in a test under Wine");
    }
    QTemporaryDir dir;
    QString error;
    const auto made = herald::test::makeSelfSignedCertificate(dir, QStringLiteral("IP:127.0.0.1"), &error);
    QVERIFY2(made, qPrintable(error));
    QSslServer tls;
    QTcpServer plain;
    quint16 port = 0;
    if (server == QLatin1String("tls")) {
        tls.setSslConfiguration(made->serverConfiguration());
        QVERIFY(tls.listen(QHostAddress::LocalHost, 0));
        port = tls.serverPort();
    } else if (server.startsWith(QLatin1String("plain"))) {
        // What an HTTP server says to a TLS hello: 400 in plain text; or, from some, nothing before it hangs up.
        const bool silentToTls = server.endsWith(QLatin1String("silent to TLS"));
        QVERIFY(plain.listen(QHostAddress::LocalHost, 0));
        port = plain.serverPort();
        connect(&plain, &QTcpServer::newConnection, this, [&plain, silentToTls] {
            QTcpSocket *socket = plain.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket, silentToTls] {
                const QByteArray bytes = socket->readAll();
                if (!(silentToTls && bytes.startsWith('\x16'))) { // 0x16: a TLS handshake record
                    socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                }
                socket->disconnectFromHost();
            });
        });
    }
    const QString host = server == QLatin1String("none") ? QStringLiteral("no-such-host.invalid")
                                                         : QStringLiteral("127.0.0.1:%1").arg(port);
    const QString url = QStringLiteral("%1://%2/events").arg(scheme, host);
    const Run run = runHerald({QStringLiteral("listen"), url, QStringLiteral("--timeout"), QStringLiteral("60")});
    QCOMPARE(run.exitCode, 1); // not 3: it did not wait for the timeout
    QVERIFY2(run.stderrText.contains(advice.toUtf8()), run.stderrText.constData());
    QVERIFY2(run.stderrText.count("herald listen:") == 1, run.stderrText.constData());
}

void TestListen::firstConnection_refusedIsRetried()
{
    // Nothing listens yet: the server may be starting, so it is tried again, as a feed is.
    QTcpServer reserve;
    QVERIFY(reserve.listen(QHostAddress::LocalHost, 0));
    const quint16 port = reserve.serverPort();
    reserve.close();
    const Run run = runHerald({QStringLiteral("listen"), QStringLiteral("http://127.0.0.1:%1/events").arg(port),
                               QStringLiteral("--json"), QStringLiteral("--timeout"), QStringLiteral("4")});
    QCOMPARE(run.exitCode, 3); // nothing arrived within the timeout
    QVERIFY(run.lines.size() >= 2);
    QVERIFY2(run.lines.at(1).contains("\"state\":\"reconnecting\""), run.lines.at(1).constData());

    // With stdin at /dev/null, as from a service manager, events come in the order where a refused attempt has
    // failed but not yet finished when it is dropped: it must be dropped once, without Qt's network stack
    // complaining that it was ended twice.
    QProcess quiet;
    quiet.setStandardInputFile(QProcess::nullDevice());
    quiet.start(QStringLiteral(HERALD_EXECUTABLE),
                {QStringLiteral("listen"), QStringLiteral("http://127.0.0.1:%1/events").arg(port),
                 QStringLiteral("--json"), QStringLiteral("--timeout"), QStringLiteral("4")});
    QVERIFY(quiet.waitForFinished(20000));
    QCOMPARE(quiet.exitCode(), 3);
    const QByteArray stderrText = quiet.readAllStandardError();
    QVERIFY2(!stderrText.contains("QNetworkReply"), stderrText.constData());
}

void TestListen::readerOfStdoutGone_ends_data()
{
    QTest::addColumn<bool>("quiet");
    QTest::newRow("a quiet stream") << true; // nothing more is written: found by looking
    QTest::newRow("a busy stream") << false; // the next write fails
}

void TestListen::readerOfStdoutGone_ends()
{
#ifdef Q_OS_WIN
    QSKIP("a pipe whose reader is gone is found by poll()");
#else
    // `herald listen URL --payloads | head -1`: once head has its line and leaves, herald ends as well.
    QFETCH(bool, quiet);
    TestHttpServer server;
    QTimer more;
    QList<QPointer<QTcpSocket>> streams;
    server.route("/events", [&](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket, "text/event-stream", false);
        TestHttpServer::send(socket, "data: first\n\n");
        streams.append(socket);
    });
    connect(&more, &QTimer::timeout, this, [&] {
        for (const auto &socket : std::as_const(streams)) {
            if (socket) {
                TestHttpServer::send(socket, "data: more\n\n");
            }
        }
    });
    if (!quiet) {
        more.start(50);
    }
    // A real pipe to a real head: the shell ends when both have, with herald's own status.
    QProcess pipeline;
    pipeline.start(QStringLiteral("bash"),
                   {QStringLiteral("-c"),
                    QStringLiteral("'%1' listen '%2' --payloads | head -1; exit ${PIPESTATUS[0]}")
                        .arg(QStringLiteral(HERALD_EXECUTABLE), server.url(QStringLiteral("/events")).toString())});
    QVERIFY(pipeline.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(pipeline.canReadLine(), 10000);
    QCOMPARE(pipeline.readLine(), QByteArray("first\n"));
    // On a busy stream it may have ended already, while the line was awaited (waitForFinished() is false then).
    QVERIFY2(pipeline.state() == QProcess::NotRunning || pipeline.waitForFinished(10000),
             "herald kept running with nobody reading its output");
    QCOMPARE(pipeline.exitStatus(), QProcess::NormalExit);
    QCOMPARE(pipeline.exitCode(), 0);
#endif
}

void TestListen::signal_leavesWithACloseFrame()
{
#ifndef Q_OS_UNIX
    QSKIP("QProcess::terminate() sends no console event on Windows");
#endif
    TestWebSocketServer server;
    QVERIFY(server.listen());
    QPointer<TestWebSocketPeer> peer;
    connect(&server, &TestWebSocketServer::newPeer, this, [&](TestWebSocketPeer *newPeer) {
        peer = newPeer;
        peer->sendText(QStringLiteral("hello"));
    });
    QProcess herald;
    herald.start(QStringLiteral(HERALD_EXECUTABLE), {QStringLiteral("listen"), server.url().toString()});
    QByteArray printed;
    QTRY_VERIFY((printed += herald.readAllStandardOutput()).contains("hello")); // open, and reading
    QVERIFY(peer);
    QSignalSpy gone(peer.data(), &TestWebSocketPeer::disconnected);
    herald.terminate(); // SIGTERM, as Ctrl+C's SIGINT
    QVERIFY(herald.waitForFinished(5000));
    QCOMPARE(herald.exitCode(), 130);
    QTRY_COMPARE(gone.count(), 1);
    // A close frame came: 1000; a dropped connection would be 1006.
    QCOMPARE(peer->closeCode(), 1000);
}

void TestListen::clientCertificatePassword_isNamedAndFailsWithOne()
{
    QTemporaryDir dir;
    QString error;
    const auto certificate = herald::test::makeSelfSignedCertificate(dir, QStringLiteral("DNS:client"), &error);
    QVERIFY2(certificate, qPrintable(error));
    const QString p12 = dir.filePath(QStringLiteral("client.p12"));
    QVERIFY2(herald::test::runOpenssl({QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-in"),
                                       certificate->certificatePath, QStringLiteral("-inkey"), certificate->keyPath,
                                       QStringLiteral("-out"), p12, QStringLiteral("-passout"),
                                       QStringLiteral("pass:right")},
                                      &error),
             qPrintable(error));
    const QStringList arguments{QStringLiteral("listen"), QStringLiteral("https://127.0.0.1:9/events"),
                                QStringLiteral("--client-cert"), p12};

    // A password that does not open the file is no usage error: it fails (1), naming where the password came from.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HERALD_CLIENT_CERT_PASSWORD"), QStringLiteral("wrong"));
    Run run = runHerald(arguments, environment);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.stderrText.contains("the password in HERALD_CLIENT_CERT_PASSWORD"), run.stderrText.constData());
    QVERIFY(!run.stderrText.contains("keychain"));

    environment.remove(QStringLiteral("HERALD_CLIENT_CERT_PASSWORD"));
    run = runHerald(arguments, environment);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.stderrText.contains("set HERALD_CLIENT_CERT_PASSWORD to its password"), run.stderrText.constData());

    // A file that is not there is a mistake in the command: a usage error (2).
    run = runHerald({QStringLiteral("listen"), QStringLiteral("https://127.0.0.1:9/events"),
                     QStringLiteral("--client-cert"), dir.filePath(QStringLiteral("missing.p12"))});
    QCOMPARE(run.exitCode, 2);
}

#include "tst_listen.moc"
