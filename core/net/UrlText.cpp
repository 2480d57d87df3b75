#include "UrlText.h"

#include <QUrlQuery>

namespace herald {

QString hostForMessages(const QUrl &url)
{
    return url.port() > 0 ? url.host() + QLatin1Char(':') + QString::number(url.port()) : url.host();
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
