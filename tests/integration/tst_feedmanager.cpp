// FeedManager's own duties, against real servers on 127.0.0.1: a feed's secret taken from a command the user names
// (and a failing command reported on a feed that stays listed), pausing and resuming every feed, and the per-feed
// reconnect settings on both SSE and WebSocket.
#include "TestHttpServer.h"
#include "demo/DemoServer.h"
#include "feed/Feed.h"
#include "feed/FeedManager.h"
#include "store/HistoryStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using herald::Feed;
using herald::FeedConfig;
using herald::FeedManager;
using herald::HistoryStore;
using herald::HttpRequest;
using herald::test::TestHttpServer;

Q_DECLARE_METATYPE(herald::Feed::State)
Q_DECLARE_METATYPE(herald::Feed::SendState)

class TestFeedManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void secretCommand_tokenReachesTheServer();
    void feeds_keepTheConfigsOrderThroughEdits();
    void secretCommand_failureKeepsTheFeedListedWithTheReason();
    void secretCommand_runsAgainWhenTheServerRefusesTheSecret();
    void pause_closesEveryConnectionAndResumeContinues();
    void notFound_fromNtfyOrGotify_saysWhichAddressTheyServe_data();
    void notFound_fromNtfyOrGotify_saysWhichAddressTheyServe();
    void fullDisk_stillNotifiesOnceAndStoresWhenItCan();
    void pause_chatMessagesWaitForTheResume();
    void reconnect_delayAndCapFromTheConfig();
    void reconnect_offLeavesTheFeedFailed_data();
    void reconnect_offLeavesTheFeedFailed();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HistoryStore> m_history;
};

void TestFeedManager::init()
{
    qRegisterMetaType<Feed::State>();
    m_dir = std::make_unique<QTemporaryDir>();
    m_history = std::make_unique<HistoryStore>();
    QVERIFY2(m_history->open(m_dir->filePath(QStringLiteral("history.sqlite"))), qPrintable(m_history->errorString()));
}

void TestFeedManager::cleanup()
{
    m_history.reset();
    m_dir.reset();
}

void TestFeedManager::secretCommand_tokenReachesTheServer()
{
#ifdef Q_OS_WIN
    QSKIP("the secret commands here are POSIX shell");
#endif
    TestHttpServer server;
    server.route("/events", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket);
        TestHttpServer::send(socket, "data: hello\n\n");
    });
    FeedConfig bearer;
    bearer.name = QStringLiteral("bearer");
    bearer.url = server.url(QStringLiteral("/events"));
    bearer.auth = FeedConfig::Auth::Bearer;
    bearer.secretCommand = QStringLiteral("sh -c \"printf 'tk_from_pass\\nurl: x\\n'\"");
    FeedConfig basic = bearer;
    basic.name = QStringLiteral("basic");
    basic.url = server.url(QStringLiteral("/events?who=basic"));
    basic.auth = FeedConfig::Auth::Basic;
    basic.username = QStringLiteral("ann");
    basic.secretCommand = QStringLiteral("echo pa:ss");
    FeedManager manager(m_history.get(), nullptr);
    manager.setFeeds({bearer, basic});
    manager.startAll();
    QTRY_COMPARE(server.requests("/events").size(), 2);
    QByteArrayList authorizations;
    for (const HttpRequest &request : server.requests("/events")) {
        authorizations.append(request.header("Authorization"));
    }
    std::sort(authorizations.begin(), authorizations.end());
    QCOMPARE(authorizations,
             (QByteArrayList{"Basic " + QByteArray("ann:pa:ss").toBase64(), QByteArray("Bearer tk_from_pass")}));
    QTRY_COMPARE(manager.feed(QStringLiteral("bearer"))->state(), Feed::State::Open);
    // The secret lives in memory only: the configuration the manager keeps still names just the command.
    QCOMPARE(manager.feedConfigs().first().inlineSecret, QString());
}

