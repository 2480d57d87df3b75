#include "UrlText.h"

namespace herald {

QString hostForMessages(const QUrl &url)
{
    return url.port() > 0 ? url.host() + QLatin1Char(':') + QString::number(url.port()) : url.host();
}

} // namespace herald
