// WebSocket round trips: send one message, wait for its echo, a thousand times, for every size from 0 B to 64 KiB.
// Herald's WebSocketClient (in this process, as the Autobahn harness drives it) against Node's ws client
// (tests/support/ws-roundtrip-client.js), both against the same Node ws echo server (tests/support/ws-server.js).
// Chat, `connect`, graphql-ws operations and MQTT acknowledgements are all this shape of traffic.
// Prints each side's median round trip and the ratio; never passes or fails on time.
#include "BenchSize.h"
#include "ChildRun.h"
#include "NodePeer.h"
#include "ws/WebSocketClient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

const int kCount = herald::bench::sized(1000);
const int kRounds = herald::bench::rounds(3);

double median(std::vector<double> values)
{
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// Herald's side: the median round trip in microseconds, or a negative number when the connection failed.
double heraldRoundTrip(const QUrl &url, int size)
{
    herald::WebSocketClient client;
    client.setUrl(url);
    client.setPerMessageDeflate(false); // as the Node client: the cost measured is the round trip, not zlib
    client.setReconnectEnabled(false);
    const QString payload(size, QLatin1Char('x'));
    std::vector<double> times;
    times.reserve(size_t(kCount));
    QElapsedTimer clock;
    qint64 sentAt = 0;
    bool greeted = false;
    QEventLoop loop;
    QObject::connect(&client, &herald::WebSocketClient::textMessageReceived, &loop, [&](const QString &text) {
        if (!greeted) { // the server's greeting, not an echo
            greeted = true;
            clock.start();
        } else {
            times.push_back(double(clock.nsecsElapsed() - sentAt) / 1000.0);
            if (text.size() != size || int(times.size()) == kCount) {
                loop.quit();
                return;
            }
        }
        sentAt = clock.nsecsElapsed();
        client.sendText(payload);
    });
    QObject::connect(&client, &herald::WebSocketClient::errorOccurred, &loop, [&] { loop.quit(); });
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    client.open();
    loop.exec();
    client.close();
    return int(times.size()) == kCount ? median(times) : -1;
}

double nodeRoundTrip(const QUrl &url, int size)
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    const auto run = herald::bench::runChild(node, {QStringLiteral(HERALD_TEST_SUPPORT_DIR "/ws-roundtrip-client.js"),
                                                    url.toString(), QString::number(size), QString::number(kCount)});
    if (run.exitCode != 0) {
        return -1;
    }
    return QJsonDocument::fromJson(run.outputHead).object().value(QStringLiteral("medianUs")).toDouble(-1);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("herald.*.info=false"));
    herald::bench::announceSmokeRun();
    herald::test::NodePeer server;
    if (!server.start(QStringLiteral("ws-server.js"))) {
        std::fprintf(stderr, "%s\n", qPrintable(server.error()));
        return 1;
    }
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1/echo").arg(server.port()));
    std::printf("WebSocket round trips: %d echoes one at a time per size, median round trip of each side, median of "
                "%d rounds (Node's ws server echoes; loopback)\n",
                kCount, kRounds);
    std::printf("%8s %14s %14s %22s\n", "size", "herald (us)", "node ws (us)", "herald speed / node");
    int failures = 0;
    for (const int size : {0, 16, 256, 1024, 2048, 4096, 16384, 65536}) {
        std::vector<double> ours;
        std::vector<double> theirs;
        for (int round = 0; round < kRounds; ++round) {
            // In turn, so that neither side always runs on a warmer machine.
            const bool heraldFirst = round % 2 == 0;
            const double a = heraldFirst ? heraldRoundTrip(url, size) : nodeRoundTrip(url, size);
            const double b = heraldFirst ? nodeRoundTrip(url, size) : heraldRoundTrip(url, size);
            const double herald = heraldFirst ? a : b;
            const double node = heraldFirst ? b : a;
            if (herald < 0 || node < 0) {
                std::fprintf(stderr, "size %d: a client failed (herald %.0f, node %.0f)\n", size, herald, node);
                ++failures;
                break;
            }
            ours.push_back(herald);
            theirs.push_back(node);
        }
        if (ours.empty()) {
            continue;
        }
        const double herald = median(ours);
        const double node = median(theirs);
        std::printf("%8d %14.1f %14.1f %21.2fx\n", size, herald, node, herald > 0 ? node / herald : 0.0);
        std::fflush(stdout);
    }
    return failures == 0 ? 0 : 1;
}
