// The seam between a feed and its transports: which transport a config gets, what each service's resuming takes,
// and how a polled answer is split into items and keyed. The transports against real servers are in
// tests/integration/tst_feed_transports.
#include "feed/FeedTransport.h"
#include "feed/PollingFeedTransport.h"
#include "feed/ServiceResume.h"
#include "feed/StreamFeedTransport.h"
#include "feed/WebSocketFeedTransport.h"

#include <QTest>

using herald::FeedConfig;
using herald::FeedTransport;
using herald::ResumeService;

class TestFeedTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void create_picksTheTransportTheConfigAsksFor_data();
    void create_picksTheTransportTheConfigAsksFor();
    void onlyAWebSocketTakesMessages();
    void resume_perService();
    void gotifyMessagesUrl();
    void polledBody_splitsIntoItems_data();
    void polledBody_splitsIntoItems();
    void contentKey_isStableAndTellsTextsApart();
};

void TestFeedTransport::create_picksTheTransportTheConfigAsksFor_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("transport");
    QTest::addColumn<QByteArray>("className");
    QTest::newRow("http, auto") << "https://ntfy.sh/alerts/sse"
                                << "auto" << QByteArray("herald::StreamFeedTransport");
    QTest::newRow("json lines") << "https://ntfy.sh/alerts/json"
                                << "jsonlines" << QByteArray("herald::StreamFeedTransport");
    QTest::newRow("ws, auto") << "wss://push.example/stream"
                              << "auto" << QByteArray("herald::WebSocketFeedTransport");
    QTest::newRow("polling") << "https://api.example/items"
                             << "polling" << QByteArray("herald::PollingFeedTransport");
}

void TestFeedTransport::create_picksTheTransportTheConfigAsksFor()
{
    QFETCH(QString, url);
    QFETCH(QString, transport);
    QFETCH(QByteArray, className);
    QString problem;
    const auto config = FeedConfig::fromJson(QJsonObject{{QStringLiteral("name"), QStringLiteral("f")},
                                                         {QStringLiteral("url"), url},
                                                         {QStringLiteral("transport"), transport}},
                                             &problem);
    QVERIFY2(config, qPrintable(problem));
    const herald::PayloadMapper mapper(config->preset);
    FeedTransport::Setup setup;
    setup.config = *config;
    setup.url = config->url;
    setup.mapper = &mapper;
    const auto created = herald::createFeedTransport(setup);
    QVERIFY(created);
    QCOMPARE(QByteArray(created->metaObject()->className()), className);
    QCOMPARE(created->reconnectRemaining(), -1); // nothing waits before it is opened
}

void TestFeedTransport::onlyAWebSocketTakesMessages()
{
    QString problem;
    const herald::PayloadMapper mapper(herald::PayloadMapper::Preset::Auto);
    for (const char *url : {"https://a.example/sse", "wss://a.example/ws"}) {
        const auto config = FeedConfig::fromJson(
            QJsonObject{{QStringLiteral("name"), QStringLiteral("chat")}, {QStringLiteral("url"), QLatin1String(url)}},
            &problem);
        QVERIFY2(config, qPrintable(problem));
        FeedTransport::Setup setup;
        setup.config = *config;
        setup.url = config->url;
        setup.mapper = &mapper;
        const auto transport = herald::createFeedTransport(setup);
        const bool webSocket = QByteArray(url).startsWith("wss");
        QCOMPARE(transport->takesMessages(), webSocket);
        QString error;
        // Not opened yet: a WebSocket keeps the message for when it is connected; a stream cannot take it.
        QCOMPARE(transport->send(QStringLiteral("out:1"), QStringLiteral("hi"), &error),
                 webSocket ? FeedTransport::SendResult::Pending : FeedTransport::SendResult::Failed);
        QVERIFY2(error.contains(webSocket ? QLatin1String("is not connected") : QLatin1String("cannot take messages")),
                 qPrintable(error));
    }
}

