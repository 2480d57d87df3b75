#include "PlainProtocol.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace herald::protocol {

PlainProtocol::PlainProtocol(QStringList onOpen, QString secret)
    : m_onOpen(std::move(onOpen))
    , m_secret(std::move(secret))
{}

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

void PlainProtocol::textReceived(QByteArrayView utf8, ProtocolLink &, QList<AppMessage> &out)
{
    out.append(AppMessage{{}, QString::fromUtf8(utf8), false, {}});
}

void PlainProtocol::binaryReceived(const QByteArray &bytes, ProtocolLink &, QList<AppMessage> &out)
{
    out.append(AppMessage{{}, {}, true, bytes});
}

void PlainProtocol::send(const QString &text, const QString &, ProtocolLink &link)
{
    link.sendText(text);
}

} // namespace herald::protocol
