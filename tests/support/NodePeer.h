#pragma once

#include "PeerLauncher.h"

#include <QProcess>
#include <QString>
#include <QStringList>

namespace herald::test {

// A Node script from tests/support run as a test peer: it prints "PORT n" once listening and exits when its
// standard input closes, so it never outlives the test. With HERALD_PEER_LAUNCHER=127.0.0.1:PORT set (make
// windows-test does), peer-launcher.js runs it instead: Wine starts a Linux program but gives it no pipe.
class NodePeer final
{
public:
    NodePeer() = default;
    ~NodePeer();
    NodePeer(const NodePeer &) = delete;
    NodePeer &operator=(const NodePeer &) = delete;

    // script: a file name in tests/support. False (see error()) when node or the script's packages are missing.
    bool start(const QString &script, const QStringList &arguments = {});
    quint16 port() const { return m_port; }
    QString error() const { return m_error; }
    // Lines the script printed after the PORT line.
    QStringList output() const { return m_output; }

private:
    bool startThroughLauncher(const QString &script, const QStringList &arguments);
    void takeLine(const QString &line);

    QProcess m_process;
    PeerLauncher m_launched;
    quint16 m_port = 0;
    QString m_error;
    QStringList m_output;
};

} // namespace herald::test