void TestFeedManager::feeds_keepTheConfigsOrderThroughEdits()
{
    TestHttpServer server;
    server.route("/events", [](const HttpRequest &, QTcpSocket *socket) { TestHttpServer::startStream(socket); });
    QList<FeedConfig> configs;
    for (const char *name : {"alpha", "beta", "gamma"}) {
        FeedConfig config;
        config.name = QString::fromLatin1(name);
        config.url = server.url(QStringLiteral("/events?feed=") + config.name);
        configs.append(config);
    }
    FeedManager manager(m_history.get(), nullptr);
    manager.applyFeeds(configs);
    auto names = [&manager] {
        QStringList out;
        for (const Feed *feed : manager.feeds()) {
            out.append(feed->config().name);
        }
        return out;
    };
    QCOMPARE(names(), (QStringList{"alpha", "beta", "gamma"}));
    // Editing the first restarts it; it stays first.
    configs[0].url = server.url(QStringLiteral("/events?feed=alpha&edited=1"));
    QCOMPARE(manager.applyFeeds(configs), QStringList{"alpha"});
    QCOMPARE(names(), (QStringList{"alpha", "beta", "gamma"}));
    // A new order in the file is the new order.
    std::swap(configs[0], configs[2]);
    manager.applyFeeds(configs);
    QCOMPARE(names(), (QStringList{"gamma", "beta", "alpha"}));
}

void TestFeedManager::secretCommand_failureKeepsTheFeedListedWithTheReason()
{
#ifdef Q_OS_WIN
    QSKIP("the secret commands here are POSIX shell");
#endif
    TestHttpServer server;
    server.route("/events", [](const HttpRequest &, QTcpSocket *socket) { TestHttpServer::startStream(socket); });
    FeedConfig config;
    config.name = QStringLiteral("locked");
    config.url = server.url(QStringLiteral("/events"));
    config.auth = FeedConfig::Auth::Bearer;
    config.secretCommand = QStringLiteral("sh -c \"echo 'gpg: decryption failed: No secret key' >&2; exit 2\"");
    FeedManager manager(m_history.get(), nullptr);
    QSignalSpy states(&manager, &FeedManager::feedStateChanged);
    manager.setFeeds({config});
    manager.startAll();
    QTRY_VERIFY(manager.feed(QStringLiteral("locked")));
    Feed *feed = manager.feed(QStringLiteral("locked"));
    QTRY_COMPARE(feed->state(), Feed::State::Failed);
    QVERIFY2(feed->lastError().startsWith(QStringLiteral("locked: the secret command")), qPrintable(feed->lastError()));
    QVERIFY2(feed->lastError().contains(QStringLiteral("No secret key")), qPrintable(feed->lastError()));
    QVERIFY(!states.isEmpty());
    // A wake-up or the network coming back does not send the feed out without its token.
    manager.reconnectAll();
    QCOMPARE(feed->state(), Feed::State::Failed);
    QCOMPARE(server.requests("/events").size(), 0);
}

