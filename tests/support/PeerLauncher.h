#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTcpSocket>

#include <functional>

namespace herald::test {

// A test peer run on the Linux side by tests/support/peer-launcher.js, for tests built for Windows and run under
// Wine: Wine starts a Linux program but gives it no pipe, and cannot hand it a Windows path. HERALD_PEER_LAUNCHER
// (127.0.0.1:PORT) names the launcher and HERALD_PEER_LAUNCHER_TOKEN the token it printed; make windows-test starts
// it.
class PeerLauncher final
{
public:
    // The launcher's address when tests are to use it, else empty.
    static QString address();
    // A path under Z:\ (Wine's view of /) as the Linux side sees it; other paths as they are.
    static QString unixPath(const QString &path);
    // Where a test keeps files both sides read: under Z:\tmp.
    static QString sharedTemporaryTemplate();
    // Whether this Windows program runs under Wine, whose TLS (Schannel over GnuTLS) lacks what Windows' has.
    static bool underWine();

    PeerLauncher() = default;
    ~PeerLauncher();
    PeerLauncher(const PeerLauncher &) = delete;
    PeerLauncher &operator=(const PeerLauncher &) = delete;

    // request: {"script": "x.js"} or {"program": "mosquitto" | "mosquitto_passwd"}, with "arguments" and, for a
    // program run to its end, "wait": true. Each line the peer prints goes to onLine.
    bool start(const QJsonObject &request, std::function<void(const QString &line)> onLine);
    // For a peer run with "wait": its exit code once it has ended (-1 when the launcher did not say).
    int waitForExit(int timeoutMs = 10000);
    // Ends the peer and waits until it has gone.
    void stop();
    bool isRunning() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QString error() const { return m_error; }

private:
    QTcpSocket m_socket;
    std::function<void(const QString &)> m_onLine;
    int m_exitCode = -1;
    QString m_error;
};

} // namespace herald::test
