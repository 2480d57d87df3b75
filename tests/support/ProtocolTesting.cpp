#include "ProtocolTesting.h"

namespace herald::test {

void RecordingLink::sendText(const QString &text)
{
    sent.append(text);
}

void RecordingLink::sendBinary(const QByteArray &bytes)
{
    sentBinary.append(bytes);
}

void RecordingLink::protocolFailed(const QString &message, bool again)
{
    failure = message;
    retry = again;
    ++failures;
}

void RecordingLink::protocolCompleted(const QString &message)
{
    completed = message;
}

namespace mqtt {

QByteArray packet(quint8 first, const QByteArray &body)
{
    QByteArray out(1, char(first));
    quint32 length = quint32(body.size());
    do {
        const quint8 byte = length % 128;
        length /= 128;
        out.append(char(length > 0 ? byte | 0x80 : byte));
    } while (length > 0);
    return out + body;
}

QByteArray string(const QByteArray &utf8)
{
    return QByteArray(1, char(utf8.size() >> 8)) + char(utf8.size() & 0xff) + utf8;
}

} // namespace mqtt

} // namespace herald::test
