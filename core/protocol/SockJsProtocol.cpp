#include "SockJsProtocol.h"

#include "protocol/JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

namespace herald::protocol {

QUrl SockJsProtocol::connectionUrl(const QUrl &given) const
{
    QUrl url = withWebSocketScheme(given);
    QString path = url.path();
    if (path.endsWith(QLatin1String("/websocket"))) {
        return url; // given in full
    }
    if (!path.endsWith(QLatin1Char('/'))) {
        path += QLatin1Char('/');
    }
    // A server number (three digits) and a session id, as SockJS clients choose them.
    const QString server = QString::number(QRandomGenerator::global()->bounded(1000)).rightJustified(3, u'0');
    const QString session = QString::number(QRandomGenerator::global()->generate64(), 36);
    url.setPath(path + server + QLatin1Char('/') + session + QStringLiteral("/websocket"));
    return url;
}

void SockJsProtocol::opened(ProtocolLink &)
{
    m_open = false; // the server's "o" opens the session
}

void SockJsProtocol::textReceived(QByteArrayView frame, ProtocolLink &link, QList<AppMessage> &out)
{
    if (frame.isEmpty()) {
        link.protocolFailed(QStringLiteral("the server sent an empty SockJS frame"), true);
        return;
    }
    const char type = frame.front();
    const QByteArray rest = frame.sliced(1).toByteArray();
    switch (type) {
    case 'o':
        m_open = true;
        return;
    case 'h':
        return;
    case 'a':
    case 'm': {
        const QByteArray written = type == 'm' ? '[' + rest + ']' : rest;
        const QJsonDocument document = QJsonDocument::fromJson(written);
        if (!document.isArray()) {
            link.protocolFailed(QStringLiteral("the server sent a malformed SockJS message frame (%1)")
                                    .arg(QString::fromUtf8(frame.first(std::min<qsizetype>(frame.size(), 60)))),
                                true);
            return;
        }
        const QList<QByteArrayView> elements = json::arrayElements(written);
        const QJsonArray messages = document.array();
        for (qsizetype i = 0; i < messages.size(); ++i) {
            const QString text = elements.size() == messages.size() ? json::payloadText(elements.at(i), messages.at(i))
                                                                    : QString::fromUtf8(json::compact(messages.at(i)));
            out.append(AppMessage{{}, text, false, {}});
        }
        return;
    }
    case 'c': {
        const QJsonArray close = QJsonDocument::fromJson(rest).array();
        link.protocolFailed(QStringLiteral("the SockJS server closed the session: %1 %2")
                                .arg(close.at(0).toInt())
                                .arg(close.at(1).toString()),
                            close.at(0).toInt() != 3000); // 3000 "Go away!": it means it
        return;
    }
    default:
        link.protocolFailed(QStringLiteral("the server sent something that is not a SockJS frame (%1)")
                                .arg(QString::fromUtf8(frame.first(std::min<qsizetype>(frame.size(), 60)))),
                            true);
        return;
    }
}

void SockJsProtocol::binaryReceived(const QByteArray &, ProtocolLink &link, QList<AppMessage> &)
{
    link.protocolFailed(QStringLiteral("the server sent a binary frame, which SockJS does not use"), true);
}

void SockJsProtocol::send(const QString &text, const QString &, ProtocolLink &link)
{
    link.sendText(QString::fromUtf8(QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact)));
}

} // namespace herald::protocol
