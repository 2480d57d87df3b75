// Receive throughput of the protocols on a WebSocket, against each protocol's own Node client on the same server:
// Socket.IO (`herald listen --protocol socketio --json` against socket.io-client, both fed by the npm socket.io
// server) and MQTT (`herald listen --protocol mqtt --json` against mqtt.js, both subscribed on Debian's mosquitto
// while mqtt.js publishes to the broker's plain TCP listener: mosquitto's WebSocket listener takes no more than ~26k
// messages/s in, which would measure the publisher instead of the subscriber). Each client prints one JSON line per
// message. Prints messages/s and the ratio; never passes or fails on time.
#include "BenchSize.h"
#include "ChildRun.h"
#include "MosquittoBroker.h"
#include "NodePeer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

const int kSocketIoEvents = herald::bench::sized(200000);
const int kMqttMessages = herald::bench::sized(200000);
const int kRounds = herald::bench::rounds(5);

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

// Runs both sides of a round, the first first in even rounds and last in odd ones: neither client always meets
// the server first (cold) or second.
template<typename First, typename Second>
void inTurn(int round, First first, Second second)
{
    if (round % 2 == 0) {
        first();
        second();
    } else {
        second();
        first();
    }
}

QString node()
{
    return QStandardPaths::findExecutable(QStringLiteral("node"));
}

QString supportScript(const char *name)
{
    return QStringLiteral(HERALD_TEST_SUPPORT_DIR "/") + QLatin1String(name);
}

void printRatio(const char *what, double herald, double theirs, const char *theirName)
{
    std::printf("%s\n  herald  %9.0f messages/s\n  %-7s %9.0f messages/s\n  ratio   %9.2f (herald / %s; target >= 1)\n",
                what, herald, theirName, theirs, theirs > 0 ? herald / theirs : 0.0, theirName);
}

bool socketIo()
{
    herald::test::NodePeer server;
    if (!server.start(QStringLiteral("sio-bench-server.js"), {QString::number(kSocketIoEvents)})) {
        std::fprintf(stderr, "%s\n", qPrintable(server.error()));
        return false;
    }
    const QString url = QStringLiteral("http://127.0.0.1:%1/").arg(server.port());
    std::vector<double> ours;
    std::vector<double> theirs;
    std::vector<double> heraldReads;
    // A warm-up run, then the two clients alternate who goes first: the server's JIT and heap settle with use.
    herald::bench::runChild(node(), {supportScript("sio-bench-client.js"), url, QString::number(kSocketIoEvents)});
    const auto runHeraldFor = [&](int count) {
        return herald::bench::runChild(QStringLiteral(HERALD_EXECUTABLE),
                                       {QStringLiteral("listen"), url, QStringLiteral("--protocol=socketio"),
                                        QStringLiteral("--json"), QStringLiteral("--count"), QString::number(count)});
    };
    const auto runHerald = [&] { return runHeraldFor(kSocketIoEvents); };
    // What the process reads that is not the stream (its libraries, its settings, the handshake): the same client
    // leaving after the first event.
    const herald::bench::ChildRun oneEvent = runHeraldFor(1);
    const auto runNode = [&] {
        return herald::bench::runChild(node(),
                                       {supportScript("sio-bench-client.js"), url, QString::number(kSocketIoEvents)});
    };
    for (int round = 0; round < kRounds; ++round) {
        herald::bench::ChildRun a;
        herald::bench::ChildRun b;
        inTurn(
            round, [&] { a = runHerald(); }, [&] { b = runNode(); });
        if (a.exitCode != 0 || b.exitCode != 0) {
            std::fprintf(stderr, "a Socket.IO client failed: herald %d, socket.io-client %d\n", a.exitCode, b.exitCode);
            return false;
        }
        ours.push_back(kSocketIoEvents / a.seconds);
        theirs.push_back(kSocketIoEvents / b.seconds);
        heraldReads.push_back(double(a.readCalls));
    }
    printRatio(qPrintable(QStringLiteral("Socket.IO: %1 events of ~90 bytes from the npm socket.io server, process "
                                         "start to exit, median of %2 rounds")
                              .arg(kSocketIoEvents)
                              .arg(kRounds)),
               median(ours), median(theirs), "node");
    // The server writes each event on its own: a reader that woke for each would make thousands of reads.
    if (median(heraldReads) >= 0) {
        std::printf("  herald read system calls, as of its last output: %.0f (the coalescer keeps them few); %lld of "
                    "them in a run that leaves after the first event\n",
                    median(heraldReads), oneEvent.readCalls);
    }
    return true;
}

