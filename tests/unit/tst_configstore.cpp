#include "store/ConfigStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using herald::ConfigStore;
using herald::FeedConfig;

namespace {

// JSON written with single quotes: plain literals for moc, no escaping for people.
QByteArray json(const char *singleQuoted)
{
    return QByteArray(singleQuoted).replace('\'', '"');
}

void write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QByteArray read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestConfigStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void missingFile_isAFreshStart();
    void roundTrip_keepsEveryField();
    void brokenFile_isReportedKeptAndCopied();
    void files_arePrivateWhateverTheUmask();
    void numbersOutOfRange_areRefusedWithTheirRange_data();
    void numbersOutOfRange_areRefusedWithTheirRange();
    void headersThatWouldSplitARequest_areRefused();
    void unreadableOrHugeFile_isNeverWrittenOver();
    void unknownKeys_surviveASave();
    void badFeeds_areSkippedAndTheRestLoaded();
    void inlineSecret_isKeptWithAWarning();
    void save_replacesTheFileInOneStep();
    void transport_followsTheScheme();
    void suggestedName_comesFromTheAddress_data();
    void suggestedName_comesFromTheAddress();
};

void TestConfigStore::missingFile_isAFreshStart()
{
    QTemporaryDir dir;
    const auto loaded = ConfigStore(dir.filePath(QStringLiteral("herald.json"))).load();
    QVERIFY(loaded.feeds.isEmpty());
    QVERIFY(loaded.problems.isEmpty());
    QVERIFY(ConfigStore::defaultPath().endsWith(QStringLiteral("/herald.json")));
}

void TestConfigStore::roundTrip_keepsEveryField()
{
    QTemporaryDir dir;
    ConfigStore store(dir.filePath(QStringLiteral("sub/herald.json")));
    FeedConfig ci;
    ci.name = QStringLiteral("CI 빌드");
    ci.url = QUrl(QStringLiteral("https://ntfy.sh/herald-ci/sse"));
    ci.preset = herald::PayloadMapper::Preset::Ntfy;
    ci.headers = {{"X-Priority", "high"}};
    ci.auth = FeedConfig::Auth::Bearer;
    ci.publishUrl = QUrl(QStringLiteral("https://ntfy.sh/herald-ci"));
    ci.muted = true;
    ci.idleTimeoutSeconds = 90;
    ci.secretCommand = QStringLiteral("pass show herald/ntfy");
    ci.reconnectDelaySeconds = 10;
    ci.maxReconnectDelaySeconds = 600;
    FeedConfig poll;
    poll.name = QStringLiteral("status");
    poll.url = QUrl(QStringLiteral("http://127.0.0.1:8080/status.json"));
    poll.transport = FeedConfig::Transport::Polling;
    poll.pollIntervalSeconds = 15;
    poll.auth = FeedConfig::Auth::Basic;
    poll.username = QStringLiteral("ops");
    poll.enabled = false;
    poll.reconnect = false;
    poll.proxy = QStringLiteral("socks5://127.0.0.1:1080");
    poll.tls.caCertificateFile = QStringLiteral("/etc/herald/ca.pem");
    poll.tls.certificatePin = QString(64, u'b');
    poll.tls.clientCertificateFile = QStringLiteral("/home/me/client.p12");
    poll.tls.acceptInvalidCertificates = true;
    poll.rules.includeTypes = QStringList{QStringLiteral("deploy")};
    poll.rules.excludePattern = QRegularExpression(QStringLiteral("canary"), QRegularExpression::CaseInsensitiveOption);
    poll.rules.fieldPointer = QStringLiteral("/status");
    poll.rules.fieldPattern = QRegularExpression(QStringLiteral("fail"), QRegularExpression::CaseInsensitiveOption);
    poll.rules.minPriority = 3;
    poll.rules.quietHoursEnabled = true;
    poll.rules.quietFrom = QTime(22, 0);
    poll.rules.quietUntil = QTime(7, 30);
    poll.rules.quietMinPriority = 4;
    poll.rules.mutedUntil = QDateTime(QDate(2026, 11, 25), QTime(8, 0), Qt::UTC);
    const QJsonObject settings{{QStringLiteral("language"), QStringLiteral("ko")},
                               {QStringLiteral("rules"), QJsonObject{{QStringLiteral("minPriority"), 2}}}};
    QString error;
    QVERIFY2(store.save({ci, poll}, settings, &error), qPrintable(error));
    const auto loaded = store.load();
    QVERIFY2(loaded.problems.isEmpty(), qPrintable(loaded.problems.join(u'\n')));
    QCOMPARE(loaded.feeds.size(), 2);
    QCOMPARE(loaded.feeds.at(0), ci);
    QCOMPARE(loaded.feeds.at(1), poll);
    QCOMPARE(loaded.settings, settings);
    QCOMPARE(loaded.globalRules.minPriority, 2);
    QCOMPARE(loaded.feeds.at(1).rules.quietUntil, QTime(7, 30));
    QCOMPARE(loaded.feeds.at(1).rules.mutedUntil, poll.rules.mutedUntil);
    QCOMPARE(loaded.feeds.at(1).networkProxy()->type(), QNetworkProxy::Socks5Proxy);
    QCOMPARE(loaded.feeds.at(1).networkProxy()->port(), 1080);
    // Human-editable: indented, one key a line.
    QVERIFY(read(store.path()).contains("\n            \"name\": \"CI 빌드\",\n"));
}

