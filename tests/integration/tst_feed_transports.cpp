// Every transport a feed can use, against real servers on 127.0.0.1: JSON lines with ntfy's since= resume, HTTP
// polling with conditional requests and content-keyed deduplication, gotify's catch-up after a reconnect, the
// per-feed TLS policy (CA file, pin, accept-invalid) and a SOCKS5 proxy.
#include "MosquittoBroker.h"
#include "NodePeer.h"
#include "PeerLauncher.h"
#include "Socks5Proxy.h"
#include "TestCertificate.h"
#include "TestHttpServer.h"
#include "WebSocketFrames.h"
#include "feed/Feed.h"
#include "feed/FeedManager.h"
#include "feed/ServiceResume.h"
#include "store/HistoryStore.h"

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#ifdef HERALD_TEST_QT_WEBSOCKETS
#include <QWebSocket>
#include <QWebSocketServer>
#endif

using herald::Feed;
using herald::FeedConfig;
using herald::HistoryStore;
using herald::HttpRequest;
using herald::test::TestHttpServer;

Q_DECLARE_METATYPE(herald::Feed::State)
Q_DECLARE_METATYPE(herald::Feed::SendState)

class TestFeedTransports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void jsonLines_ntfyResumesWithSince();
    void jsonLines_webPageIsRefused();
    void webSocket_ntfyResumesWithSince();
    void polling_storesEachItemOnce();
    void polling_notFoundFailsForGood();
    void polling_prunedItemIsNotNewAgain();
    void publish_carriesTheFeedsCredentials_data();
    void publish_carriesTheFeedsCredentials();
    void gotify_catchesUpAfterReconnect();
    void tls_data();
    void tls();
    void proxy_socks5();
    void wake_reconnectsEveryFeedFromWhereItStopped();
    void socketIo_storesEventsAndChatGoesOutAsAnEvent();
    void protocols_serverRestart_reconnectsAndStartsOver_data();
    void protocols_serverRestart_reconnectsAndStartsOver();
    void graphql_wrongToken_failsTheFeedWithTheReason();
    void mqtt_chatPublishesAndWhatCameWhileAwayArrives();
    void sse_postFeedSendsItsBodyOnEveryReconnect();

private:
    QStringList storedBodies(const QString &feed) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HistoryStore> m_history;
};

void TestFeedTransports::init()
{
    qRegisterMetaType<Feed::State>();
    m_dir = std::make_unique<QTemporaryDir>();
    m_history = std::make_unique<HistoryStore>();
    QVERIFY2(m_history->open(m_dir->filePath(QStringLiteral("history.sqlite"))), qPrintable(m_history->errorString()));
}

void TestFeedTransports::cleanup()
{
    m_history.reset();
    m_dir.reset();
}

QStringList TestFeedTransports::storedBodies(const QString &feed) const
{
    m_history->flush();
    HistoryStore::Query query;
    query.feed = feed;
    query.limit = 1000;
    QStringList bodies;
    for (const auto &stored : m_history->query(query)) {
        bodies.prepend(stored.message.body); // newest first in the query
    }
    return bodies;
}

