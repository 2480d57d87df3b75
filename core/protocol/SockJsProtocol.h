#pragma once

#include "protocol/MessageProtocol.h"

namespace herald::protocol {

// SockJS over its raw WebSocket transport: the frames unwrapped ("o" open, "h" heartbeat, "a[…]" messages,
// "c[code,reason]" close), messages sent as SockJS arrays. http://host:port/prefix is enough: the
// /<server>/<session>/websocket path is added.
class SockJsProtocol final : public MessageProtocol
{
public:
    QString name() const override { return QStringLiteral("sockjs"); }
    QUrl connectionUrl(const QUrl &given) const override;
    void opened(ProtocolLink &link) override;
    void textReceived(QByteArrayView utf8, ProtocolLink &link, QList<AppMessage> &out) override;
    void binaryReceived(const QByteArray &bytes, ProtocolLink &link, QList<AppMessage> &out) override;
    bool ready() const override { return m_open; }
    void send(const QString &text, const QString &type, ProtocolLink &link) override;

private:
    bool m_open = false;
};

} // namespace herald::protocol