void TestConfigStore::brokenFile_isReportedKeptAndCopied()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("herald.json"));
    const QByteArray broken = json("{\n  'feeds': [\n    {'name': 'ci', 'url': 'https://x/sse',}\n  ]\n}\n");
    write(path, broken);
    const auto loaded = ConfigStore(path).load();
    QVERIFY(loaded.feeds.isEmpty());
    QCOMPARE(loaded.problems.size(), 1);
    const QString problem = loaded.problems.first();
    QVERIFY2(problem.startsWith(path + QStringLiteral(" is not valid JSON at line 3, column")), qPrintable(problem));
    QVERIFY2(problem.contains(QStringLiteral("left it untouched")), qPrintable(problem));
    QCOMPARE(read(path), broken); // untouched
    QVERIFY(loaded.keepUntouched);
    QVERIFY(!loaded.backupPath.isEmpty());
    QCOMPARE(read(loaded.backupPath), broken);
    QVERIFY(problem.contains(loaded.backupPath));
}

void TestConfigStore::files_arePrivateWhateverTheUmask()
{
#ifndef Q_OS_UNIX
    QSKIP("Windows keeps files in the user's own profile; no modes to check");
#else
    const mode_t saved = ::umask(022);
    auto restore = qScopeGuard([saved] { ::umask(saved); });
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("Herald/herald.json"));
    FeedConfig feed;
    feed.name = QStringLiteral("ops");
    feed.url = QUrl(QStringLiteral("https://hub.example/events"));
    feed.headers = {{"Authorization", "Bearer secret"}};
    QString error;
    QVERIFY2(ConfigStore(path).save({feed}, {}, &error), qPrintable(error));
    const auto ownerOnly = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser;
    QCOMPARE(QFile::permissions(path), ownerOnly);
    QCOMPARE(QFile::permissions(QFileInfo(path).absolutePath()), ownerOnly | QFile::ExeOwner | QFile::ExeUser);

    // One an older Herald wrote open to everyone is tightened when Herald starts on it.
    QVERIFY(QFile::setPermissions(path, ownerOnly | QFile::ReadGroup | QFile::ReadOther));
    QVERIFY(QFile::setPermissions(QFileInfo(path).absolutePath(), QFile::Permissions::fromInt(0x7755)));
    const ConfigStore again(path);
    QCOMPARE(QFile::permissions(path), ownerOnly);
    QCOMPARE(QFile::permissions(QFileInfo(path).absolutePath()) & QFile::Permissions::fromInt(0x0077),
             QFile::Permissions());

    // A broken file is copied once per content, however often it is loaded.
    write(path, "{ not json");
    for (int i = 0; i < 3; ++i) {
        QVERIFY(!ConfigStore(path).load().backupPath.isEmpty());
    }
    const QStringList copies =
        QDir(QFileInfo(path).absolutePath()).entryList({QStringLiteral("herald.json.broken-*")}, QDir::Files);
    QCOMPARE(copies.size(), 1);
    QCOMPARE(QFile::permissions(QFileInfo(path).absolutePath() + u'/' + copies.first()), ownerOnly);
    write(path, "{ broken differently");
    QVERIFY(!ConfigStore(path).load().backupPath.isEmpty());
    QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList({QStringLiteral("herald.json.broken-*")}).size(), 2);
