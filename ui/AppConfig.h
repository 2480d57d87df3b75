#pragma once

#include "feed/FeedConfig.h"
#include "rules/RuleFilter.h"
#include "store/ConfigStore.h"

#include <QFileSystemWatcher>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace herald::ui {

// The config file as the app sees it, live: a change made by `herald feeds`, another editor or another window is
// picked up within a moment (feedsChanged, settingsChanged), and every change made here is applied to the file as it
// is at that moment under the lock the CLI takes too, so that no writer drops what another added. A file with
// mistakes is not overwritten by the windows either: its problems are shown and saving is refused until it is fixed.
class AppConfig final : public QObject
{
    Q_OBJECT

public:
    explicit AppConfig(ConfigStore store = ConfigStore(), QObject *parent = nullptr);

    // Reads the file and from then on follows it.
    void load();
    QString path() const { return m_store.path(); }
    QStringList problems() const { return m_loaded.problems; }
    bool isWritable() const { return !m_loaded.keepUntouched; }

    QList<FeedConfig> feeds() const { return m_loaded.feeds; }
    QJsonObject settings() const { return m_loaded.settings; }
    Rules globalRules() const { return m_loaded.globalRules; }
    std::optional<FeedConfig> feed(const QString &name) const;

    // false with error when the file could not be written (nothing changes then). Settings are merged key by key
    // into what the file holds: a key this window did not change keeps what another writer gave it.
    bool setSettings(const QJsonObject &settings, QString *error);
    bool replaceFeed(const QString &oldName, const FeedConfig &feed, QString *error);
    bool removeFeed(const QString &name, QString *error);

    // Reads the file again now instead of waiting for the watcher (tests, and after a save of our own).
    void reload();

    // Typed views of settings.
    bool soundsEnabled() const { return settings().value(QStringLiteral("sounds")).toBool(false); }
    QString notificationStyle() const
    {
        return settings().value(QStringLiteral("notificationStyle")).toString(QStringLiteral("native"));
    }
    QString language() const { return settings().value(QStringLiteral("language")).toString(QStringLiteral("system")); }

Q_SIGNALS:
    void feedsChanged();
    void settingsChanged();
    // The file was changed elsewhere into something with mistakes: the app keeps what it had, and says why.
    void problemsFound(const QStringList &problems);

private:
    bool edit(const ConfigStore::Edit &change, QString *error);
    // Takes what was read as the app's config, and says what changed.
    void adopt(ConfigStore::Loaded loaded);
    void watch();

    ConfigStore m_store;
    ConfigStore::Loaded m_loaded;
    QFileSystemWatcher m_watcher;
    QTimer m_reloadSoon; // a save is a write and a rename: read once it is over
};

} // namespace herald::ui
