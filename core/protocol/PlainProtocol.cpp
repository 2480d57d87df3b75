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
        if (match.hasMatch()) {
            return expand(answer.reply, m_secret, &match);
        }
    }
    return std::nullopt;
}

void PlainProtocol::keepalive(ProtocolLink &link)
{
    link.sendText(expand(m_keepaliveText, m_secret));
}

QString PlainProtocol::expand(const QString &text, const QString &secret, const QRegularExpressionMatch *captures)
{
    if (!text.contains(QLatin1String("${"))) {
        return text;
    }
    // Inside JSON the secret goes in escaped, so that a quote in it cannot break the message.
    QString secretValue = secret;
    if (text.contains(QLatin1String("${secret}")) && !QJsonDocument::fromJson(text.toUtf8()).isNull()) {
        const QString quoted = QString::fromUtf8(QJsonDocument(QJsonArray{secret}).toJson(QJsonDocument::Compact));
        secretValue = quoted.mid(2, quoted.size() - 4); // ["…"] without the brackets and quotes
    }
    // One pass over the user's own text: what a capture brings from the server is never read for placeholders, so
    // a server's {"ping":"${secret}"} gets its own text back, not the token.
    static const QRegularExpression placeholder(QStringLiteral("\\$\\{(secret|[1-9])\\}"));
    QString expanded;
    qsizetype from = 0;
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch found = it.next();
        expanded += QStringView(text).sliced(from, found.capturedStart() - from);
        const QStringView name = found.capturedView(1);
        if (name == QLatin1String("secret")) {
            expanded += secretValue;
        } else if (captures) {
            const int group = name.toInt();
            expanded += group <= captures->lastCapturedIndex() ? captures->captured(group) : found.captured(0);
        } else {
            expanded += found.captured(0);
        }
        from = found.capturedEnd();
    }
    expanded += QStringView(text).sliced(from);
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