void TestFeedTransports::jsonLines_ntfyResumesWithSince()
{
    TestHttpServer server;
    QVERIFY(server.isListening());
    int attempt = 0;
    server.route("/alerts/json", [&](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket, "application/x-ndjson; charset=utf-8", true);
        if (attempt++ == 0) {
            TestHttpServer::send(socket, "{\"id\":\"a1\",\"time\":1,\"event\":\"open\",\"topic\":\"alerts\"}\n");
            TestHttpServer::send(socket, "{\"id\":\"m1\",\"time\":2,\"event\":\"message\",\"topic\":\"alerts\","
                                         "\"message\":\"disk full\"}\r\n\n");
            TestHttpServer::send(socket, "{\"id\":\"k1\",\"time\":3,\"event\":\"keepalive\",\"topic\":\"alerts\"}\n"
                                         "{\"id\":\"m2\",\"time\":4,\"event\":\"message\",\"topic\":\"alerts\","
                                         "\"message\":\"disk ");
            TestHttpServer::send(socket, "fuller\"}\n");
            TestHttpServer::endStream(socket);
        } else {
            TestHttpServer::send(socket, "{\"id\":\"m3\",\"time\":5,\"event\":\"message\",\"topic\":\"alerts\","
                                         "\"message\":\"fixed\"}\n");
        }
    });
    FeedConfig config;
    config.name = QStringLiteral("ntfy");
    config.url = server.url(QStringLiteral("/alerts/json"));
    config.transport = FeedConfig::Transport::JsonLines;
    config.preset = herald::PayloadMapper::Preset::Ntfy;
    Feed feed(config, m_history.get());
    QSignalSpy states(&feed, &Feed::stateChanged);
    feed.start();
    QTRY_COMPARE(storedBodies(QStringLiteral("ntfy")),
                 (QStringList{QStringLiteral("disk full"), QStringLiteral("disk fuller")}));
    QTRY_COMPARE(feed.state(), Feed::State::Connecting); // the server ended the stream
    feed.reconnectNow();
    QTRY_COMPARE(storedBodies(QStringLiteral("ntfy")).size(), 3);
    const auto requests = server.requests("/alerts/json");
    QCOMPARE(requests.size(), 2);
    QVERIFY2(!requests.at(0).target.contains("since="), requests.at(0).target.constData());
    QVERIFY2(requests.at(1).target.endsWith("since=m2"), requests.at(1).target.constData());
    QVERIFY(!requests.at(1).hasHeader("Last-Event-ID"));
    // The resume point survives a restart: it is in the history once the messages are.
    QTRY_COMPARE(m_history->lastEventId(QStringLiteral("ntfy")), QStringLiteral("m3"));
}

void TestFeedTransports::jsonLines_webPageIsRefused()
{
    TestHttpServer server;
    server.route("/", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 200, "<html>login</html>", {}, "text/html");
    });
    FeedConfig config;
    config.name = QStringLiteral("page");
    config.url = server.url(QStringLiteral("/"));
    config.transport = FeedConfig::Transport::JsonLines;
    Feed feed(config, m_history.get());
    feed.start();
    QTRY_COMPARE(feed.state(), Feed::State::Failed);
    QVERIFY2(feed.lastError().contains(QStringLiteral("web page")), qPrintable(feed.lastError()));
    QCOMPARE(m_history->count(), 0);
}

void TestFeedTransports::webSocket_ntfyResumesWithSince()
{
    using namespace herald::test;
    TestHttpServer server;
    QList<QTcpSocket *> sockets;
    server.route("/alerts/ws", [&](const HttpRequest &request, QTcpSocket *socket) {
        TestHttpServer::acceptWebSocket(socket, request);
        sockets.append(socket);
    });
    // Herald stopped earlier after storing k7: even the first connection asks for what followed.
    QVERIFY(m_history->setLastEventId(QStringLiteral("ntfy-ws"), QStringLiteral("k7")));
    FeedConfig config;
    config.name = QStringLiteral("ntfy-ws");
    QUrl url = server.url(QStringLiteral("/alerts/ws?auth=tk"));
    url.setScheme(QStringLiteral("ws"));
    config.url = url;
    config.preset = herald::PayloadMapper::Preset::Ntfy;
    Feed feed(config, m_history.get());
    feed.start();
    QTRY_COMPARE(sockets.size(), 1);
    QTRY_COMPARE(feed.state(), Feed::State::Open);
    sockets.last()->write(ws::frame(ws::Text, "{\"id\":\"o1\",\"time\":1,\"event\":\"open\",\"topic\":\"alerts\"}"));
    sockets.last()->write(ws::frame(ws::Text, "{\"id\":\"m8\",\"time\":2,\"event\":\"message\",\"topic\":\"alerts\","
                                              "\"message\":\"disk full\"}"));
    QTRY_COMPARE(storedBodies(QStringLiteral("ntfy-ws")), QStringList{QStringLiteral("disk full")});
    sockets.last()->abort(); // the connection drops
    QTRY_COMPARE(feed.state(), Feed::State::Connecting);
    feed.reconnectNow();
    QTRY_COMPARE(sockets.size(), 2);
    const auto requests = server.requests("/alerts/ws");
    QCOMPARE(requests.size(), 2);
    QVERIFY2(requests.at(0).target.endsWith("/alerts/ws?auth=tk&since=k7"), requests.at(0).target.constData());
    QVERIFY2(requests.at(1).target.endsWith("/alerts/ws?auth=tk&since=m8"), requests.at(1).target.constData());
}

