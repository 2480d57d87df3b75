// What a server's HTTP head can hold: the WebSocket handshake answer, the demo server's request reader, a redirect's
// Location, and the body of a refusal. None faults; a redirect is followed only to http(s), credentials leave the
// origin never, and what a refusal's body says comes out short and with no control or hidden character.
#include "FuzzSupport.h"
#include "net/HttpFields.h"
#include "net/HttpRefusal.h"
#include "net/HttpRequestReader.h"
#include "util/SafeText.h"
#include "ws/WebSocketHandshake.h"

using namespace herald;

HERALD_FUZZ_TARGET
{
    const QByteArrayView bytes = HERALD_FUZZ_BYTES;

    ws::HandshakeResponseReader handshake;
    const auto status = handshake.append(bytes);
    if (status == ws::HandshakeResponseReader::Status::Invalid) {
        fuzz::check(!handshake.errorString().isEmpty());
    } else if (status == ws::HandshakeResponseReader::Status::Complete) {
        for (const auto &[name, value] : handshake.response().headers) {
            fuzz::check(!name.contains('\n') && !value.contains('\n'));
        }
        const QString said = http::refusalText(handshake.leftover(), handshake.response().header("Content-Type"));
        fuzz::check(said.size() <= 160);
        for (const QChar c : said) {
            fuzz::check(!isHiddenCharacter(c.unicode()) && c != QLatin1Char('\n'));
        }
        const QString message =
            http::describeRefusal(handshake.response().status, handshake.response().reason, said, false, {});
        fuzz::check(message.startsWith(QLatin1String("HTTP ")));
    }

    HttpRequestReader reader(4096);
    auto state = reader.append(bytes.toByteArray());
    for (int i = 0; i < 64 && state == HttpRequestReader::Status::Complete; ++i) {
        fuzz::check(reader.takeRequest().body.size() <= 4096);
        state = reader.append({});
    }

    const QByteArray location = bytes.first(std::min<qsizetype>(bytes.size(), 512)).toByteArray();
    for (const char *from : {"https://hub.example/events?auth=T", "http://127.0.0.1:8080/e"}) {
        const http::Redirect redirect = http::followRedirect(QUrl(QString::fromLatin1(from)), 302, location, "GET");
        if (redirect.problem.isEmpty()) {
            const QString scheme = redirect.url.scheme();
            fuzz::check(scheme == QLatin1String("http") || scheme == QLatin1String("https"));
            fuzz::check(!(QByteArrayView(from).startsWith("https") && scheme == QLatin1String("http")));
            fuzz::check(redirect.crossesOrigin == !http::isSameOrigin(QUrl(QString::fromLatin1(from)), redirect.url));
        } else {
            fuzz::check(redirect.url.isEmpty());
        }
    }
    fuzz::check(http::isFieldValue(bytes) == !(bytes.contains('\r') || bytes.contains('\n') || bytes.contains('\0')));
    return 0;
}
