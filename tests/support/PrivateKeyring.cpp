#include "PrivateKeyring.h"

#include <QProcess>
#include <QStandardPaths>

namespace herald::test {

bool PrivateKeyring::start()
{
    if (qEnvironmentVariable("HERALD_PRIVATE_SESSION_BUS") != QLatin1String("1")) {
        m_notOnPrivateBus = true;
        m_error = QStringLiteral("needs the private D-Bus session of scripts/run-tests.sh (make test), so that no "
                                 "real keychain is used");
        return false;
    }
    const QString daemon = QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
    if (daemon.isEmpty()) {
        m_error = QStringLiteral("gnome-keyring is not installed; scripts/install-deps.sh --test installs it");
        return false;
    }
    QProcess start;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), m_home.path());
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    start.setProcessEnvironment(environment);
    start.start(daemon, {QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
    if (!start.waitForStarted(10000)) {
        m_error = QStringLiteral("gnome-keyring-daemon did not start");
        return false;
    }
    start.write("test-password");
    start.closeWriteChannel();
    if (!start.waitForFinished(10000) || start.exitCode() != 0) {
        m_error = QStringLiteral("gnome-keyring-daemon failed: %1").arg(QString::fromLocal8Bit(start.readAll()));
        return false;
    }
    return true;
}

} // namespace herald::test
