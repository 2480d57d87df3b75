#pragma once

#include "PeerLauncher.h"

#include <QDir>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace herald::test {

// Debian's mosquitto broker with a WebSocket listener on 127.0.0.1, for tests and benchmarks. Its configuration,
// password file and persistence live in a temporary directory; it is stopped with the object.
class MosquittoBroker final
{
public:
    MosquittoBroker() = default;
    ~MosquittoBroker();
    MosquittoBroker(const MosquittoBroker &) = delete;
    MosquittoBroker &operator=(const MosquittoBroker &) = delete;

    // Users who may connect (anonymous clients are then refused); before start().
    void addUser(const QString &name, const QString &password);
    // False (see error()) when mosquitto is missing or does not start. Started again after stop(), it listens on
    // the same port and, when persistent, keeps its sessions and retained messages.
    bool start(bool persistent = false);
    void stop();
    // Off, the broker logs connections but not every packet: what a benchmark wants. Before start().
    void setPacketLog(bool on) { m_packetLog = on; }
    quint16 port() const { return m_port; }
    QString url() const { return QStringLiteral("ws://127.0.0.1:%1").arg(m_port); }
    // The plain MQTT listener beside the WebSocket one.
    QString tcpUrl() const { return QStringLiteral("mqtt://127.0.0.1:%1").arg(m_tcpPort); }
    QString error() const { return m_error; }
    // What the broker logged (it logs every packet with -v).
    QString log() const;

private:
    bool running() const;

    // Under Wine the broker runs on the Linux side (PeerLauncher): its files are where both sides see them.
    QTemporaryDir m_dir{PeerLauncher::address().isEmpty() ? QDir::tempPath() + QStringLiteral("/herald-mqtt-XXXXXX")
                                                          : PeerLauncher::sharedTemporaryTemplate()};
    QProcess m_process;
    PeerLauncher m_launched;
    quint16 m_port = 0;
    quint16 m_tcpPort = 0;
    bool m_packetLog = true;
    QString m_error;
    bool m_hasUsers = false;
};

} // namespace herald::test
