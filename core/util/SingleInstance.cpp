#include "SingleInstance.h"

#include "store/PrivateFiles.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLocalSocket>
#include <QStandardPaths>
#include <QThread>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace herald {

namespace {

constexpr qsizetype kMaxMessage = 4096;

#ifdef Q_OS_UNIX
// sun_path holds 108 bytes with its NUL; a longer TMPDIR must not break the guard.
constexpr qsizetype kMaxSocketPath = 100;

// A folder for the socket that only this user can enter: created 0700 if missing, and refused when it is a link,
// belongs to someone else or lets others in.
bool isPrivateFolder(const QString &folder)
{
    const QByteArray path = QFile::encodeName(folder);
    struct stat info = {};
    // Looked at before anything is changed: a link or someone else's folder is passed over, never chmod-ed (root's
    // chmod would follow a link to another user's folder).
    if (::lstat(path.constData(), &info) == 0 && (!S_ISDIR(info.st_mode) || info.st_uid != ::geteuid())) {
        return false;
    }
    if (!privatefiles::makeFolder(folder)) {
        return false;
    }
    return ::lstat(path.constData(), &info) == 0 && S_ISDIR(info.st_mode) && info.st_uid == ::geteuid() &&
           (info.st_mode & 077) == 0;
}

QString socketPath(const QString &fileName, QString *error)
{
    QStringList folders;
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty() && QFileInfo(runtime).isDir()) {
        folders.append(runtime + QStringLiteral("/herald"));
    }
    const QString temporary = QDir::tempPath();
    const QString user = QStringLiteral("/herald-%1").arg(::geteuid());
    folders.append(temporary + user);
    if (temporary != QLatin1String("/tmp")) {
        folders.append(QStringLiteral("/tmp") + user); // a TMPDIR that is missing or too long
    }
    for (const QString &folder : std::as_const(folders)) {
        const QString path = folder + u'/' + fileName;
        if (QFile::encodeName(path).size() <= kMaxSocketPath && isPrivateFolder(folder)) {
            return path;
        }
    }
    *error = QStringLiteral("no private folder for Herald's local socket: tried %1 (each must be a folder of "
                            "yours that only you can enter, mode 0700)")
                 .arg(folders.join(QStringLiteral(", ")));
    return {};
}
#endif

} // namespace

SingleInstance::SingleInstance(const QString &key, QObject *parent)
    : QObject(parent)
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    const QByteArray digest = QCryptographicHash::hash((user + u'\n' + key).toUtf8(), QCryptographicHash::Sha256);
    const QString fileName = QStringLiteral("herald-") + QString::fromLatin1(digest.toHex().left(16));
#ifdef Q_OS_UNIX
    m_name = socketPath(fileName, &m_error);
#else
    m_name = fileName;
#endif
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    connect(&m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server.nextPendingConnection()) {
            const auto readRequests = [this, socket] {
                while (socket->canReadLine()) {
                    Q_EMIT messageReceived(QString::fromUtf8(socket->readLine(kMaxMessage)).trimmed());
                }
                if (socket->bytesAvailable() > kMaxMessage) {
                    socket->abort(); // no request is this long
                }
            };
            connect(socket, &QLocalSocket::readyRead, this, readRequests);
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            // On Windows the pipe may have been read, and readyRead emitted, before this connection existed: a
            // second Herald that writes and leaves at once would otherwise go unheard (found under Wine).
            readRequests();
        }
    });
}

SingleInstance::~SingleInstance()
{
    m_server.close(); // removes the socket file: the next start finds nothing stale
}

bool SingleInstance::forward(const QString &message)
{
    if (m_name.isEmpty()) {
        return false;
    }
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(1000)) {
        return false;
    }
    socket.write(message.toUtf8() + '\n');
    socket.waitForBytesWritten(1000);
    socket.disconnectFromServer();
    return true;
}

bool SingleInstance::isClaimed() const
{
    if (m_name.isEmpty()) {
        return false;
    }
    QLocalSocket socket;
    socket.connectToServer(m_name);
    const bool answered = socket.waitForConnected(1000);
    socket.abort();
    return answered;
}

bool SingleInstance::waitUntilGone(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (isClaimed()) {
        if (deadline.hasExpired()) {
            return false;
        }
        QThread::msleep(100);
    }
    return true;
}

SingleInstance::Claim SingleInstance::claimOrForward(const QString &message)
{
    if (m_name.isEmpty()) {
        return Claim::Failed;
    }
    if (forward(message)) {
        return Claim::Forwarded;
    }
    // Nobody answered: a socket file left by a crashed Herald must not keep this one from starting.
    QLocalServer::removeServer(m_name);
    if (!m_server.listen(m_name)) {
        m_error = QStringLiteral("cannot listen on %1: %2").arg(m_name, m_server.errorString());
        return Claim::Failed;
    }
    return Claim::Primary;
}

} // namespace herald

#include "moc_SingleInstance.cpp"
