// End to end: the real `herald listen` receiving 500,000 ~130-byte JSON events from a server on 127.0.0.1, its
// output read and discarded by this process. Prints events/s per output format; never passes or fails on time.
#include "BenchSize.h"
#include "ChildRun.h"
#include "NodePeer.h"
#include "NodeRatio.h"
#include "SampleStream.h"
#include "TestHttpServer.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTcpSocket>

#include <cstdio>

namespace {

constexpr qint64 kEvents = 500000;
constexpr qsizetype kChunk = 64 * 1024;
const int kRatioRounds = herald::bench::rounds(herald::bench::kRatioPairs);

herald::bench::ChildRun runListen(const QUrl &url, const QStringList &extra)
{
    return herald::bench::runChild(
        QStringLiteral(HERALD_EXECUTABLE),
        QStringList{QStringLiteral("listen"), url.toString(), QStringLiteral("--count"), QString::number(kEvents)} +
            extra);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("herald.*.info=false"));
    herald::bench::announceSmokeRun();
    const QByteArray stream = herald::bench::sampleStream(kEvents);
    herald::test::TestHttpServer server;
    server.route("/events", [&stream](const herald::HttpRequest &, QTcpSocket *socket) {
        herald::test::TestHttpServer::startStream(socket, "text/event-stream", true);
        for (qsizetype at = 0; at < stream.size(); at += kChunk) {
            herald::test::TestHttpServer::send(socket, stream.mid(at, kChunk));
        }
    });
    const QUrl url = server.url(QStringLiteral("/events"));
    std::printf("herald listen, %lld events of %.0f bytes from 127.0.0.1 (process start to exit)\n", kEvents,
                double(stream.size()) / kEvents);

    const struct
    {
        const char *name;
        QStringList arguments;
    } modes[] = {
        {"--json", {QStringLiteral("--json")}}, {"--payloads", {QStringLiteral("--payloads")}}, {"readable", {}}};
    for (const auto &mode : modes) {
        const auto run = runListen(url, mode.arguments);
        if (run.exitCode != 0) {
            std::fprintf(stderr, "herald listen %s exited with %d\n", mode.name, run.exitCode);
            return 1;
        }
        std::printf("  %-9s %8.0f events/s  %6.1f MB/s in  %6.1f MB/s out  %.2f s  peak RSS %.1f MiB\n", mode.name,
                    kEvents / run.seconds, stream.size() / run.seconds / 1e6, run.outputBytes / run.seconds / 1e6,
                    run.seconds, run.peakResident / 1048576.0);
    }

    // Against Node, from a Node server that builds its stream once and is never the bottleneck.
    herald::test::NodePeer sseServer;
    if (!sseServer.start(QStringLiteral("sse-bench-server.js"), {QString::number(kEvents)})) {
        std::fprintf(stderr, "%s\n", qPrintable(sseServer.error()));
        return 1;
    }
    const qint64 streamBytes = sseServer.output().value(0).mid(6).toLongLong(); // its "BYTES n" line
    std::printf("\nagainst Node: %lld events of %.0f bytes from a Node server, herald | grep -c as a whole process,\n"
                "eventsource@4 counting inside its process; alternating runs, median of %d\n",
                kEvents, double(streamBytes) / kEvents, kRatioRounds);
    const auto figures = herald::bench::measureAgainstNode(
        herald::bench::NodeClient::EventSource, QStringLiteral("http://127.0.0.1:%1/events").arg(sseServer.port()),
        kEvents, streamBytes, kRatioRounds);
    herald::bench::printNodeRatio("herald listen --json | grep -c .", "node eventsource@4 addEventListener", figures);
    return figures.error.isEmpty() ? 0 : 1;
}
