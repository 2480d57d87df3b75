// Hundreds of feeds in one FeedManager, all on the main thread's event loop: how long until every one is open,
// what they cost in threads and memory, and how long one published event takes to reach every feed's history and
// come out as notifications. Prints figures; never passes or fails on time.
#include "BenchSize.h"
#include "ProcessStats.h"
#include "demo/DemoServer.h"
#include "feed/FeedManager.h"
#include "store/HistoryStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace herald;

namespace {

void run(int feedCount, int burst)
{
    DemoServer demo;
    demo.setSampleInterval(0);
    if (!demo.start()) {
        std::fprintf(stderr, "bench_feeds: the demo server did not start\n");
        std::exit(1);
    }
    QTemporaryDir dir;
    HistoryStore history;
    if (!history.open(dir.filePath(QStringLiteral("history.sqlite")))) {
        std::fprintf(stderr, "bench_feeds: %s\n", qPrintable(history.errorString()));
        std::exit(1);
    }
    FeedManager manager(&history, nullptr);
    StormSettings everyMessage;
    everyMessage.burstSize = 0;
    everyMessage.maxPerMinute = 0;
    manager.stormControl().setSettings(everyMessage);
    QList<FeedConfig> configs;
    for (int i = 0; i < feedCount; ++i) {
        FeedConfig config;
        config.name = QStringLiteral("feed-%1").arg(i);
        config.url = demo.eventsUrl();
        config.preset = PayloadMapper::Preset::Json;
        configs.append(config);
    }
    manager.setFeeds(configs);
    const int threadsBefore = bench::threadCount();
    const qint64 rssBefore = bench::residentBytes();

    QElapsedTimer clock;
    clock.start();
    manager.startAll();
    const bool allOpen = QTest::qWaitFor([&] { return demo.subscriberCount() >= feedCount; }, 60000);
    const qint64 openMs = clock.elapsed();
    QTest::qWait(200); // let the last responses settle before measuring
    const int threads = bench::threadCount();
    const qint64 rss = bench::residentBytes();

    int notified = 0;
    QObject::connect(&manager, &FeedManager::notificationReady, [&] { ++notified; });
    clock.restart();
    for (int i = 0; i < burst; ++i) {
        demo.publish("message",
                     QByteArray("{\"title\":\"bench\",\"message\":\"event ") + QByteArray::number(i) + "\"}");
    }
    const int expected = feedCount * burst;
    const bool allStored =
        QTest::qWaitFor([&] { return history.count() + history.pendingCount() >= expected; }, 120000);
    history.flush();
    const qint64 storedMs = clock.elapsed();
    (void)QTest::qWaitFor([&] { return notified >= expected; }, 10000);
    const qint64 notifiedMs = clock.elapsed();

    std::printf("%4d feeds: all open in %5lld ms%s; threads %d -> %d; RSS +%.1f MiB (%.1f KiB per feed)\n", feedCount,
                static_cast<long long>(openMs), allOpen ? "" : " (NOT all)", threadsBefore, threads,
                double(rss - rssBefore) / (1024.0 * 1024.0), double(rss - rssBefore) / 1024.0 / feedCount);
    std::printf("            %d published x %d feeds = %d messages stored in %lld ms%s, %d notified in %lld ms\n",
                burst, feedCount, history.count(), static_cast<long long>(storedMs), allStored ? "" : " (NOT all)",
                notified, static_cast<long long>(notifiedMs));

    // Pause all and resume all, as the tray menu does: every connection closed, then every feed back from where
    // it stopped.
    clock.restart();
    manager.setPaused(true);
    const bool allClosed = QTest::qWaitFor([&] { return demo.subscriberCount() == 0; }, 60000);
    const qint64 pauseMs = clock.elapsed();
    clock.restart();
    manager.setPaused(false);
    const bool allBack = QTest::qWaitFor([&] { return demo.subscriberCount() >= feedCount; }, 60000);
    const qint64 resumeMs = clock.elapsed();
    std::printf(
        "            pause all: every connection closed in %lld ms%s; resume all: all open again in %lld ms%s\n",
        static_cast<long long>(pauseMs), allClosed ? "" : " (NOT all)", static_cast<long long>(resumeMs),
        allBack ? "" : " (NOT all)");
    std::fflush(stdout);
    manager.stopAll();
    // Let the connections close while the server still runs: torn down in the same turn, Qt 6.4 reports each
    // reply's error twice ("QNetworkReplyImplPrivate::error: Internal problem").
    QTest::qWait(100);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qputenv("QT_LOGGING_RULES", "herald.*.info=false");
    std::printf("bench_feeds: N SSE feeds on one FeedManager against the in-process demo server (127.0.0.1)\n");
    bench::announceSmokeRun();
    for (const int feeds : bench::steps({1, 10, 100, 300})) {
        run(feeds, 10);
    }
    return 0;
}