void TestFeedTransports::polling_storesEachItemOnce()
{
    TestHttpServer server;
    int polls = 0;
    server.route("/status.json", [&](const HttpRequest &request, QTcpSocket *socket) {
        ++polls;
        if (request.header("If-None-Match") == "\"v2\"") {
            TestHttpServer::respond(socket, 304);
            return;
        }
        QByteArray body = "[{\"title\":\"build\",\"message\":\"one\"},{\"title\":\"build\",\"message\":\"two\"}";
        body += polls >= 2 ? ",{\"title\":\"build\",\"message\":\"three\"}]" : "]";
        TestHttpServer::respond(socket, 200, body, polls >= 2 ? "ETag: \"v2\"\r\n" : "ETag: \"v1\"\r\n",
                                "application/json");
    });
    FeedConfig config;
    config.name = QStringLiteral("poll");
    config.url = server.url(QStringLiteral("/status.json"));
    config.transport = FeedConfig::Transport::Polling;
    config.preset = herald::PayloadMapper::Preset::Json;
    config.pollIntervalSeconds = 3600; // the test polls by hand
    Feed feed(config, m_history.get());
    feed.start();
    QTRY_COMPARE(storedBodies(QStringLiteral("poll")), (QStringList{QStringLiteral("one"), QStringLiteral("two")}));
    QCOMPARE(feed.state(), Feed::State::Open);
    feed.reconnectNow();
    QTRY_COMPARE(storedBodies(QStringLiteral("poll")),
                 (QStringList{QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")}));
    feed.reconnectNow();
    QTRY_COMPARE(server.requests("/status.json").size(), 3);
    QCOMPARE(server.requests("/status.json").at(1).header("If-None-Match"), QByteArray("\"v1\""));
    QCOMPARE(server.requests("/status.json").at(2).header("If-None-Match"), QByteArray("\"v2\""));
    QCOMPARE(m_history->count(QStringLiteral("poll")), 3);
    QCOMPARE(feed.state(), Feed::State::Open);
}

void TestFeedTransports::polling_notFoundFailsForGood()
{
    TestHttpServer server;
    server.route("/gone", [](const HttpRequest &, QTcpSocket *socket) { TestHttpServer::respond(socket, 404); });
    FeedConfig config;
    config.name = QStringLiteral("gone");
    config.url = server.url(QStringLiteral("/gone"));
    config.transport = FeedConfig::Transport::Polling;
    Feed feed(config, m_history.get());
    feed.start();
    QTRY_COMPARE(feed.state(), Feed::State::Failed);
    QVERIFY2(feed.lastError().contains(QStringLiteral("HTTP 404")) && feed.lastError().contains(QStringLiteral("URL")),
             qPrintable(feed.lastError()));
    feed.reconnectNow();
    QTest::qWait(50); // nothing may follow: give a wrong request the chance to show up
    QCOMPARE(server.requests("/gone").size(), 1);
}

void TestFeedTransports::polling_prunedItemIsNotNewAgain()
{
    // A status page that lists the same incidents for ever, and a history that keeps only the newest message:
    // the pruned one must not come back (and pop up) with every poll, nor after a restart.
    TestHttpServer server;
    server.route("/incidents.json", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 200,
                                "[{\"title\":\"db\",\"message\":\"slow queries\"},"
                                "{\"title\":\"cdn\",\"message\":\"cache purge\"}]",
                                {}, "application/json");
    });
    m_history->setRetention(1, 0);
    QSignalSpy stored(m_history.get(), &HistoryStore::stored);
    FeedConfig config;
    config.name = QStringLiteral("status");
    config.url = server.url(QStringLiteral("/incidents.json"));
    config.transport = FeedConfig::Transport::Polling;
    config.preset = herald::PayloadMapper::Preset::Json;
    config.pollIntervalSeconds = 3600; // the test polls by hand
    auto storedCount = [&stored] {
        int count = 0;
        for (const auto &signal : std::as_const(stored)) {
            count += int(signal.at(0).value<QList<herald::StoredMessage>>().size());
        }
        return count;
    };
    {
        Feed feed(config, m_history.get());
        feed.start();
        QTRY_COMPARE(storedCount(), 2);
        QTRY_COMPARE(m_history->count(QStringLiteral("status")), 1); // retention pruned the older one
        feed.reconnectNow();
        QTRY_COMPARE(server.requests("/incidents.json").size(), 2);
        QTRY_COMPARE(feed.state(), Feed::State::Open);
        m_history->flush();
        QCOMPARE(storedCount(), 2); // the pruned incident is still old news
    }
    Feed restarted(config, m_history.get());
    restarted.start();
    QTRY_COMPARE(server.requests("/incidents.json").size(), 3);
    QTRY_COMPARE(restarted.state(), Feed::State::Open);
    m_history->flush();
    QCOMPARE(storedCount(), 2);
    QCOMPARE(m_history->count(QStringLiteral("status")), 1);
}

void TestFeedTransports::publish_carriesTheFeedsCredentials_data()
{
    QTest::addColumn<int>("auth");
    QTest::addColumn<QByteArray>("expectedTarget");
    QTest::addColumn<QByteArray>("expectedAuthorization");
    QTest::newRow("bearer") << int(FeedConfig::Auth::Bearer) << QByteArray("/topic") << QByteArray("Bearer tk_9");
    // ntfy takes ?auth= on publishing as on subscribing: a chat reply must carry it too.
    QTest::newRow("token in the query") << int(FeedConfig::Auth::QueryToken) << QByteArray("/topic?auth=tk_9")
                                        << QByteArray();
}

void TestFeedTransports::publish_carriesTheFeedsCredentials()
{
    QFETCH(int, auth);
    QFETCH(QByteArray, expectedTarget);
    QFETCH(QByteArray, expectedAuthorization);
    TestHttpServer server;
    server.route("/events", [](const HttpRequest &, QTcpSocket *socket) { TestHttpServer::startStream(socket); });
    server.route("/topic", [](const HttpRequest &, QTcpSocket *socket) { TestHttpServer::respond(socket, 200); });
    FeedConfig config;
    config.name = QStringLiteral("ntfy");
    config.url = server.url(QStringLiteral("/events"));
    config.publishUrl = server.url(QStringLiteral("/topic"));
    config.auth = FeedConfig::Auth(auth);
    config.queryParameter = QStringLiteral("auth");
    Feed feed(config, m_history.get(), QStringLiteral("tk_9"));
    QSignalSpy sent(&feed, &Feed::sendStateChanged);
    feed.start();
    QTRY_COMPARE(feed.state(), Feed::State::Open);
    feed.send(QStringLiteral("on it"));
    QTRY_COMPARE(server.requests("/topic").size(), 1);
    const HttpRequest request = server.requests("/topic").first();
    QCOMPARE(request.target, expectedTarget);
    QCOMPARE(request.header("Authorization"), expectedAuthorization);
    QCOMPARE(request.body, QByteArray("on it"));
    QTRY_VERIFY(!sent.isEmpty() && sent.last().at(1).value<Feed::SendState>() == Feed::SendState::Sent);
}

void TestFeedTransports::gotify_catchesUpAfterReconnect()
{
    using namespace herald::test;
    TestHttpServer server;
    QList<QTcpSocket *> streams;
    server.route("/stream", [&](const HttpRequest &request, QTcpSocket *socket) {
        TestHttpServer::acceptWebSocket(socket, request);
        streams.append(socket);
    });
    server.route("/message", [](const HttpRequest &, QTcpSocket *socket) {
        // Newest first, as gotify lists them; 5 and 4 were seen before the disconnect.
        QByteArray body = "{\"messages\":[";
        for (int id = 8; id >= 4; --id) {
            body += QByteArray(id == 8 ? "" : ",") + "{\"id\":" + QByteArray::number(id) +
                    ",\"appid\":1,\"title\":\"t\",\"message\":\"missed " + QByteArray::number(id) +
                    "\",\"priority\":5,\"date\":\"2026-11-24T10:00:00Z\"}";
        }
        body += "],\"paging\":{\"size\":5,\"limit\":100}}";
        TestHttpServer::respond(socket, 200, body, {}, "application/json");
    });
    QVERIFY(m_history->setLastEventId(QStringLiteral("gotify"), QStringLiteral("5")));
    FeedConfig config;
    config.name = QStringLiteral("gotify");
    QUrl url = server.url(QStringLiteral("/stream"));
    url.setScheme(QStringLiteral("ws"));
    config.url = url;
    config.preset = herald::PayloadMapper::Preset::Gotify;
    config.auth = FeedConfig::Auth::QueryToken;
    config.queryParameter = QStringLiteral("token");
    Feed feed(config, m_history.get(), QStringLiteral("C1ient"));
    feed.start();
    QTRY_COMPARE(storedBodies(QStringLiteral("gotify")),
                 (QStringList{QStringLiteral("missed 6"), QStringLiteral("missed 7"), QStringLiteral("missed 8")}));
    const auto catchUp = server.requests("/message");
    QCOMPARE(catchUp.size(), 1);
    QVERIFY2(catchUp.at(0).target.contains("token=C1ient") && catchUp.at(0).target.contains("limit=100"),
             catchUp.at(0).target.constData());
    QTRY_COMPARE(streams.size(), 1);
    streams.first()->write(ws::frame(ws::Text, "{\"id\":9,\"appid\":1,\"title\":\"t\",\"message\":\"live 9\","
                                               "\"priority\":5,\"date\":\"2026-11-24T10:01:00Z\"}"));
    QTRY_COMPARE(storedBodies(QStringLiteral("gotify")).size(), 4);
    QTRY_COMPARE(m_history->lastEventId(QStringLiteral("gotify")), QStringLiteral("9"));
    QCOMPARE(herald::GotifyCatchUp::messagesUrl(QUrl(QStringLiteral("wss://push.example/gotify/stream?token=x"))),
             QUrl(QStringLiteral("https://push.example/gotify/message?token=x&limit=100")));
}

void TestFeedTransports::tls_data()
{
    QTest::addColumn<QString>("transport");
    QTest::addColumn<QString>("trust"); // none, ca, pin, wrong-pin, insecure
    QTest::addColumn<bool>("delivers");
    for (const char *transport : {"websocket", "polling"}) {
        QTest::addRow("%s untrusted", transport) << transport << "none" << false;
        QTest::addRow("%s CA file", transport) << transport << "ca" << true;
        QTest::addRow("%s pinned", transport) << transport << "pin" << true;
        QTest::addRow("%s wrong pin", transport) << transport << "wrong-pin" << false;
        QTest::addRow("%s accept invalid", transport) << transport << "insecure" << true;
    }
}

void TestFeedTransports::tls()
{
    if (herald::test::PeerLauncher::underWine()) {
        QSKIP("Wine's Schannel cannot load a test server's certificate and key (\"Failed to load certificate "
              "chain\"), so no TLS server runs in a test under Wine");
    }
    QFETCH(QString, transport);
    QFETCH(QString, trust);
    QFETCH(bool, delivers);
    QTemporaryDir dir;
    QString error;
    // The name does not match 127.0.0.1: only a pin or accept-invalid gets past that, and a CA file must not.
    const bool nameMatches = trust == QLatin1String("ca");
    const auto made = herald::test::makeSelfSignedCertificate(
        dir, nameMatches ? QStringLiteral("IP:127.0.0.1") : QStringLiteral("DNS:elsewhere.example"), &error);
    QVERIFY2(made, qPrintable(error));
    const QSslConfiguration serverTls = made->serverConfiguration();

#ifdef HERALD_TEST_QT_WEBSOCKETS
    QWebSocketServer wsServer(QStringLiteral("tls"), QWebSocketServer::SecureMode);
#endif
    QSslServer httpsServer;
    quint16 port = 0;
    if (transport == QLatin1String("websocket")) {
#ifndef HERALD_TEST_QT_WEBSOCKETS
        QSKIP("its TLS WebSocket server is Qt WebSockets, which is not built for Windows here");
#else
        wsServer.setSslConfiguration(serverTls);
        QVERIFY(wsServer.listen(QHostAddress::LocalHost, 0));
        port = wsServer.serverPort();
        connect(&wsServer, &QWebSocketServer::newConnection, this, [&] {
            QWebSocket *socket = wsServer.nextPendingConnection(); // ours to delete, with the server
            socket->setParent(&wsServer);
            socket->sendTextMessage(QStringLiteral("over TLS"));
        });
#endif
    } else {
        httpsServer.setSslConfiguration(serverTls);
        QVERIFY(httpsServer.listen(QHostAddress::LocalHost, 0));
        port = httpsServer.serverPort();
        connect(&httpsServer, &QSslServer::pendingConnectionAvailable, this, [&] {
            QTcpSocket *socket = httpsServer.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                if (socket->readAll().contains("\r\n\r\n")) {
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 8\r\n"
                                  "Connection: close\r\n\r\nover TLS");
                    socket->disconnectFromHost();
                }
            });
        });
    }
    FeedConfig config;
    config.name = QStringLiteral("tls");
    config.url =
        QUrl(QStringLiteral("%1://127.0.0.1:%2/")
                 .arg(transport == QLatin1String("websocket") ? QStringLiteral("wss") : QStringLiteral("https"))
                 .arg(port));
    config.transport = *FeedConfig::transportFromName(transport);
    const QString digest = QString::fromLatin1(made->certificate.digest(QCryptographicHash::Sha256).toHex(':'));
    if (trust == QLatin1String("ca")) {
        config.tls.caCertificateFile = made->certificatePath;
    } else if (trust == QLatin1String("pin")) {
        config.tls.certificatePin = digest.toUpper();
    } else if (trust == QLatin1String("wrong-pin")) {
        config.tls.certificatePin = QString(64, u'a');
    } else if (trust == QLatin1String("insecure")) {
        config.tls.acceptInvalidCertificates = true;
    }
    Feed feed(config, m_history.get());
    feed.start();
    if (delivers) {
        QTRY_COMPARE_WITH_TIMEOUT(storedBodies(QStringLiteral("tls")), QStringList{QStringLiteral("over TLS")}, 10000);
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(!feed.lastError().isEmpty(), 10000);
        QVERIFY2(feed.lastError().contains(QStringLiteral("certificate")) ||
                     feed.lastError().contains(QStringLiteral("TLS")),
                 qPrintable(feed.lastError()));
        if (trust == QLatin1String("wrong-pin")) {
            QVERIFY2(feed.lastError().contains(QStringLiteral("not the pinned one")), qPrintable(feed.lastError()));
        }
        QCOMPARE(m_history->count(QStringLiteral("tls")), 0);
    }
}

