#pragma once

#include <QString>
#include <QUrl>

namespace herald {

// "host:port" (or just the host when the URL has no port), as error messages name a server.
QString hostForMessages(const QUrl &url);

// Why url cannot be the address of a feed or a command's endpoint, as the end of a sentence that starts with the
// URL as typed ("… is not an http, https, ws or wss URL"); empty when it can be (http, https, ws or wss, with a
// host). A broker's own MQTT address (mqtt://, mqtts://) gets the way to its WebSocket listener, which is how
// Herald speaks MQTT.
QString endpointUrlProblem(const QUrl &url);

// url with its query parameter name set to value, replacing any earlier one (e.g. ntfy's since=).
QUrl withQueryItem(const QUrl &url, const QString &name, const QString &value);

} // namespace herald
