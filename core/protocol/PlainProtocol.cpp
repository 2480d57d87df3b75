#include "PlainProtocol.h"

namespace herald::protocol {

PlainProtocol::PlainProtocol(QStringList onOpen, QString secret)
    : m_onOpen(std::move(onOpen))
    , m_secret(std::move(secret))
{}

QString PlainProtocol::expand(const QString &text, const QString &secret)
{
    QString expanded = text;
    expanded.replace(QLatin1String("${secret}"), secret);
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
