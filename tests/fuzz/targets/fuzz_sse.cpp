// SseParser: any bytes, whole or split at the first byte's position, give the same events; ids never hold NUL.
#include "FuzzSupport.h"
#include "sse/SseParser.h"

using namespace herald;

namespace {

struct Outcome
{
    QList<SseEvent> events;
    QList<int> retries;
    QString lastId;
};

Outcome parse(QByteArrayView bytes, qsizetype split)
{
    Outcome outcome;
    SseParser parser([&](const SseEvent &event) { outcome.events.append(event); },
                     [&](int ms) { outcome.retries.append(ms); });
    parser.setMaxEventSize(4096);
    parser.feed(bytes.first(split));
    parser.feed(bytes.sliced(split));
    outcome.lastId = parser.lastEventId();
    return outcome;
}

} // namespace

HERALD_FUZZ_TARGET
{
    const QByteArrayView bytes = HERALD_FUZZ_BYTES;
    const qsizetype split = size > 0 ? qsizetype(data[0] % size) : 0;
    const Outcome whole = parse(bytes, 0);
    const Outcome pieces = parse(bytes, split);
    fuzz::check(whole.events == pieces.events && whole.retries == pieces.retries && whole.lastId == pieces.lastId);
    for (const SseEvent &event : whole.events) {
        fuzz::check(!event.lastEventId.contains(QChar(0)));
    }
    for (const int retry : whole.retries) {
        fuzz::check(retry >= 0);
    }
    return 0;
}