void TestFeedTransports::proxy_socks5()
{
    herald::test::Socks5Proxy proxy;
    QVERIFY(proxy.listen());
    TestHttpServer server;
    server.route("/events", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket);
        TestHttpServer::send(socket, "id: 1\ndata: through the proxy\n\n");
    });
    FeedConfig config;
    config.name = QStringLiteral("proxied");
    config.url = server.url(QStringLiteral("/events"));
    config.proxy = QStringLiteral("socks5://127.0.0.1:%1").arg(proxy.port());
    Feed feed(config, m_history.get());
    feed.start();
    QTRY_COMPARE(storedBodies(QStringLiteral("proxied")), QStringList{QStringLiteral("through the proxy")});
    QCOMPARE(proxy.destinations(), QStringList{QStringLiteral("127.0.0.1:%1").arg(server.port())});
}

void TestFeedTransports::wake_reconnectsEveryFeedFromWhereItStopped()
{
    TestHttpServer server;
    server.route("/events", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket);
        TestHttpServer::send(socket, "id: 7\ndata: before the sleep\n\n");
    });
    FeedConfig config;
    config.name = QStringLiteral("sleepy");
    config.url = server.url(QStringLiteral("/events"));
    herald::FeedManager manager(m_history.get(), nullptr);
    manager.setFeeds({config});
    manager.startAll();
    QTRY_COMPARE(storedBodies(QStringLiteral("sleepy")), QStringList{QStringLiteral("before the sleep")});
    // What a wake-up does (WakeDetector or the system's own signal): every connection is replaced at once, even
    // one that still looks open, and resumes from the last event id.
    Q_EMIT manager.wakeDetector().wokeUp(45 * 60 * 1000);
    QTRY_COMPARE(server.requests("/events").size(), 2);
    QCOMPARE(server.requests("/events").at(1).header("Last-Event-ID"), QByteArray("7"));
    QTRY_COMPARE(manager.feed(QStringLiteral("sleepy"))->state(), Feed::State::Open);
    QVERIFY(m_history->flush());
    QCOMPARE(m_history->count(QStringLiteral("sleepy")), 1); // the replayed event is not stored twice
}

