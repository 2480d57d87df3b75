// A burst into an open chat room, on a real window (offscreen platform is fine): a WebSocket feed following Node's ws
// server, which sends COUNT messages as fast as the client takes them, through the feed manager and the history
// into the chat window showing that room. Prints how long the event loop went without turning (the longest gap
// between ticks of a 2 ms timer, less the 2 ms), which is how long the window ignored its person, and when the last
// message was on screen. Target: under 50 ms for 1,000 and 10,000 messages.
#include "BenchSize.h"
#include "NodePeer.h"
#include "chat/ChatModel.h"
#include "chat/ChatWindow.h"
#include "feed/FeedManager.h"
#include "store/HistoryStore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QListView>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace herald;

namespace {

struct Burst
{
    double longestStallMs = 0;
    double lastOnScreenMs = 0;
    int stored = 0;
    bool complete = false;
};

Burst measure(int count)
{
    Burst burst;
    test::NodePeer server;
    if (!server.start(QStringLiteral("ws-bench-server.js"), {QString::number(count)})) {
        std::fprintf(stderr, "%s\n", qPrintable(server.error()));
        return burst;
    }
    QTemporaryDir dir;
    HistoryStore history;
    if (!history.open(dir.filePath(QStringLiteral("history.sqlite")))) {
        std::fprintf(stderr, "%s\n", qPrintable(history.errorString()));
        return burst;
    }
    FeedConfig room;
    room.name = QStringLiteral("room");
    room.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(server.port()));
    room.transport = FeedConfig::Transport::WebSocket;
    room.preset = PayloadMapper::Preset::Raw; // the server repeats its 1,000 JSON ids; as text each message is new
    FeedManager feeds(&history, nullptr);
    feeds.setFeeds({room});
    ui::ChatWindow window(&feeds, &history);
    window.setChatFeeds({room.name});
    window.resize(720, 520);
    window.show();
    QCoreApplication::processEvents();

    QElapsedTimer clock;
    qint64 lastTick = 0;
    QTimer ticks;
    ticks.setTimerType(Qt::PreciseTimer);
    ticks.setInterval(2);
    QObject::connect(&ticks, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        burst.longestStallMs = std::max(burst.longestStallMs, double(now - lastTick) / 1e6 - 2.0);
        lastTick = now;
    });
    QObject::connect(&history, &HistoryStore::stored,
                     [&](const QList<StoredMessage> &added) { burst.stored += int(added.size()); });
    clock.start();
    ticks.start();
    feeds.startAll();
    const auto onScreen = [&] {
        ui::ChatModel *model = window.model();
        if (burst.stored < count || model->rowCount() == 0) {
            return false;
        }
        const QModelIndex newest = model->index(model->rowCount() - 1);
        return model->entry(model->rowCount() - 1).rowId > 0 &&
               window.messageView()->viewport()->rect().intersects(window.messageView()->visualRect(newest));
    };
    QElapsedTimer deadline;
    deadline.start();
    while (!onScreen() && deadline.elapsed() < 300000) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    burst.complete = onScreen();
    burst.lastOnScreenMs = double(clock.nsecsElapsed()) / 1e6;
    // What the window does once the burst is over counts too (trimming, marking read, the room list).
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 300) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    feeds.stopAll();
    return burst;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("herald.*.info=false"));
    bench::announceSmokeRun();
    std::printf("A burst into the open chat room (WebSocket feed -> history -> chat window, %s platform):\n",
                qPrintable(QGuiApplication::platformName()));
    int failures = 0;
    for (const int count : {bench::sized(1000), bench::sized(10000)}) {
        const Burst burst = measure(count);
        std::printf(
            "%6d messages: longest event-loop stall %6.1f ms (target < 50); last one on screen after %7.1f ms%s\n",
            count, burst.longestStallMs, burst.lastOnScreenMs,
            burst.complete ? "" : qPrintable(QStringLiteral(" (NOT all: %1 stored)").arg(burst.stored)));
        std::fflush(stdout);
        failures += burst.complete ? 0 : 1;
    }
    return failures == 0 ? 0 : 1;
}
