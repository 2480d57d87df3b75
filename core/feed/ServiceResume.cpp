#include "ServiceResume.h"

#include "net/HttpFetcher.h"
#include "net/UrlText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <algorithm>

namespace herald {

namespace {

bool isNewerId(const QString &candidate, const QString &than)
{
    bool candidateIsNumber = false;
    bool thanIsNumber = false;
    const qlonglong a = candidate.toLongLong(&candidateIsNumber);
    const qlonglong b = than.toLongLong(&thanIsNumber);
    return candidateIsNumber && thanIsNumber ? a > b : candidate != than;
}

} // namespace

namespace resume {

QString streamQueryParameter(ResumeService service)
{
    return service == ResumeService::Ntfy ? QStringLiteral("since") : QString();
}

QUrl webSocketUrl(ResumeService service, const QUrl &url, const QString &id)
{
    return service == ResumeService::Ntfy && !id.isEmpty() ? withQueryItem(url, QStringLiteral("since"), id) : url;
}

bool idsInPayloads(ResumeService service)
{
    return service == ResumeService::Ntfy || service == ResumeService::Gotify;
}

} // namespace resume

GotifyCatchUp::GotifyCatchUp(std::unique_ptr<HttpFetcher> fetcher)
    : m_fetcher(std::move(fetcher))
{}

GotifyCatchUp::~GotifyCatchUp() = default;

QUrl GotifyCatchUp::messagesUrl(const QUrl &streamUrl)
{
    QUrl url = streamUrl;
    url.setScheme(streamUrl.scheme() == QLatin1String("wss") ? QStringLiteral("https") : QStringLiteral("http"));
    QString path = url.path();
    if (path.endsWith(QLatin1String("/stream"))) {
        path.chop(int(qstrlen("stream")));
    } else if (!path.endsWith(u'/')) {
        path += u'/';
    }
    url.setPath(path + QStringLiteral("message"));
    QUrlQuery query(url);
    query.removeAllQueryItems(QStringLiteral("limit"));
    query.addQueryItem(QStringLiteral("limit"), QString::number(kLimit));
    url.setQuery(query);
    return url;
}

void GotifyCatchUp::fetch(const QUrl &streamUrl, const QString &since, Missed missed, Failed failed)
{
    m_fetcher->get(messagesUrl(streamUrl),
                   [since, missed = std::move(missed), failed = std::move(failed)](const HttpFetcher::Result &result) {
                       if (!result.error.isEmpty()) {
                           failed(result.error);
                           return;
                       }
                       const QJsonArray messages =
                           QJsonDocument::fromJson(result.body).object().value(QStringLiteral("messages")).toArray();
                       QStringList newer;
                       for (const QJsonValue &value : messages) {
                           const QJsonObject message = value.toObject();
                           if (isNewerId(message.value(QStringLiteral("id")).toVariant().toString(), since)) {
                               newer.append(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
                           }
                       }
                       // gotify lists newest first; they are stored in the order they were sent.
                       std::reverse(newer.begin(), newer.end());
                       missed(newer);
                   });
}

} // namespace herald
