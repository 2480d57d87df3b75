// Application protocols on WebSocket, as a user runs them with the real herald: Socket.IO against the socket.io
// package from npm, and on-open messages against a ws server that closes clients which do not subscribe.
#include "HeraldProcess.h"
#include "NodePeer.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using herald::test::HeraldRun;
using herald::test::isolatedEnvironment;
using herald::test::NodePeer;
using herald::test::runHerald;

class TestProtocols : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void socketIo_listen_printsEventsNotProtocolTraffic();
    void socketIo_namespaceWithAuth();
    void socketIo_refusedNamespace_exitsOneWithTheServersWords();
    void socketIo_send_emitsTheEvent();
    void socketIo_connect_emitsWhatIsTyped();
    void socketIo_connect_printsTheAnswerToEveryLineOfALargeInput();
    void onOpen_subscribesAfterConnecting();
    void withoutOnOpen_theServerCloses();
    void keepaliveAndAnswers_keepAServerWithItsOwnPingHappy();
    void graphql_listen_printsEachNextAndEndsWithTheSubscription();
    void graphql_variablesAndCount();
    void graphql_refusedSubscription_exitsOneWithTheServersWords();
    void graphql_withoutTheInitPayload_isRefused();
    void graphql_wrongToken_isSaidOnceAndNotRetried();
    void graphql_connect_runsWhatIsTypedAsAnOperation();
    void graphql_feedFromTheConfigFile_storesEachNext();
    void sockjs_listenAndSend();
    void usageErrors();

private:
    QString socketIoUrl() const { return QStringLiteral("http://127.0.0.1:%1/").arg(m_socketIo.port()); }
    // Waits for the socket.io server to print a line starting with prefix.
    bool serverSaid(const QString &prefix)
    {
        for (int i = 0; i < 100; ++i) {
            for (const QString &line : m_socketIo.output()) {
                if (line.startsWith(prefix)) {
                    return true;
                }
            }
            QTest::qWait(50);
        }
        return false;
    }
    QString graphqlUrl() const { return QStringLiteral("ws://127.0.0.1:%1/").arg(m_graphql.port()); }
    NodePeer m_socketIo;
    NodePeer m_ws;
    NodePeer m_graphql;
};

void TestProtocols::initTestCase()
{
    QVERIFY2(m_socketIo.start(QStringLiteral("socketio-server.js")), qPrintable(m_socketIo.error()));
    QVERIFY2(m_ws.start(QStringLiteral("ws-server.js")), qPrintable(m_ws.error()));
    QVERIFY2(m_graphql.start(QStringLiteral("graphql-ws-server.js")), qPrintable(m_graphql.error()));
}

