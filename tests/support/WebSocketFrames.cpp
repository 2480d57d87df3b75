#include "WebSocketFrames.h"

#include <QCryptographicHash>
#include <QtEndian>

namespace herald::test::ws {

QByteArray acceptKey(const QByteArray &clientKey)
{
    return QCryptographicHash::hash(clientKey + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", QCryptographicHash::Sha1)
        .toBase64();
}

QByteArray frame(Opcode opcode, const QByteArray &payload, bool fin, quint8 rsv)
{
    QByteArray out;
    out += char((fin ? 0x80 : 0x00) | (rsv << 4) | opcode);
    const quint64 size = quint64(payload.size());
    if (size < 126) {
        out += char(size);
    } else if (size <= 0xFFFF) {
        out += char(126);
        char length[2];
        qToBigEndian(quint16(size), length);
        out.append(length, 2);
    } else {
        out += char(127);
        char length[8];
        qToBigEndian(size, length);
        out.append(length, 8);
    }
    return out + payload;
}

QByteArray closeFrame(quint16 code, const QByteArray &reason)
{
    char codeBytes[2];
    qToBigEndian(code, codeBytes);
    return frame(Close, QByteArray(codeBytes, 2) + reason);
}

QList<ClientFrame> takeClientFrames(QByteArray &buffer)
{
    QList<ClientFrame> frames;
    while (buffer.size() >= 2) {
        const auto *bytes = reinterpret_cast<const uchar *>(buffer.constData());
        const bool fin = bytes[0] & 0x80;
        const auto opcode = Opcode(bytes[0] & 0x0F);
        const bool masked = bytes[1] & 0x80;
        quint64 length = bytes[1] & 0x7F;
        qsizetype at = 2;
        if (length == 126) {
            if (buffer.size() < 4) {
                break;
            }
            length = qFromBigEndian<quint16>(bytes + 2);
            at = 4;
        } else if (length == 127) {
            if (buffer.size() < 10) {
                break;
            }
            length = qFromBigEndian<quint64>(bytes + 2);
            at = 10;
        }
        const qsizetype maskAt = at;
        if (masked) {
            at += 4;
        }
        if (quint64(buffer.size() - at) < length) {
            break;
        }
        QByteArray payload = buffer.mid(at, qsizetype(length));
        if (masked) {
            for (qsizetype i = 0; i < payload.size(); ++i) {
                payload[i] = char(payload[i] ^ bytes[maskAt + (i % 4)]);
            }
        }
        frames.append({opcode, fin, payload});
        buffer.remove(0, at + qsizetype(length));
    }
    return frames;
}

} // namespace herald::test::ws
