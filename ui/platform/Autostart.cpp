#include "Autostart.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>

namespace herald::ui {

namespace {

QString program()
{
    // An AppImage or Flatpak knows its own launcher better than the path of the running binary.
    const QString appImage = qEnvironmentVariable("APPIMAGE");
    return appImage.isEmpty() ? QCoreApplication::applicationFilePath() : appImage;
}

} // namespace

#if defined(Q_OS_WIN)

namespace {
const QString kRunKey = QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
}

QString Autostart::location()
{
    return kRunKey + QStringLiteral("\\Herald");
}

bool Autostart::isEnabled()
{
    return QSettings(kRunKey, QSettings::NativeFormat).contains(QStringLiteral("Herald"));
}

bool Autostart::setEnabled(bool enabled, QString *error)
{
    QSettings run(kRunKey, QSettings::NativeFormat);
    if (enabled) {
        run.setValue(QStringLiteral("Herald"), QStringLiteral("\"%1\"").arg(QDir::toNativeSeparators(program())));
    } else {
        run.remove(QStringLiteral("Herald"));
    }
    run.sync();
    if (run.status() != QSettings::NoError) {
        *error = QCoreApplication::translate("Autostart", "Windows refused to change %1").arg(location());
        return false;
    }
    return true;
}

#elif defined(Q_OS_MACOS)

QString Autostart::location()
{
    return QDir::homePath() + QStringLiteral("/Library/LaunchAgents/org.herald.Herald.plist");
}

bool Autostart::isEnabled()
{
    return QFileInfo::exists(location());
}

bool Autostart::setEnabled(bool enabled, QString *error)
{
    if (!enabled) {
        return !QFileInfo::exists(location()) || QFile::remove(location());
    }
    QDir().mkpath(QFileInfo(location()).absolutePath());
    QSaveFile file(location());
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    file.write(QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                              "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                              "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                              "<plist version=\"1.0\"><dict>\n"
                              "  <key>Label</key><string>org.herald.Herald</string>\n"
                              "  <key>ProgramArguments</key><array><string>%1</string></array>\n"
                              "  <key>RunAtLoad</key><true/>\n"
                              "</dict></plist>\n")
                   .arg(program().toHtmlEscaped())
                   .toUtf8());
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

#else // freedesktop: Linux and the BSDs

QString Autostart::location()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/autostart/herald.desktop");
}

bool Autostart::isEnabled()
{
    QSettings entry(location(), QSettings::IniFormat);
    return QFileInfo::exists(location()) &&
           entry.value(QStringLiteral("Desktop Entry/Hidden"), false).toString() != QLatin1String("true");
}

bool Autostart::setEnabled(bool enabled, QString *error)
{
    if (!enabled) {
        if (QFileInfo::exists(location()) && !QFile::remove(location())) {
            *error = QCoreApplication::translate("Autostart", "Could not remove %1").arg(location());
            return false;
        }
        return true;
    }
    QDir().mkpath(QFileInfo(location()).absolutePath());
    QSaveFile file(location());
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    QString exec = program();
    exec.replace(QLatin1String("\\"), QLatin1String("\\\\")).replace(QLatin1String("\""), QLatin1String("\\\""));
    file.write(QStringLiteral("[Desktop Entry]\n"
                              "Type=Application\n"
                              "Name=Herald\n"
                              "Comment=Desktop notifications from WebSocket and Server-Sent Events feeds\n"
                              "Exec=\"%1\"\n"
                              "Icon=herald\n"
                              "Terminal=false\n"
                              "X-GNOME-Autostart-enabled=true\n")
                   .arg(exec)
                   .toUtf8());
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

#endif

} // namespace herald::ui