#endif
}

void TestConfigStore::numbersOutOfRange_areRefusedWithTheirRange_data()
{
    QTest::addColumn<QByteArray>("feed");
    QTest::addColumn<QString>("problem");
    QTest::newRow("30-day poll") << json("{'pollIntervalSeconds': 2592000}")
                                 << QStringLiteral(
                                        "\"pollIntervalSeconds\" is 2592000; write a whole number of seconds "
                                        "from 1 to 604800");
    QTest::newRow("negative idle") << json("{'idleTimeoutSeconds': -5}")
                                   << QStringLiteral("\"idleTimeoutSeconds\" is -5; write a whole number of seconds "
                                                     "from 0 to 86400");
    QTest::newRow("fraction") << json("{'pollIntervalSeconds': 0.5}")
                              << QStringLiteral("\"pollIntervalSeconds\" is 0.5; write a whole number");
    QTest::newRow("text") << json("{'reconnect': {'delaySeconds': 'soon'}}")
                          << QStringLiteral("\"reconnect.delaySeconds\" is \"soon\"; write a whole number");
    QTest::newRow("huge max") << json("{'reconnect': {'maxDelaySeconds': 3e10}}")
                              << QStringLiteral("\"reconnect.maxDelaySeconds\" is 30000000000; write a whole number");
    QTest::newRow("keepalive") << json("{'url': 'ws://h/', 'protocol': {'name': 'plain', 'keepalive': "
                                       "{'text': 'ping', 'intervalSeconds': 0}}}")
                               << QStringLiteral("\"protocol.keepalive.intervalSeconds\" is 0; write a whole number "
                                                 "of seconds from 1 to 86400");
}

void TestConfigStore::numbersOutOfRange_areRefusedWithTheirRange()
{
    QFETCH(QByteArray, feed);
    QFETCH(QString, problem);
    QJsonObject object = QJsonDocument::fromJson(feed).object();
    object.insert(QStringLiteral("name"), QStringLiteral("n"));
    if (!object.contains(QStringLiteral("url"))) {
        object.insert(QStringLiteral("url"), QStringLiteral("https://h.example/items"));
    }
    QString said;
    QVERIFY(!FeedConfig::fromJson(object, &said));
    QVERIFY2(said.contains(problem), qPrintable(said));
}

void TestConfigStore::headersThatWouldSplitARequest_areRefused()
{
    QJsonObject object{
        {QStringLiteral("name"), QStringLiteral("n")},
        {QStringLiteral("url"), QStringLiteral("https://h.example/events")},
        {QStringLiteral("headers"), QJsonObject{{QStringLiteral("X-A"), QStringLiteral("1\r\nX-B: 2")}}}};
    QString said;
    QVERIFY(!FeedConfig::fromJson(object, &said));
    QVERIFY2(said.contains(QStringLiteral("\"headers\" has \"X-A\", which has a line break")), qPrintable(said));
    object.insert(QStringLiteral("headers"), QJsonObject{{QStringLiteral("X A"), QStringLiteral("1")}});
    QVERIFY(!FeedConfig::fromJson(object, &said));
    object.insert(QStringLiteral("headers"), QJsonObject{});
    object.insert(QStringLiteral("url"), QStringLiteral("wss://h.example/ws"));
    object.insert(QStringLiteral("subprotocols"), QJsonArray{QStringLiteral("v1\r\nX-B: 2")});
    QVERIFY(!FeedConfig::fromJson(object, &said));
    QVERIFY2(said.contains(QStringLiteral("a subprotocol is one word")), qPrintable(said));
}

