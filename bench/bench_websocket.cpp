// WebSocket receive throughput, end to end: `herald listen ws://… --json` against Node's ws client doing the same
// job (one JSON line per message on stdout), both fed 500,000 ~110-byte messages by the same Node ws server.
// Prints messages/s and the ratio; never passes or fails on time.
#include "BenchSize.h"
#include "ChildRun.h"
#include "NodePeer.h"
#include "NodeRatio.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QStandardPaths>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

const int kMessages = herald::bench::sized(500000);
const int kRounds = herald::bench::rounds(3);
const int kRatioRounds = herald::bench::rounds(herald::bench::kRatioPairs);

double medianRate(std::vector<double> rates)
{
    std::sort(rates.begin(), rates.end());
    return rates[rates.size() / 2];
}

struct Figures
{
    double herald = 0;
    double node = 0;
    qint64 heraldPeak = 0;
    qint64 nodePeak = 0;
};

bool measure(int batch, Figures &figures)
{
    herald::test::NodePeer server;
    if (!server.start(QStringLiteral("ws-bench-server.js"), {QString::number(kMessages), QString::number(batch)})) {
        std::fprintf(stderr, "%s\n", qPrintable(server.error()));
        return false;
    }
    const QString url = QStringLiteral("ws://127.0.0.1:%1/").arg(server.port());
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    const QString nodeClient = QStringLiteral(HERALD_TEST_SUPPORT_DIR "/ws-bench-client.js");
    std::vector<double> ours;
    std::vector<double> theirs;
    for (int round = 0; round < kRounds; ++round) {
        const auto a = herald::bench::runChild(QStringLiteral(HERALD_EXECUTABLE),
                                               {QStringLiteral("listen"), url, QStringLiteral("--json"),
                                                QStringLiteral("--count"), QString::number(kMessages)});
        const auto b = herald::bench::runChild(node, {nodeClient, url, QString::number(kMessages)});
        if (a.exitCode != 0 || b.exitCode != 0) {
            std::fprintf(stderr, "a client failed: herald %d, node %d\n", a.exitCode, b.exitCode);
            return false;
        }
        ours.push_back(kMessages / a.seconds);
        theirs.push_back(kMessages / b.seconds);
        figures.heraldPeak = std::max(figures.heraldPeak, a.peakResident);
        figures.nodePeak = std::max(figures.nodePeak, b.peakResident);
    }
    figures.herald = medianRate(ours);
    figures.node = medianRate(theirs);
    return true;
}

