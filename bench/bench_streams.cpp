// What each live stream costs a client: threads and resident memory for N event streams to one HTTP/1.1 host
// (the demo server, in its own process). Prints figures; never passes or fails.
#include "BenchSize.h"
#include "ProcessStats.h"
#include "sse/EventSource.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QProcess>
#include <QRegularExpression>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <vector>

namespace {

QUrl startDemoServer(QProcess &process)
{
    process.setProgram(QStringLiteral(HERALD_EXECUTABLE));
    process.setArguments({QStringLiteral("demo-server")});
    process.start();
    QByteArray output;
    QElapsedTimer timer;
    timer.start();
    const QRegularExpression eventsLine(QStringLiteral("events:\\s+(\\S+)"));
    while (timer.elapsed() < 10000 && process.waitForReadyRead(1000)) {
        output += process.readAllStandardOutput();
        const auto match = eventsLine.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            return QUrl(match.captured(1));
        }
    }
    return {};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("herald.*.info=false"));
    herald::bench::announceSmokeRun();
    QProcess server;
    const QUrl url = startDemoServer(server);
    if (url.isEmpty()) {
        std::fprintf(stderr, "the demo server did not start\n");
        return 1;
    }
    std::printf("N event streams to one HTTP/1.1 host (demo server in its own process)\n");
    std::printf("%8s %9s %9s %14s %12s\n", "streams", "threads", "managers", "RSS MiB", "KiB/stream");

    for (const int count : herald::bench::steps({1, 10, 100, 300})) {
        const int threadsBefore = herald::bench::threadCount();
        const qint64 rssBefore = herald::bench::residentBytes();
        herald::StreamingNetworkPool pool;
        std::vector<std::unique_ptr<herald::EventSource>> sources;
        int open = 0;
        QEventLoop loop;
        for (int i = 0; i < count; ++i) {
            auto source = std::make_unique<herald::EventSource>(url);
            source->setNetworkPool(&pool);
            QObject::connect(source.get(), &herald::EventSource::opened, &loop, [&] {
                if (++open == count) {
                    loop.quit();
                }
            });
            source->open();
            sources.push_back(std::move(source));
        }
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
        if (open != count) {
            std::fprintf(stderr, "only %d of %d streams opened\n", open, count);
            return 1;
        }
        const qint64 rss = herald::bench::residentBytes();
        std::printf("%8d %9d %9d %14.1f %12.1f\n", count, herald::bench::threadCount() - threadsBefore,
                    pool.managerCount(), rss / 1048576.0, double(rss - rssBefore) / count / 1024.0);
        sources.clear();
        QEventLoop settle;
        QTimer::singleShot(200, &settle, &QEventLoop::quit);
        settle.exec();
    }
    server.kill();
    server.waitForFinished();
    return 0;
}
