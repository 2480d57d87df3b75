#include "PollingFeedTransport.h"

#include "net/HttpPoller.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace herald {

PollingFeedTransport::PollingFeedTransport(Setup setup)
    : FeedTransport(std::move(setup))
{}

PollingFeedTransport::~PollingFeedTransport()
{
    if (m_poller) {
        m_poller->disconnect(this);
    }
}

void PollingFeedTransport::open()
{
    m_poller = std::make_unique<HttpPoller>(m_setup.url);
    m_poller->setInterval(m_setup.config.pollIntervalSeconds * 1000);
    m_poller->fetcher().setHeaders(m_setup.headers);
    applyNetworkSettings(m_poller->fetcher());
    connect(m_poller.get(), &HttpPoller::opened, this, &FeedTransport::opened);
    connect(m_poller.get(), &HttpPoller::bodyReceived, this, &PollingFeedTransport::receive);
    connect(m_poller.get(), &HttpPoller::errorOccurred, this, &FeedTransport::retrying);
    connect(m_poller.get(), &HttpPoller::failed, this, &FeedTransport::failed);
    m_poller->start();
}

void PollingFeedTransport::reconnectNow()
{
    if (m_poller) {
        m_poller->pollNow();
    }
}

QString PollingFeedTransport::contentKey(const QString &text)
{
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex().left(32));
}

QStringList PollingFeedTransport::splitBody(const QByteArray &body)
{
    auto compact = [](const QJsonValue &value) {
        return value.isObject()  ? QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact))
               : value.isArray() ? QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact))
                                 : value.toVariant().toString();
    };
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError) {
        QJsonArray items = document.isArray() ? document.array() : QJsonArray();
        if (document.isObject() && document.object().value(QStringLiteral("messages")).isArray()) {
            items = document.object().value(QStringLiteral("messages")).toArray();
        } else if (document.isObject()) {
            items.append(document.object());
        }
        QStringList out;
        for (const QJsonValue &item : std::as_const(items)) {
            out.append(compact(item));
        }
        return out;
    }
    const QList<QByteArray> lines = body.trimmed().split('\n');
    const bool jsonLines = lines.size() > 1 && std::all_of(lines.cbegin(), lines.cend(), [](const QByteArray &line) {
                               return line.trimmed().isEmpty() || !QJsonDocument::fromJson(line).isNull();
                           });
    if (jsonLines) {
        QStringList out;
        for (const QByteArray &line : lines) {
            if (!line.trimmed().isEmpty()) {
                out.append(QString::fromUtf8(line.trimmed()));
            }
        }
        return out;
    }
    const QString text = QString::fromUtf8(body).trimmed();
    return text.isEmpty() ? QStringList() : QStringList{text};
}

void PollingFeedTransport::receive(const QByteArray &body)
{
    QSet<QString> keys;
    for (const QString &item : splitBody(body)) {
        const RawPayload arrived = payload(item);
        std::optional<Message> mapped = map(arrived);
        const QString key = mapped && !mapped->id.isEmpty() ? mapped->id : contentKey(item);
        keys.insert(key);
        if (m_setup.pollKeys.contains(key)) {
            // In the previous answer already: stored then, or pruned since by retention, which must not make an old
            // item new again. The inspector still sees it.
            Q_EMIT payloadSeen(arrived);
            continue;
        }
        if (mapped && mapped->id.isEmpty()) {
            // A poll returns the same items again and again: without an id of their own, their content is the key.
            mapped->id = key;
        }
        Q_EMIT payloadArrived(arrived, mapped);
    }
    if (keys != m_setup.pollKeys) {
        m_setup.pollKeys = keys;
        Q_EMIT pollKeysChanged(keys);
    }
}

} // namespace herald

#include "moc_PollingFeedTransport.cpp"