void TestFeedTransports::socketIo_storesEventsAndChatGoesOutAsAnEvent()
{
    herald::test::NodePeer server; // the socket.io package from npm
    QVERIFY2(server.start(QStringLiteral("socketio-server.js")), qPrintable(server.error()));
    FeedConfig config;
    config.name = QStringLiteral("sio");
    config.url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(server.port()));
    config.protocol.name = QStringLiteral("socketio");
    QCOMPARE(config.effectiveTransport(), FeedConfig::Transport::WebSocket);
    Feed feed(config, m_history.get());
    QSignalSpy sendStates(&feed, &Feed::sendStateChanged);
    feed.start();
    // Typed before the namespace is joined: it waits, then goes out as a Socket.IO event.
    const QString id = feed.send(QStringLiteral("hi from the chat"), QStringLiteral("ana"));
    QTRY_VERIFY(storedBodies(QStringLiteral("sio")).contains(QStringLiteral("hello from socket.io")));
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(sendStates.cbegin(), sendStates.cend(),
                                         [&id](const QList<QVariant> &state) {
                                             return state.at(0).toString() == id &&
                                                    state.at(1).value<Feed::SendState>() == Feed::SendState::Sent;
                                         }),
                             5000);
    const auto serverGot = [&server] {
        for (const QString &line : server.output()) {
            if (line.startsWith(QLatin1String("GOT message ")) && line.contains(QLatin1String("hi from the chat"))) {
                return true;
            }
        }
        return false;
    };
    QTRY_VERIFY(serverGot());
    // Protocol traffic (the handshake, pings, acknowledgements) is never stored.
    for (const QString &body : storedBodies(QStringLiteral("sio"))) {
        QVERIFY2(!body.startsWith(QLatin1Char('0')) && !body.startsWith(QLatin1String("40")), qPrintable(body));
    }
    feed.stop();
}

