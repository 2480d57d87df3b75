// SseParser: any bytes, whole or split at the first byte's position, give the same events; ids never hold NUL; the
// UTF-8 handler (herald listen's) gets well-formed UTF-8 that decodes to the same events.
#include "FuzzSupport.h"
#include "sse/SseParser.h"
#include "util/Utf8.h"
#include "util/Utf8Validator.h"

using namespace herald;

namespace {

struct Outcome
{
    QList<SseEvent> events;
    QList<int> retries;
    QString lastId;
};

Outcome parse(QByteArrayView bytes, qsizetype split, bool asUtf8 = false)
{
    Outcome outcome;
    SseParser parser([&](const SseEvent &event) { outcome.events.append(event); },
                     [&](int ms) { outcome.retries.append(ms); });
    if (asUtf8) {
        parser.setUtf8EventHandler([&](const SseUtf8Event &event) {
            for (const QByteArrayView field : {event.type, event.data, event.lastEventId}) {
                Utf8Validator validator;
                fuzz::check(validator.feed(field) && validator.atBoundary());
            }
            outcome.events.append(
                SseEvent{decodeUtf8(event.type), decodeUtf8(event.data), decodeUtf8(event.lastEventId)});
        });
    }
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
    const Outcome utf8 = parse(bytes, split, true);
    fuzz::check(whole.events == utf8.events && whole.retries == utf8.retries && whole.lastId == utf8.lastId);
    for (const SseEvent &event : whole.events) {
        fuzz::check(!event.lastEventId.contains(QChar(0)));
    }
    for (const int retry : whole.retries) {
        fuzz::check(retry >= 0);
    }
    return 0;
}
