// `herald feeds` as a person uses it: the real executable, its own config home, and a private keyring.
#include "HeraldProcess.h"
#include "PrivateKeyring.h"
#include "store/ConfigStore.h"
#include "store/HistoryStore.h"
#include "store/SecretStore.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using herald::FeedConfig;
using herald::test::HeraldRun;
using herald::test::runHerald;

class TestFeedsCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void addListToggleRemove();
    void muteForADuration();
    void mistakes_areRefusedWithReasons();
    void brokenConfig_isNeverOverwritten();
    void token_goesToTheKeychainNotTheFile();
    void secretCommandAuthAndReconnect_areWrittenToTheConfig();
    void history_showsWhatTheStoreHolds();
    void concurrentWriters_loseNothing();
    void configInTheOldDoubledFolder_isMoved();
    void listJson_neverShowsAPassword();
    void withoutTheStoreModule_saysSoAndListenStillWorks();

private:
    HeraldRun feeds(const QStringList &arguments, const QByteArray &input = {})
    {
        QProcessEnvironment environment = herald::test::isolatedEnvironment(m_home->path(), m_home->path());
        if (m_xdgOnly) {
            environment.remove(QStringLiteral("HERALD_CONFIG_DIR"));
            environment.remove(QStringLiteral("HERALD_DATA_DIR"));
        }
        return runHerald(QStringList{QStringLiteral("feeds")} + arguments, environment, input);
    }
    QString configPath() const { return m_home->filePath(QStringLiteral("Herald/herald.json")); }

    std::unique_ptr<QTemporaryDir> m_home;
    bool m_xdgOnly = false;
};

void TestFeedsCli::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    m_xdgOnly = false;
}

