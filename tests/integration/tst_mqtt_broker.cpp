// MQTT over WebSocket as a user runs it with the real herald, against Debian's mosquitto broker: topics as message
// types, retained messages, QoS 1 both ways, a persistent session that keeps what was published while Herald was
// away, a broker restart, MQTT 5, credentials, and a feed in the configuration file.
#include "HeraldProcess.h"
#include "MosquittoBroker.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using herald::test::HeraldRun;
using herald::test::MosquittoBroker;
using herald::test::runHerald;

namespace {

// A herald command left running, its output gathered line by line.
class RunningHerald
{
public:
    explicit RunningHerald(const QStringList &arguments, const QProcessEnvironment &environment = {})
    {
        if (!environment.isEmpty()) {
            m_process.setProcessEnvironment(environment);
        }
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, [this] {
            while (m_process.canReadLine()) {
                m_lines.append(m_process.readLine().trimmed());
            }
        });
        m_process.start(QStringLiteral(HERALD_EXECUTABLE), arguments);
    }
    ~RunningHerald()
    {
        m_process.kill();
        m_process.waitForFinished();
    }
    // Waits until a line holds text; false after timeoutMs.
    bool waitFor(const QByteArray &text, int timeoutMs = 10000)
    {
        for (QElapsedTimer timer; !timer.isValid() || timer.elapsed() < timeoutMs;) {
            if (!timer.isValid()) {
                timer.start();
            }
            for (const QByteArray &line : std::as_const(m_lines)) {
                if (line.contains(text)) {
                    return true;
                }
            }
            if (m_process.state() == QProcess::NotRunning) {
                return false;
            }
            QTest::qWait(20);
        }
        return false;
    }
    // Waits for the command to end by itself; its exit code, or -1 when it did not.
    int exitCode(int timeoutMs = 10000)
    {
        for (QElapsedTimer timer; m_process.state() != QProcess::NotRunning;) {
            if (!timer.isValid()) {
                timer.start();
            } else if (timer.elapsed() > timeoutMs) {
                return -1;
            }
            QTest::qWait(20);
        }
        m_lines += m_process.readAllStandardOutput().split('\n');
        m_lines.removeAll(QByteArray());
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    QList<QByteArray> lines() const { return m_lines; }
    QByteArray errors() { return m_process.readAllStandardError(); }
    QProcess &process() { return m_process; }

private:
    QProcess m_process;
    QList<QByteArray> m_lines;
};

QProcessEnvironment withSecret(const QString &secret)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HERALD_SECRET"), secret);
    return environment;
}

QString field(const QByteArray &jsonLine, const char *name)
{
    return QJsonDocument::fromJson(jsonLine).object().value(QLatin1String(name)).toVariant().toString();
}

} // namespace

class TestMqttBroker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listen_topicsAreTypesAndRetainedIsMarked();
    void send_qos1_exitsZeroOnceTheBrokerHasIt();
    void qos1_publishedWhileAway_arrivesOnReturn();
    void brokerRestart_reconnectsAndKeepsTheSession();
    void mqtt5_listenAndSend();
    void credentials_rightOnesConnectWrongOnesAreNotRetried();
    void connect_publishesWhatIsTyped();
    void feed_fromTheConfigFile_notifiesEachMessage();
    void usageErrors();

private:
    MosquittoBroker m_broker;
};

void TestMqttBroker::initTestCase()
{
    QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
}

void TestMqttBroker::listen_topicsAreTypesAndRetainedIsMarked()
{
    QCOMPARE(runHerald({QStringLiteral("send"), m_broker.url(), QStringLiteral("on"), QStringLiteral("--protocol=mqtt"),
                        QStringLiteral("--topic=home/lamp"), QStringLiteral("--retain"), QStringLiteral("--qos=1")})
                 .exitCode,
             0);
    RunningHerald listen({QStringLiteral("listen"), m_broker.url(), QStringLiteral("--protocol=mqtt"),
                          QStringLiteral("--topic=home/#"), QStringLiteral("--topic=alerts"), QStringLiteral("--qos=1"),
                          QStringLiteral("--json"), QStringLiteral("--count=3")});
    QVERIFY(listen.waitFor(R"("state":"ready")"));
    QVERIFY(listen.waitFor(R"("retained":true)"));
    QCOMPARE(runHerald({QStringLiteral("send"), m_broker.url(), QStringLiteral("21.5"),
                        QStringLiteral("--protocol=mqtt"), QStringLiteral("--topic=home/kitchen/temp")})
                 .exitCode,
             0);
    QCOMPARE(runHerald({QStringLiteral("send"), m_broker.url(), QStringLiteral("{\"level\":\"high\"}"),
                        QStringLiteral("--protocol=mqtt"), QStringLiteral("--topic=alerts"), QStringLiteral("--qos=1")})
                 .exitCode,
             0);
    QCOMPARE(listen.exitCode(), 0);
    const QList<QByteArray> lines = listen.lines();
    QCOMPARE(lines.value(0), QByteArray(R"({"kind":"state","state":"connecting"})"));
    QCOMPARE(lines.value(1), QByteArray(R"({"kind":"state","state":"open","status":101,"subprotocol":"mqtt"})"));
    QCOMPARE(field(lines.value(2), "protocol"), QStringLiteral("mqtt"));
    QVERIFY2(field(lines.value(2), "detail").endsWith(QStringLiteral("subscribed to home/#, alerts at QoS 1")),
             lines.value(2).constData());
    const QList<QByteArray> expected{
        R"({"kind":"message","type":"home/lamp","text":"on","retained":true})",
        R"({"kind":"message","type":"home/kitchen/temp","text":"21.5"})",
        R"({"kind":"message","type":"alerts","text":"{\"level\":\"high\"}"})",
    };
    QVERIFY2(lines.mid(3) == expected, lines.join('\n').constData());
    // The QoS 1 message was acknowledged, the broker says, and no protocol packet became a message.
    QVERIFY(m_broker.log().contains(QStringLiteral("Received PUBACK from herald-")));
}

