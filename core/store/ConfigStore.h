#pragma once

#include "feed/FeedConfig.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

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

    // In the platform's config folder, e.g. ~/.config/Herald/herald.json. A file at the place earlier versions used
    // (~/.config/Herald/herald/herald.json) is moved here the first time.
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

    // Reads the file as it is now, applies edit to it and writes the result, all under a lock that every Herald
    // process takes: edits made at once by the CLI and the app never lose one another, and nothing that an edit
    // does not touch (a feed another process added, a key of a newer Herald) is dropped. edit returns false with
    // error to leave the file as it was. after, when given, receives what was loaded (and then edited).
    using Edit = std::function<bool(Loaded &config, QString *error)>;
    bool update(const Edit &edit, QString *error, Loaded *after = nullptr) const;

private:
    QString backUp() const;
    static QString legacyPath();

    QString m_path;
};

} // namespace herald
