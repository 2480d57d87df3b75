// A burst of 10,000 messages into the history: how long until all are on disk, and how long the event loop is ever
// held up meanwhile (the longest single append() call, which may write a batch, and the longest event-loop turn).
// Then History's search in a history of a million messages: indexing them, and how long each kind of search takes
// (100 results, as the History window asks). Prints figures; never passes or fails.
#include "BenchSize.h"
#include "store/HistoryStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

namespace {

void searchAtScale(int total)
{
    QTemporaryDir dir;
    herald::HistoryStore store;
    if (!store.open(dir.filePath(QStringLiteral("history.sqlite")))) {
        std::fprintf(stderr, "%s\n", qPrintable(store.errorString()));
        return;
    }
    store.setRetention(0, 0, 0);
    static const char *const titles[] = {"Build #%1 passed", "Deploy %1 failed on prod", "빌드오류가 발생했습니다 %1",
                                         "PR %1 approved", "한국어 번역 %1 완료"};
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < total; ++i) {
        herald::Message message;
        message.feed = QStringLiteral("feed%1").arg(i % 7);
        message.id = QString::number(i);
        message.title = QString::fromUtf8(titles[i % 5]).arg(i);
        message.body = QStringLiteral("herald/main at %1 by alice: 412 tests in 2 min").arg(i * 2654435761u, 8, 16);
        store.append(message);
    }
    store.flush();
    const double written = clock.nsecsElapsed() / 1e9;
    clock.restart();
    store.indexEverything();
    const double indexed = clock.nsecsElapsed() / 1e9;
    const qint64 bytes = QFileInfo(dir.filePath(QStringLiteral("history.sqlite"))).size();
    std::printf("\nsearch in %d messages (written in %.1f s, indexed in %.1f s at %.0f/s; file %.0f MB):\n", total,
                written, indexed, total / indexed, bytes / 1e6);
    const char *const searches[] = {"deploy", "ploy", "오류", "국어", "prod alice", "a", "k7q9z", "#123456"};
    for (const char *search : searches) {
        herald::HistoryStore::Query query;
        query.search = QString::fromUtf8(search);
        query.limit = 100;
        qint64 best = -1;
        qsizetype found = 0;
        for (int round = 0; round < 5; ++round) {
            QElapsedTimer one;
            one.start();
            found = store.query(query).size();
            const qint64 took = one.nsecsElapsed();
            best = best < 0 ? took : std::min(best, took);
        }
        std::printf("  %-12s %3lld results  %8.1f ms (best of 5)\n", search, qlonglong(found), best / 1e6);
    }
}

} // namespace

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
    searchAtScale(herald::bench::sized(1000000));
    return 0;
}