void TestFeedManager::secretCommand_runsAgainWhenTheServerRefusesTheSecret()
{
#ifdef Q_OS_WIN
    QSKIP("the secret commands here are POSIX shell");
#endif
    // A token that expires: the command hands out whatever the file holds, and the server rotates it the moment
    // it sees the old one (answering 401).
    QTemporaryDir dir;
    const QString tokenFile = dir.filePath(QStringLiteral("token"));
    auto writeToken = [&tokenFile](const QByteArray &token) {
        QFile file(tokenFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(token + "\n");
    };
    writeToken("expired");
    TestHttpServer server;
    server.route("/events", [&](const HttpRequest &request, QTcpSocket *socket) {
        if (request.header("Authorization") != "Bearer fresh") {
            writeToken("fresh");
            TestHttpServer::respond(socket, 401, "token expired");
            return;
        }
        TestHttpServer::startStream(socket);
        TestHttpServer::send(socket, "data: welcome back\n\n");
    });
    FeedConfig config;
    config.name = QStringLiteral("sso");
    config.url = server.url(QStringLiteral("/events"));
    config.auth = FeedConfig::Auth::Bearer;
    config.secretCommand = QStringLiteral("cat ") + tokenFile;
    FeedManager manager(m_history.get(), nullptr);
    manager.setFeeds({config});
    manager.startAll();
    QTRY_COMPARE(server.requests("/events").size(), 2);
    QCOMPARE(server.requests("/events").at(0).header("Authorization"), QByteArray("Bearer expired"));
    QCOMPARE(server.requests("/events").at(1).header("Authorization"), QByteArray("Bearer fresh"));
    QTRY_COMPARE(manager.feed(QStringLiteral("sso"))->state(), Feed::State::Open);
    QTRY_COMPARE(m_history->count(QStringLiteral("sso")), 1);

    // A command that keeps giving the refused secret is not run in a loop: once, then the feed stays failed.
    TestHttpServer strict;
    strict.route("/events",
                 [](const HttpRequest &, QTcpSocket *socket) { TestHttpServer::respond(socket, 403, "no"); });
    config.name = QStringLiteral("wrong");
    config.url = strict.url(QStringLiteral("/events"));
    const QString runs = dir.filePath(QStringLiteral("runs"));
    config.secretCommand = QStringLiteral("sh -c \"echo run >> %1; echo always-the-same\"").arg(runs);
    manager.setFeeds({config});
    manager.startAll();
    QTRY_VERIFY(manager.feed(QStringLiteral("wrong")));
    QTRY_COMPARE(manager.feed(QStringLiteral("wrong"))->state(), Feed::State::Failed);
    auto runCount = [&runs] {
        QFile file(runs);
        return file.open(QIODevice::ReadOnly) ? file.readAll().count('\n') : 0;
    };
    QTRY_COMPARE(runCount(), 2); // at start, and once more after the refusal
    QTest::qWait(300);           // nothing may follow
    QCOMPARE(runCount(), 2);
    QCOMPARE(strict.requests("/events").size(), 1);
    QCOMPARE(manager.feed(QStringLiteral("wrong"))->state(), Feed::State::Failed);
    QVERIFY2(manager.feed(QStringLiteral("wrong"))->lastError().contains(QStringLiteral("403")),
             qPrintable(manager.feed(QStringLiteral("wrong"))->lastError()));
}

void TestFeedManager::notFound_fromNtfyOrGotify_saysWhichAddressTheyServe_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("advice"); // %1: the server's host and port
    QTest::newRow("ntfy topic without /sse") << "ntfy"
                                             << "http"
                                             << "/alerts"
                                             << "ntfy serves a topic's messages at …/TOPIC/sse (or /json, /ws): try "
                                                "http://%1/alerts/sse";
    QTest::newRow("ntfy topics under a path") << "ntfy"
                                              << "http"
                                              << "/ntfy/a,b"
                                              << "try http://%1/ntfy/a,b/sse";
    QTest::newRow("ntfy with /sse") << "ntfy"
                                    << "http"
                                    << "/alerts/sse"
                                    << "check the server's address (a server under a path needs that path too)";
    QTest::newRow("gotify without /stream") << "gotify"
                                            << "ws"
                                            << "/"
                                            << "gotify serves its messages at …/stream: try ws://%1/stream";
    QTest::newRow("json feed: as before") << "json"
                                          << "http"
                                          << "/events"
                                          << "no event stream at this URL";
}

void TestFeedManager::notFound_fromNtfyOrGotify_saysWhichAddressTheyServe()
{
    QFETCH(QString, preset);
    QFETCH(QString, scheme);
    QFETCH(QString, path);
    QFETCH(QString, advice);
    TestHttpServer server; // answers 404 to every path
    FeedConfig config;
    config.name = QStringLiteral("service");
    config.url = server.url(path);
    config.url.setScheme(scheme);
    config.preset = *herald::PayloadMapper::presetFromName(preset);
    FeedManager manager(m_history.get(), nullptr);
    manager.setFeeds({config});
    manager.startAll();
    QTRY_VERIFY(manager.feed(config.name));
    Feed *feed = manager.feed(config.name);
    QSignalSpy errors(feed, &Feed::errorOccurred);
    QTRY_COMPARE(feed->state(), Feed::State::Failed);
    const QString expected = advice.arg(QStringLiteral("127.0.0.1:%1").arg(server.url().port()));
    QVERIFY2(feed->lastError().contains(expected), qPrintable(feed->lastError()));
    QVERIFY2(feed->lastError().contains(QStringLiteral("404")), qPrintable(feed->lastError()));
    QTest::qWait(100);
    QVERIFY2(errors.size() <= 1, "said once, not once more as the feed gives up");
}