void TestFeedsCli::addListToggleRemove()
{
    HeraldRun run = feeds({QStringLiteral("list")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, QList<QByteArray>{"No feeds yet. Add one: herald feeds add NAME URL"});

    QCOMPARE(
        feeds({QStringLiteral("add"), QStringLiteral("ci"), QStringLiteral("https://ntfy.sh/herald-ci/sse"),
               QStringLiteral("--preset"), QStringLiteral("ntfy"), QStringLiteral("-H"), QStringLiteral("X-Team: ops")})
            .exitCode,
        0);
    run = feeds({QStringLiteral("add"), QStringLiteral("chat"), QStringLiteral("ws://127.0.0.1:8080/chat")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, QList<QByteArray>{"added \"chat\": ws://127.0.0.1:8080/chat, websocket (auto); the running app "
                                          "follows it at once"});
    run = feeds({QStringLiteral("disable"), QStringLiteral("chat")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, QList<QByteArray>{"disabled \"chat\""});
    // A bare "herald feeds" lists them, in columns.
    run = feeds({});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, (QList<QByteArray>{"ci    https://ntfy.sh/herald-ci/sse  sse (ntfy)",
                                           "chat  ws://127.0.0.1:8080/chat       websocket (auto)  [disabled]"}));
    run = feeds({QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(
        run.lines,
        (QList<QByteArray>{
            "{\"kind\":\"feed\",\"name\":\"ci\",\"url\":\"https://ntfy.sh/herald-ci/sse\",\"transport\":\"sse\","
            "\"preset\":\"ntfy\",\"auth\":\"none\",\"secretFrom\":\"none\",\"reconnect\":true,\"enabled\":true,"
            "\"muted\":false}",
            "{\"kind\":\"feed\",\"name\":\"chat\",\"url\":\"ws://127.0.0.1:8080/chat\",\"transport\":\"websocket\","
            "\"preset\":\"auto\",\"auth\":\"none\",\"secretFrom\":\"none\",\"reconnect\":true,\"enabled\":false,"
            "\"muted\":false}",
        }));
    QCOMPARE(feeds({QStringLiteral("enable"), QStringLiteral("chat")}).exitCode, 0);
    run = feeds({QStringLiteral("remove"), QStringLiteral("ci")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, QList<QByteArray>{"removed \"ci\""});
    run = feeds({QStringLiteral("list")});
    QCOMPARE(run.lines, QList<QByteArray>{"chat  ws://127.0.0.1:8080/chat  websocket (auto)"});

    // Without a name, the address gives one, never one that is taken.
    run = feeds({QStringLiteral("add"), QStringLiteral("https://ntfy.sh/chat/sse")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, QList<QByteArray>{"added \"chat 2\": https://ntfy.sh/chat/sse, sse (auto); the running app "
                                          "follows it at once"});
    run = feeds({QStringLiteral("add"), QStringLiteral("notaurl")});
    QCOMPARE(run.exitCode, 2);
}

void TestFeedsCli::muteForADuration()
{
    QCOMPARE(feeds({QStringLiteral("add"), QStringLiteral("ci"), QStringLiteral("https://ntfy.sh/ci/json"),
                    QStringLiteral("--transport"), QStringLiteral("jsonlines"), QStringLiteral("--proxy"),
                    QStringLiteral("http://127.0.0.1:3128")})
                 .exitCode,
             0);
    const QDateTime before = QDateTime::currentDateTimeUtc();
    HeraldRun run =
        feeds({QStringLiteral("mute"), QStringLiteral("ci"), QStringLiteral("--for"), QStringLiteral("2h")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines.size(), 1); // it says what was set
    QVERIFY2(run.lines.first().startsWith("muted \"ci\" until 20"), run.lines.first().constData());
    run = feeds({QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(run.lines.size(), 1);
    const QJsonObject line = QJsonDocument::fromJson(run.lines.first()).object();
    QCOMPARE(line.value(QStringLiteral("muted")).toBool(), true);
    const QDateTime until = QDateTime::fromString(line.value(QStringLiteral("mutedUntil")).toString(), Qt::ISODate);
    QVERIFY2(until >= before.addSecs(7200 - 1) && until <= before.addSecs(7200 + 60), qPrintable(until.toString()));
    run = feeds({QStringLiteral("list")});
    QVERIFY2(run.lines.first().contains("[muted until "), run.lines.first().constData());
    run = feeds({QStringLiteral("unmute"), QStringLiteral("ci")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, QList<QByteArray>{"unmuted \"ci\""});
    run = feeds({QStringLiteral("list")});
    QCOMPARE(run.lines, QList<QByteArray>{"ci  https://ntfy.sh/ci/json  jsonlines (auto)"});
    run = feeds({QStringLiteral("mute"), QStringLiteral("ci"), QStringLiteral("--for"), QStringLiteral("soon")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.stderrText.contains("30m, 2h or 1d"), run.stderrText.constData());
    // A bare number was two seconds, silently; a unit is needed now.
    run = feeds({QStringLiteral("mute"), QStringLiteral("ci"), QStringLiteral("--for"), QStringLiteral("2")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.stderrText.contains("with its unit"), run.stderrText.constData());
}

void TestFeedsCli::mistakes_areRefusedWithReasons()
{
    QCOMPARE(feeds({QStringLiteral("add"), QStringLiteral("ci"), QStringLiteral("https://x/")}).exitCode, 0);
    HeraldRun run = feeds({QStringLiteral("add"), QStringLiteral("ci"), QStringLiteral("https://y/")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.stderrText.contains("a feed named \"ci\" exists already"), run.stderrText.constData());
    run = feeds({QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("ftp://x/")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.stderrText.contains("\"ftp://x/\" is not an http, https, ws or wss URL"), run.stderrText.constData());
    run = feeds({QStringLiteral("add"), QStringLiteral("lamp"), QStringLiteral("mqtt://broker.lan:1883"),
                 QStringLiteral("--protocol"), QStringLiteral("mqtt"), QStringLiteral("--topic"),
                 QStringLiteral("home/#")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.stderrText.contains("is MQTT over TCP") && run.stderrText.contains("ws://broker.lan:9001/"),
             run.stderrText.constData());
    run = feeds({QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("https://x/"), QStringLiteral("--preset"),
                 QStringLiteral("slack")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.stderrText.contains("\"preset\" is \"slack\""), run.stderrText.constData());
    run = feeds({QStringLiteral("remove"), QStringLiteral("nope")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.stderrText.contains("there is no feed named \"nope\""), run.stderrText.constData());
    QCOMPARE(feeds({QStringLiteral("frobnicate")}).exitCode, 2);
}

void TestFeedsCli::brokenConfig_isNeverOverwritten()
{
    QVERIFY(QDir().mkpath(QFileInfo(configPath()).absolutePath()));
    QFile file(configPath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"feeds\": [ {\"name\": \"ci\", }");
    file.close();
    const HeraldRun run = feeds({QStringLiteral("add"), QStringLiteral("z"), QStringLiteral("https://z/")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.stderrText.contains("is not valid JSON at line 1"), run.stderrText.constData());
    QVERIFY2(run.stderrText.contains("fix it before changing anything"), run.stderrText.constData());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("{\"feeds\": [ {\"name\": \"ci\", }"));
}

void TestFeedsCli::token_goesToTheKeychainNotTheFile()
{
    herald::test::PrivateKeyring keyring;
    if (!keyring.available()) {
        if (keyring.notOnPrivateBus()) {
            QSKIP(qPrintable(keyring.error()));
        }
        QFAIL(qPrintable(keyring.error()));
    }
    const HeraldRun run = feeds({QStringLiteral("add"), QStringLiteral("private"),
                                 QStringLiteral("https://ntfy.sh/secret/sse"), QStringLiteral("--token-stdin")},
                                "tk_live_4242\n");
    QVERIFY2(run.exitCode == 0, run.stderrText.constData());
    QFile file(configPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray config = file.readAll();
    QVERIFY(!config.contains("tk_live_4242"));
    QVERIFY(config.contains("\"type\": \"bearer\""));

    herald::SecretStore secrets; // herald's own service name
    std::optional<herald::SecretStore::Result> result;
    QEventLoop loop;
    secrets.read(QStringLiteral("feed/private"), [&](const herald::SecretStore::Result &r) {
        result = r;
        loop.quit();
    });
    loop.exec();
    QCOMPARE(result->secret, QStringLiteral("tk_live_4242"));

    // Removing the feed removes its secret too.
    QCOMPARE(feeds({QStringLiteral("remove"), QStringLiteral("private")}).exitCode, 0);
    result.reset();
    secrets.read(QStringLiteral("feed/private"), [&](const herald::SecretStore::Result &r) {
        result = r;
        loop.quit();
    });
    loop.exec();
    QCOMPARE(result->error, herald::SecretStore::Error::NotFound);
}

void TestFeedsCli::secretCommandAuthAndReconnect_areWrittenToTheConfig()
{
    HeraldRun run =
        feeds({QStringLiteral("add"), QStringLiteral("ops"), QStringLiteral("https://hub.example/events"),
               QStringLiteral("--auth"), QStringLiteral("basic"), QStringLiteral("--user"), QStringLiteral("ann"),
               QStringLiteral("--secret-command"), QStringLiteral("pass show herald/ops"),
               QStringLiteral("--reconnect-delay"), QStringLiteral("90")});
    QVERIFY2(run.exitCode == 0, run.stderrText.constData());
    const auto loaded = herald::ConfigStore(configPath()).load();
    QVERIFY2(loaded.problems.isEmpty(), qPrintable(loaded.problems.join(u'\n')));
    QCOMPARE(loaded.feeds.size(), 1);
    const FeedConfig &ops = loaded.feeds.first();
    QCOMPARE(ops.auth, FeedConfig::Auth::Basic);
    QCOMPARE(ops.username, QStringLiteral("ann"));
    QCOMPARE(ops.secretCommand, QStringLiteral("pass show herald/ops"));
    QCOMPARE(ops.inlineSecret, QString());
    QCOMPARE(ops.reconnectDelaySeconds, 90);
    QCOMPARE(ops.maxReconnectDelaySeconds, 90); // the cap rises with a longer first wait
    QVERIFY(ops.reconnect);

    run = feeds({QStringLiteral("add"), QStringLiteral("once"), QStringLiteral("wss://chat.example/ws"),
                 QStringLiteral("--no-reconnect")});
    QVERIFY2(run.exitCode == 0, run.stderrText.constData());
    QVERIFY(!herald::ConfigStore(configPath()).load().feeds.at(1).reconnect);

    run = feeds({QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("https://x/"), QStringLiteral("--auth"),
                 QStringLiteral("bearer")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.stderrText.contains("add --token-stdin"), run.stderrText.constData());
    run = feeds({QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("https://x/"), QStringLiteral("--auth"),
                 QStringLiteral("basic"), QStringLiteral("--secret-command"), QStringLiteral("pass x")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.stderrText.contains("needs --user NAME"), run.stderrText.constData());
    run = feeds({QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("https://x/"), QStringLiteral("--auth"),
                 QStringLiteral("kerberos"), QStringLiteral("--secret-command"), QStringLiteral("pass x")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.stderrText.contains("it can be none, bearer, basic or query"), run.stderrText.constData());
    run = feeds({QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("https://x/"),
                 QStringLiteral("--reconnect-delay"), QStringLiteral("60"), QStringLiteral("--max-reconnect-delay"),
                 QStringLiteral("10")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.stderrText.contains("\"reconnect.maxDelaySeconds\" is 10"), run.stderrText.constData());
    QCOMPARE(herald::ConfigStore(configPath()).load().feeds.size(), 2); // nothing half-added
    run = feeds({QStringLiteral("list")});
    QCOMPARE(run.lines.size(), 2);
    QVERIFY2(run.lines.at(0).endsWith("[basic, secret from command]"), run.lines.at(0).constData());
    QVERIFY2(run.lines.at(1).endsWith("[no reconnect]"), run.lines.at(1).constData());
}

void TestFeedsCli::history_showsWhatTheStoreHolds()
{
    const QProcessEnvironment environment = herald::test::isolatedEnvironment(m_home->path(), m_home->path());
    HeraldRun run = runHerald({QStringLiteral("history")}, environment);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, QList<QByteArray>{"No messages yet."});
    {
        herald::HistoryStore store;
        QVERIFY(store.open(m_home->filePath(QStringLiteral("Herald/herald/history.sqlite"))));
        for (int i = 1; i <= 3; ++i) {
            herald::Message m;
            m.feed = i == 3 ? QStringLiteral("chat") : QStringLiteral("ci");
            m.id = QString::number(i);
            m.title = QStringLiteral("Build %1").arg(i);
            m.body = i == 2 ? QStringLiteral("빌드 실패") : QStringLiteral("passed");
            m.time = QDateTime(QDate(2026, 11, 24), QTime(10, i), Qt::UTC);
            m.received = m.time.addSecs(5); // the server's clock and Herald's differ; both are given
            store.append(m);
        }
        QVERIFY(store.flush());
        QVERIFY(store.markRead({store.query({}).constLast().rowId}));
    }
    run =
        runHerald({QStringLiteral("history"), QStringLiteral("--json"), QStringLiteral("--feed"), QStringLiteral("ci")},
                  environment);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, (QList<QByteArray>{
                            "{\"kind\":\"history\",\"feed\":\"ci\",\"id\":\"2\",\"time\":\"2026-11-24T10:02:00.000Z\","
                            "\"received\":\"2026-11-24T10:02:05.000Z\",\"title\":\"Build 2\",\"body\":\"빌드 "
                            "실패\",\"priority\":3,\"url\":\"\",\"read\":false}",
                            "{\"kind\":\"history\",\"feed\":\"ci\",\"id\":\"1\",\"time\":\"2026-11-24T10:01:00.000Z\","
                            "\"received\":\"2026-11-24T10:01:05.000Z\",\"title\":\"Build "
                            "1\",\"body\":\"passed\",\"priority\":3,\"url\":\"\",\"read\":true}",
                        }));
    run = runHerald({QStringLiteral("history"), QStringLiteral("--search"), QStringLiteral("빌드")}, environment);
    QCOMPARE(run.lines.size(), 1);
    QVERIFY2(run.lines[0].startsWith("* ") && run.lines[0].endsWith("ci  Build 2: 빌드 실패"),
             run.lines[0].constData());
    run = runHerald(
        {QStringLiteral("history"), QStringLiteral("--unread"), QStringLiteral("--limit"), QStringLiteral("1")},
        environment);
    QCOMPARE(run.lines.size(), 1);
    QVERIFY2(run.lines[0].contains("chat  Build 3"), run.lines[0].constData());
    QCOMPARE(
        runHerald({QStringLiteral("history"), QStringLiteral("--limit"), QStringLiteral("zero")}, environment).exitCode,
        2);
    // A feed the history has never heard of is likely a typo: said, exit 1 (it was "No messages match.", exit 0).
    run = runHerald({QStringLiteral("history"), QStringLiteral("--feed"), QStringLiteral("nosuch")}, environment);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.stderrText.contains("no messages from a feed named \"nosuch\""), run.stderrText.constData());
    run = runHerald({QStringLiteral("history"), QStringLiteral("--feed"), QStringLiteral("ci"),
                     QStringLiteral("--search"), QStringLiteral("zzz")},
                    environment);
    QCOMPARE(run.exitCode, 0); // a known feed with nothing matching is no mistake
    QCOMPARE(run.lines, QList<QByteArray>{"No messages match."});
}

void TestFeedsCli::concurrentWriters_loseNothing()
{
    // Eight `herald feeds add` at once, while this process (as the app does) edits the same file through the same
    // lock: every feed and every edit is in the file at the end.
    constexpr int kCli = 8;
    constexpr int kApp = 8;
    const QProcessEnvironment environment = herald::test::isolatedEnvironment(m_home->path(), m_home->path());
    std::vector<std::unique_ptr<QProcess>> processes;
    for (int i = 0; i < kCli; ++i) {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(environment);
        process->start(QStringLiteral(HERALD_EXECUTABLE),
                       {QStringLiteral("feeds"), QStringLiteral("add"), QStringLiteral("cli-%1").arg(i),
                        QStringLiteral("https://example.org/%1/sse").arg(i)});
        processes.push_back(std::move(process));
    }
    const herald::ConfigStore store(configPath());
    for (int i = 0; i < kApp; ++i) {
        QString error;
        QVERIFY2(store.update(
                     [i](herald::ConfigStore::Loaded &loaded, QString *) {
                         FeedConfig feed;
                         feed.name = QStringLiteral("app-%1").arg(i);
                         feed.url = QUrl(QStringLiteral("wss://example.org/%1").arg(i));
                         loaded.feeds.append(feed);
                         loaded.settings.insert(QStringLiteral("edit-%1").arg(i), i);
                         return true;
                     },
                     &error),
                 qPrintable(error));
    }
    for (const auto &process : processes) {
        QVERIFY(process->waitForFinished(30000));
        QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
    }
    const auto loaded = store.load();
    QStringList names;
    for (const FeedConfig &feed : loaded.feeds) {
        names.append(feed.name);
    }
    names.sort();
    QStringList expected;
    for (int i = 0; i < kCli; ++i) {
        expected.append(QStringLiteral("cli-%1").arg(i));
    }
    for (int i = 0; i < kApp; ++i) {
        expected.append(QStringLiteral("app-%1").arg(i));
        QCOMPARE(loaded.settings.value(QStringLiteral("edit-%1").arg(i)).toInt(), i);
    }
    expected.sort();
    QCOMPARE(names, expected);
}

void TestFeedsCli::listJson_neverShowsAPassword()
{
    QCOMPARE(
        feeds({QStringLiteral("add"), QStringLiteral("lan"), QStringLiteral("https://ann:hunter2@lan.example/events")})
            .exitCode,
        0);
    const HeraldRun run = feeds({QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(!run.lines.join().contains("hunter2"), run.lines.join().constData());
    QVERIFY2(run.lines.join().contains("https://ann@lan.example/events"), run.lines.join().constData());
}

void TestFeedsCli::configInTheOldDoubledFolder_isMoved()
{
#ifdef Q_OS_WIN
    QSKIP("the old folder is found through QStandardPaths, which no environment variable moves on Windows");
#endif
    m_xdgOnly = true; // HERALD_CONFIG_DIR would turn the move off: a folder the person chose is used as it is
    const QString old = m_home->filePath(QStringLiteral("Herald/herald/herald.json"));
    QVERIFY(QDir().mkpath(QFileInfo(old).absolutePath()));
    QFile file(old);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"version": 1, "feeds": [{"name": "kept", "url": "https://example.org/sse", "note": "mine"}],
                  "settings": {"sounds": true}})");
    file.close();
    const HeraldRun run = feeds({QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines.size(), 1);
    QVERIFY(run.lines.first().contains("\"name\":\"kept\""));
    QVERIFY(!QFile::exists(old));
    QFile moved(configPath());
    QVERIFY(moved.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(moved.readAll()).object();
    QCOMPARE(root.value(QStringLiteral("settings")).toObject().value(QStringLiteral("sounds")).toBool(), true);
    QCOMPARE(root.value(QStringLiteral("feeds")).toArray().at(0).toObject().value(QStringLiteral("note")).toString(),
             QStringLiteral("mine"));
    QCOMPARE(feeds({QStringLiteral("path")}).lines, QList<QByteArray>{configPath().toUtf8()});
}

QTEST_GUILESS_MAIN(TestFeedsCli)
void TestFeedsCli::withoutTheStoreModule_saysSoAndListenStillWorks()
{
    // herald alone, without the modules beside it (a broken install): the store verbs say what is missing and what
    // still works, and the executable itself still starts (it links none of the store's libraries).
    const QTemporaryDir alone;
    const QString lone = alone.filePath(QFileInfo(QStringLiteral(HERALD_EXECUTABLE)).fileName());
    QVERIFY(QFile::copy(QStringLiteral(HERALD_EXECUTABLE), lone));
    QProcess process;
    process.setProcessEnvironment(herald::test::isolatedEnvironment(m_home->path(), m_home->path()));
    process.start(lone, {QStringLiteral("feeds")});
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitCode(), 1);
    const QByteArray said = process.readAllStandardError();
    QVERIFY2(said.contains("the module herald-store is missing or broken") && said.contains("listen, connect and "
                                                                                            "send do"),
             said.constData());
    process.start(lone, {QStringLiteral("--version")});
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(process.readAllStandardOutput().startsWith("herald "));
}

#include "tst_feeds_cli.moc"