void TestMqttBroker::send_qos1_exitsZeroOnceTheBrokerHasIt()
{
    const HeraldRun sent =
        runHerald({QStringLiteral("send"), m_broker.url(), QStringLiteral("deployed"),
                   QStringLiteral("--protocol=mqtt"), QStringLiteral("--topic=ci/status"), QStringLiteral("--qos=1")});
    QCOMPARE(sent.exitCode, 0);
    QVERIFY(m_broker.log().contains(QStringLiteral("'ci/status', ... (8 bytes)")));
    QVERIFY(m_broker.log().contains(QStringLiteral("Sending PUBACK to herald-")));

    // Nothing to publish to: said before connecting.
    const HeraldRun noTopic =
        runHerald({QStringLiteral("send"), m_broker.url(), QStringLiteral("x"), QStringLiteral("--protocol=mqtt")});
    QCOMPARE(noTopic.exitCode, 2);
    QVERIFY2(noTopic.stderrText.contains("--topic"), noTopic.stderrText.constData());
}

void TestMqttBroker::qos1_publishedWhileAway_arrivesOnReturn()
{
    const QStringList listen{QStringLiteral("listen"),          m_broker.url(),
                             QStringLiteral("--protocol=mqtt"), QStringLiteral("--topic=jobs/#"),
                             QStringLiteral("--qos=1"),         QStringLiteral("--client-id=herald-test-away"),
                             QStringLiteral("--json")};
    {
        RunningHerald first(listen);
        QVERIFY(first.waitFor(R"("state":"ready")"));
        QVERIFY(first.waitFor("new session"));
    } // killed: away
    QCOMPARE(
        runHerald({QStringLiteral("send"), m_broker.url(), QStringLiteral("built while away"),
                   QStringLiteral("--protocol=mqtt"), QStringLiteral("--topic=jobs/42"), QStringLiteral("--qos=1")})
            .exitCode,
        0);
    QCOMPARE(runHerald({QStringLiteral("send"), m_broker.url(), QStringLiteral("at QoS 0: not kept"),
                        QStringLiteral("--protocol=mqtt"), QStringLiteral("--topic=jobs/43")})
                 .exitCode,
             0);
    // Back: the broker hands over what it kept as soon as the session resumes (before the SUBACK, as MQTT allows).
    RunningHerald back(listen);
    QVERIFY(back.waitFor(R"({"kind":"message","type":"jobs/42","text":"built while away"})"));
    QVERIFY(back.waitFor("client herald-test-away, session resumed"));
    QTest::qWait(200);
    QVERIFY(!back.lines().join().contains("not kept"));
}

void TestMqttBroker::brokerRestart_reconnectsAndKeepsTheSession()
{
    MosquittoBroker broker;
    QVERIFY2(broker.start(true), qPrintable(broker.error()));
    RunningHerald listen({QStringLiteral("listen"), broker.url(), QStringLiteral("--protocol=mqtt"),
                          QStringLiteral("--topic=deploys"), QStringLiteral("--qos=1"),
                          QStringLiteral("--client-id=herald-test-restart"), QStringLiteral("--payloads")});
    QTRY_VERIFY_WITH_TIMEOUT(broker.log().contains(QStringLiteral("herald-test-restart 1 deploys")), 10000);
    QCOMPARE(
        runHerald({QStringLiteral("send"), broker.url(), QStringLiteral("before the restart"),
                   QStringLiteral("--protocol=mqtt"), QStringLiteral("--topic=deploys"), QStringLiteral("--qos=1")})
            .exitCode,
        0);
    QVERIFY(listen.waitFor("before the restart"));
    broker.stop();
    QVERIFY2(broker.start(true), qPrintable(broker.error()));
    // Published before Herald is back: the restored session holds it.
    QCOMPARE(
        runHerald({QStringLiteral("send"), broker.url(), QStringLiteral("after the restart"),
                   QStringLiteral("--protocol=mqtt"), QStringLiteral("--topic=deploys"), QStringLiteral("--qos=1")})
            .exitCode,
        0);
    QVERIFY2(listen.waitFor("after the restart", 20000), listen.errors().constData());
    QCOMPARE(listen.lines().count("after the restart"), 1);
    QCOMPARE(listen.lines().count("before the restart"), 1);
}