void TestProtocols::graphql_listen_printsEachNextAndEndsWithTheSubscription()
{
    const HeraldRun run = runHerald({QStringLiteral("listen"), graphqlUrl(), QStringLiteral("--protocol=graphql-ws"),
                                     QStringLiteral("--subscribe=subscription { greetings }"),
                                     QStringLiteral("--auth={\"token\":\"s3cret\"}"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QList<QByteArray> expected{
        R"({"kind":"state","state":"connecting"})",
        R"({"kind":"state","state":"open","status":101,"subprotocol":"graphql-transport-ws"})",
        R"({"kind":"state","state":"ready","protocol":"graphql-ws","detail":"GraphQL subscription started"})",
        R"({"kind":"message","type":"greetings","text":"Hi"})",
        R"({"kind":"message","type":"greetings","text":"Bonjour"})",
        R"({"kind":"message","type":"greetings","text":"Hola"})",
        R"({"kind":"state","state":"closed","reason":"the GraphQL server completed the subscription"})",
    };
    QCOMPARE(run.lines, expected);
}

void TestProtocols::graphql_variablesAndCount()
{
    const HeraldRun run =
        runHerald({QStringLiteral("listen"), graphqlUrl(), QStringLiteral("--protocol=graphql-ws"),
                   QStringLiteral("--subscribe=subscription T($e: Int!) { ticks(every: $e) }"),
                   QStringLiteral("--variables={\"e\":20}"), QStringLiteral("--auth={\"token\":\"s3cret\"}"),
                   QStringLiteral("--payloads"), QStringLiteral("--count=3")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, (QList<QByteArray>{"1", "2", "3"}));
}

void TestProtocols::graphql_refusedSubscription_exitsOneWithTheServersWords()
{
    const HeraldRun run = runHerald({QStringLiteral("listen"), graphqlUrl(), QStringLiteral("--protocol=graphql-ws"),
                                     QStringLiteral("--subscribe=subscription { nope }"),
                                     QStringLiteral("--auth={\"token\":\"s3cret\"}")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.stderrText.contains("refused the subscription: Cannot query field \"nope\""),
             run.stderrText.constData());
}

void TestProtocols::graphql_withoutTheInitPayload_isRefused()
{
    const HeraldRun run =
        runHerald({QStringLiteral("listen"), graphqlUrl(), QStringLiteral("--protocol=graphql-ws"),
                   QStringLiteral("--subscribe=subscription { greetings }"), QStringLiteral("--no-reconnect")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.stderrText.contains("4403"), run.stderrText.constData());
    QVERIFY(!run.lines.contains(R"({"kind":"message","type":"greetings","text":"Hi"})"));
}

void TestProtocols::graphql_wrongToken_isSaidOnceAndNotRetried()
{
    // graphql-ws closes with 4403 on a wrong token: retrying with the same token is refused the same way, so listen
    // ends at once (it used to retry for ever at the 60 s cap), naming where the token goes.
    const HeraldRun run = runHerald({QStringLiteral("listen"), graphqlUrl(), QStringLiteral("--protocol=graphql-ws"),
                                     QStringLiteral("--subscribe=subscription { greetings }"),
                                     QStringLiteral("--auth={\"token\":\"wrong\"}"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.stderrText.contains("4403") && run.stderrText.contains("check the token in it (--auth"),
             run.stderrText.constData());
    for (const QByteArray &line : run.lines) {
        QVERIFY2(!line.contains("\"reconnecting\""), line.constData());
    }
}

void TestProtocols::graphql_connect_runsWhatIsTypedAsAnOperation()
{
    const HeraldRun run = runHerald({QStringLiteral("connect"), graphqlUrl(), QStringLiteral("--protocol=graphql-ws"),
                                     QStringLiteral("--subscribe=subscription { ticks(every: 1000) }"),
                                     QStringLiteral("--auth={\"token\":\"s3cret\"}")},
                                    {}, "mutation { say(text: \"deploy done\") }\n");
    QCOMPARE(run.exitCode, 0);
    bool said = false;
    for (int i = 0; i < 100 && !said; ++i) {
        said = m_graphql.output().contains(QStringLiteral("SAID deploy done"));
        QTest::qWait(50);
    }
    QVERIFY(said);
}

void TestProtocols::socketIo_listen_printsEventsNotProtocolTraffic()
{
    const HeraldRun run =
        runHerald({QStringLiteral("listen"), socketIoUrl(), QStringLiteral("--protocol"), QStringLiteral("socketio"),
                   QStringLiteral("--json"), QStringLiteral("--count=5")});
    QCOMPARE(run.exitCode, 0);
    const QList<QByteArray> expected{
        R"({"kind":"state","state":"connecting"})",
        R"({"kind":"state","state":"open","status":101})",
        R"({"kind":"state","state":"ready","protocol":"socketio","detail":"Socket.IO namespace /"})",
        R"({"kind":"message","type":"welcome","text":"{\"text\":\"hello from socket.io\",\"at\":1}"})",
        R"({"kind":"message","type":"tick","text":"1"})",
        R"({"kind":"message","type":"tick","text":"2"})",
        R"({"kind":"message","type":"tick","text":"3"})",
        R"({"kind":"message","type":"file","text":"YmluYXJ5IGF0dGFjaG1lbnQ="})",
    };
    QCOMPARE(run.lines.mid(0, expected.size()), expected);
    QVERIFY(serverSaid(QStringLiteral("ACKED tick"))); // the event that asked for an acknowledgement got one
}

void TestProtocols::socketIo_namespaceWithAuth()
{
    const HeraldRun run =
        runHerald({QStringLiteral("listen"), socketIoUrl(), QStringLiteral("--protocol=socketio"),
                   QStringLiteral("--namespace=/private"), QStringLiteral("--auth={\"token\":\"s3cret\"}"),
                   QStringLiteral("--payloads"), QStringLiteral("--count=1")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, QList<QByteArray>{"only for you"});
}

void TestProtocols::socketIo_refusedNamespace_exitsOneWithTheServersWords()
{
    const HeraldRun run = runHerald({QStringLiteral("listen"), socketIoUrl(), QStringLiteral("--protocol=socketio"),
                                     QStringLiteral("--namespace=/private"), QStringLiteral("--count=1")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.stderrText.contains("refused namespace /private: not authorized"), run.stderrText.constData());
    QCOMPARE(run.stderrText.count("not authorized"), 1); // said once, not retried
}

void TestProtocols::socketIo_send_emitsTheEvent()
{
    const HeraldRun run = runHerald({QStringLiteral("send"), socketIoUrl(), QStringLiteral("{\"room\":\"ops\"}"),
                                     QStringLiteral("--protocol=socketio"), QStringLiteral("--event=deploy")});
    QVERIFY2(run.exitCode == 0, run.stderrText.constData());
    QVERIFY(serverSaid(QStringLiteral(R"(GOT deploy [{"room":"ops"}])")));
}

void TestProtocols::socketIo_connect_emitsWhatIsTyped()
{
    const HeraldRun run = runHerald({QStringLiteral("connect"), socketIoUrl(), QStringLiteral("--protocol=socketio"),
                                     QStringLiteral("--event=chat"), QStringLiteral("--json")},
                                    {}, "typed before the handshake\n");
    QCOMPARE(run.exitCode, 0);
    QVERIFY(serverSaid(QStringLiteral(R"(GOT chat ["typed before the handshake"])")));
}

void TestProtocols::socketIo_connect_printsTheAnswerToEveryLineOfALargeInput()
{
    // The npm server echoes each event. Its engine drops what it has not written yet when the connection closes:
    // the close waits until the answers stop coming, so the answer to the last of 5,000 lines is printed too.
    constexpr int kLines = 5000;
    QByteArray lines;
    for (int i = 0; i < kLines; ++i) {
        lines += "line " + QByteArray::number(i) + '\n';
    }
    const HeraldRun run = runHerald({QStringLiteral("connect"), socketIoUrl(), QStringLiteral("--protocol=socketio"),
                                     QStringLiteral("--event=chat"), QStringLiteral("--json")},
                                    {}, lines);
    QCOMPARE(run.exitCode, 0);
    QList<QByteArray> echoes;
    for (const QByteArray &line : run.lines) {
        if (line.contains(R"("type":"echo")")) {
            echoes.append(line);
        }
    }
    QCOMPARE(echoes.size(), kLines);
    QVERIFY2(echoes.last().contains(R"(\"line 4999\")"), echoes.last().constData());
}

void TestProtocols::onOpen_subscribesAfterConnecting()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HERALD_SECRET"), QStringLiteral("s3cret"));
    const HeraldRun run =
        runHerald({QStringLiteral("listen"), QStringLiteral("ws://127.0.0.1:%1/ticker").arg(m_ws.port()),
                   QStringLiteral("--on-open={\"type\":\"auth\",\"token\":\"${secret}\"}"),
                   QStringLiteral("--on-open={\"type\":\"subscribe\",\"channel\":\"BTC\"}"),
                   QStringLiteral("--payloads"), QStringLiteral("--count=3")},
                  environment);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, (QList<QByteArray>{R"({"channel":"BTC","price":1})", R"({"channel":"BTC","price":2})",
                                           R"({"channel":"BTC","price":3})"}));
}

void TestProtocols::withoutOnOpen_theServerCloses()
{
    const HeraldRun run =
        runHerald({QStringLiteral("listen"), QStringLiteral("ws://127.0.0.1:%1/ticker").arg(m_ws.port()),
                   QStringLiteral("--no-reconnect"), QStringLiteral("--count=1")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.stderrText.contains("4001"), run.stderrText.constData());
}

void TestProtocols::keepaliveAndAnswers_keepAServerWithItsOwnPingHappy()
{
    const QString url = QStringLiteral("ws://127.0.0.1:%1/heartbeat").arg(m_ws.port());
    const QString answer = QString::fromUtf8(R"(--answer=\{"op":"ping","n":(\d+)\}=>{"op":"pong","n":${1}})");
    // 8 ticks take 1.6 s, past the 1.5 s the server allows a quiet client: the keepalive text is what keeps it.
    const HeraldRun run = runHerald({QStringLiteral("listen"), url, answer, QStringLiteral("--keepalive=ka"),
                                     QStringLiteral("--keepalive-interval=1"), QStringLiteral("--no-reconnect"),
                                     QStringLiteral("--payloads"), QStringLiteral("--count=8")});
    QCOMPARE(run.exitCode, 0);
    QList<QByteArray> expected;
    for (int n = 1; n <= 8; ++n) {
        expected.append("{\"tick\":" + QByteArray::number(n) + '}'); // the pings were answered, not shown
    }
    QCOMPARE(run.lines, expected);
    QVERIFY(m_ws.output().contains(QStringLiteral("KA")));

    const HeraldRun unanswered = runHerald({QStringLiteral("listen"), url, QStringLiteral("--keepalive=ka"),
                                            QStringLiteral("--no-reconnect"), QStringLiteral("--payloads")});
    QCOMPARE(unanswered.exitCode, 1);
    QVERIFY2(unanswered.stderrText.contains("4008"), unanswered.stderrText.constData());

    const HeraldRun quiet = runHerald(
        {QStringLiteral("listen"), url, answer, QStringLiteral("--no-reconnect"), QStringLiteral("--payloads")});
    QCOMPARE(quiet.exitCode, 1);
    QVERIFY2(quiet.stderrText.contains("4009"), quiet.stderrText.constData());

    const HeraldRun badPattern = runHerald({QStringLiteral("listen"), url, QStringLiteral("--answer=(unclosed=>x")});
    QCOMPARE(badPattern.exitCode, 2);
    QVERIFY2(badPattern.stderrText.contains("(unclosed"), badPattern.stderrText.constData());
}

void TestProtocols::graphql_feedFromTheConfigFile_storesEachNext()
{
    // feeds add writes the feed; herald run --headless follows it and prints each notification.
    QTemporaryDir home;
    // In the test's own folders on Windows too (it wrote to the person's AppData there, so a second run found "gql").
    const QProcessEnvironment environment =
        isolatedEnvironment(home.filePath(QStringLiteral("config")), home.filePath(QStringLiteral("data")));
    const HeraldRun added =
        runHerald({QStringLiteral("feeds"), QStringLiteral("add"), QStringLiteral("gql"), graphqlUrl(),
                   QStringLiteral("--protocol=graphql-ws"), QStringLiteral("--subscribe=subscription { greetings }"),
                   QStringLiteral("--auth-payload={\"token\":\"s3cret\"}")},
                  environment);
    QCOMPARE(added.exitCode, 0);
    QProcess run;
    run.setProcessEnvironment(environment);
    run.start(QStringLiteral(HERALD_EXECUTABLE),
              {QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--json")});
    QVERIFY(run.waitForStarted());
    QByteArray printed;
    QTRY_VERIFY_WITH_TIMEOUT((printed += run.readAllStandardOutput()).count("\n") >= 3, 10000);
    run.kill();
    run.waitForFinished();
    QVERIFY2(printed.contains("Bonjour") && printed.contains("Hola"), printed.constData());
}

void TestProtocols::sockjs_listenAndSend()
{
    NodePeer server; // the sockjs package from npm
    QVERIFY2(server.start(QStringLiteral("sockjs-server.js")), qPrintable(server.error()));
    const QString url = QStringLiteral("http://127.0.0.1:%1/echo").arg(server.port());
    const HeraldRun run = runHerald({QStringLiteral("listen"), url, QStringLiteral("--protocol=sockjs"),
                                     QStringLiteral("--payloads"), QStringLiteral("--count=2")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, (QList<QByteArray>{"welcome", R"({"title":"Build passed","n":1})"}));
    const HeraldRun sent =
        runHerald({QStringLiteral("send"), url, QStringLiteral("deploy \"now\""), QStringLiteral("--protocol=sockjs")});
    QCOMPARE(sent.exitCode, 0);
    bool got = false;
    for (int i = 0; i < 100 && !got; ++i) {
        got = server.output().contains(QStringLiteral("GOT deploy \"now\""));
        QTest::qWait(50);
    }
    QVERIFY(got);
}

void TestProtocols::usageErrors()
{
    const struct
    {
        QStringList arguments;
        const char *says;
    } cases[] = {
        {{QStringLiteral("listen"), socketIoUrl(), QStringLiteral("--protocol=mqtt5000")}, "unknown protocol"},
        {{QStringLiteral("listen"), socketIoUrl(), QStringLiteral("--protocol=socketio"), QStringLiteral("--auth=[1]")},
         "must be a JSON object"},
        {{QStringLiteral("listen"), QStringLiteral("ws://h/"), QStringLiteral("--namespace=/x")},
         "--namespace applies to --protocol socketio only"},
        {{QStringLiteral("listen"), QStringLiteral("http://h/"), QStringLiteral("--on-open=x")}, "apply to WebSocket"},
        {{QStringLiteral("send"), QStringLiteral("ws://h/"), QStringLiteral("x"), QStringLiteral("--event=e")},
         "--event applies to --protocol socketio only"},
        {{QStringLiteral("listen"), QStringLiteral("ws://h/"), QStringLiteral("--protocol=graphql-ws")},
         "needs the subscription"},
        {{QStringLiteral("listen"), QStringLiteral("ws://h/"), QStringLiteral("--subscribe=subscription { x }")},
         "--subscribe applies to --protocol graphql-ws only"},
        {{QStringLiteral("send"), QStringLiteral("ws://h/"), QStringLiteral("x"),
          QStringLiteral("--protocol=graphql-ws")},
         "herald send speaks socketio"},
    };
    for (const auto &c : cases) {
        const HeraldRun run = runHerald(c.arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.stderrText.contains(c.says), run.stderrText.constData());
    }
}

QTEST_GUILESS_MAIN(TestProtocols)
#include "tst_protocols.moc"
