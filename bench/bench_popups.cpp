// Publish -> popup on a real desktop stack: the demo server, one feed following it, storm control, and the
// freedesktop notifier talking to a real notification daemon (dunst) over a real D-Bus session. Run it through
// bench/run-popups.sh, which starts Xvfb, a private session bus and dunst. Prints p50/p99/max of the time from
// publishing to the daemon's answer to Notify, at a person's pace (one message every 2 s) and during a storm.
//   HERALD_BENCH_PACE_COUNT=15 HERALD_BENCH_STORM=200 bench_popups
#include "demo/DemoServer.h"
#include "feed/FeedManager.h"
#include "notify/FreedesktopNotifier.h"
#include "notify/NotificationPresenter.h"
#include "store/HistoryStore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace herald;

namespace {

struct Run
{
    std::vector<double> latenciesMs; // per popup of a single message
    int popups = 0;
    int summaries = 0;
    double firstSummaryAfterLastMs = -1;
};

double percentile(std::vector<double> values, double p)
{
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5));
    return values[index];
}

void print(const char *label, const Run &run, int published)
{
    std::printf("%-34s published %4d  popups %4d (summaries %d)  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms\n", label,
                published, run.popups, run.summaries, percentile(run.latenciesMs, 0.5),
                percentile(run.latenciesMs, 0.99),
                run.latenciesMs.empty() ? 0.0 : *std::max_element(run.latenciesMs.begin(), run.latenciesMs.end()));
}

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok ? value : fallback;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTemporaryDir dir;
    HistoryStore history;
    if (!history.open(dir.filePath(QStringLiteral("history.sqlite")))) {
        std::fprintf(stderr, "bench_popups: %s\n", qPrintable(history.errorString()));
        return 1;
    }
    DemoServer demo;
    demo.setSampleInterval(0);
    if (!demo.start()) {
        std::fprintf(stderr, "bench_popups: the demo server cannot listen\n");
        return 1;
    }
    FeedManager feeds(&history, nullptr);
    FeedConfig config;
    config.name = QStringLiteral("bench");
    config.url = demo.eventsUrl();
    feeds.setFeeds({config});
    ui::FreedesktopNotifier notifier;
    ui::NotificationPresenter presenter(&notifier, &history);
    QObject::connect(&feeds, &FeedManager::notificationReady, &presenter, &ui::NotificationPresenter::present);

    QElapsedTimer clock;
    clock.start();
    QHash<int, qint64> publishedAt; // sequence number -> when
    QHash<QString, int> sequenceOfKey;
    Run *current = nullptr;
    qint64 lastPublishedAt = 0;
    static const QRegularExpression number(QStringLiteral("#(\\d+)"));
    QObject::connect(&feeds, &FeedManager::notificationReady, [&](const Notification &notification) {
        if (const auto *message = std::get_if<Message>(&notification)) {
            const auto match = number.match(message->title);
            sequenceOfKey.insert(presenter.popupFor(notification).key, match.captured(1).toInt());
        }
    });
    QObject::connect(&notifier, &ui::FreedesktopNotifier::shown, [&](const QString &key, uint) {
        if (!current) {
            return;
        }
        ++current->popups;
        if (key.startsWith(QLatin1String("summary:"))) {
            ++current->summaries;
            if (current->firstSummaryAfterLastMs < 0) {
                current->firstSummaryAfterLastMs = double(clock.elapsed() - lastPublishedAt);
            }
            return;
        }
        const auto sequence = sequenceOfKey.constFind(key);
        if (sequence != sequenceOfKey.cend() && publishedAt.contains(*sequence)) {
            current->latenciesMs.push_back(double(clock.nsecsElapsed() / 1000) / 1000.0 -
                                           double(publishedAt.value(*sequence)) / 1000.0);
        }
    });
    const auto publish = [&](int sequence) {
        publishedAt.insert(sequence, clock.nsecsElapsed() / 1000); // microseconds
        lastPublishedAt = clock.elapsed();
        demo.publish("message",
                     QStringLiteral("{\"title\":\"Build #%1\",\"message\":\"bench\"}").arg(sequence).toUtf8());
    };
    const auto spin = [&](int milliseconds) {
        QEventLoop loop;
        QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
        loop.exec();
    };

    feeds.startAll();
    spin(1500); // connected, and the notifier has the server's capabilities
    const int paceCount = envInt("HERALD_BENCH_PACE_COUNT", 15);
    const int stormCount = envInt("HERALD_BENCH_STORM", 200);
    int sequence = 0;

    Run pace;
    current = &pace;
    for (int i = 0; i < paceCount; ++i) {
        publish(++sequence);
        spin(2000);
    }
    print("one message every 2 s:", pace, paceCount);

    spin(3000);
    Run storm;
    current = &storm;
    for (int i = 0; i < stormCount; ++i) {
        publish(++sequence);
    }
    spin(15000);
    history.flush();
    const int stored = history.count(QStringLiteral("bench"));
    print("storm, all published at once:", storm, stormCount);
    std::printf("%-34s %.0f ms after the last message of the storm; %d of %d in the history\n",
                "storm summary shown:", storm.firstSummaryAfterLastMs, stored, paceCount + stormCount);
    std::printf("target: p99 <= 50 ms at a person's pace; at most 5 popups for the storm\n");
    // Not a figure but a fault: a message lost on the way, or no popup at all, means the measurement is void.
    if (stored != paceCount + stormCount || (paceCount > 0 && pace.popups == 0)) {
        std::fprintf(stderr, "bench_popups: %d of %d messages stored, %d popups at a person's pace\n", stored,
                     paceCount + stormCount, pace.popups);
        return 1;
    }
    return 0;
}
