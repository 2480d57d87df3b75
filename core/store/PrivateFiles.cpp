#include "PrivateFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QStringList>

Q_LOGGING_CATEGORY(lcPrivateFiles, "herald.store", QtInfoMsg)

namespace herald::privatefiles {

namespace {

constexpr QFile::Permissions kFolderMode =
    QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadUser | QFile::WriteUser | QFile::ExeUser;
constexpr QFile::Permissions kFileMode = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser;

bool setMode(const QString &path, QFile::Permissions mode)
{
#ifdef Q_OS_UNIX
    if (QFile::permissions(path) == mode) {
        return true;
    }
    if (!QFile::setPermissions(path, mode)) {
        qCWarning(lcPrivateFiles).noquote() << "cannot make" << path << "private to its owner";
        return false;
    }
    return true;
#else
    Q_UNUSED(path);
    Q_UNUSED(mode);
    return true;
#endif
}

} // namespace

bool makeFolder(const QString &folder)
{
    const QString absolute = QFileInfo(folder).absoluteFilePath();
    QStringList created;
    for (QString path = absolute; !path.isEmpty() && !QFileInfo::exists(path);) {
        created.prepend(path);
        const QString parent = QFileInfo(path).absolutePath();
        if (parent == path) {
            break;
        }
        path = parent;
    }
    if (!QDir().mkpath(absolute)) {
        return false;
    }
    for (const QString &path : std::as_const(created)) {
        setMode(path, kFolderMode);
    }
    return setMode(absolute, kFolderMode);
}

bool tighten(const QString &file)
{
    const QFileInfo info(file);
    if (!info.exists()) {
        return true;
    }
    const bool folder = info.absoluteDir().exists() ? setMode(info.absolutePath(), kFolderMode) : true;
    return setMode(info.absoluteFilePath(), info.isDir() ? kFolderMode : kFileMode) && folder;
}

bool create(const QString &file)
{
    if (QFileInfo::exists(file)) {
        return tighten(file);
    }
    QFile created(file);
    return created.open(QIODevice::WriteOnly | QIODevice::NewOnly, kFileMode) || QFileInfo::exists(file);
}

} // namespace herald::privatefiles
