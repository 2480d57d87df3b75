// `herald listen` as a user runs it: the real executable against a real server on 127.0.0.1, checking the exact
// lines and exit codes of the command-line contract.
#include "TestHttpServer.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using herald::HttpRequest;
using herald::test::TestHttpServer;

namespace {

struct Run
{
    int exitCode = -1;
    QList<QByteArray> lines;
    QByteArray stderrText;
};

// Runs herald with the event loop spinning, so that the in-process server can answer.
Run runHerald(const QStringList &arguments, int timeoutMs = 20000)
{
    QProcess process;
    process.setProgram(QStringLiteral(HERALD_EXECUTABLE));
    process.setArguments(arguments);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start();
    if (!finished.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        qWarning("herald did not finish in time");
    }
    Run run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.lines = process.readAllStandardOutput().split('\n');
    if (!run.lines.isEmpty() && run.lines.last().isEmpty()) {
        run.lines.removeLast();
    }
    run.stderrText = process.readAllStandardError();
    return run;
}

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

} // namespace

class TestListen : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void json_printsContractLines();
    void json_escapesData();
    void reconnecting_isReported();
    void failedForGood_exitsOneWithReason();
    void timeoutWithNothing_exitsThree();
    void timeoutAfterEvents_exitsZero();
    void noReconnect_exitsZeroOnCleanEnd();
    void noReconnect_exitsOneOnRefusedConnection();
    void headersAndLastEventId_reachServer();
    void humanOutput_isReadable();
    void usageErrors_exitTwo_data();
    void usageErrors_exitTwo();
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
    QCOMPARE(run.lines.value(1), QByteArray(R"({"kind":"state","state":"closed","reason":"HTTP 404 Not Found: the )"
                                            R"(server has no event stream at this URL; check the feed URL"})"));
    QVERIFY2(run.stderrText.contains("HTTP 404 Not Found"), run.stderrText.constData());
    QCOMPARE(server.requests().size(), 1);
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
    QCOMPARE(run.lines.size(), 4);
    QVERIFY2(run.lines[0].endsWith("  connecting to " + server.url(QStringLiteral("/events")).toEncoded()),
             run.lines[0].constData());
    QVERIFY2(run.lines[1].endsWith("  open (HTTP 200)"), run.lines[1].constData());
    QVERIFY2(run.lines[2].endsWith("  build #3  passed"), run.lines[2].constData());
    // The second data line sits under the first.
    QCOMPARE(run.lines[3].indexOf("412"), run.lines[2].indexOf("passed"));
}

void TestListen::usageErrors_exitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no url") << QStringList{QStringLiteral("listen")} << QByteArray("give the URL");
    QTest::newRow("two urls") << QStringList{QStringLiteral("listen"), QStringLiteral("http://a/"),
                                             QStringLiteral("http://b/")}
                              << QByteArray("exactly one URL");
    QTest::newRow("ftp") << QStringList{QStringLiteral("listen"), QStringLiteral("ftp://example.org/x")}
                         << QByteArray("not an http(s) URL");
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
                                    << QByteArray("Unknown option 'bogus'");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("lisen")} << QByteArray("unknown command");
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

QTEST_GUILESS_MAIN(TestListen)
#include "tst_listen.moc"
