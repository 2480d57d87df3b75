#include "PeerLauncher.h"

#include <QDir>
#include <QJsonDocument>
#include <QSignalSpy>

#ifdef Q_OS_WIN
#include <windows.h>
#endif

namespace herald::test {

QString PeerLauncher::address()
{
    return qEnvironmentVariable("HERALD_PEER_LAUNCHER");
}

QString PeerLauncher::unixPath(const QString &path)
{
    const QString native = QDir::fromNativeSeparators(path);
    return native.startsWith(QLatin1String("Z:/"), Qt::CaseInsensitive) ? native.mid(2) : native;
}

QString PeerLauncher::sharedTemporaryTemplate()
{
#ifdef Q_OS_WIN
    return QStringLiteral("Z:/tmp/herald-test-XXXXXX");
#else
    return QDir::tempPath() + QStringLiteral("/herald-test-XXXXXX");
#endif
}

bool PeerLauncher::underWine()
{
#ifdef Q_OS_WIN
    const HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    return ntdll && GetProcAddress(ntdll, "wine_get_version") != nullptr;
#else
    return false;
#endif
}

PeerLauncher::~PeerLauncher()
{
    stop();
}

bool PeerLauncher::start(const QJsonObject &request, std::function<void(const QString &)> onLine)
{
    const QString launcher = address();
    const qsizetype colon = launcher.lastIndexOf(QLatin1Char(':'));
    m_onLine = std::move(onLine);
    m_exitCode = -1;
    m_socket.connectToHost(launcher.left(colon), quint16(launcher.mid(colon + 1).toUInt()));
    if (!m_socket.waitForConnected(10000)) {
        m_error = QStringLiteral("the peer launcher at %1 does not answer: %2").arg(launcher, m_socket.errorString());
        return false;
    }
    QObject::disconnect(&m_socket, &QTcpSocket::readyRead, &m_socket, nullptr); // an earlier start()'s
    QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] {
        while (m_socket.canReadLine()) {
            const QString line = QString::fromUtf8(m_socket.readLine()).trimmed();
            if (line.startsWith(QLatin1String("EXIT "))) {
                m_exitCode = line.mid(5).toInt();
            } else if (line.startsWith(QLatin1String("ERROR "))) {
                m_error = line.mid(6);
            } else if (m_onLine) {
                m_onLine(line);
            }
        }
    });
    QJsonObject withToken = request;
    withToken.insert(QStringLiteral("token"), qEnvironmentVariable("HERALD_PEER_LAUNCHER_TOKEN"));
    m_socket.write(QJsonDocument(withToken).toJson(QJsonDocument::Compact) + '\n');
    return true;
}

int PeerLauncher::waitForExit(int timeoutMs)
{
    QSignalSpy gone(&m_socket, &QTcpSocket::disconnected);
    if (isRunning()) {
        gone.wait(timeoutMs);
    }
    return m_exitCode;
}

void PeerLauncher::stop()
{
    if (!isRunning()) {
        return;
    }
    QSignalSpy gone(&m_socket, &QTcpSocket::disconnected);
    m_socket.write("STOP\n");
    if (!gone.wait(10000)) {
        m_socket.abort();
    }
}

} // namespace herald::test