void TestFeedManager::pause_closesEveryConnectionAndResumeContinues()
{
    TestHttpServer server;
    int streams = 0;
    server.route("/events", [&](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket);
        ++streams;
        TestHttpServer::send(socket, "id: " + QByteArray::number(streams) + "\ndata: event " +
                                         QByteArray::number(streams) + "\n\n");
    });
    QList<FeedConfig> configs;
    for (const char *name : {"one", "two", "three"}) {
        FeedConfig config;
        config.name = QString::fromLatin1(name);
        config.url = server.url(QStringLiteral("/events"));
        configs.append(config);
    }
    FeedManager manager(m_history.get(), nullptr);
    QSignalSpy paused(&manager, &FeedManager::pausedChanged);
    manager.setFeeds(configs);
    manager.startAll();
    QTRY_COMPARE(server.openConnections(), 3);
    QTRY_COMPARE(m_history->count(), 3);

    manager.setPaused(true);
    QCOMPARE(paused.size(), 1);
    QCOMPARE(paused.takeFirst().at(0).toBool(), true);
    QTRY_COMPARE(server.openConnections(), 0);
    for (const Feed *feed : manager.feeds()) {
        QCOMPARE(feed->state(), Feed::State::Paused);
    }
    // Paused means paused: a wake-up, or the feeds being replaced, does not connect anything.
    manager.reconnectAll();
    manager.setFeeds(configs);
    manager.startAll();
    QCOMPARE(manager.feeds().size(), 3);
    QTest::qWait(100); // nothing may connect: give a wrong connection the chance to show up
    QCOMPARE(server.requests("/events").size(), 3);

    manager.setPaused(false);
    QCOMPARE(paused.size(), 1);
    QTRY_COMPARE(server.requests("/events").size(), 6);
    QTRY_COMPARE(server.openConnections(), 3);
    for (const Feed *feed : manager.feeds()) {
        QTRY_COMPARE(feed->state(), Feed::State::Open);
    }
    // Each feed resumed from its own last event id.
    for (const HttpRequest &request : server.requests("/events").mid(3)) {
        QVERIFY(!request.header("Last-Event-ID").isEmpty());
    }
}

void TestFeedManager::pause_chatMessagesWaitForTheResume()
{
    herald::DemoServer demo;
    demo.setSampleInterval(0);
    demo.setBotDelay(0);
    QVERIFY(demo.start());
    FeedConfig chat;
    chat.name = QStringLiteral("room");
    chat.url = demo.chatUrl();
    chat.preset = herald::PayloadMapper::Preset::Json;
    FeedManager manager(m_history.get(), nullptr);
    QSignalSpy sends(&manager, &FeedManager::sendStateChanged);
    manager.setFeeds({chat});
    manager.startAll();
    QTRY_COMPARE(demo.chatClientCount(), 1);
    manager.setPaused(true);
    QTRY_COMPARE(demo.chatClientCount(), 0);

    const QString id =
        manager.send(QStringLiteral("room"), QStringLiteral("typed while paused"), QStringLiteral("ann"));
    QVERIFY(!id.isEmpty());
    QCOMPARE(sends.size(), 1);
    QCOMPARE(sends.at(0).at(2).value<Feed::SendState>(), Feed::SendState::Pending);
    QVERIFY2(sends.at(0).at(3).toString().contains(QStringLiteral("goes out when it is resumed")),
             qPrintable(sends.at(0).at(3).toString()));
    m_history->flush();
    QCOMPARE(m_history->pendingOutgoing(QStringLiteral("room")).size(), 1);

    manager.setPaused(false);
    QTRY_COMPARE(demo.chatClientCount(), 1);
    QTRY_VERIFY(std::any_of(sends.cbegin(), sends.cend(), [&](const QList<QVariant> &signal) {
        return signal.at(1).toString() == id && signal.at(2).value<Feed::SendState>() == Feed::SendState::Sent;
    }));
    m_history->flush();
    QCOMPARE(m_history->pendingOutgoing(QStringLiteral("room")).size(), 0);
    // The demo bot answers what it received: proof that the server has it.
    QTRY_VERIFY([&] {
        m_history->flush();
        HistoryStore::Query query;
        query.feed = QStringLiteral("room");
        query.search = QStringLiteral("paused");
        return m_history->query(query).size() >= 2; // ours and the bot's reply quoting it
    }());
}

void TestFeedManager::reconnect_delayAndCapFromTheConfig()
{
    TestHttpServer server;
    server.route("/events", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket);
        TestHttpServer::endStream(socket);
    });
    server.route("/ws", [](const HttpRequest &request, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 503); // refuses the WebSocket handshake
        Q_UNUSED(request);
    });
    FeedConfig sse;
    sse.name = QStringLiteral("sse");
    sse.url = server.url(QStringLiteral("/events"));
    sse.reconnectDelaySeconds = 40;
    sse.maxReconnectDelaySeconds = 50;
    FeedConfig ws = sse;
    ws.name = QStringLiteral("ws");
    QUrl wsUrl = server.url(QStringLiteral("/ws"));
    wsUrl.setScheme(QStringLiteral("ws"));
    ws.url = wsUrl;
    FeedManager manager(m_history.get(), nullptr);
    manager.setFeeds({sse, ws});
    manager.startAll();
    for (const QString &name : {QStringLiteral("sse"), QStringLiteral("ws")}) {
        QTRY_VERIFY(manager.feed(name));
        Feed *feed = manager.feed(name);
        QTRY_VERIFY(feed->pendingReconnectDelay() > 0);
        // The wait comes from the config (40 s, jitter stretches it by at most a fifth), not the 3 s default.
        QVERIFY2(feed->pendingReconnectDelay() > 35000, qPrintable(QString::number(feed->pendingReconnectDelay())));
        QVERIFY2(feed->pendingReconnectDelay() <= 50000, qPrintable(QString::number(feed->pendingReconnectDelay())));
    }
}

