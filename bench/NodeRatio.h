#pragma once

#include <QString>

namespace herald::bench {

// Herald against the fastest Node client, the way issue "command line at the Qt ceiling" fixes the method:
// `herald listen URL --json --count N --no-reconnect | grep -c .` timed as a whole process, start-up included,
// against tests/support/count-client.js (eventsource@4 addEventListener, or ws@8 on('message')), which only counts
// and times itself inside its process from the client's creation. Runs alternate; each side's median is kept.
struct NodeRatio
{
    double herald = 0; // messages/s
    double node = 0;
    double ratio() const { return node > 0 ? herald / node : 0; }
    // What herald's figure holds that Node's does not (medians, seconds): the shell and grep around it with nothing
    // to count, and herald's own start and exit (herald --version).
    double pipelineSeconds = 0;
    double startSeconds = 0;
    double heraldSeconds = 0; // the median pipeline with herald in it
    // The same herald run writing into /dev/null instead of the pipe (median): what the pipe to grep adds is the
    // difference, a cost of the machine's pipes (page allocation and a copy on each side), not of herald's work.
    double devNullSeconds = 0;
    // The least any client takes here (bench/pipe_floor.cpp: reads the stream and writes as many bytes as herald to
    // grep, with no decoding and no Qt), median (0: not measured), and herald's output in bytes.
    double floorSeconds = 0;
    double trueSeconds = 0; // /bin/true: a process's start and exit, which pipe_floor's figure holds already
    qint64 heraldOutputBytes = 0;
    QString error; // set when a side failed
};

enum class NodeClient { EventSource, WebSocket };

// Alternating pairs a ratio takes its medians from (one in a smoke run). Each run is short (0.1-0.2 s a side), and
// on a shared machine three pairs moved the WebSocket ratio between 1.4 and 2.7 and the SSE one between 2.9 and 4.2
// within an hour; seven cost a few seconds more.
constexpr int kRatioPairs = 7;

// streamBytes: the size of the stream the server sends (the WebSocket frames, or the SSE body), for pipe_floor.
NodeRatio measureAgainstNode(NodeClient client, const QString &url, qint64 count, qint64 streamBytes, int rounds);

void printNodeRatio(const char *heraldLabel, const char *nodeLabel, const NodeRatio &figures);

} // namespace herald::bench
