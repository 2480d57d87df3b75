// `herald run --headless` against the demo server through a stop, a forced disconnect and a crash: every event ends
// up in the history exactly once, and what was missed while Herald was away is caught up (Last-Event-ID).
#include "HeraldProcess.h"
#include "PeerLauncher.h"
#include "TestCertificate.h"
#include "demo/DemoServer.h"
#include "store/ConfigStore.h"
#include "store/HistoryStore.h"

#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QSslServer>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#endif

class TestRunHeadless : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void restartAndCrash_everyEventExactlyOnce();
    void secondRun_isRefusedWhileOneRuns();
    void untrustedFeeds_areReportedOnceWithTheReason();
    void retention_appliesHeadlessToo();
    void openFileLimit_feedsPastItWaitWithAnError();

private:
    // The config herald run reads, in the test's own folders (HERALD_CONFIG_DIR too: Windows has no XDG folders).
    QString configFile() const { return m_home->filePath(QStringLiteral("config/Herald/herald.json")); }
    QProcessEnvironment isolatedEnvironment() const
    {
        return herald::test::isolatedEnvironment(m_home->filePath(QStringLiteral("config")),
                                                 m_home->filePath(QStringLiteral("data")));
    }
    // Starts herald run --headless and waits until the demo server sees it subscribed.
    bool start(QProcess &process, int subscribersBefore);
    // Stops it as the refusal of a second run advises: herald --quit (also how it stops on Windows, where a console
    // program gets no WM_CLOSE from QProcess::terminate).
    void quit(QProcess &process);
    QStringList notifiedIds(QProcess &process);
    void publish(int from, int to);

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<herald::DemoServer> m_demo;
};

void TestRunHeadless::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    m_demo = std::make_unique<herald::DemoServer>();
    m_demo->setSampleInterval(0);
    QVERIFY(m_demo->start());
    herald::FeedConfig feed;
    feed.name = QStringLiteral("demo");
    feed.url = m_demo->eventsUrl();
    feed.preset = herald::PayloadMapper::Preset::Json;
    feed.reconnectDelaySeconds = 1; // the forced disconnect below need not wait the default 3 s
    QString error;
    const herald::ConfigStore config(configFile());
    QVERIFY2(config.save({feed}, QJsonObject{{QStringLiteral("stormWindowSeconds"), 0}}, &error), qPrintable(error));
}

