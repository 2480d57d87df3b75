#pragma once

#include "protocol/MessageProtocol.h"

namespace herald::protocol {

// Messages as they come, with on-open messages: what an endpoint that wants a subscribe or auth message after
// connecting needs (crypto tickers, Home Assistant, Nostr relays, most custom servers). Each on-open text is sent
// after every (re)connect, with ${secret} replaced by the feed's secret.
class PlainProtocol final : public MessageProtocol
{
public:
    PlainProtocol(QStringList onOpen, QString secret);
    QString name() const override { return QStringLiteral("plain"); }
    void opened(ProtocolLink &link) override;
    void textReceived(QByteArrayView utf8, ProtocolLink &link, QList<AppMessage> &out) override;
    void binaryReceived(const QByteArray &bytes, ProtocolLink &link, QList<AppMessage> &out) override;
    bool ready() const override { return true; }
    void send(const QString &text, const QString &type, ProtocolLink &link) override;

    // text with every ${secret} replaced.
    static QString expand(const QString &text, const QString &secret);

private:
    QStringList m_onOpen;
    QString m_secret;
};

} // namespace herald::protocol
