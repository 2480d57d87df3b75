// Ingest: the real `herald run --headless` following one SSE feed that serves a burst of 100,000 small JSON events
// at once, as a reconnect that brings back a day of a busy feed does. Prints how long until the last one is on disk
// (messages/s, from process start), and how long after that until History's search finds the first and the last
// one. Reads the history as the tray app's History window does, from another connection; never passes or fails.
#include "BenchSize.h"
#include "ProcessStats.h"
#include "TestHttpServer.h"
#include "store/ConfigStore.h"
#include "store/HistoryStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>

namespace {

QByteArray event(int index)
{
    // Every title holds a word of its own ("k<index>q", which no other word begins with), so that a search can name
    // exactly one message.
    return "id: " + QByteArray::number(index) + "\nevent: notification\ndata: {\"title\":\"Deploy k" +
           QByteArray::number(index) +
           "q done\",\"body\":\"main at 3f2a9c1 by alice\",\"priority\":" + QByteArray::number(index % 5 + 1) + "}\n\n";
}

// Through the (feed, event id) key, a look-up that costs the writer nothing, where counting the rows every few
// milliseconds read the whole table each time. The writer commits in arrival order, so the last one on disk means
// every one before it is there too, which the count afterwards confirms.
bool isStored(const QString &connection, int index)
{
    QSqlQuery query(QSqlDatabase::database(connection, false));
    query.prepare(QStringLiteral("SELECT 1 FROM messages WHERE feed = 'burst' AND event_id = ?"));
    query.addBindValue(QString::number(index));
    return query.exec() && query.next();
}

qint64 storedRows(const QString &connection)
{
    QSqlQuery query(QSqlDatabase::database(connection, false));
    return query.exec(QStringLiteral("SELECT count(*) FROM messages")) && query.next() ? query.value(0).toLongLong()
                                                                                       : 0;
}

bool finds(herald::HistoryStore &history, int index)
{
    herald::HistoryStore::Query query;
    query.search = QStringLiteral("k%1q").arg(index);
    query.limit = 2;
    const auto found = history.query(query);
    return found.size() == 1 && found.first().message.id == QString::number(index);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("herald.*.info=false"));
    herald::bench::announceSmokeRun();
    const int kBurst = herald::bench::sized(100000);
    QByteArray stream;
    for (int i = 1; i <= kBurst; ++i) {
        stream += event(i);
    }
    herald::test::TestHttpServer server;
    server.route("/events", [&stream](const herald::HttpRequest &, QTcpSocket *socket) {
        herald::test::TestHttpServer::startStream(socket);
        herald::test::TestHttpServer::send(socket, stream);
    });
    std::printf("herald run --headless, one SSE feed, a burst of %d events of %.0f bytes from 127.0.0.1\n", kBurst,
                double(stream.size()) / kBurst);

    for (int round = 0; round < herald::bench::rounds(3); ++round) {
        QTemporaryDir home;
        herald::FeedConfig feed;
        feed.name = QStringLiteral("burst");
        feed.url = server.url(QStringLiteral("/events"));
        feed.preset = herald::PayloadMapper::Preset::Json;
        QString error;
        const herald::ConfigStore config(home.filePath(QStringLiteral("config/Herald/herald/herald.json")));
        if (!config.save({feed}, {}, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        const QString historyPath = home.filePath(QStringLiteral("data/Herald/herald/history.sqlite"));

        QProcess herald;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        herald.setProcessEnvironment(environment);
        herald.setStandardOutputFile(QProcess::nullDevice());
        herald.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer clock;
        clock.start();
        herald.start(QStringLiteral(HERALD_EXECUTABLE), {QStringLiteral("run"), QStringLiteral("--headless")});
        if (!herald.waitForStarted(10000)) {
            std::fprintf(stderr, "herald did not start\n");
            return 1;
        }

        // Polled every 5 ms from a connection of its own, as a reader beside the writer.
        const QString connection = QStringLiteral("bench-reader");
        bool allStored = false;
        double storedSeconds = 0;
        qint64 peakResident = 0;
        {
            QSqlDatabase reader = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            reader.setDatabaseName(historyPath);
            reader.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
            allStored = QTest::qWaitFor(
                [&] {
                    peakResident = std::max(peakResident, herald::bench::peakResidentBytes(herald.processId()));
                    if (!reader.isOpen() && (!QFile::exists(historyPath) || !reader.open())) {
                        return false;
                    }
                    return isStored(connection, kBurst);
                },
                120000);
            storedSeconds = clock.nsecsElapsed() / 1e9;
            if (allStored && storedRows(connection) != kBurst) {
                std::fprintf(stderr, "the last event is on disk but %lld of %d are\n", storedRows(connection), kBurst);
                return 1;
            }
            reader.close();
        }
        QSqlDatabase::removeDatabase(connection);
        if (!allStored) {
            std::fprintf(stderr, "not every event reached the history within two minutes\n");
            return 1;
        }

        herald::HistoryStore history;
        if (!history.open(historyPath)) {
            std::fprintf(stderr, "%s\n", qPrintable(history.errorString()));
            return 1;
        }
        QElapsedTimer search;
        search.start();
        const bool found = QTest::qWaitFor([&] { return finds(history, 1) && finds(history, kBurst); }, 60000);
        const double searchSeconds = search.nsecsElapsed() / 1e9;
        history.close();
        herald.terminate();
        herald.waitForFinished(10000);
        if (!found) {
            std::fprintf(stderr, "the search did not find the first and the last event within a minute\n");
            return 1;
        }
        std::printf("  all %d on disk after %.2f s: %.0f messages/s; search finds the first and the last %.2f s "
                    "later; peak RSS %.1f MiB\n",
                    kBurst, storedSeconds, kBurst / storedSeconds, searchSeconds, peakResident / 1048576.0);
    }
    return 0;
}
