#pragma once

#include "protocol/MessageProtocol.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace herald::test {

// The connection a protocol runs on, recorded: what it sent and how it failed, for tests that feed it frames.
struct RecordingLink final : protocol::ProtocolLink
{
    QStringList sent;
    QList<QByteArray> sentBinary;
    QString failure; // the last one
    bool retry = false;
    int failures = 0;
    QString completed;

    void sendText(const QString &text) override;
    void sendBinary(const QByteArray &bytes) override;
    void protocolFailed(const QString &message, bool again) override;
    void protocolCompleted(const QString &message) override;
};

// MQTT packets as a broker writes them, for feeding to the client.
namespace mqtt {
// The first byte, the remaining length, the body.
QByteArray packet(quint8 first, const QByteArray &body);
// A length-prefixed MQTT string.
QByteArray string(const QByteArray &utf8);
} // namespace mqtt

} // namespace herald::test
