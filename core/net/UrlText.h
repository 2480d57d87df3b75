#pragma once

#include <QString>
#include <QUrl>

namespace herald {

// "host:port" (or just the host when the URL has no port), as error messages name a server.
QString hostForMessages(const QUrl &url);

// url with its query parameter name set to value, replacing any earlier one (e.g. ntfy's since=).
QUrl withQueryItem(const QUrl &url, const QString &name, const QString &value);

} // namespace herald
