#include "PlainProtocol.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace herald::protocol {

PlainProtocol::PlainProtocol(QStringList onOpen, QString secret, QString keepaliveText, int keepaliveSeconds,
                             const QList<AutoAnswer> &answers)
    : m_onOpen(std::move(onOpen))
    , m_secret(std::move(secret))
    , m_keepaliveText(std::move(keepaliveText))
    , m_keepaliveSeconds(std::max(1, keepaliveSeconds))
{
    for (const AutoAnswer &answer : answers) {
        m_answers.append(
            CompiledAnswer{QRegularExpression(QRegularExpression::anchoredPattern(answer.match)), answer.reply});
    }
}

QString PlainProtocol::checkAnswer(const AutoAnswer &answer)
{
    const QRegularExpression expression(answer.match);
    if (answer.match.isEmpty() || !expression.isValid()) {
        return QStringLiteral("the answer's match \"%1\" is not a regular expression: %2")
            .arg(answer.match, answer.match.isEmpty() ? QStringLiteral("it is empty") : expression.errorString());
    }
    return {};
}

std::optional<QString> PlainProtocol::answerTo(const QString &text) const
{
    for (const CompiledAnswer &answer : m_answers) {
        const QRegularExpressionMatch match = answer.match.match(text);
        if (!match.hasMatch()) {
            continue;
        }
        QString reply = answer.reply;
        for (int group = std::min(9, match.lastCapturedIndex()); group >= 1; --group) {
            reply.replace(QStringLiteral("${%1}").arg(group), match.captured(group));
        }
        return expand(reply, m_secret);
    }
    return std::nullopt;
}

void PlainProtocol::keepalive(ProtocolLink &link)
{
    link.sendText(expand(m_keepaliveText, m_secret));
}

QString PlainProtocol::expand(const QString &text, const QString &secret)
{
    if (!text.contains(QLatin1String("${secret}"))) {
        return text;
    }
    // Inside JSON the secret goes in escaped, so that a quote in it cannot break the message.
    QString value = secret;
    if (!QJsonDocument::fromJson(text.toUtf8()).isNull()) {
        const QString quoted = QString::fromUtf8(QJsonDocument(QJsonArray{secret}).toJson(QJsonDocument::Compact));
        value = quoted.mid(2, quoted.size() - 4); // ["…"] without the brackets and quotes
    }
    QString expanded = text;
    expanded.replace(QLatin1String("${secret}"), value);
    return expanded;
}

void PlainProtocol::opened(ProtocolLink &link)
{
    for (const QString &text : std::as_const(m_onOpen)) {
        link.sendText(expand(text, m_secret));
    }
}

void PlainProtocol::textReceived(QByteArrayView utf8, ProtocolLink &link, QList<AppMessage> &out)
{
    QString text = QString::fromUtf8(utf8);
    if (!m_answers.isEmpty()) {
        if (const std::optional<QString> reply = answerTo(text)) {
            link.sendText(*reply); // the server's ping: answered, and not a message
            return;
        }
    }
    out.append(AppMessage{{}, std::move(text), false, {}});
}

void PlainProtocol::binaryReceived(const QByteArray &bytes, ProtocolLink &, QList<AppMessage> &out)
{
    out.append(AppMessage{{}, {}, true, bytes, false});
}

void PlainProtocol::send(const QString &text, const QString &, ProtocolLink &link)
{
    link.sendText(text);
}

} // namespace herald::protocol