void TestFeedTransports::protocols_serverRestart_reconnectsAndStartsOver_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("firstBody");
    QTest::newRow("socketio") << "socketio-server.js"
                              << "/"
                              << "socketio"
                              << "hello from socket.io";
    QTest::newRow("sockjs") << "sockjs-server.js"
                            << "/echo"
                            << "sockjs"
                            << "welcome";
    QTest::newRow("graphql-ws") << "graphql-ws-server.js"
                                << "/"
                                << "graphql-ws"
                                << "1";
}

// The server goes away and comes back on the same address: the feed reconnects, and the protocol's handshake
// (Engine.IO open and namespace join, SockJS open, connection_init and subscribe) runs again.
void TestFeedTransports::protocols_serverRestart_reconnectsAndStartsOver()
{
    QFETCH(QString, script);
    QFETCH(QString, path);
    QFETCH(QString, protocol);
    QFETCH(QString, firstBody);
    auto server = std::make_unique<herald::test::NodePeer>();
    QVERIFY2(server->start(script), qPrintable(server->error()));
    const quint16 port = server->port();
    FeedConfig config;
    config.name = protocol;
    config.url = QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                          .arg(protocol == QLatin1String("graphql-ws") ? QStringLiteral("ws") : QStringLiteral("http"))
                          .arg(port)
                          .arg(path));
    config.protocol.name = protocol;
    if (protocol == QLatin1String("graphql-ws")) {
        config.protocol.query = QStringLiteral("subscription { ticks(every: 100) }");
        config.protocol.socketIoAuth = R"({"token":"s3cret"})";
    }
    config.reconnectDelaySeconds = 1;
    Feed feed(config, m_history.get());
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(storedBodies(protocol).count(firstBody), 1, 10000);
    server.reset(); // the server goes away
    QTRY_VERIFY(feed.state() != Feed::State::Open);
    server = std::make_unique<herald::test::NodePeer>();
    QVERIFY2(server->start(script, {QString::number(port)}), qPrintable(server->error()));
    QTRY_COMPARE_WITH_TIMEOUT(storedBodies(protocol).count(firstBody), 2, 15000);
    QCOMPARE(feed.state(), Feed::State::Open);
    feed.stop();
}

