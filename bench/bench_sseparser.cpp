// Parser throughput: bytes in, decoded events (UTF-16 QStrings) out, fed in 64 KiB chunks as a socket would; and
// herald listen --json's work per event without its I/O: events as UTF-8, written as JSON lines into a buffer.
// Prints figures; it never passes or fails on time.
#include "BenchSize.h"
#include "JsonLine.h"
#include "SampleStream.h"
#include "sse/SseParser.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

const qint64 kEvents = herald::bench::sized(500000);
constexpr qsizetype kChunk = 64 * 1024;
const int kRounds = herald::bench::rounds(7);

struct Figures
{
    double eventsPerSecond;
    double megabytesPerSecond;
};

enum class Consumer {
    Reads,          // reads each decoded event
    Keeps,          // stores every event (as a history would), so no decoded string can be reused
    WritesJsonLines // takes events as UTF-8 and writes herald listen --json's lines
};

Figures measure(const QByteArray &stream, Consumer consumer)
{
    std::vector<double> rates;
    std::vector<herald::SseEvent> kept(1024);
    herald::cli::OutputBuffer out;
    out.reserve(2 * 1024 * 1024);
    qint64 checksum = 0;
    for (int round = 0; round < kRounds; ++round) {
        qint64 events = 0;
        herald::SseParser parser([&](const herald::SseEvent &event) {
            if (consumer == Consumer::Keeps) {
                kept[size_t(events % 1024)] = event;
            }
            ++events;
            checksum += event.data.size() + event.lastEventId.size();
        });
        if (consumer == Consumer::WritesJsonLines) {
            parser.setUtf8EventHandler([&](const herald::SseUtf8Event &event) {
                // As ListenCommand::onEvent writes them.
                herald::cli::appendJsonLine(out, {{R"({"kind":"event","type":)", event.type},
                                                  {R"(,"data":)", event.data},
                                                  {R"(,"lastEventId":)", event.lastEventId}});
                ++events;
                if (out.size() >= 1024 * 1024) { // as ConsoleOutput flushes
                    checksum += out.size();
                    out.clear();
                }
            });
        }
        parser.startStream();
        QElapsedTimer timer;
        timer.start();
        for (qsizetype at = 0; at < stream.size(); at += kChunk) {
            parser.feed(QByteArrayView(stream).sliced(at, std::min(kChunk, stream.size() - at)));
        }
        const double seconds = timer.nsecsElapsed() / 1e9;
        checksum += out.size();
        out.clear();
        if (events != kEvents) {
            std::fprintf(stderr, "parsed %lld events, expected %lld\n", events, kEvents);
            std::exit(1);
        }
        rates.push_back(events / seconds);
    }
    std::sort(rates.begin(), rates.end());
    const double median = rates[kRounds / 2];
    if (checksum == 0) {
        std::exit(1);
    }
    return {median, median * stream.size() / kEvents / 1e6};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("herald.*.info=false"));
    herald::bench::announceSmokeRun();
    const QByteArray stream = herald::bench::sampleStream(kEvents);
    std::printf("stream: %lld events, %.1f MB, %.1f bytes per event, %lld KiB chunks, median of %d rounds\n", kEvents,
                stream.size() / 1e6, double(stream.size()) / kEvents, kChunk / 1024, kRounds);

    const Figures streaming = measure(stream, Consumer::Reads);
    std::printf("SseParser, consumer reads each event:  %6.2f M events/s  %6.0f MB/s\n",
                streaming.eventsPerSecond / 1e6, streaming.megabytesPerSecond);
    const Figures keeping = measure(stream, Consumer::Keeps);
    std::printf("SseParser, consumer keeps each event:  %6.2f M events/s  %6.0f MB/s\n", keeping.eventsPerSecond / 1e6,
                keeping.megabytesPerSecond);
    const Figures lines = measure(stream, Consumer::WritesJsonLines);
    std::printf("as UTF-8 into listen --json lines:     %6.2f M events/s  %6.0f MB/s\n", lines.eventsPerSecond / 1e6,
                lines.megabytesPerSecond);
    return 0;
}
