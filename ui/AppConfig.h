#pragma once

#include "feed/FeedConfig.h"
#include "rules/RuleFilter.h"
#include "store/ConfigStore.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>

namespace herald::ui {

// The config file as the app sees it: the feeds and settings the windows edit, saved atomically after each
// change. A file with mistakes is not overwritten by the windows either: its problems are shown and saving is
// refused until it is fixed.
class AppConfig final : public QObject
{
    Q_OBJECT

public:
    explicit AppConfig(ConfigStore store = ConfigStore(), QObject *parent = nullptr);

    void load();
    QString path() const { return m_store.path(); }
    QStringList problems() const { return m_loaded.problems; }
    bool isWritable() const { return !m_loaded.keepUntouched; }

    QList<FeedConfig> feeds() const { return m_loaded.feeds; }
    QJsonObject settings() const { return m_loaded.settings; }
    Rules globalRules() const { return m_loaded.globalRules; }
    std::optional<FeedConfig> feed(const QString &name) const;

    // false with error when the file could not be written (nothing changes then).
    bool setFeeds(const QList<FeedConfig> &feeds, QString *error);
    bool setSettings(const QJsonObject &settings, QString *error);
    bool replaceFeed(const QString &oldName, const FeedConfig &feed, QString *error);
    bool removeFeed(const QString &name, QString *error);

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

private:
    bool save(const QList<FeedConfig> &feeds, const QJsonObject &settings, QString *error);

    ConfigStore m_store;
    ConfigStore::Loaded m_loaded;
};

} // namespace herald::ui