void TestFeedTransports::graphql_wrongToken_failsTheFeedWithTheReason()
{
    // A feed refused for its credentials says so once, as a failed feed with the reason, and does not knock again.
    herald::test::NodePeer server;
    QVERIFY2(server.start(QStringLiteral("graphql-ws-server.js")), qPrintable(server.error()));
    FeedConfig config;
    config.name = QStringLiteral("graphql");
    config.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(server.port()));
    config.protocol.name = QStringLiteral("graphql-ws");
    config.protocol.query = QStringLiteral("subscription { greetings }");
    config.protocol.socketIoAuth = R"({"token":"expired"})";
    config.reconnectDelaySeconds = 1;
    Feed feed(config, m_history.get());
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), Feed::State::Failed, 10000);
    QVERIFY2(feed.lastError().contains(QStringLiteral("4403")) &&
                 feed.lastError().contains(QStringLiteral("--auth-payload for a feed")),
             qPrintable(feed.lastError()));
    QCOMPARE(feed.pendingReconnectDelay(), -1); // no retry is waiting
    feed.stop();
}

void TestFeedTransports::mqtt_chatPublishesAndWhatCameWhileAwayArrives()
{
    herald::test::MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.error()));
    FeedConfig room;
    room.name = QStringLiteral("room");
    room.url = QUrl(broker.url());
    room.protocol.name = QStringLiteral("mqtt");
    room.protocol.topics = {QStringLiteral("chat/ops")};
    FeedConfig other = room;
    other.name = QStringLiteral("other");
    {
        Feed feed(room, m_history.get());
        QSignalSpy sendStates(&feed, &Feed::sendStateChanged);
        feed.start();
        // Typed before the broker answered: it waits for the subscription, then is published at QoS 1.
        const QString id = feed.send(QStringLiteral("from the chat window"), QStringLiteral("ana"));
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(sendStates.cbegin(), sendStates.cend(),
                                             [&id](const QList<QVariant> &state) {
                                                 return state.at(0).toString() == id &&
                                                        state.at(1).value<Feed::SendState>() == Feed::SendState::Sent;
                                             }),
                                 5000);
        QTRY_VERIFY(broker.log().contains(QStringLiteral("Received PUBLISH from herald-")));
        QVERIFY(broker.log().contains(QStringLiteral("(d0, q1, r0, m")));
        feed.stop();
    }
    // While the room feed is away, another client publishes at QoS 1.
    {
        Feed sender(other, m_history.get());
        sender.start();
        sender.send(QStringLiteral("while you were away"));
        QTRY_VERIFY(broker.log().contains(QStringLiteral("'chat/ops', ... (19 bytes)")));
        sender.stop();
    }
    Feed back(room, m_history.get());
    back.start();
    QTRY_VERIFY_WITH_TIMEOUT(storedBodies(QStringLiteral("room")).contains(QStringLiteral("while you were away")),
                             10000);
    // The feed's client id is its own and stays the same across runs, so the broker kept its session.
    QVERIFY(broker.log().contains(QStringLiteral("(p2, c0, k30)")));
    // The broker sent the chat message back to its sender (3.1.1 has no "no local"): it is in the history once.
    QCOMPARE(storedBodies(QStringLiteral("room")).count(QStringLiteral("from the chat window")), 1);
    back.stop();
}

