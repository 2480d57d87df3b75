#pragma once

#include "protocol/MessageProtocol.h"

#include <QRegularExpression>

namespace herald::protocol {

// Messages as they come, with on-open messages: what an endpoint that wants a subscribe or auth message after
// connecting needs (crypto tickers, Home Assistant, Nostr relays, most custom servers). Each on-open text is sent
// after every (re)connect, with ${secret} replaced by the feed's secret. An application keepalive text goes out
// every so often for servers that drop quiet clients, and the server's own pings are answered (and not shown).
class PlainProtocol final : public MessageProtocol
{
public:
    PlainProtocol(QStringList onOpen, QString secret, QString keepaliveText = {}, int keepaliveSeconds = 0,
                  const QList<AutoAnswer> &answers = {});
    QString name() const override { return QStringLiteral("plain"); }
    void opened(ProtocolLink &link) override;
    void textReceived(QByteArrayView utf8, ProtocolLink &link, QList<AppMessage> &out) override;
    void binaryReceived(const QByteArray &bytes, ProtocolLink &link, QList<AppMessage> &out) override;
    bool ready() const override { return true; }
    void send(const QString &text, const QString &type, ProtocolLink &link) override;
    int keepaliveIntervalMs() const override { return m_keepaliveText.isEmpty() ? 0 : m_keepaliveSeconds * 1000; }
    void keepalive(ProtocolLink &link) override;

    // The user's text with every ${secret} replaced and, with captures, every ${1}…${9} by what the server's
    // message matched; in one pass, so that nothing a capture brings in is expanded.
    static QString expand(const QString &text, const QString &secret,
                          const QRegularExpressionMatch *captures = nullptr);
    // Empty when the answer's pattern is a regular expression; otherwise what is wrong with it.
    static QString checkAnswer(const AutoAnswer &answer);

private:
    struct CompiledAnswer
    {
        QRegularExpression match;
        QString reply;
    };
    // The reply to text, when an answer matches it.
    std::optional<QString> answerTo(const QString &text) const;

    QStringList m_onOpen;
    QString m_secret;
    QString m_keepaliveText;
    int m_keepaliveSeconds;
    QList<CompiledAnswer> m_answers;
};

} // namespace herald::protocol