void TestMqttBroker::mqtt5_listenAndSend()
{
    RunningHerald listen({QStringLiteral("listen"), m_broker.url(), QStringLiteral("--protocol=mqtt5"),
                          QStringLiteral("--topic=v5/+"), QStringLiteral("--qos=1"), QStringLiteral("--count=1"),
                          QStringLiteral("--json")});
    QVERIFY(listen.waitFor(R"("state":"ready")"));
    QCOMPARE(runHerald({QStringLiteral("send"), m_broker.url(), QStringLiteral("five"),
                        QStringLiteral("--protocol=mqtt5"), QStringLiteral("--topic=v5/a"), QStringLiteral("--qos=1")})
                 .exitCode,
             0);
    QCOMPARE(listen.exitCode(), 0);
    QVERIFY(field(listen.lines().value(2), "detail").startsWith(QStringLiteral("MQTT 5,")));
    QCOMPARE(listen.lines().value(3), QByteArray(R"({"kind":"message","type":"v5/a","text":"five"})"));
    QVERIFY(m_broker.log().contains(QStringLiteral("(p5, c1, k30)")));
}

void TestMqttBroker::credentials_rightOnesConnectWrongOnesAreNotRetried()
{
    MosquittoBroker broker;
    broker.addUser(QStringLiteral("ops"), QStringLiteral("s3cret pass"));
    QVERIFY2(broker.start(), qPrintable(broker.error()));
    for (const char *version : {"mqtt", "mqtt5"}) {
        const QString protocol = QStringLiteral("--protocol=") + QLatin1String(version);
        const HeraldRun refused = runHerald({QStringLiteral("listen"), broker.url(), protocol,
                                             QStringLiteral("--topic=t"), QStringLiteral("--username=ops")},
                                            withSecret(QStringLiteral("wrong")));
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.stderrText.contains("refused the connection: "), refused.stderrText.constData());
        // mosquitto says "not authorized" (3.1.1 code 5, 5's 0x87) rather than "bad user name or password".
        QVERIFY2(refused.stderrText.contains("not authorized"), refused.stderrText.constData());
        QCOMPARE(refused.stderrText.count("refused the connection"), 1); // not retried

        const HeraldRun anonymous = runHerald(
            {QStringLiteral("send"), broker.url(), QStringLiteral("x"), protocol, QStringLiteral("--topic=t")});
        QCOMPARE(anonymous.exitCode, 1);
    }
    RunningHerald listen({QStringLiteral("listen"), broker.url(), QStringLiteral("--protocol=mqtt"),
                          QStringLiteral("--topic=t"), QStringLiteral("--username=ops"), QStringLiteral("--payloads"),
                          QStringLiteral("--count=1")},
                         withSecret(QStringLiteral("s3cret pass")));
    QTRY_VERIFY_WITH_TIMEOUT(broker.log().contains(QStringLiteral("Sending SUBACK")), 10000);
    QCOMPARE(
        runHerald({QStringLiteral("send"), broker.url(), QStringLiteral("for ops only"),
                   QStringLiteral("--protocol=mqtt"), QStringLiteral("--topic=t"), QStringLiteral("--username=ops")},
                  withSecret(QStringLiteral("s3cret pass")))
            .exitCode,
        0);
    QCOMPARE(listen.exitCode(), 0);
    QCOMPARE(listen.lines(), QList<QByteArray>{"for ops only"});

    // A feed: its user and its secret go in CONNECT.
    QTemporaryDir home;
    const QProcessEnvironment environment = herald::test::isolatedEnvironment(home.filePath(QStringLiteral("config")),
                                                                              home.filePath(QStringLiteral("data")));
    QCOMPARE(
        runHerald({QStringLiteral("feeds"), QStringLiteral("add"), QStringLiteral("door"), broker.url(),
                   QStringLiteral("--protocol=mqtt"), QStringLiteral("--topic=door/#"), QStringLiteral("--user=ops"),
                   QStringLiteral("--token-stdin"), QStringLiteral("--store-token-in-config")},
                  environment, "s3cret pass\n")
            .exitCode,
        0);
    RunningHerald run({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--json")}, environment);
    QTRY_VERIFY_WITH_TIMEOUT(broker.log().contains(QStringLiteral("door/# (QoS 1)")), 10000);
    QCOMPARE(
        runHerald({QStringLiteral("send"), broker.url(), QStringLiteral("{\"title\":\"Door\",\"message\":\"opened\"}"),
                   QStringLiteral("--protocol=mqtt"), QStringLiteral("--topic=door/front"),
                   QStringLiteral("--username=ops")},
                  withSecret(QStringLiteral("s3cret pass")))
            .exitCode,
        0);
    QVERIFY2(run.waitFor(R"("title":"Door","body":"opened")"), run.errors().constData());
}

void TestMqttBroker::connect_publishesWhatIsTyped()
{
    RunningHerald watcher({QStringLiteral("listen"), m_broker.url(), QStringLiteral("--protocol=mqtt"),
                           QStringLiteral("--topic=chat/ops"), QStringLiteral("--count=2"), QStringLiteral("--json")});
    QVERIFY2(watcher.waitFor(R"("state":"ready")"), watcher.errors().constData());
    const HeraldRun typed = runHerald({QStringLiteral("connect"), m_broker.url(), QStringLiteral("--protocol=mqtt"),
                                       QStringLiteral("--topic=chat/ops"), QStringLiteral("--qos=1")},
                                      {}, "typed before the handshake\nsecond line\n");
    QCOMPARE(typed.exitCode, 0);
    QCOMPARE(watcher.exitCode(), 0);
    const QList<QByteArray> expected{R"({"kind":"message","type":"chat/ops","text":"typed before the handshake"})",
                                     R"({"kind":"message","type":"chat/ops","text":"second line"})"};
    QVERIFY2(watcher.lines().mid(3) == expected, watcher.lines().join('\n').constData());
}

void TestMqttBroker::feed_fromTheConfigFile_notifiesEachMessage()
{
    QTemporaryDir home;
    const QProcessEnvironment environment = herald::test::isolatedEnvironment(home.filePath(QStringLiteral("config")),
                                                                              home.filePath(QStringLiteral("data")));
    const HeraldRun added =
        runHerald({QStringLiteral("feeds"), QStringLiteral("add"), QStringLiteral("sensors"), m_broker.url(),
                   QStringLiteral("--protocol=mqtt"), QStringLiteral("--topic=sensors/#")},
                  environment);
    QCOMPARE(added.exitCode, 0);
    const HeraldRun shown =
        runHerald({QStringLiteral("feeds"), QStringLiteral("list"), QStringLiteral("--json")}, environment);
    QVERIFY2(shown.lines.join().contains(R"("protocol":"mqtt")"), shown.lines.join().constData());
    RunningHerald run({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--json")}, environment);
    QTRY_VERIFY_WITH_TIMEOUT(m_broker.log().contains(QStringLiteral("sensors/# (QoS 1)")), 10000);
    QCOMPARE(runHerald({QStringLiteral("send"), m_broker.url(), QStringLiteral("{\"celsius\":4}"),
                        QStringLiteral("--protocol=mqtt"), QStringLiteral("--topic=sensors/garage"),
                        QStringLiteral("--qos=1")})
                 .exitCode,
             0);
    QVERIFY2(run.waitFor("sensors/garage"), run.errors().constData());
}

void TestMqttBroker::usageErrors()
{
    const struct
    {
        QStringList arguments;
        const char *says;
    } cases[] = {
        {{QStringLiteral("listen"), m_broker.url(), QStringLiteral("--protocol=mqtt")}, "--topic"},
        {{QStringLiteral("listen"), m_broker.url(), QStringLiteral("--protocol=mqtt"), QStringLiteral("--topic=a/#/b")},
         "a/#/b"},
        {{QStringLiteral("listen"), m_broker.url(), QStringLiteral("--protocol=mqtt"), QStringLiteral("--topic=a"),
          QStringLiteral("--qos=2")},
         "--qos"},
        {{QStringLiteral("listen"), m_broker.url(), QStringLiteral("--topic=a")}, "--protocol mqtt"},
        {{QStringLiteral("send"), m_broker.url(), QStringLiteral("x"), QStringLiteral("--protocol=mqtt"),
          QStringLiteral("--topic=a/+")},
         "a/+"},
    };
    for (const auto &c : cases) {
        const HeraldRun run = runHerald(c.arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.stderrText.contains(c.says), run.stderrText.constData());
    }
}

QTEST_GUILESS_MAIN(TestMqttBroker)
#include "tst_mqtt_broker.moc"
