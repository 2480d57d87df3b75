#pragma once

#include <QByteArray>

namespace herald::bench {

// A text/event-stream of realistic JSON notification events, about 130 bytes each, the same for every benchmark.
QByteArray sampleEvent(qint64 index);
QByteArray sampleStream(qint64 eventCount);

} // namespace herald::bench
