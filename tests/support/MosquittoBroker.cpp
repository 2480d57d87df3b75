#include "MosquittoBroker.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

namespace herald::test {

namespace {

QString findMosquittoTool(const QString &name)
{
    return QStandardPaths::findExecutable(name, {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin"),
                                                 QStringLiteral("/usr/local/sbin"), QStringLiteral("/usr/local/bin")});
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    return probe.serverPort();
}

} // namespace

MosquittoBroker::~MosquittoBroker()
{
    stop();
}

void MosquittoBroker::addUser(const QString &name, const QString &password)
{
    const QString file = m_dir.filePath(QStringLiteral("passwords"));
    QStringList arguments{QStringLiteral("-b"), file, name, password};
    if (!QFile::exists(file)) {
        arguments.prepend(QStringLiteral("-c"));
    }
    int exitCode = -1;
    if (PeerLauncher::address().isEmpty()) {
        exitCode = QProcess::execute(findMosquittoTool(QStringLiteral("mosquitto_passwd")), arguments);
    } else {
        PeerLauncher passwd;
        if (passwd.start(QJsonObject{{QStringLiteral("program"), QStringLiteral("mosquitto_passwd")},
                                     {QStringLiteral("arguments"), QJsonArray::fromStringList(arguments)},
                                     {QStringLiteral("wait"), true}},
                         {})) {
            exitCode = passwd.waitForExit();
        }
    }
    if (exitCode == 0) {
        m_hasUsers = true;
    } else {
        m_error = QStringLiteral("mosquitto_passwd could not add %1").arg(name);
    }
}

bool MosquittoBroker::start(bool persistent)
{
    const bool launched = !PeerLauncher::address().isEmpty();
    const QString mosquitto = findMosquittoTool(QStringLiteral("mosquitto"));
    if (mosquitto.isEmpty() && !launched) {
        m_error = QStringLiteral("mosquitto is not installed; scripts/install-deps.sh --test installs it");
        return false;
    }
    if (m_port == 0) {
        m_port = freePort();
        do {
            m_tcpPort = freePort();
        } while (m_tcpPort == m_port);
    }
    // Started as root, mosquitto would become the mosquitto user, who cannot write to our temporary directory;
    // "user root" keeps it as it is (and means nothing to a broker started by anyone else).
    // mosquitto 2.0.11 starts no WebSocket listener without a plain one beside it ("Unable to start any listening
    // sockets"), and its libwebsockets cannot bind one address, only all of IPv4.
    QFile config(m_dir.filePath(QStringLiteral("mosquitto.conf")));
    config.open(QIODevice::WriteOnly | QIODevice::Truncate);
    config.write(QStringLiteral("user root\nlistener %1 127.0.0.1\n"
                                "listener %2\nprotocol websockets\nsocket_domain ipv4\n"
                                "persistence %3\npersistence_location %4/\n"
                                "log_dest file %5\n%6connection_messages true\n")
                     .arg(m_tcpPort)
                     .arg(m_port)
                     .arg(persistent ? QStringLiteral("true") : QStringLiteral("false"),
                          PeerLauncher::unixPath(m_dir.path()),
                          PeerLauncher::unixPath(m_dir.filePath(QStringLiteral("log"))),
                          m_packetLog ? QStringLiteral("log_type all\n")
                                      : QStringLiteral("log_type error\nlog_type warning\nlog_type notice\n"
                                                       "log_type information\n"))
                     .toUtf8());
    if (m_hasUsers) {
        config.write(QStringLiteral("allow_anonymous false\npassword_file %1\n")
                         .arg(PeerLauncher::unixPath(m_dir.filePath(QStringLiteral("passwords"))))
                         .toUtf8());
    } else {
        config.write("allow_anonymous true\n");
    }
    config.close();
    const qsizetype logBefore = log().size(); // the log of an earlier run stays
    if (launched) {
        const QJsonObject request{
            {QStringLiteral("program"), QStringLiteral("mosquitto")},
            {QStringLiteral("arguments"), QJsonArray{QStringLiteral("-c"), PeerLauncher::unixPath(config.fileName())}}};
        if (!m_launched.start(request, {})) {
            m_error = QStringLiteral("mosquitto did not start: %1").arg(m_launched.error());
            return false;
        }
    } else {
        m_process.setProgram(mosquitto);
        m_process.setArguments({QStringLiteral("-c"), config.fileName()});
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.setStandardOutputFile(m_dir.filePath(QStringLiteral("output")), QIODevice::Append);
        m_process.start();
        if (!m_process.waitForStarted()) {
            m_error = QStringLiteral("mosquitto did not start: %1").arg(m_process.errorString());
            return false;
        }
    }
    for (int i = 0; i < 200; ++i) {
        if (log().indexOf(QStringLiteral(" running"), logBefore) >= 0 || !running()) {
            break;
        }
        QTest::qWait(25);
    }
    if (!running() || log().indexOf(QStringLiteral(" running"), logBefore) < 0) {
        QFile output(m_dir.filePath(QStringLiteral("output")));
        output.open(QIODevice::ReadOnly);
        m_error =
            QStringLiteral("mosquitto did not start listening:\n%1%2").arg(log(), QString::fromUtf8(output.readAll()));
        return false;
    }
    return true;
}

bool MosquittoBroker::running() const
{
    return m_process.state() != QProcess::NotRunning || m_launched.isRunning();
}

void MosquittoBroker::stop()
{
    m_launched.stop();
    if (m_process.state() == QProcess::NotRunning) {
        return;
    }
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished();
    }
}

QString MosquittoBroker::log() const
{
    QFile file(m_dir.filePath(QStringLiteral("log")));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace herald::test
