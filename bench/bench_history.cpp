// A burst of 10,000 messages into the history: how long until all are on disk, and how long the event loop is ever
// held up meanwhile (the longest single append() call, which may write a batch, and the longest event-loop turn).
// Prints figures; never passes or fails.
#include "BenchSize.h"
#include "store/HistoryStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("herald.*.info=false"));
    herald::bench::announceSmokeRun();
    const int kBurst = herald::bench::sized(10000);
    for (int round = 0; round < herald::bench::rounds(3); ++round) {
        QTemporaryDir dir;
        herald::HistoryStore store;
        if (!store.open(dir.filePath(QStringLiteral("history.sqlite")))) {
            std::fprintf(stderr, "%s\n", qPrintable(store.errorString()));
            return 1;
        }
        int stored = 0;
        int batches = 0;
        QObject::connect(&store, &herald::HistoryStore::stored, [&](const QList<herald::StoredMessage> &added) {
            stored += int(added.size());
            ++batches;
        });
        QElapsedTimer total;
        total.start();
        qint64 longestAppendNs = 0;
        for (int i = 0; i < kBurst; ++i) {
            herald::Message message;
            message.feed = QStringLiteral("burst");
            message.id = QString::number(i);
            message.title = QStringLiteral("Build #%1 passed").arg(i);
            message.body = QStringLiteral("herald/main at 3f2a9c1: 412 tests in 2 min 13 s");
            message.raw = QStringLiteral(R"({"title":"Build #%1 passed","message":"herald/main"})").arg(i);
            QElapsedTimer one;
            one.start();
            store.append(message);
            longestAppendNs = std::max(longestAppendNs, one.nsecsElapsed());
        }
        qint64 longestTurnNs = 0;
        while (stored < kBurst) {
            QElapsedTimer turn;
            turn.start();
            QCoreApplication::processEvents();
            longestTurnNs = std::max(longestTurnNs, turn.nsecsElapsed());
        }
        const double seconds = total.nsecsElapsed() / 1e9;
        std::printf("burst of %d: all stored after %.0f ms (%.0f messages/s) in %d transactions; longest append() "
                    "%.1f ms, longest event-loop turn %.1f ms; file %.1f MB\n",
                    kBurst, seconds * 1000, kBurst / seconds, batches, longestAppendNs / 1e6, longestTurnNs / 1e6,
                    QFileInfo(dir.filePath(QStringLiteral("history.sqlite-wal"))).size() / 1e6 +
                        QFileInfo(dir.filePath(QStringLiteral("history.sqlite"))).size() / 1e6);
    }
    return 0;
}