void TestConfigStore::unreadableOrHugeFile_isNeverWrittenOver()
{
    QTemporaryDir dir;
    // Something at the path that cannot be read as a file (permissions would not stop root, who runs CI).
    const QString folder = dir.filePath(QStringLiteral("herald.json"));
    QVERIFY(QDir().mkpath(folder));
    auto loaded = ConfigStore(folder).load();
    QVERIFY(loaded.keepUntouched);
    QCOMPARE(loaded.problems.size(), 1);
    QVERIFY2(loaded.problems.first().contains(QStringLiteral("will not write over it")),
             qPrintable(loaded.problems.first()));

    // A file far too big to be a config is not read into memory.
    const QString huge = dir.filePath(QStringLiteral("huge.json"));
    QFile file(huge);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(ConfigStore::kMaxFileSize + 1)); // sparse: costs no disk
    file.close();
    loaded = ConfigStore(huge).load();
    QVERIFY(loaded.keepUntouched);
    QVERIFY2(loaded.problems.first().contains(QStringLiteral("far too big")), qPrintable(loaded.problems.first()));
    QVERIFY(loaded.backupPath.isEmpty()); // and not copied either
    QCOMPARE(QFileInfo(huge).size(), ConfigStore::kMaxFileSize + 1);
}

void TestConfigStore::unknownKeys_surviveASave()
{
    // A newer Herald's keys, and a person's own notes: this Herald does not use them and must not drop them.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("herald.json"));
    write(path, json("{'version':99,'x-team':{'owner':'ops'},'settings':{'sounds':true},"
                     "'feeds':[{'name':'ci','url':'https://x/sse','_note':'ask ann first','futureOption':[1,2]}]}"));
    const ConfigStore store(path);
    auto loaded = store.load();
    QCOMPARE(loaded.feeds.size(), 1);
    QCOMPARE(loaded.feeds.first().unknownKeys.value(QStringLiteral("_note")).toString(),
             QStringLiteral("ask ann first"));
    QVERIFY2(loaded.problems.first().contains(QStringLiteral("keeps the rest")), qPrintable(loaded.problems.first()));
    FeedConfig added;
    added.name = QStringLiteral("new");
    added.url = QUrl(QStringLiteral("wss://y/ws"));
    QString error;
    QVERIFY2(store.save({loaded.feeds.first(), added}, loaded.settings, &error), qPrintable(error));
    const QJsonObject root = QJsonDocument::fromJson(read(path)).object();
    QCOMPARE(root.value(QStringLiteral("version")).toInt(), 99); // still says which Herald's format it holds
    QCOMPARE(root.value(QStringLiteral("x-team")).toObject().value(QStringLiteral("owner")).toString(),
             QStringLiteral("ops"));
    const QJsonObject ci = root.value(QStringLiteral("feeds")).toArray().at(0).toObject();
    QCOMPARE(ci.value(QStringLiteral("_note")).toString(), QStringLiteral("ask ann first"));
    QCOMPARE(ci.value(QStringLiteral("futureOption")).toArray().size(), 2);
    QCOMPARE(root.value(QStringLiteral("feeds")).toArray().size(), 2);
}

