#include "AppConfig.h"

#include "rules/RulesJson.h"
#include "store/PrivateFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAppConfig, "herald.config", QtInfoMsg)

namespace herald::ui {

AppConfig::AppConfig(ConfigStore store, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
{
    m_reloadSoon.setSingleShot(true);
    m_reloadSoon.setInterval(150);
    connect(&m_reloadSoon, &QTimer::timeout, this, &AppConfig::reload);
    // The file is replaced by a rename on every save, so its folder is watched too: the file's own watch ends with
    // the old file.
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { m_reloadSoon.start(); });
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { m_reloadSoon.start(); });
}

void AppConfig::load()
{
    m_loaded = m_store.load();
    watch();
}

void AppConfig::watch()
{
    const QString folder = QFileInfo(m_store.path()).absolutePath();
    privatefiles::makeFolder(folder);
    if (!m_watcher.directories().contains(folder)) {
        m_watcher.addPath(folder);
    }
    if (QFileInfo::exists(m_store.path()) && !m_watcher.files().contains(m_store.path())) {
        m_watcher.addPath(m_store.path());
    }
}

void AppConfig::reload()
{
    watch();
    ConfigStore::Loaded loaded = m_store.load();
    if (loaded.keepUntouched) {
        // Half an edit in a text editor, say: keep running on what was there, refuse to save, and say why.
        if (!m_loaded.keepUntouched || loaded.problems != m_loaded.problems) {
            for (const QString &problem : std::as_const(loaded.problems)) {
                qCWarning(lcAppConfig).noquote() << problem;
            }
            m_loaded.keepUntouched = true;
            m_loaded.problems = loaded.problems;
            Q_EMIT problemsFound(loaded.problems);
        }
        return;
    }
    adopt(std::move(loaded));
}

void AppConfig::adopt(ConfigStore::Loaded loaded)
{
    const bool feedsDiffer = loaded.feeds != m_loaded.feeds;
    const bool settingsDiffer = loaded.settings != m_loaded.settings;
    m_loaded = std::move(loaded);
    if (feedsDiffer) {
        Q_EMIT feedsChanged();
    }
    if (settingsDiffer) {
        Q_EMIT settingsChanged();
    }
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

bool AppConfig::edit(const ConfigStore::Edit &change, QString *error)
{
    if (!isWritable()) {
        *error =
            tr("%1 has errors and is kept as it is; fix it, and Herald reads it again by itself.").arg(m_store.path());
        return false;
    }
    ConfigStore::Loaded after;
    if (!m_store.update(change, error, &after)) {
        return false;
    }
    QString problem;
    if (const auto rules = rulesFromJson(after.settings.value(QStringLiteral("rules")).toObject(), &problem)) {
        after.globalRules = *rules;
    }
    adopt(std::move(after));
    return true;
}

bool AppConfig::setSettings(const QJsonObject &settings, QString *error)
{
    const QJsonObject before = m_loaded.settings;
    return edit(
        [&](ConfigStore::Loaded &config, QString *) {
            for (auto it = settings.begin(); it != settings.end(); ++it) {
                if (before.value(it.key()) != it.value()) {
                    config.settings.insert(it.key(), it.value());
                }
            }
            for (auto it = before.begin(); it != before.end(); ++it) {
                if (!settings.contains(it.key())) {
                    config.settings.remove(it.key());
                }
            }
            return true;
        },
        error);
}

bool AppConfig::replaceFeed(const QString &oldName, const FeedConfig &feed, QString *error)
{
    return edit(
        [&](ConfigStore::Loaded &config, QString *why) {
            QList<FeedConfig> &feeds = config.feeds;
            for (const FeedConfig &other : feeds) {
                if (other.name == feed.name && other.name != oldName) {
                    *why = tr("A feed named \"%1\" exists already; choose another name.").arg(feed.name);
                    return false;
                }
            }
            const auto it =
                std::find_if(feeds.begin(), feeds.end(), [&](const FeedConfig &f) { return f.name == oldName; });
            if (it == feeds.end() || oldName.isEmpty()) {
                feeds.append(feed);
            } else {
                *it = feed;
            }
            return true;
        },
        error);
}

bool AppConfig::removeFeed(const QString &name, QString *error)
{
    return edit(
        [&](ConfigStore::Loaded &config, QString *) {
            config.feeds.erase(std::remove_if(config.feeds.begin(), config.feeds.end(),
                                              [&](const FeedConfig &f) { return f.name == name; }),
                               config.feeds.end());
            return true;
        },
        error);
}

} // namespace herald::ui
