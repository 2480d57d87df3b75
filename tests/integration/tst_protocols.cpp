// Application protocols on WebSocket, as a user runs them with the real herald: Socket.IO against the socket.io
// package from npm, and on-open messages against a ws server that closes clients which do not subscribe.
#include "HeraldProcess.h"
#include "NodePeer.h"

#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTest>

using herald::test::HeraldRun;
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
    void onOpen_subscribesAfterConnecting();
    void withoutOnOpen_theServerCloses();
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
    NodePeer m_socketIo;
    NodePeer m_ws;
};

void TestProtocols::initTestCase()
{
    QVERIFY2(m_socketIo.start(QStringLiteral("socketio-server.js")), qPrintable(m_socketIo.error()));
    QVERIFY2(m_ws.start(QStringLiteral("ws-server.js")), qPrintable(m_ws.error()));
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
        R"({"kind":"state","state":"ready","protocol":"socketio"})",
        R"({"kind":"message","type":"welcome","text":"{\"text\":\"hello from socket.io\"}"})",
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
                   QStringLiteral("--data"), QStringLiteral("--count=1")});
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
    QCOMPARE(run.exitCode, 0);
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

void TestProtocols::onOpen_subscribesAfterConnecting()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HERALD_SECRET"), QStringLiteral("s3cret"));
    const HeraldRun run =
        runHerald({QStringLiteral("listen"), QStringLiteral("ws://127.0.0.1:%1/ticker").arg(m_ws.port()),
                   QStringLiteral("--on-open={\"type\":\"auth\",\"token\":\"${secret}\"}"),
                   QStringLiteral("--on-open={\"type\":\"subscribe\",\"channel\":\"BTC\"}"), QStringLiteral("--data"),
                   QStringLiteral("--count=3")},
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
    };
    for (const auto &c : cases) {
        const HeraldRun run = runHerald(c.arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.stderrText.contains(c.says), run.stderrText.constData());
    }
}

QTEST_GUILESS_MAIN(TestProtocols)
#include "tst_protocols.moc"
