#include "UrlText.h"

#include <QUrlQuery>

namespace herald {

QString hostForMessages(const QUrl &url)
{
    return url.port() > 0 ? url.host() + QLatin1Char(':') + QString::number(url.port()) : url.host();
}

QString endpointUrlProblem(const QUrl &url)
{
    const QString scheme = url.scheme();
    if (scheme == QLatin1String("mqtt") || scheme == QLatin1String("mqtts") || scheme == QLatin1String("tcp") ||
        scheme == QLatin1String("ssl")) {
        const bool secure = scheme == QLatin1String("mqtts") || scheme == QLatin1String("ssl");
        const QString host = url.host().isEmpty() ? QStringLiteral("HOST") : url.host();
        return QStringLiteral("is MQTT over TCP, and Herald speaks MQTT over WebSocket: give the broker's WebSocket "
                              "listener with --protocol mqtt, such as %1://%2:%3/ (the port and path are the "
                              "broker's: mosquitto needs a listener with \"protocol websockets\"; EMQX and HiveMQ "
                              "serve %4 and %5 at /mqtt)")
            .arg(secure ? QStringLiteral("wss") : QStringLiteral("ws"), host,
                 secure ? QStringLiteral("8081") : QStringLiteral("9001"),
                 secure ? QStringLiteral("8084") : QStringLiteral("8083"),
                 secure ? QStringLiteral("8884") : QStringLiteral("8000"));
    }
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https") && scheme != QLatin1String("ws") &&
        scheme != QLatin1String("wss")) {
        return QStringLiteral("is not an http, https, ws or wss URL");
    }
    if (!url.isValid() || url.host().isEmpty()) {
        return QStringLiteral("is not a URL with a host, such as %1://example.com/events").arg(scheme);
    }
    return {};
}

QUrl withQueryItem(const QUrl &url, const QString &name, const QString &value)
{
    QUrl out = url;
    QUrlQuery query(out);
    query.removeAllQueryItems(name);
    query.addQueryItem(name, value);
    out.setQuery(query);
    return out;
}

} // namespace herald
