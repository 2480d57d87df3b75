#include "AppConfig.h"

#include "rules/RulesJson.h"

namespace herald::ui {

AppConfig::AppConfig(ConfigStore store, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
{}

void AppConfig::load()
{
    m_loaded = m_store.load();
}

std::optional<FeedConfig> AppConfig::feed(const QString &name) const
{
    for (const FeedConfig &feed : m_loaded.feeds) {
        if (feed.name == name) {
            return feed;
        }
    }
    return std::nullopt;
}

bool AppConfig::save(const QList<FeedConfig> &feeds, const QJsonObject &settings, QString *error)
{
    if (!isWritable()) {
        *error = tr("%1 has errors and is kept as it is; fix it and restart Herald before changing anything here.")
                     .arg(m_store.path());
        return false;
    }
    if (!m_store.save(feeds, settings, error, m_loaded.unreadFeeds)) {
        return false;
    }
    m_loaded.feeds = feeds;
    m_loaded.settings = settings;
    QString problem;
    if (const auto rules = rulesFromJson(settings.value(QStringLiteral("rules")).toObject(), &problem)) {
        m_loaded.globalRules = *rules;
    }
    return true;
}

bool AppConfig::setFeeds(const QList<FeedConfig> &feeds, QString *error)
{
    if (!save(feeds, m_loaded.settings, error)) {
        return false;
    }
    Q_EMIT feedsChanged();
    return true;
}

bool AppConfig::setSettings(const QJsonObject &settings, QString *error)
{
    if (!save(m_loaded.feeds, settings, error)) {
        return false;
    }
    Q_EMIT settingsChanged();
    return true;
}

bool AppConfig::replaceFeed(const QString &oldName, const FeedConfig &feed, QString *error)
{
    QList<FeedConfig> feeds = m_loaded.feeds;
    for (const FeedConfig &other : feeds) {
        if (other.name == feed.name && other.name != oldName) {
            *error = tr("A feed named \"%1\" exists already; choose another name.").arg(feed.name);
            return false;
        }
    }
    const auto it = std::find_if(feeds.begin(), feeds.end(), [&](const FeedConfig &f) { return f.name == oldName; });
    if (it == feeds.end() || oldName.isEmpty()) {
        feeds.append(feed);
    } else {
        *it = feed;
    }
    return setFeeds(feeds, error);
}

bool AppConfig::removeFeed(const QString &name, QString *error)
{
    QList<FeedConfig> feeds = m_loaded.feeds;
    feeds.erase(std::remove_if(feeds.begin(), feeds.end(), [&](const FeedConfig &f) { return f.name == name; }),
                feeds.end());
    return setFeeds(feeds, error);
}

} // namespace herald::ui
