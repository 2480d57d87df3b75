// Every preset maps any payload to a message with a priority from 1 to 5 and valid URLs, or to nothing, and maps it
// the same way twice.
#include "FuzzSupport.h"
#include "message/PayloadMapper.h"

using namespace herald;

HERALD_FUZZ_TARGET
{
    const RawPayload payload{QStringLiteral("fuzz"), QStringLiteral("message"), QStringLiteral("7"),
                             QString::fromUtf8(HERALD_FUZZ_BYTES), false};
    for (const PayloadMapper::Preset preset :
         {PayloadMapper::Preset::Auto, PayloadMapper::Preset::Raw, PayloadMapper::Preset::Json,
          PayloadMapper::Preset::Ntfy, PayloadMapper::Preset::Gotify, PayloadMapper::Preset::Mercure}) {
        const PayloadMapper mapper(preset);
        const auto message = mapper.map(payload);
        const auto again = mapper.map(payload);
        fuzz::check(message.has_value() == again.has_value());
        if (!message) {
            continue;
        }
        fuzz::check(message->priority >= 1 && message->priority <= 5);
        fuzz::check(message->title == again->title && message->body == again->body);
        fuzz::check(message->imageUrl.isEmpty() || message->imageUrl.isValid());
        fuzz::check(message->iconUrl.isEmpty() || message->iconUrl.isValid());
        for (const MessageAction &action : message->actions) {
            fuzz::check(action.url.isEmpty() || action.url.isValid());
        }
    }
    return 0;
}
