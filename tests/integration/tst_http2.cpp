// HTTP/2: many event streams to one host multiplex over one connection, with h2c configured or ALPN over TLS.
// The peer is Node's own http2 server (tests/support/http2-server.js), an implementation independent of Qt's.
#include "NodePeer.h"
#include "PeerLauncher.h"
#include "TestCertificate.h"
#include "net/StreamingNetworkPool.h"
#include "sse/EventSource.h"

#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using herald::EventSource;
using herald::SseEvent;

namespace {

// Node's http2 server prints "SESSION n" per connection and "STREAM path" per request.
int sessionsOf(const herald::test::NodePeer &peer)
{
    int sessions = 0;
    for (const QString &line : peer.output()) {
        if (line.startsWith(QLatin1String("SESSION "))) {
            sessions = line.mid(8).toInt();
        }
    }
    return sessions;
}

int streamsOf(const herald::test::NodePeer &peer)
{
    int streams = 0;
    for (const QString &line : peer.output()) {
        streams += line.startsWith(QLatin1String("STREAM "));
    }
    return streams;
}

struct Streams
{
    std::vector<std::unique_ptr<EventSource>> sources;
    std::vector<std::unique_ptr<QSignalSpy>> events;

    EventSource &add(const QUrl &url, herald::StreamingNetworkPool *pool)
    {
        sources.push_back(std::make_unique<EventSource>(url));
        sources.back()->setNetworkPool(pool);
        events.push_back(std::make_unique<QSignalSpy>(sources.back().get(), &EventSource::eventReceived));
        return *sources.back();
    }
};

} // namespace

class TestHttp2 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<SseEvent>(); }
    void cleartext_multiplexesStreamsOverOneConnection();
    void tls_negotiatesHttp2ByAlpnAndMultiplexes();
    void tls_twentyStartedAtOnce_shareOneConnection();
    void h2cOnlyServer_withoutH2c_suggestsIt();
};

void TestHttp2::cleartext_multiplexesStreamsOverOneConnection()
{
    herald::test::NodePeer peer;
    QVERIFY2(peer.start(QStringLiteral("http2-server.js")), qPrintable(peer.error()));
    constexpr int kStreams = 12;
    herald::StreamingNetworkPool pool;
    Streams streams;
    for (int i = 0; i < kStreams; ++i) {
        EventSource &source =
            streams.add(QUrl(QStringLiteral("http://127.0.0.1:%1/events?n=%2").arg(peer.port()).arg(i)), &pool);
        source.setHttp2Cleartext(true);
        source.open();
    }
    for (int i = 0; i < kStreams; ++i) {
        QTRY_COMPARE_WITH_TIMEOUT(streams.events[size_t(i)]->count(), 1, 10000);
        const SseEvent event = streams.events[size_t(i)]->at(0).at(0).value<SseEvent>();
        QCOMPARE(event.data, QStringLiteral("hello over HTTP/2.0 on /events?n=%1").arg(i));
        QVERIFY(streams.sources[size_t(i)]->usedHttp2());
    }
    QTRY_COMPARE(streamsOf(peer), kStreams);
    QCOMPARE(sessionsOf(peer), 1);
    QCOMPARE(pool.managerCount(), 1);
}

void TestHttp2::tls_negotiatesHttp2ByAlpnAndMultiplexes()
{
    if (herald::test::PeerLauncher::underWine()) {
        QSKIP("Wine's Schannel negotiates no ALPN, so HTTP/2 over TLS cannot be checked under Wine");
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    const auto made = herald::test::makeSelfSignedCertificate(dir, QStringLiteral("IP:127.0.0.1"), &error);
    QVERIFY2(made, qPrintable(error));
    const QString cert = made->certificatePath;
    const QString key = made->keyPath;

    herald::test::NodePeer peer;
    QVERIFY2(peer.start(QStringLiteral("http2-server.js"), {cert, key}), qPrintable(peer.error()));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificate(made->certificate);

    herald::StreamingNetworkPool pool;
    Streams streams;
    const auto url = [&](int i) {
        return QUrl(QStringLiteral("https://127.0.0.1:%1/events?n=%2").arg(peer.port()).arg(i));
    };
    // The first answer tells the pool that this host speaks HTTP/2; the rest then share its connection.
    streams.add(url(0), &pool).setSslConfiguration(tls);
    streams.sources[0]->open();
    QVERIFY2(streams.events[0]->wait(10000), qPrintable(streams.sources[0]->errorString()));
    QVERIFY(streams.sources[0]->usedHttp2());
    constexpr int kStreams = 10;
    for (int i = 1; i < kStreams; ++i) {
        EventSource &source = streams.add(url(i), &pool);
        source.setSslConfiguration(tls);
        source.open();
    }
    for (int i = 0; i < kStreams; ++i) {
        QTRY_COMPARE_WITH_TIMEOUT(streams.events[size_t(i)]->count(), 1, 10000);
        QVERIFY(streams.sources[size_t(i)]->usedHttp2());
    }
    QTRY_COMPARE(streamsOf(peer), kStreams);
    QCOMPARE(sessionsOf(peer), 1);
}

void TestHttp2::tls_twentyStartedAtOnce_shareOneConnection()
{
    if (herald::test::PeerLauncher::underWine()) {
        QSKIP("Wine's Schannel negotiates no ALPN, so HTTP/2 over TLS cannot be checked under Wine");
    }
    QTemporaryDir dir;
    QString error;
    const auto made = herald::test::makeSelfSignedCertificate(dir, QStringLiteral("IP:127.0.0.1"), &error);
    QVERIFY2(made, qPrintable(error));
    herald::test::NodePeer peer;
    QVERIFY2(peer.start(QStringLiteral("http2-server.js"), {made->certificatePath, made->keyPath}),
             qPrintable(peer.error()));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificate(made->certificate);
    herald::StreamingNetworkPool pool;
    Streams streams;
    // All at once, as a Herald with twenty feeds to one host starts: Qt alone opened 6+6+6+2 connections.
    constexpr int kStreams = 20;
    for (int i = 0; i < kStreams; ++i) {
        EventSource &source =
            streams.add(QUrl(QStringLiteral("https://127.0.0.1:%1/events?n=%2").arg(peer.port()).arg(i)), &pool);
        source.setSslConfiguration(tls);
        source.open();
    }
    for (int i = 0; i < kStreams; ++i) {
        QTRY_COMPARE_WITH_TIMEOUT(streams.events[size_t(i)]->count(), 1, 10000);
        QVERIFY(streams.sources[size_t(i)]->usedHttp2());
    }
    QTRY_COMPARE(streamsOf(peer), kStreams);
    QCOMPARE(sessionsOf(peer), 1);
    QCOMPARE(pool.managerCount(), 1);
}

void TestHttp2::h2cOnlyServer_withoutH2c_suggestsIt()
{
    herald::test::NodePeer peer;
    QVERIFY2(peer.start(QStringLiteral("http2-server.js")), qPrintable(peer.error()));
    herald::StreamingNetworkPool pool;
    EventSource source(QUrl(QStringLiteral("http://127.0.0.1:%1/events").arg(peer.port())));
    source.setNetworkPool(&pool);
    source.setReconnectEnabled(false);
    QSignalSpy errors(&source, &EventSource::errorOccurred);
    source.open();
    QVERIFY(errors.wait(10000));
    QVERIFY2(source.errorString().contains(QStringLiteral("--h2c")), qPrintable(source.errorString()));
}

QTEST_GUILESS_MAIN(TestHttp2)
#include "tst_http2.moc"
