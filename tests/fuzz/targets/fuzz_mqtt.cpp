// MQTT 3.1.1 and 5 as a broker sends them, in binary WebSocket frames cut anywhere: packets parse or the connection
// fails with a reason; every message delivered has a valid topic name.
#include "FuzzSupport.h"
#include "protocol/MqttPackets.h"
#include "protocol/MqttProtocol.h"

using namespace herald;

HERALD_FUZZ_TARGET
{
    if (size == 0) {
        return 0;
    }
    protocol::MqttProtocol::Settings settings;
    settings.version = data[0] & 1 ? protocol::mqtt::Version::V5 : protocol::mqtt::Version::V311;
    settings.topics = {QStringLiteral("t/+"), QStringLiteral("home/#")};
    settings.qos = 1;
    settings.maxPacketSize = 4096;
    protocol::MqttProtocol mqtt(settings);
    fuzz::NullLink link;
    mqtt.opened(link);
    QList<protocol::AppMessage> out;
    const QByteArrayView bytes = HERALD_FUZZ_BYTES.sliced(1);
    const qsizetype step = 1 + (data[0] >> 1);
    for (qsizetype at = 0; at < bytes.size() && link.failures == 0; at += step) {
        mqtt.binaryReceived(bytes.sliced(at, std::min(step, bytes.size() - at)).toByteArray(), link, out);
    }
    for (const protocol::AppMessage &message : out) {
        fuzz::check(protocol::mqtt::validTopicName(message.type));
    }
    return 0;
}
