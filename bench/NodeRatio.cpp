#include "NodeRatio.h"

#include "ChildRun.h"

#include <QStandardPaths>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace herald::bench {

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

QString shellQuoted(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace

NodeRatio measureAgainstNode(NodeClient client, const QString &url, qint64 count, qint64 streamBytes, int rounds)
{
    NodeRatio figures;
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty()) {
        figures.error = QStringLiteral("node is not installed; scripts/install-deps.sh --test installs it");
        return figures;
    }
    const QString listen = QStringLiteral("%1 listen %2 --json --count %3 --no-reconnect")
                               .arg(shellQuoted(QStringLiteral(HERALD_EXECUTABLE)), shellQuoted(url))
                               .arg(count);
    const QString pipeline = listen + QStringLiteral(" | grep -c .");
    const QStringList nodeArguments{QStringLiteral(HERALD_TEST_SUPPORT_DIR "/count-client.js"),
                                    client == NodeClient::EventSource ? QStringLiteral("sse") : QStringLiteral("ws"),
                                    url, QString::number(count)};
    std::vector<double> ours;
    std::vector<double> theirs;
    for (int round = 0; round < rounds; ++round) {
        const ChildRun a = runChild(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), pipeline});
        // Herald prints a state line before and after the messages: at least count lines means all arrived.
        if (a.exitCode != 0 || a.outputHead.trimmed().toLongLong() < count) {
            figures.error = QStringLiteral("herald: exit %1, counted %2 lines")
                                .arg(a.exitCode)
                                .arg(QString::fromUtf8(a.outputHead.trimmed()));
            return figures;
        }
        ours.push_back(double(count) / a.seconds);
        const ChildRun b = runChild(node, nodeArguments);
        const double seconds = b.outputHead.split(' ').value(0).toDouble();
        if (b.exitCode != 0 || seconds <= 0) {
            figures.error = QStringLiteral("node client: exit %1").arg(b.exitCode);
            return figures;
        }
        theirs.push_back(double(count) / seconds);
    }
    figures.herald = median(ours);
    figures.node = median(theirs);
    figures.heraldSeconds = double(count) / figures.herald;
    figures.heraldOutputBytes =
        runChild(QStringLiteral(HERALD_EXECUTABLE),
                 {QStringLiteral("listen"), url, QStringLiteral("--json"), QStringLiteral("--count"),
                  QString::number(count), QStringLiteral("--no-reconnect")})
            .outputBytes;
    const QUrl parsed(url);
    const QString floor = QStringLiteral("%1 %2 %3 %4 %5 %6 | grep -c .")
                              .arg(shellQuoted(QStringLiteral(HERALD_PIPE_FLOOR)),
                                   client == NodeClient::EventSource ? QStringLiteral("sse") : QStringLiteral("ws"))
                              .arg(parsed.port())
                              .arg(shellQuoted(parsed.path().isEmpty() ? QStringLiteral("/") : parsed.path()))
                              .arg(streamBytes)
                              .arg(figures.heraldOutputBytes);
    std::vector<double> shellAndGrep;
    std::vector<double> start;
    std::vector<double> devNull;
    std::vector<double> floorRuns;
    std::vector<double> trueRuns;
    for (int round = 0; round < std::max(rounds, 5); ++round) {
        shellAndGrep.push_back(
            runChild(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("true | grep -c .")}).seconds);
        start.push_back(runChild(QStringLiteral(HERALD_EXECUTABLE), {QStringLiteral("--version")}).seconds);
        const ChildRun alone =
            runChild(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), listen + QStringLiteral(" > /dev/null")});
        if (alone.exitCode != 0) {
            figures.error = QStringLiteral("herald into /dev/null: exit %1").arg(alone.exitCode);
            return figures;
        }
        devNull.push_back(alone.seconds);
        // The floor is a reading aid, not the measure: without it (a server that did not say its stream's size, or
        // a floor that failed) the ratio stands and the floor goes unprinted.
        const ChildRun least =
            streamBytes > 0 ? runChild(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), floor}) : ChildRun{};
        if (least.exitCode == 0) {
            floorRuns.push_back(least.seconds);
        }
        trueRuns.push_back(runChild(QStringLiteral("/bin/true"), {}).seconds);
    }
    figures.pipelineSeconds = median(shellAndGrep);
    figures.startSeconds = median(start);
    figures.devNullSeconds = median(devNull);
    figures.floorSeconds = floorRuns.size() == trueRuns.size() ? median(floorRuns) : 0;
    figures.trueSeconds = median(trueRuns);
    return figures;
}

void printNodeRatio(const char *heraldLabel, const char *nodeLabel, const NodeRatio &figures)
{
    if (!figures.error.isEmpty()) {
        std::printf("  not measured: %s\n", qPrintable(figures.error));
        return;
    }
    std::printf("  %-44s %9.0f messages/s\n", heraldLabel, figures.herald);
    std::printf("  %-44s %9.0f messages/s\n", nodeLabel, figures.node);
    std::printf("  %-44s %9.2f\n", "ratio herald / node", figures.ratio());
    // Fixed costs are machine costs (process start-up; Qt's libraries alone take most of herald's): said, so that the
    // ratio can be read, never taken out of it.
    std::printf("  of herald's %.1f ms: sh and grep with nothing to count %.1f ms, herald --version %.1f ms;\n"
                "  the same run into /dev/null %.1f ms (the rest is grep and the pipe to it)\n",
                figures.heraldSeconds * 1000, figures.pipelineSeconds * 1000, figures.startSeconds * 1000,
                figures.devNullSeconds * 1000);
    // What no client built on Qt can go below here: the same bytes in and out with no work, plus what Qt's start-up
    // adds to a process's own (herald --version less /bin/true).
    if (figures.floorSeconds <= 0) {
        std::printf("  (the least a client could take was not measured: the server did not say its stream's size, or "
                    "pipe_floor failed)\n");
        return;
    }
    const double qtStart = std::max(0.0, figures.startSeconds - figures.trueSeconds);
    const double leastWithQt = figures.floorSeconds + qtStart;
    const double nodeSeconds = figures.heraldSeconds * figures.ratio(); // count / node's rate
    std::printf(
        "  a client that only moves the bytes (pipe_floor: the stream in, herald's %.1f MB out to grep, no Qt)\n"
        "  %.1f ms; with Qt's start-up (herald --version less /bin/true, %.1f ms) %.1f ms: a ratio of %.2f\n"
        "  for a Qt client doing no work at all\n",
        figures.heraldOutputBytes / 1e6, figures.floorSeconds * 1000, qtStart * 1000, leastWithQt * 1000,
        leastWithQt > 0 ? nodeSeconds / leastWithQt : 0.0);
}

} // namespace herald::bench
