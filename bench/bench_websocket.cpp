// WebSocket receive throughput, end to end: `herald listen ws://… --json` against Node's ws client doing the same
// job (one JSON line per message on stdout), both fed 500,000 ~110-byte messages by the same Node ws server.
// Prints messages/s and the ratio; never passes or fails on time.
#include "ChildRun.h"
#include "NodePeer.h"
#include "NodeRatio.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QStandardPaths>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

constexpr int kMessages = 500000;
constexpr int kRounds = 3;

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

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("herald.*.info=false"));
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
                "alternating runs, median of 3\n");
    const auto ratio = herald::bench::measureAgainstNode(
        herald::bench::NodeClient::WebSocket, QStringLiteral("ws://127.0.0.1:%1/").arg(server.port()), kMessages);
    herald::bench::printNodeRatio("herald listen --json | grep -c .", "node ws@8 on('message')", ratio);
    return ratio.error.isEmpty() ? 0 : 1;
}
