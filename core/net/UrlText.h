#pragma once

#include <QString>
#include <QUrl>

namespace herald {

// "host:port" (or just the host when the URL has no port), as error messages name a server.
QString hostForMessages(const QUrl &url);

} // namespace herald