// The bytes a Node server wrote on its last connection, from its "WIRE n" line (it prints one per connection).
qint64 wireBytes(herald::test::NodePeer &server, int connections)
{
    QElapsedTimer waited;
    waited.start();
    auto wireLines = [&server] {
        QStringList lines;
        for (const QString &line : server.output()) {
            if (line.startsWith(QLatin1String("WIRE "))) {
                lines.append(line);
            }
        }
        return lines;
    };
    while (wireLines().size() < connections && waited.elapsed() < 5000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return wireLines().value(connections - 1).mid(5).toLongLong();
}

// permessage-deflate on and off: bytes on the wire and messages/s, herald against Node's ws client (which also
// offers deflate by default), from a ws server that sends the same JSON messages with and without compression.
bool measureDeflate()
{
    const int kDeflateMessages = herald::bench::sized(100000);
    std::printf("\npermessage-deflate: %d JSON messages of ~110 bytes from a Node ws server (ws.send, 256 per write),\n"
                "herald listen --json to its end; bytes the server wrote on the connection\n",
                kDeflateMessages);
    for (const bool deflate : {false, true}) {
        herald::test::NodePeer server;
        QStringList arguments{QString::number(kDeflateMessages), QStringLiteral("256")};
        if (deflate) {
            arguments << QStringLiteral("deflate");
        }
        if (!server.start(QStringLiteral("ws-bench-server.js"), arguments)) {
            std::fprintf(stderr, "%s\n", qPrintable(server.error()));
            return false;
        }
        const QString url = QStringLiteral("ws://127.0.0.1:%1/").arg(server.port());
        const auto run = herald::bench::runChild(QStringLiteral(HERALD_EXECUTABLE),
                                                 {QStringLiteral("listen"), url, QStringLiteral("--json"),
                                                  QStringLiteral("--count"), QString::number(kDeflateMessages)});
        if (run.exitCode != 0) {
            std::fprintf(stderr, "herald listen exited with %d\n", run.exitCode);
            return false;
        }
        const qint64 heraldWire = wireBytes(server, 1);
        const auto node = herald::bench::runChild(QStandardPaths::findExecutable(QStringLiteral("node")),
                                                  {QStringLiteral(HERALD_TEST_SUPPORT_DIR "/count-client.js"),
                                                   QStringLiteral("ws"), url, QString::number(kDeflateMessages)});
        const double nodeSeconds = node.outputHead.split(' ').value(0).toDouble();
        const qint64 nodeWire = wireBytes(server, 2);
        std::printf("  deflate %-3s herald %9.0f messages/s  %10lld bytes on the wire (%5.1f per message)\n",
                    deflate ? "on" : "off", kDeflateMessages / run.seconds, heraldWire,
                    double(heraldWire) / kDeflateMessages);
        std::printf("              node   %9.0f messages/s  %10lld bytes on the wire (%5.1f per message)\n",
                    nodeSeconds > 0 ? kDeflateMessages / nodeSeconds : 0.0, nodeWire,
                    double(nodeWire) / kDeflateMessages);
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("herald.*.info=false"));
    herald::bench::announceSmokeRun();
    std::printf("WebSocket receive: %d messages of ~110 bytes from a Node ws server, one JSON line per message on\n"
                "stdout, process start to exit, median of %d rounds\n",
                kMessages, kRounds);
    const struct
    {
        int batch;
        const char *what;
    } modes[] = {{256, "server sends 256 messages per write (the clients are the limit)"},
                 {1, "server sends one message per write (the server's pace is the limit)"}};
    for (const auto &mode : modes) {
        Figures figures;
        if (!measure(mode.batch, figures)) {
            return 1;
        }
        std::printf("%s\n", mode.what);
        std::printf("  herald listen --json   %9.0f messages/s   peak RSS %6.1f MiB\n", figures.herald,
                    figures.heraldPeak / 1048576.0);
        std::printf("  node ws client         %9.0f messages/s   peak RSS %6.1f MiB\n", figures.node,
                    figures.nodePeak / 1048576.0);
        std::printf("  ratio herald / node    %9.2f\n", figures.herald / figures.node);
    }

    herald::test::NodePeer server;
    if (!server.start(QStringLiteral("ws-bench-server.js"), {QString::number(kMessages), QStringLiteral("0")})) {
        std::fprintf(stderr, "%s\n", qPrintable(server.error()));
        return 1;
    }
    std::printf("\nagainst a Node client that only counts: a Node server writing frames built once (never the\n"
                "bottleneck), herald | grep -c as a whole process, ws@8 on('message') counting inside its process;\n"
                "alternating runs, median of %d\n",
                kRatioRounds);
    const qint64 streamBytes = server.output().value(0).mid(6).toLongLong(); // its "BYTES n" line
    const auto ratio = herald::bench::measureAgainstNode(herald::bench::NodeClient::WebSocket,
                                                         QStringLiteral("ws://127.0.0.1:%1/").arg(server.port()),
                                                         kMessages, streamBytes, kRatioRounds);
    herald::bench::printNodeRatio("herald listen --json | grep -c .", "node ws@8 on('message')", ratio);
    if (!ratio.error.isEmpty()) {
        return 1;
    }
    return measureDeflate() ? 0 : 1;
}