void TestConfigStore::badFeeds_areSkippedAndTheRestLoaded()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("herald.json"));
    write(path, json("{'version':1,'feeds':["
                     "{'name':'good','url':'wss://chat.example/ws'},"
                     "{'url':'https://x/'},"
                     "{'name':'ftp','url':'ftp://x/'},"
                     "{'name':'odd','url':'https://x/','transport':'carrier-pigeon'},"
                     "{'name':'mapped','url':'https://x/','preset':'slack'},"
                     "{'name':'good','url':'https://other/'},"
                     "{'name':'also good','url':'https://ntfy.sh/t/sse','preset':'ntfy'},"
                     "{'name':'proxy','url':'https://x/','proxy':'ftp://p:1'},"
                     "{'name':'pin','url':'https://x/','tls':{'certificatePin':'12:34'}},"
                     "{'name':'regex','url':'https://x/','rules':{'include':'(unclosed'}},"
                     "{'name':'quiet','url':'https://x/','rules':{'quietHours':{'from':'late'}}},"
                     "{'name':'two secrets','url':'https://x/','auth':{'type':'bearer','secret':'s',"
                     "'secretCommand':'pass show x'}},"
                     "{'name':'eager','url':'https://x/','reconnect':{'delaySeconds':0}},"
                     "{'name':'capped','url':'https://x/','reconnect':{'delaySeconds':30,'maxDelaySeconds':5}}],"
                     "'settings':{'rules':{'minPriority':9}}}"));
    const auto loaded = ConfigStore(path).load();
    QCOMPARE(loaded.feeds.size(), 2);
    QCOMPARE(loaded.feeds.at(0).name, QStringLiteral("good"));
    QCOMPARE(loaded.feeds.at(1).name, QStringLiteral("also good"));
    const QStringList expected{
        QStringLiteral("settings.rules: \"minPriority\" must be a priority from 1 (min) to 5 (max)"),
        QStringLiteral("feed 2: it has no \"name\"; it was skipped."),
        QStringLiteral("feed 3 (\"ftp\"): \"ftp://x/\" is not an http, https, ws or wss URL; it was skipped."),
        QStringLiteral("feed 4 (\"odd\"): \"transport\" is \"carrier-pigeon\"; it can be auto, sse, websocket, "
                       "jsonlines or polling; it was skipped."),
        QStringLiteral(
            "feed 5 (\"mapped\"): \"preset\" is \"slack\"; it can be auto, raw, json, ntfy, gotify, mercure; it "
            "was skipped."),
        QStringLiteral("feed 6 (\"good\"): the name is used twice; this one was skipped."),
        QStringLiteral("feed 8 (\"proxy\"): \"proxy\" is \"ftp://p:1\"; write system, none, http://host:port or "
                       "socks5://host:port; it was skipped."),
        QStringLiteral("feed 9 (\"pin\"): \"tls.certificatePin\" is not a SHA-256 digest"),
        QStringLiteral("feed 10 (\"regex\"): the rule \"include\" is not a valid regular expression"),
        QStringLiteral("feed 11 (\"quiet\"): \"quietHours\" needs \"from\" and \"until\" as HH:mm"),
        QStringLiteral("feed 12 (\"two secrets\"): \"auth\" has both a \"secret\" and a \"secretCommand\"; keep one"),
        QStringLiteral("feed 13 (\"eager\"): \"reconnect.delaySeconds\" is 0; write a whole number of seconds from 1 "
                       "to 86400"),
        QStringLiteral("feed 14 (\"capped\"): \"reconnect.maxDelaySeconds\" is 5; write a number of seconds from "
                       "\"delaySeconds\" (30) to 86400"),
    };
    QCOMPARE(loaded.problems.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QVERIFY2(loaded.problems[i].startsWith(path + QStringLiteral(": ")), qPrintable(loaded.problems[i]));
        QVERIFY2(loaded.problems[i].contains(expected[i]), qPrintable(loaded.problems[i]));
    }
    QVERIFY(loaded.backupPath.isEmpty()); // readable files are not copied

    // Saving (e.g. from 'herald feeds add') writes the entries it could not read back as they were.
    QCOMPARE(loaded.unreadFeeds.size(), 12);
    QString error;
    QVERIFY2(ConfigStore(path).save(loaded.feeds, loaded.settings, &error, loaded.unreadFeeds), qPrintable(error));
    const auto reloaded = ConfigStore(path).load();
    QCOMPARE(reloaded.unreadFeeds, loaded.unreadFeeds);
    QCOMPARE(reloaded.problems.size(), loaded.problems.size()); // numbered anew: the good feeds come first now
}

void TestConfigStore::inlineSecret_isKeptWithAWarning()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("herald.json"));
    write(path, json("{'feeds':[{'name':'n','url':'https://x/','auth':{'type':'bearer','secret':'tk_123'}}]}"));
    const auto loaded = ConfigStore(path).load();
    QCOMPARE(loaded.feeds.size(), 1);
    QCOMPARE(loaded.feeds.at(0).inlineSecret, QStringLiteral("tk_123"));
    QCOMPARE(loaded.problems.size(), 1);
    QVERIFY(loaded.problems.at(0).contains(QStringLiteral("its secret is stored in this file")));
    QVERIFY(!loaded.problems.at(0).contains(QStringLiteral("tk_123"))); // never echoed
}

