// ntfy's and gotify's addresses, read from any text: what is read builds an address that reads back the same, every
// topic read is one ntfy takes, and the advice for a "not found" is always a sentence.
#include "FuzzSupport.h"
#include "feed/ServiceAddress.h"

using namespace herald;

HERALD_FUZZ_TARGET
{
    const QUrl url(QString::fromUtf8(HERALD_FUZZ_BYTES));
    QUrl server;
    QStringList topics;
    if (service::parseNtfyUrl(url, &server, &topics)) {
        fuzz::check(!topics.isEmpty());
        for (const QString &topic : topics) {
            fuzz::check(service::isNtfyTopic(topic));
        }
        QUrl again;
        QStringList againTopics;
        fuzz::check(service::parseNtfyUrl(service::ntfyStreamUrl(server, topics), &again, &againTopics));
        fuzz::check(againTopics == topics);
    }
    if (service::parseGotifyUrl(url, &server)) {
        QUrl again;
        fuzz::check(service::parseGotifyUrl(service::gotifyStreamUrl(server), &again));
        fuzz::check(again.host() == server.host() && again.path() == server.path());
    }
    for (const auto preset : {PayloadMapper::Preset::Ntfy, PayloadMapper::Preset::Gotify}) {
        fuzz::check(!service::notFoundAdvice(preset, url).isEmpty());
    }
    fuzz::check(service::notFoundAdvice(PayloadMapper::Preset::Json, url).isEmpty());
    return 0;
}