void TestFeedManager::reconnect_offLeavesTheFeedFailed_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::newRow("sse") << QStringLiteral("http");
    QTest::newRow("websocket") << QStringLiteral("ws");
}

void TestFeedManager::reconnect_offLeavesTheFeedFailed()
{
    QFETCH(QString, scheme);
    TestHttpServer server;
    server.route("/feed", [](const HttpRequest &request, QTcpSocket *socket) {
        if (request.hasHeader("Upgrade")) {
            TestHttpServer::respond(socket, 503); // a refused handshake, which would be retried
        } else {
            TestHttpServer::startStream(socket); // a stream that ends, which would be reconnected
            TestHttpServer::send(socket, "data: the only one\n\n");
            TestHttpServer::endStream(socket);
        }
    });
    FeedConfig config;
    config.name = QStringLiteral("once");
    QUrl url = server.url(QStringLiteral("/feed"));
    url.setScheme(scheme);
    config.url = url;
    config.reconnect = false;
    FeedManager manager(m_history.get(), nullptr);
    manager.setFeeds({config});
    manager.startAll();
    QTRY_VERIFY(manager.feed(QStringLiteral("once")));
    Feed *feed = manager.feed(QStringLiteral("once"));
    QTRY_COMPARE(feed->state(), Feed::State::Failed);
    QVERIFY2(!feed->lastError().isEmpty(), "a feed that stopped for good says why");
    QCOMPARE(feed->pendingReconnectDelay(), -1);
    QCOMPARE(server.requests("/feed").size(), 1);
}

void TestFeedManager::fullDisk_stillNotifiesOnceAndStoresWhenItCan()
{
    TestHttpServer server;
    server.route("/events", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket);
        TestHttpServer::send(socket, "id: 1\ndata: one\n\nid: 2\ndata: two\n\nid: 3\ndata: three\n\n");
    });
    FeedConfig config;
    config.name = QStringLiteral("disk");
    config.url = server.url(QStringLiteral("/events"));
    config.reconnectDelaySeconds = 1;
    FeedManager manager(m_history.get(), nullptr);
    QStringList notified;
    connect(&manager, &FeedManager::notificationReady, this, [&](const herald::Notification &notification) {
        if (const auto *message = std::get_if<herald::Message>(&notification)) {
            notified.append(message->body);
        }
    });
    QSignalSpy failed(m_history.get(), &HistoryStore::errorOccurred);
    m_history->simulateFullDiskForTests(true);
    manager.setFeeds({config});
    manager.startAll();
    // Nothing can be written, and still every message pops up, at once.
    QTRY_COMPARE(notified, (QStringList{QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")}));
    QVERIFY(!failed.isEmpty());
    QCOMPARE(m_history->count(), 0);
    // The connection drops: nothing reached the disk, so the resume point has not moved and the server sends the
    // same three again. They were shown already.
    for (QTcpSocket *socket : server.openSockets()) {
        socket->disconnectFromHost();
    }
    QTRY_COMPARE_WITH_TIMEOUT(server.requests("/events").size(), 2, 10000);
    const qsizetype failuresBefore = failed.size();
    QTRY_VERIFY_WITH_TIMEOUT(failed.size() > failuresBefore, 40000); // the store tried again, with the replay queued
    QCOMPARE(notified.size(), 3);
    // Space again: the waiting messages are stored, and not shown a second time.
    m_history->simulateFullDiskForTests(false);
    QTRY_COMPARE_WITH_TIMEOUT(m_history->count(), 3, 10000);
    QTest::qWait(100);
    QCOMPARE(notified.size(), 3);
}

QTEST_GUILESS_MAIN(TestFeedManager)
#include "tst_feedmanager.moc"