bool TestRunHeadless::start(QProcess &process, int subscribersBefore)
{
    QProcessEnvironment environment = isolatedEnvironment();
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(QStringLiteral(HERALD_EXECUTABLE),
                  {QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--json")});
    return QTest::qWaitFor([&] { return m_demo->subscriberCount() > subscribersBefore; }, 10000);
}

void TestRunHeadless::quit(QProcess &process)
{
    QProcess quit;
    quit.setProcessEnvironment(process.processEnvironment());
    quit.start(QStringLiteral(HERALD_EXECUTABLE), {QStringLiteral("--quit")});
    QVERIFY(quit.waitForFinished(20000));
    const QByteArray said = quit.readAllStandardOutput() + quit.readAllStandardError();
    QVERIFY2(quit.exitCode() == 0 && said.contains("Herald has quit."), said.constData());
}

void TestRunHeadless::secondRun_isRefusedWhileOneRuns()
{
    QProcess first;
    QVERIFY(start(first, 0));
    // A second on the same config would store every message without an id twice: refused, with what to do.
    QProcess second;
    second.setProcessEnvironment(first.processEnvironment());
    second.start(QStringLiteral(HERALD_EXECUTABLE), {QStringLiteral("run"), QStringLiteral("--headless")});
    QVERIFY(second.waitForFinished(10000));
    QCOMPARE(second.exitCode(), 1);
    const QByteArray said = second.readAllStandardError();
    QVERIFY2(said.contains("Herald is running already") && said.contains("herald --quit"), said.constData());
    QCOMPARE(m_demo->subscriberCount(), 1);
    quit(first);
    QVERIFY(first.waitForFinished(10000));
    // Once it has gone, another may start. (Its subscription must be gone from the demo server first, or start()
    // would count it as the third's and ask a third that is still starting to quit.)
    QTRY_COMPARE_WITH_TIMEOUT(m_demo->subscriberCount(), 0, 10000);
    QProcess third;
    QVERIFY(start(third, 0));
    quit(third);
    QVERIFY(third.waitForFinished(10000));
}

QStringList TestRunHeadless::notifiedIds(QProcess &process)
{
    QStringList ids;
    for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
        const qsizetype at = line.indexOf("\"id\":\"");
        // Only a line that says what it is counts (a wrong "kind" once went out as true).
        if (at >= 0 && line.startsWith("{\"kind\":\"notification\",")) {
            ids.append(QString::fromUtf8(line.mid(at + 6, line.indexOf('"', at + 6) - at - 6)));
        }
    }
    return ids;
}

void TestRunHeadless::publish(int from, int to)
{
    for (int i = from; i <= to; ++i) {
        m_demo->publish("notification", QStringLiteral("{\"title\":\"event %1\",\"message\":\"m\"}").arg(i).toUtf8());
    }
}

void TestRunHeadless::restartAndCrash_everyEventExactlyOnce()
{
#ifndef Q_OS_UNIX
    QSKIP("stops herald with SIGTERM and SIGKILL");
#else
    // 1. Running: events 1-3 are notified and stored.
    QProcess first;
    QVERIFY(start(first, 0));
    publish(1, 3);
    QStringList notified;
    QVERIFY(QTest::qWaitFor([&] { return (notified += notifiedIds(first)).size() >= 3; }, 10000));
    QCOMPARE(notified, (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}));
    ::kill(pid_t(first.processId()), SIGTERM);
    QVERIFY(first.waitForFinished(10000));
    QCOMPARE(first.exitStatus(), QProcess::NormalExit);
    QCOMPARE(first.exitCode(), 0);
    QTRY_COMPARE(m_demo->subscriberCount(), 0);

    // 2. Down: events 4-6 happen. Back up, Herald asks for what came after 3, and gets exactly that.
    publish(4, 6);
    QProcess second;
    QVERIFY(start(second, 0));
    notified.clear();
    QVERIFY(QTest::qWaitFor([&] { return (notified += notifiedIds(second)).size() >= 3; }, 10000));
    QCOMPARE(notified, (QStringList{QStringLiteral("4"), QStringLiteral("5"), QStringLiteral("6")}));

    // 3. A forced disconnect (the server drops the stream without a goodbye) and 7-8 while Herald is away: it
    //    reconnects on its own with Last-Event-ID 6 and gets exactly those two.
    m_demo->dropSubscribers();
    publish(7, 8);
    QVERIFY(QTest::qWaitFor([&] { return (notified += notifiedIds(second)).size() >= 5; }, 10000));
    QCOMPARE(notified.mid(3), (QStringList{QStringLiteral("7"), QStringLiteral("8")}));

    // 4. A crash right after more arrive: whatever was not yet on disk is replayed, and stored once.
    publish(9, 11);
    QVERIFY(QTest::qWaitFor([&] { return (notified += notifiedIds(second)).size() >= 8; }, 10000));
    ::kill(pid_t(second.processId()), SIGKILL);
    QVERIFY(second.waitForFinished(10000));
    QTRY_COMPARE(m_demo->subscriberCount(), 0);
    publish(12, 12);
    QProcess third;
    QVERIFY(start(third, 0));
    QVERIFY(
        QTest::qWaitFor([&] { return notifiedIds(third).contains(QStringLiteral("12")) || !third.isOpen(); }, 10000));
    ::kill(pid_t(third.processId()), SIGTERM);
    QVERIFY(third.waitForFinished(10000));

    herald::HistoryStore history;
    QVERIFY(history.open(m_home->filePath(QStringLiteral("data/Herald/herald/history.sqlite"))));
    herald::HistoryStore::Query everything;
    everything.limit = 1000;
    QSet<QString> ids;
    for (const auto &stored : history.query(everything)) {
        QVERIFY2(!ids.contains(stored.message.id), qPrintable(QStringLiteral("stored twice: ") + stored.message.id));
        ids.insert(stored.message.id);
    }
    QCOMPARE(ids.size(), 12);
    QCOMPARE(history.lastEventId(QStringLiteral("demo")), QStringLiteral("12"));
#endif
}

void TestRunHeadless::retention_appliesHeadlessToo()
{
#ifndef Q_OS_UNIX
    QSKIP("stops herald with SIGTERM");
#else
    herald::FeedConfig feed;
    feed.name = QStringLiteral("demo");
    feed.url = m_demo->eventsUrl();
    feed.preset = herald::PayloadMapper::Preset::Json;
    QString error;
    const herald::ConfigStore config(configFile());
    QVERIFY2(config.save({feed},
                         QJsonObject{{QStringLiteral("stormWindowSeconds"), 0},
                                     {QStringLiteral("retention"), QJsonObject{{QStringLiteral("maxMessages"), 5}}}},
                         &error),
             qPrintable(error));
    QProcess run;
    QVERIFY(start(run, 0));
    publish(1, 50);
    QStringList notified;
    QVERIFY(QTest::qWaitFor([&] { return (notified += notifiedIds(run)).size() >= 50; }, 20000));
    ::kill(pid_t(run.processId()), SIGTERM);
    QVERIFY(run.waitForFinished(10000));
    herald::HistoryStore history;
    QVERIFY(history.open(m_home->filePath(QStringLiteral("data/Herald/herald/history.sqlite"))));
    QCOMPARE(history.count(), 5); // the newest five, as the tray app would keep
#endif
}

