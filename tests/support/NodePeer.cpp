#include "NodePeer.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

namespace herald::test {

NodePeer::~NodePeer()
{
    m_launched.stop();
    if (m_process.state() == QProcess::NotRunning) {
        return;
    }
    m_process.closeWriteChannel();
    if (!m_process.waitForFinished(3000)) {
        m_process.kill();
        m_process.waitForFinished();
    }
}

void NodePeer::takeLine(const QString &line)
{
    if (m_port == 0 && line.startsWith(QLatin1String("PORT "))) {
        m_port = quint16(line.mid(5).toUInt());
    } else {
        m_output.append(line);
    }
}

bool NodePeer::startThroughLauncher(const QString &script, const QStringList &arguments)
{
    const QJsonObject request{{QStringLiteral("script"), script},
                              {QStringLiteral("arguments"), QJsonArray::fromStringList(arguments)}};
    if (!m_launched.start(request, [this](const QString &line) { takeLine(line); })) {
        m_error = m_launched.error();
        return false;
    }
    (void)QTest::qWaitFor([this] { return m_port != 0 || !m_launched.isRunning(); }, 10000);
    if (m_port == 0) {
        m_error = QStringLiteral("node %1 did not start listening (through the launcher: %2)")
                      .arg(script, m_launched.error());
    }
    return m_port != 0;
}

bool NodePeer::start(const QString &script, const QStringList &arguments)
{
    if (!PeerLauncher::address().isEmpty()) {
        return startThroughLauncher(script, arguments);
    }
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty()) {
        m_error = QStringLiteral("node is not installed; scripts/install-deps.sh --test installs it");
        return false;
    }
    const QDir support(QStringLiteral(HERALD_TEST_SUPPORT_DIR));
    if (!support.exists(QStringLiteral("node_modules"))) {
        m_error = QStringLiteral("the Node test peers are not installed; run scripts/install-deps.sh --test");
        return false;
    }
    m_process.setProgram(node);
    m_process.setArguments(QStringList{support.filePath(script)} + arguments);
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QObject::connect(&m_process, &QProcess::readyReadStandardOutput, [this] {
        while (m_process.canReadLine()) {
            takeLine(QString::fromUtf8(m_process.readLine()).trimmed());
        }
    });
    QSignalSpy output(&m_process, &QProcess::readyReadStandardOutput);
    QSignalSpy finished(&m_process, &QProcess::finished);
    m_process.start();
    while (m_port == 0 && finished.isEmpty() && output.wait(10000)) {
    }
    if (m_port == 0) {
        m_error = QStringLiteral("node %1 did not start listening").arg(script);
    }
    return m_port != 0;
}

} // namespace herald::test