// One subscriber's rate: from the moment mqtt.js starts publishing to publishUrl to the subscriber's exit after
// the last message.
double mqttRound(const QString &publishUrl, const QString &program, const QStringList &arguments,
                 const QByteArray &ready, bool readyOnStderr)
{
    QProcess subscriber;
    QByteArray seen;
    bool isReady = false;
    const auto look = [&](const QByteArray &bytes) {
        if (!isReady) {
            seen += bytes;
            isReady = seen.contains(ready);
        }
    };
    // Both channels are drained as they fill (a full pipe would slow the subscriber); one carries the ready sign.
    QObject::connect(&subscriber, &QProcess::readyReadStandardOutput, [&] {
        const QByteArray bytes = subscriber.readAllStandardOutput();
        if (!readyOnStderr) {
            look(bytes);
        }
    });
    QObject::connect(&subscriber, &QProcess::readyReadStandardError, [&] {
        const QByteArray bytes = subscriber.readAllStandardError();
        if (readyOnStderr) {
            look(bytes);
        }
    });
    subscriber.start(program, arguments);
    QElapsedTimer waited;
    waited.start();
    while (!isReady && subscriber.state() != QProcess::NotRunning && waited.elapsed() < 10000) {
        QTest::qWait(5);
    }
    if (!isReady) {
        std::fprintf(stderr, "the subscriber did not subscribe\n");
        return 0;
    }
    QProcess publisher;
    publisher.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer timer;
    timer.start();
    publisher.start(node(), {supportScript("mqtt-bench-client.js"), QStringLiteral("publish"), publishUrl,
                             QStringLiteral("bench/load"), QString::number(kMqttMessages)});
    while (subscriber.state() != QProcess::NotRunning && timer.elapsed() < 120000) {
        QTest::qWait(1);
    }
    const double seconds = timer.elapsed() / 1000.0;
    publisher.waitForFinished();
    if (subscriber.state() != QProcess::NotRunning || subscriber.exitCode() != 0) {
        std::fprintf(stderr, "the subscriber did not get all %d messages\n", kMqttMessages);
        subscriber.kill();
        subscriber.waitForFinished();
        return 0;
    }
    return kMqttMessages / seconds;
}

bool mqtt()
{
    herald::test::MosquittoBroker broker;
    broker.setPacketLog(false); // a line per packet would make the broker's disk the bottleneck
    if (!broker.start()) {
        std::fprintf(stderr, "%s\n", qPrintable(broker.error()));
        return false;
    }
    std::vector<double> ours;
    std::vector<double> theirs;
    for (int round = 0; round < kRounds; ++round) {
        const auto runHerald = [&] {
            return mqttRound(broker.tcpUrl(), QStringLiteral(HERALD_EXECUTABLE),
                             {QStringLiteral("listen"), broker.url(), QStringLiteral("--protocol=mqtt"),
                              QStringLiteral("--topic=bench/#"), QStringLiteral("--json"), QStringLiteral("--count"),
                              QString::number(kMqttMessages)},
                             R"("state":"ready")", false);
        };
        const auto runNode = [&] {
            return mqttRound(broker.tcpUrl(), node(),
                             {supportScript("mqtt-bench-client.js"), QStringLiteral("subscribe"), broker.url(),
                              QStringLiteral("bench/#"), QString::number(kMqttMessages)},
                             "READY", true);
        };
        double a = 0;
        double b = 0;
        inTurn(
            round, [&] { a = runHerald(); }, [&] { b = runNode(); });
        if (a == 0 || b == 0) {
            return false;
        }
        ours.push_back(a);
        theirs.push_back(b);
    }
    printRatio(
        qPrintable(QStringLiteral("MQTT 3.1.1 over WebSocket: %1 QoS 0 messages of ~90 bytes published by "
                                  "mqtt.js over TCP through mosquitto, first publish to the subscriber's exit, median "
                                  "of %2 rounds")
                       .arg(kMqttMessages)
                       .arg(kRounds)),
        median(ours), median(theirs), "mqtt.js");
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("herald.*.info=false"));
    herald::bench::announceSmokeRun();
    const bool ok = socketIo();
    std::printf("\n");
    return ok && mqtt() ? 0 : 1;
}
