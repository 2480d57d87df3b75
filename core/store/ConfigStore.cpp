#include "ConfigStore.h"

#include "rules/RulesJson.h"
#include "store/PrivateFiles.h"
#include "store/StoragePaths.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>
#include <QThread>

#include <algorithm>

Q_LOGGING_CATEGORY(lcConfig, "herald.config", QtInfoMsg)

namespace herald {

namespace {

// 1-based line and column of a byte offset, as editors show them.
QString placeOf(const QByteArray &data, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, data.size());
    const QByteArray before = data.left(offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

} // namespace

QString ConfigStore::legacyPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/herald.json");
}

QString ConfigStore::defaultPath()
{
    const QString path = paths::configFolder() + QStringLiteral("/herald.json");
    const QString legacy = legacyPath();
    if (!paths::configFolderOverridden() && legacy != path && !QFileInfo::exists(path) && QFileInfo::exists(legacy)) {
        privatefiles::makeFolder(QFileInfo(path).absolutePath());
        // A copy, not a rename, so that a failure half-way loses nothing; the old one is removed once the copy is
        // whole.
        if (QFile::copy(legacy, path)) {
            QFile::remove(legacy);
            QDir().rmdir(QFileInfo(legacy).absolutePath());
            qCInfo(lcConfig).noquote() << "moved the config file from" << legacy << "to" << path;
        } else {
            qCWarning(lcConfig).noquote()
                << "could not move the config file from" << legacy << "to" << path << "; using it where it is";
            return legacy;
        }
    }
    return path;
}

bool ConfigStore::update(const Edit &edit, QString *error, Loaded *after) const
{
    privatefiles::makeFolder(QFileInfo(m_path).absolutePath());
    QLockFile lock(m_path + QStringLiteral(".lock"));
    lock.setStaleLockTime(30 * 1000); // a Herald that crashed while holding it
    if (!lock.tryLock(10 * 1000)) {
        *error = QStringLiteral("%1 is being changed by another Herald that does not finish (lock file %2.lock); "
                                "try again, or remove the lock file if no Herald runs")
                     .arg(m_path, m_path);
        return false;
    }
    Loaded loaded = load();
    const auto result = [&](bool ok) {
        if (after) {
            *after = loaded;
        }
        return ok;
    };
    if (loaded.keepUntouched) {
        *error = QStringLiteral("%1 has errors and is kept as it is; fix it before changing anything").arg(m_path);
        return result(false);
    }
    if (!edit(loaded, error)) {
        return result(false);
    }
    return result(save(loaded.feeds, loaded.settings, error, loaded.unreadFeeds));
}

ConfigStore::ConfigStore(QString path)
    : m_path(std::move(path))
{
    privatefiles::tighten(m_path); // one an older Herald wrote 0644
}

QString ConfigStore::backUp() const
{
    // Named by what it holds: every load of the same broken file finds its copy made already.
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QByteArray digest = QCryptographicHash::hash(file.read(kMaxFileSize), QCryptographicHash::Sha256);
    const QString backup = m_path + QStringLiteral(".broken-") + QString::fromLatin1(digest.toHex().left(12));
    if (QFileInfo::exists(backup)) {
        return backup;
    }
    if (!QFile::copy(m_path, backup)) {
        return {};
    }
    privatefiles::tighten(backup);
    return backup;
}

ConfigStore::Loaded ConfigStore::load() const
{
    Loaded loaded;
    QFile file(m_path);
    if (!file.exists()) {
        return loaded;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        loaded.keepUntouched = true;
        loaded.problems.append(QStringLiteral("%1: cannot be read (%2); Herald started without feeds and will not "
                                              "write over it. Check the file's permissions.")
                                   .arg(m_path, file.errorString()));
        return loaded;
    }
    if (file.size() > kMaxFileSize) {
        loaded.keepUntouched = true;
        loaded.problems.append(QStringLiteral("%1 is %2 MiB, far too big for a Herald config (a few KiB); Herald "
                                              "started without it and left it untouched. Is it the right file?")
                                   .arg(m_path)
                                   .arg(file.size() / (1024 * 1024)));
        return loaded;
    }
    const QByteArray data = file.readAll();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        loaded.keepUntouched = true;
        loaded.backupPath = backUp();
        const QString what =
            error.error != QJsonParseError::NoError
                ? QStringLiteral("is not valid JSON at %1 (%2)").arg(placeOf(data, error.offset), error.errorString())
                : QStringLiteral("does not hold a JSON object");
        loaded.problems.append(QStringLiteral("%1 %2. Herald started without it and left it untouched%3; fix it and "
                                              "restart Herald.")
                                   .arg(m_path, what,
                                        loaded.backupPath.isEmpty()
                                            ? QString()
                                            : QStringLiteral(" (a copy is at %1)").arg(loaded.backupPath)));
        return loaded;
    }
    const QJsonObject root = document.object();
    const int version = root.value(QStringLiteral("version")).toInt(kVersion);
    if (version > kVersion) {
        loaded.problems.append(QStringLiteral("%1 was written by a newer Herald (version %2); only what this "
                                              "one understands is used, and saving keeps the rest as it is.")
                                   .arg(m_path)
                                   .arg(version));
    }
    loaded.settings = root.value(QStringLiteral("settings")).toObject();
    QString rulesProblem;
    if (const auto rules = rulesFromJson(loaded.settings.value(QStringLiteral("rules")).toObject(), &rulesProblem)) {
        loaded.globalRules = *rules;
    } else {
        loaded.problems.append(QStringLiteral("%1: settings.rules: %2; no global rules apply until it is fixed.")
                                   .arg(m_path, rulesProblem));
    }
    const QJsonValue feeds = root.value(QStringLiteral("feeds"));
    if (!feeds.isUndefined() && !feeds.isArray()) {
        loaded.problems.append(
            QStringLiteral("%1: \"feeds\" must be a list ([ … ]); no feeds were loaded.").arg(m_path));
        return loaded;
    }
    QSet<QString> names;
    const QJsonArray list = feeds.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject entry = list.at(i).toObject();
        const QString label = entry.value(QStringLiteral("name")).toString();
        const QString where = QStringLiteral("%1: feed %2%3")
                                  .arg(m_path)
                                  .arg(i + 1)
                                  .arg(label.isEmpty() ? QString() : QStringLiteral(" (\"%1\")").arg(label));
        QString problem;
        const auto feed = FeedConfig::fromJson(entry, &problem);
        if (!feed) {
            loaded.problems.append(QStringLiteral("%1: %2; it was skipped.").arg(where, problem));
            loaded.unreadFeeds.append(entry);
            continue;
        }
        if (names.contains(feed->name)) {
            loaded.problems.append(
                QStringLiteral("%1: the name is used twice; this one was skipped. Give each feed its own name.")
                    .arg(where));
            loaded.unreadFeeds.append(entry);
            continue;
        }
        if (!feed->inlineSecret.isEmpty()) {
            loaded.problems.append(QStringLiteral("%1: its secret is stored in this file, readable by anyone who "
                                                  "can read the file; move it to the keychain when one is available.")
                                       .arg(where));
        }
        names.insert(feed->name);
        loaded.feeds.append(*feed);
    }
    return loaded;
}