void TestConfigStore::save_replacesTheFileInOneStep()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("herald.json"));
    ConfigStore store(path);
    FeedConfig feed;
    feed.name = QStringLiteral("a");
    feed.url = QUrl(QStringLiteral("https://a/"));
    QString error;
    QVERIFY(store.save({feed}, {}, &error));
    feed.name = QStringLiteral("b");
    QVERIFY(store.save({feed}, {}, &error));
    QCOMPARE(store.load().feeds.value(0).name, QStringLiteral("b"));
    // No temporary files left beside it.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("herald.json")});

    // A place that cannot be written (even by root: the name is taken by a folder): a clear error.
    const QString blocked = dir.filePath(QStringLiteral("blocked.json"));
    QVERIFY(QDir().mkpath(blocked));
    QVERIFY(!ConfigStore(blocked).save({feed}, {}, &error));
    QVERIFY2(error.startsWith(QStringLiteral("cannot write ") + blocked), qPrintable(error));
    QCOMPARE(store.load().feeds.size(), 1);
}

void TestConfigStore::transport_followsTheScheme()
{
    FeedConfig feed;
    feed.url = QUrl(QStringLiteral("wss://x/"));
    QCOMPARE(feed.effectiveTransport(), FeedConfig::Transport::WebSocket);
    feed.url = QUrl(QStringLiteral("https://x/"));
    QCOMPARE(feed.effectiveTransport(), FeedConfig::Transport::Sse);
    feed.transport = FeedConfig::Transport::JsonLines;
    QCOMPARE(feed.effectiveTransport(), FeedConfig::Transport::JsonLines);
}

void TestConfigStore::suggestedName_comesFromTheAddress_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("taken");
    QTest::addColumn<QString>("name");
    const QStringList none;
    QTest::newRow("ntfy sse") << "https://ntfy.sh/alerts/sse" << none << "alerts";
    QTest::newRow("ntfy json, two topics") << "https://ntfy.sh/alerts,builds/json" << none << "alerts,builds";
    QTest::newRow("ntfy topic alone") << "https://ntfy.example.org/backups" << none << "backups";
    QTest::newRow("gotify stream") << "wss://gotify.example.org/stream" << none << "gotify.example.org";
    QTest::newRow("mercure topic") << "https://hub.example.org/.well-known/mercure?topic=https://example.org/books/1"
                                   << none << "1";
    QTest::newRow("mercure plain topic") << "https://hub.example.org/.well-known/mercure?topic=orders" << none
                                         << "orders";
    QTest::newRow("socket.io") << "https://chat.example.org/socket.io/" << none << "chat.example.org";
    QTest::newRow("www dropped") << "wss://www.example.com/" << none << "example.com";
    QTest::newRow("loopback keeps the port") << "http://127.0.0.1:8080/events" << none << "127.0.0.1:8080";
    QTest::newRow("localhost keeps the port") << "ws://localhost:9001/" << none << "localhost:9001";
    QTest::newRow("decoded") << "https://ntfy.sh/caf%C3%A9/sse" << none << "café";
    QTest::newRow("hidden characters dropped") << "https://ntfy.sh/al%E2%80%AEerts%07/sse" << none << "alerts";
    QTest::newRow("taken") << "https://ntfy.sh/alerts/sse" << QStringList{"alerts", "Alerts 2"} << "alerts 3";
    QTest::newRow("no host") << "not a url" << none << "";
}

void TestConfigStore::suggestedName_comesFromTheAddress()
{
    QFETCH(QString, url);
    QFETCH(QStringList, taken);
    QFETCH(QString, name);
    QCOMPARE(FeedConfig::suggestName(QUrl(url), taken), name);
}

QTEST_GUILESS_MAIN(TestConfigStore)
#include "tst_configstore.moc"
