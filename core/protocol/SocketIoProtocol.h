#pragma once

#include "protocol/MessageProtocol.h"

#include <QJsonArray>

namespace herald::protocol {

// Socket.IO 4 on Engine.IO 4 over WebSocket: the Engine.IO open, a namespace CONNECT with an optional auth
// payload, answering the server's pings, events out as AppMessages (the event name as their type, acknowledged
// when the server asks), binary events with their attachments, and emitting. A server that refuses the
// namespace (CONNECT_ERROR) or disconnects it is not retried: it said no. Malformed packets fail the connection
// (and it is retried), never the process.
class SocketIoProtocol final : public MessageProtocol
{
public:
    // nameSpace: "/" or "/chat"; auth: a JSON object's text, or empty.
    SocketIoProtocol(QString nameSpace, QByteArray auth);
    QString name() const override { return QStringLiteral("socketio"); }
    // http://host:port/ is enough: the Engine.IO path and query are added, the scheme made ws or wss.
    QUrl connectionUrl(const QUrl &given) const override;
    void opened(ProtocolLink &link) override;
    void textReceived(QByteArrayView utf8, ProtocolLink &link, QList<AppMessage> &out) override;
    void binaryReceived(const QByteArray &bytes, ProtocolLink &link, QList<AppMessage> &out) override;
    bool ready() const override { return m_connected; }
    // text goes out as a JSON value when it is a JSON object or array, else as a string.
    void send(const QString &text, const QString &type, ProtocolLink &link) override;
    QString readyDescription() const override;
    void leaving(ProtocolLink &link) override;
    int leaveGraceMs() const override { return 250; }

    // An event's arguments as one text: a single string as it is, a single other value, or several as a JSON array,
    // as the server wrote them. written is the event array's text; empty when the event was rebuilt (binary
    // attachments filled in), the arguments are written again.
    static QString argumentsText(const QJsonArray &event, QByteArrayView written);

private:
    void socketPacket(QByteArrayView packet, ProtocolLink &link, QList<AppMessage> &out);
    void deliverEvent(const QJsonArray &event, QByteArrayView written, QList<AppMessage> &out);
    QByteArray namespacePrefix() const; // "" for "/", else "/chat,"

    QString m_namespace;
    QByteArray m_auth;
    bool m_engineOpen = false;
    bool m_connected = false;
    // A binary event waiting for its attachments.
    QJsonArray m_pendingEvent;
    qint64 m_pendingAckId = -1;
    int m_attachmentsExpected = 0;
    QList<QByteArray> m_attachments;
};

} // namespace herald::protocol