void TestFeedTransports::sse_postFeedSendsItsBodyOnEveryReconnect()
{
    TestHttpServer server;
    int served = 0;
    server.route("/mcp", [&](const HttpRequest &request, QTcpSocket *socket) {
        if (request.method != "POST") {
            TestHttpServer::respond(socket, 405, "POST only\n");
            return;
        }
        TestHttpServer::startStream(socket, "text/event-stream", true);
        TestHttpServer::send(socket, "id: e" + QByteArray::number(++served) + "\ndata: " + request.body + "\n\n");
        if (served == 1) {
            TestHttpServer::endStream(socket);
        }
    });
    QString problem;
    const auto config = FeedConfig::fromJson(
        QJsonObject{{QStringLiteral("name"), QStringLiteral("mcp")},
                    {QStringLiteral("url"), server.url(QStringLiteral("/mcp")).toString()},
                    {QStringLiteral("body"), QStringLiteral("{\"method\":\"subscribe\"}")},
                    {QStringLiteral("reconnect"), QJsonObject{{QStringLiteral("delaySeconds"), 1}}}},
        &problem);
    QVERIFY2(config, qPrintable(problem));
    QCOMPARE(config->method, QByteArray("POST"));
    QCOMPARE(config->toJson().value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    Feed feed(*config, m_history.get());
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(storedBodies(QStringLiteral("mcp")).size(), 2, 10000);
    const auto requests = server.requests("/mcp");
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(1).method, QByteArray("POST"));
    QCOMPARE(requests.at(1).body, QByteArray(R"({"method":"subscribe"})"));
    QCOMPARE(requests.at(1).header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(requests.at(1).header("Last-Event-ID"), QByteArray("e1"));

    // A method on a WebSocket feed is refused, with the reason.
    QVERIFY(!FeedConfig::fromJson(QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                                              {QStringLiteral("url"), QStringLiteral("ws://h/")},
                                              {QStringLiteral("method"), QStringLiteral("POST")}},
                                  &problem));
    QVERIFY2(problem.contains(QStringLiteral("SSE")), qPrintable(problem));
}

QTEST_GUILESS_MAIN(TestFeedTransports)
#include "tst_feed_transports.moc"
