// End to end: the real `herald listen` receiving 500,000 ~130-byte JSON events from a server on 127.0.0.1, its
// output read and discarded by this process. Prints events/s per output format; never passes or fails on time.
#include "ProcessStats.h"
#include "SampleStream.h"
#include "TestHttpServer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QProcess>
#include <QTcpSocket>

#include <algorithm>
#include <cstdio>

namespace {

constexpr qint64 kEvents = 500000;
constexpr qsizetype kChunk = 64 * 1024;

struct Result
{
    double seconds = 0;
    qint64 outputBytes = 0;
    qint64 peakResident = 0;
    int exitCode = -1;
};

Result runListen(const QUrl &url, const QStringList &extra)
{
    QProcess herald;
    herald.setProgram(QStringLiteral(HERALD_EXECUTABLE));
    herald.setArguments(
        QStringList{QStringLiteral("listen"), url.toString(), QStringLiteral("--count"), QString::number(kEvents)} +
        extra);
    herald.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    Result result;
    QObject::connect(&herald, &QProcess::readyReadStandardOutput, [&] {
        result.outputBytes += herald.readAllStandardOutput().size();
        // The high-water mark only grows, so the last reading before exit is the peak.
        result.peakResident = std::max(result.peakResident, herald::bench::peakResidentBytes(herald.processId()));
    });
    QEventLoop loop;
    QObject::connect(&herald, &QProcess::finished, &loop, &QEventLoop::quit);
    QElapsedTimer timer;
    timer.start();
    herald.start();
    loop.exec();
    result.seconds = timer.nsecsElapsed() / 1e9;
    result.outputBytes += herald.readAllStandardOutput().size();
    result.exitCode = herald.exitCode();
    return result;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("herald.*.info=false"));
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
    } modes[] = {{"--json", {QStringLiteral("--json")}}, {"readable", {}}};
    for (const auto &mode : modes) {
        const Result run = runListen(url, mode.arguments);
        if (run.exitCode != 0) {
            std::fprintf(stderr, "herald listen %s exited with %d\n", mode.name, run.exitCode);
            return 1;
        }
        std::printf("  %-9s %8.0f events/s  %6.1f MB/s in  %6.1f MB/s out  %.2f s  peak RSS %.1f MiB\n", mode.name,
                    kEvents / run.seconds, stream.size() / run.seconds / 1e6, run.outputBytes / run.seconds / 1e6,
                    run.seconds, run.peakResident / 1048576.0);
    }
    return 0;
}