void TestFeedTransport::resume_perService()
{
    using namespace herald::resume;
    const QUrl url(QStringLiteral("wss://ntfy.sh/alerts/ws?auth=tk"));
    QCOMPARE(streamQueryParameter(ResumeService::Ntfy), QStringLiteral("since"));
    QVERIFY(streamQueryParameter(ResumeService::Gotify).isEmpty());
    QVERIFY(streamQueryParameter(ResumeService::Generic).isEmpty());
    QCOMPARE(webSocketUrl(ResumeService::Ntfy, url, QStringLiteral("k7")),
             QUrl(QStringLiteral("wss://ntfy.sh/alerts/ws?auth=tk&since=k7")));
    // A later id replaces the earlier one rather than adding a second since=.
    QCOMPARE(webSocketUrl(ResumeService::Ntfy, webSocketUrl(ResumeService::Ntfy, url, QStringLiteral("k7")),
                          QStringLiteral("m8")),
             QUrl(QStringLiteral("wss://ntfy.sh/alerts/ws?auth=tk&since=m8")));
    QCOMPARE(webSocketUrl(ResumeService::Ntfy, url, {}), url);
    QCOMPARE(webSocketUrl(ResumeService::Gotify, url, QStringLiteral("9")), url);
    QCOMPARE(webSocketUrl(ResumeService::Generic, url, QStringLiteral("9")), url);
    QVERIFY(idsInPayloads(ResumeService::Ntfy));
    QVERIFY(idsInPayloads(ResumeService::Gotify));
    QVERIFY(!idsInPayloads(ResumeService::Generic));
}

void TestFeedTransport::gotifyMessagesUrl()
{
    using herald::GotifyCatchUp;
    QCOMPARE(GotifyCatchUp::messagesUrl(QUrl(QStringLiteral("ws://push.lan/stream?token=x"))),
             QUrl(QStringLiteral("http://push.lan/message?token=x&limit=100")));
    QCOMPARE(GotifyCatchUp::messagesUrl(QUrl(QStringLiteral("wss://push.example/gotify/stream?limit=5"))),
             QUrl(QStringLiteral("https://push.example/gotify/message?limit=100")));
    QCOMPARE(GotifyCatchUp::messagesUrl(QUrl(QStringLiteral("wss://push.example/gotify"))),
             QUrl(QStringLiteral("https://push.example/gotify/message?limit=100")));
}

void TestFeedTransport::polledBody_splitsIntoItems_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("items");
    QTest::newRow("array") << QByteArray(R"([{"id":1},{"id":2}])")
                           << QStringList{QStringLiteral(R"({"id":1})"), QStringLiteral(R"({"id":2})")};
    QTest::newRow("gotify messages") << QByteArray(R"({"messages":[{"id":3,"message":"m"}],"paging":{}})")
                                     << QStringList{QStringLiteral(R"({"id":3,"message":"m"})")};
    QTest::newRow("one object") << QByteArray(R"({"title":"t"})") << QStringList{QStringLiteral(R"({"title":"t"})")};
    QTest::newRow("json lines") << QByteArray("{\"id\":\"a\"}\n\n{\"id\":\"b\"}\n")
                                << QStringList{QStringLiteral(R"({"id":"a"})"), QStringLiteral(R"({"id":"b"})")};
    QTest::newRow("text") << QByteArray("  the build passed\n") << QStringList{QStringLiteral("the build passed")};
    QTest::newRow("empty") << QByteArray(" \n") << QStringList{};
    QTest::newRow("array of scalars") << QByteArray(R"(["up",3])")
                                      << QStringList{QStringLiteral("up"), QStringLiteral("3")};
}

void TestFeedTransport::polledBody_splitsIntoItems()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, items);
    QCOMPARE(herald::PollingFeedTransport::splitBody(body), items);
}

void TestFeedTransport::contentKey_isStableAndTellsTextsApart()
{
    using herald::PollingFeedTransport;
    const QString key = PollingFeedTransport::contentKey(QStringLiteral("disk 91% full"));
    QVERIFY(key.startsWith(QLatin1String("sha256:")));
    QCOMPARE(key.size(), 7 + 32);
    QCOMPARE(PollingFeedTransport::contentKey(QStringLiteral("disk 91% full")), key);
    QVERIFY(PollingFeedTransport::contentKey(QStringLiteral("disk 92% full")) != key);
}

QTEST_GUILESS_MAIN(TestFeedTransport)
#include "tst_feedtransport.moc"