void TestRunHeadless::openFileLimit_feedsPastItWaitWithAnError()
{
#ifndef Q_OS_LINUX
    QSKIP("sets an open-file limit for the child with setrlimit and reads it back from /proc");
#else
    // With 256 files allowed (soft and hard, so that Herald cannot raise it), 300 feeds used to end in GLib's
    // "Creating pipes for GWakeup: Too many open files" and SIGTRAP.
    QList<herald::FeedConfig> feeds;
    for (int i = 0; i < 300; ++i) {
        herald::FeedConfig feed;
        feed.name = QStringLiteral("feed%1").arg(i, 3, 10, QLatin1Char('0'));
        feed.url = m_demo->eventsUrl();
        feed.preset = herald::PayloadMapper::Preset::Json;
        feeds.append(feed);
    }
    QString error;
    const herald::ConfigStore config(configFile());
    QVERIFY2(config.save(feeds, QJsonObject{{QStringLiteral("stormWindowSeconds"), 0}}, &error), qPrintable(error));
    QProcess run;
    QProcessEnvironment environment = isolatedEnvironment();
    run.setProcessEnvironment(environment);
    run.setChildProcessModifier([] {
        const struct rlimit tight = {256, 256};
        ::setrlimit(RLIMIT_NOFILE, &tight);
    });
    run.start(QStringLiteral(HERALD_EXECUTABLE),
              {QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--json")});
    QVERIFY(run.waitForStarted());
    QByteArray errors;
    QVERIFY(QTest::qWaitFor(
        [&] {
            errors += run.readAllStandardError();
            // The last feed's error: how many feeds fit depends on what else holds files (the writer's database).
            return errors.contains("feed \"feed299\" failed") || run.state() != QProcess::Running;
        },
        20000));
    QCOMPARE(run.state(), QProcess::Running);
    // Every feed past the limit says why and what to do; the others run.
    QVERIFY2(errors.contains("feed \"feed299\" failed: not started: this process may keep 256 files open"),
             errors.right(600).constData());
    QVERIFY(errors.contains("raise the limit (ulimit -Hn"));
    QTRY_VERIFY_WITH_TIMEOUT(m_demo->subscriberCount() >= 50, 20000);
    publish(1, 1); // and what arrives is still handled, by every feed that runs
    QStringList notified;
    QVERIFY(QTest::qWaitFor([&] { return (notified += notifiedIds(run)).size() >= 50; }, 20000));
    QCOMPARE(run.state(), QProcess::Running);
    const int files = int(QDir(QStringLiteral("/proc/%1/fd").arg(run.processId())).count());
    QVERIFY2(files < 256, qPrintable(QString::number(files)));
    ::kill(pid_t(run.processId()), SIGTERM);
    QVERIFY(run.waitForFinished(10000));
    QCOMPARE(run.exitStatus(), QProcess::NormalExit);
#endif
}

void TestRunHeadless::untrustedFeeds_areReportedOnceWithTheReason()
{
    if (herald::test::PeerLauncher::underWine()) {
        QSKIP("Wine's Schannel cannot load a test server's certificate and key (\"Failed to load certificate "
              "chain\"), so no TLS server runs in a test under Wine");
    }
    QTemporaryDir dir;
    QString error;
    const auto made = herald::test::makeSelfSignedCertificate(dir, QStringLiteral("IP:127.0.0.1"), &error);
    QVERIFY2(made, qPrintable(error));
    const QSslConfiguration serverTls = made->serverConfiguration();
    // The TLS handshake is where both feeds stop: a TLS server is all either needs.
    QSslServer wss;
    wss.setSslConfiguration(serverTls);
    QVERIFY(wss.listen(QHostAddress::LocalHost, 0));
    QSslServer https;
    https.setSslConfiguration(serverTls);
    QVERIFY(https.listen(QHostAddress::LocalHost, 0));
    herald::FeedConfig socket;
    socket.name = QStringLiteral("untrusted-wss");
    socket.url = QUrl(QStringLiteral("wss://127.0.0.1:%1/").arg(wss.serverPort()));
    herald::FeedConfig stream;
    stream.name = QStringLiteral("untrusted-https");
    stream.url = QUrl(QStringLiteral("https://127.0.0.1:%1/events").arg(https.serverPort()));
    const herald::ConfigStore config(configFile());
    QVERIFY2(config.save({socket, stream}, {}, &error), qPrintable(error));

    QProcess process;
    QProcessEnvironment environment = isolatedEnvironment();
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(HERALD_EXECUTABLE), {QStringLiteral("run"), QStringLiteral("--headless")});
    QByteArray said;
    const auto bothSaid = [&] {
        said += process.readAllStandardError();
        return said.contains("\"untrusted-wss\" failed") && said.contains("\"untrusted-https\" failed");
    };
    QVERIFY2(QTest::qWaitFor(bothSaid, 15000), said.constData());
    process.terminate();
    QVERIFY(process.waitForFinished(10000));
    said += process.readAllStandardError();
    QCOMPARE(said.count("\"untrusted-wss\" failed"), 1);
    QCOMPARE(said.count("\"untrusted-https\" failed"), 1);
    QVERIFY2(said.contains("does not trust"), said.constData());
}

QTEST_GUILESS_MAIN(TestRunHeadless)
#include "tst_run_headless.moc"