bool ConfigStore::save(const QList<FeedConfig> &feeds, const QJsonObject &settings, QString *error,
                       const QList<QJsonObject> &unreadFeeds) const
{
    QJsonArray list;
    for (const FeedConfig &feed : feeds) {
        list.append(feed.toJson());
    }
    for (const QJsonObject &entry : unreadFeeds) {
        list.append(entry);
    }
    // What the file holds beyond what this Herald knows (a newer one's keys, the user's own) is written back.
    QJsonObject root;
    int version = kVersion;
    if (QFile existing(m_path); existing.size() <= kMaxFileSize && existing.open(QIODevice::ReadOnly)) {
        root = QJsonDocument::fromJson(existing.readAll()).object();
        version = std::max(version, root.value(QStringLiteral("version")).toInt(kVersion));
    }
    root.insert(QStringLiteral("version"), version);
    root.insert(QStringLiteral("feeds"), list);
    root.insert(QStringLiteral("settings"), settings);
    if (!privatefiles::makeFolder(QFileInfo(m_path).absolutePath())) {
        *error = QStringLiteral("cannot create the folder for %1").arg(m_path);
        return false;
    }
    const QByteArray json = QJsonDocument(root).toJson(QJsonDocument::Indented);
    // On Windows a file cannot be replaced while another process has it open, and another Herald may be reading it
    // (readers take no lock): such a refusal lasts as long as one read, so try again for up to a second.
#ifdef Q_OS_WIN
    constexpr int kAttempts = 50;
#else
    constexpr int kAttempts = 1;
#endif
    for (int attempt = 1;; ++attempt) {
        QSaveFile file(m_path);
        if (!file.open(QIODevice::WriteOnly)) {
            *error = QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString());
            return false;
        }
        file.write(json);
        if (file.commit()) {
            break;
        }
        if (attempt < kAttempts) {
            QThread::msleep(20);
            continue;
        }
        *error = QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString());
        return false;
    }
    privatefiles::tighten(m_path); // a new file gets the umask's mode; it holds tokens
    return true;
}

} // namespace herald
