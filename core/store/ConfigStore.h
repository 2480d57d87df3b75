#pragma once

#include "feed/FeedConfig.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace herald {

// Feeds and settings in one human-editable JSON file, written atomically. A file with mistakes is never lost and
// never silently rewritten: what can be read is used, every problem is reported with the file's path and where the
// problem is, and a broken file is copied aside before anything else happens to it.
class ConfigStore final
{
public:
    static constexpr int kVersion = 1;

    struct Loaded
    {
        QList<FeedConfig> feeds;
        QJsonObject settings;
        QList<QJsonObject> unreadFeeds; // entries with a mistake, kept as written so that saving loses nothing
        Rules globalRules;              // settings.rules
        QStringList problems;           // for a person: path, place, what is wrong, what to do
        QString backupPath;             // where a copy of a broken file was put
        // The file is there but could not be used (unreadable, not JSON, far too big): saving must not replace it.
        bool keepUntouched = false;
    };

    // A Herald config is a few kilobytes; a file far larger is not one, and is not read into memory.
    static constexpr qint64 kMaxFileSize = 16 * 1024 * 1024;

    // The platform's config folder, e.g. ~/.config/Herald/herald.json.
    static QString defaultPath();

    explicit ConfigStore(QString path = defaultPath());
    QString path() const { return m_path; }

    // A missing file is a fresh start, not a problem.
    Loaded load() const;
    // Replaces the file in one step (write to a temporary file, then rename); false with error on failure, and
    // the old file stays as it was.
    // unreadFeeds: entries load() could not read, written back as they were.
    bool save(const QList<FeedConfig> &feeds, const QJsonObject &settings, QString *error,
              const QList<QJsonObject> &unreadFeeds = {}) const;

private:
    QString backUp() const;

    QString m_path;
};

} // namespace herald
