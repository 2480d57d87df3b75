#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace herald::test {

// A Node script from tests/support run as a test peer: it prints "PORT n" once listening and exits when its
// standard input closes, so it never outlives the test.
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
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
    QStringList m_output;
};

} // namespace herald::test
