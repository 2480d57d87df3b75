#include "WebSocketFrames.h"

#include <QRandomGenerator>
#include <QtEndian>

#include <algorithm>
#include <cstring>

namespace herald::ws {

namespace {

bool isControl(Opcode opcode)
{
    return quint8(opcode) >= 0x8;
}

bool isKnownOpcode(quint8 opcode)
{
    return opcode <= 0x2 || (opcode >= 0x8 && opcode <= 0xA);
}

// Bytes the header starting at h needs in all, once the first two are known.
int headerLengthFor(const unsigned char *h)
{
    const int length7 = h[1] & 0x7F;
    const int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
    return 2 + extended + ((h[1] & 0x80) ? 4 : 0);
}

// XORs data with the 4-byte key, starting at the key's byte `phase` (where an earlier piece of the payload ended).
void mask(char *data, qsizetype length, const unsigned char *key, quint64 phase = 0)
{
    unsigned char keyBytes[4];
    for (int i = 0; i < 4; ++i) {
        keyBytes[i] = key[(phase + quint64(i)) % 4];
    }
    quint64 wide;
    unsigned char wideBytes[8];
    for (int i = 0; i < 8; ++i) {
        wideBytes[i] = keyBytes[i % 4];
    }
    std::memcpy(&wide, wideBytes, 8);
    qsizetype i = 0;
    for (; i + 8 <= length; i += 8) {
        quint64 word;
        std::memcpy(&word, data + i, 8);
        word ^= wide;
        std::memcpy(data + i, &word, 8);
    }
    for (; i < length; ++i) {
        data[i] = char(data[i] ^ char(keyBytes[i % 4]));
    }
}

} // namespace

bool isValidCloseCode(int code)
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

FrameDecoder::FrameDecoder(FrameSink &sink, Role role)
    : m_sink(sink)
    , m_role(role)
{}

FrameDecoder::~FrameDecoder() = default;

void FrameDecoder::enableDeflate(bool serverNoContextTakeover)
{
    m_inflater = std::make_unique<MessageInflater>(serverNoContextTakeover);
}

bool FrameDecoder::fail(quint16 code, const QString &message)
{
    m_failureCode = code;
    m_failureMessage = message;
    if (m_role == Role::Server && m_failureMessage.startsWith(QLatin1String("the server"))) {
        m_failureMessage.replace(0, 10, QStringLiteral("the client")); // the messages are written for Herald's side
    }
    m_halted = true;
    return false;
}

bool FrameDecoder::feed(QByteArrayView bytes)
{
    const char *p = bytes.data();
    const char *const end = p + bytes.size();
    while (p < end && !m_halted) {
        if (!m_inPayload && m_headerFill == 0 && !m_inMessage) {
            const qsizetype whole = wholeSmallFrame(p, end);
            if (whole > 0) {
                if (!deliverSmallFrame(p, whole)) {
                    return false;
                }
                p += whole;
                continue;
            }
        }
        if (!m_inPayload) {
            // The header, which may arrive split anywhere.
            const unsigned char *h;
            qsizetype available;
            if (m_headerFill == 0 && end - p >= 2) {
                h = reinterpret_cast<const unsigned char *>(p);
                available = end - p;
            } else {
                const qsizetype copy = std::min<qsizetype>(qsizetype(sizeof m_header) - m_headerFill, end - p);
                std::memcpy(m_header + m_headerFill, p, size_t(copy));
                h = m_header;
                available = m_headerFill + copy;
            }
            const int needed = available >= 2 ? headerLengthFor(h) : 2;
            if (available < needed) {
                if (h != m_header) {
                    std::memcpy(m_header, p, size_t(end - p));
                }
                m_headerFill = int(available);
                break;
            }
            p += needed - m_headerFill;
            m_headerFill = 0;
            if (!beginFrame(h)) {
                return false;
            }
            if (m_remaining == 0 && !endFrame()) {
                return false;
            }
            continue;
        }
        const qsizetype take = qsizetype(std::min<quint64>(m_remaining, quint64(end - p)));
        const char *payload = p;
        if (m_masked) {
            m_unmasked.resize(take);
            std::memcpy(m_unmasked.data(), p, size_t(take));
            mask(m_unmasked.data(), take, m_maskKey, m_maskOffset);
            m_maskOffset += quint64(take);
            payload = m_unmasked.constData();
        }
        if (!takePayload(payload, take)) {
            return false;
        }
        p += take;
        m_remaining -= quint64(take);
        if (m_remaining == 0 && !endFrame()) {
            return false;
        }
    }
    return !m_halted;
}

qsizetype FrameDecoder::wholeSmallFrame(const char *p, const char *end) const
{
    if (m_role != Role::Client || end - p < 2) {
        return 0;
    }
    const auto *h = reinterpret_cast<const unsigned char *>(p);
    // FIN, no RSV bits, text or binary; a second byte under 126 is an unmasked frame with its length right there.
    const bool finalData = h[0] == (0x80 | quint8(Opcode::Text)) || h[0] == (0x80 | quint8(Opcode::Binary));
    const qsizetype length = h[1];
    if (!finalData || length >= 126 || length > m_maxMessageSize || end - p < 2 + length) {
        return 0;
    }
    return 2 + length;
}

bool FrameDecoder::deliverSmallFrame(const char *frame, qsizetype size)
{
    const QByteArrayView message(frame + 2, size - 2);
    if (static_cast<quint8>(frame[0]) == (0x80 | quint8(Opcode::Text))) {
        Utf8Validator check;
        if (!check.feed(message) || !check.atBoundary()) {
            return fail(kCloseInvalidData, QStringLiteral("the server sent a text message that is not UTF-8"));
        }
        m_sink.textMessage(message);
    } else {
        m_sink.binaryMessage(message);
    }
    return !m_halted;
}

bool FrameDecoder::beginFrame(const unsigned char *h)
{
    const bool fin = h[0] & 0x80;
    const bool rsv1 = h[0] & 0x40;
    const quint8 opcodeBits = h[0] & 0x0F;
    if (h[0] & 0x30) {
        return fail(kCloseProtocolError, QStringLiteral("the server set reserved bits (RSV2/RSV3) in a frame"));
    }
    if (!isKnownOpcode(opcodeBits)) {
        return fail(kCloseProtocolError,
                    QStringLiteral("the server sent a frame with reserved opcode %1").arg(opcodeBits));
    }
    m_masked = h[1] & 0x80;
    if (m_role == Role::Client && m_masked) {
        return fail(kCloseProtocolError, QStringLiteral("the server masked a frame (only clients mask)"));
    }
    if (m_role == Role::Server && !m_masked) {
        return fail(kCloseProtocolError, QStringLiteral("the client sent an unmasked frame (clients must mask)"));
    }
    const auto opcode = Opcode(opcodeBits);
    quint64 length = h[1] & 0x7F;
    if (m_masked) {
        const int keyAt = length == 126 ? 4 : length == 127 ? 10 : 2;
        std::memcpy(m_maskKey, h + keyAt, 4);
        m_maskOffset = 0;
    }
    if (length == 126) {
        length = qFromBigEndian<quint16>(h + 2);
    } else if (length == 127) {
        length = qFromBigEndian<quint64>(h + 2);
        if (length >> 63) {
            return fail(kCloseProtocolError, QStringLiteral("the server sent a frame length with the top bit set"));
        }
    }
    if (isControl(opcode)) {
        if (!fin) {
            return fail(kCloseProtocolError, QStringLiteral("the server fragmented a control frame"));
        }
        if (length > 125) {
            return fail(kCloseProtocolError, QStringLiteral("the server sent a control frame longer than 125 bytes"));
        }
        if (rsv1) {
            return fail(kCloseProtocolError, QStringLiteral("the server set RSV1 on a control frame"));
        }
        m_control.resize(0);
    } else if (opcode == Opcode::Continuation) {
        if (!m_inMessage) {
            return fail(kCloseProtocolError, QStringLiteral("the server sent a continuation frame with no message "
                                                            "to continue"));
        }
        if (rsv1) {
            return fail(kCloseProtocolError, QStringLiteral("the server set RSV1 on a continuation frame"));
        }
    } else {
        if (m_inMessage) {
            return fail(kCloseProtocolError, QStringLiteral("the server began a new message before the last one "
                                                            "ended"));
        }
        if (rsv1 && !m_inflater) {
            return fail(kCloseProtocolError, QStringLiteral("the server sent a compressed frame (RSV1) although no "
                                                            "compression was agreed"));
        }
        m_inMessage = true;
        m_messageOpcode = opcode;
        m_compressed = rsv1;
        m_message.resize(0);
        m_utf8.reset();
    }
    if (!isControl(opcode) && !m_compressed && quint64(m_message.size()) + length > quint64(m_maxMessageSize)) {
        return fail(kCloseMessageTooBig, QStringLiteral("a message was larger than %1 bytes").arg(m_maxMessageSize));
    }
    m_opcode = opcode;
    m_fin = fin;
    m_remaining = length;
    m_inPayload = true;
    return true;
}

bool FrameDecoder::takePayload(const char *data, qsizetype length)
{
    if (isControl(m_opcode)) {
        m_control.append(data, length);
        return true;
    }
    const QByteArrayView piece(data, length);
    if (m_compressed) {
        const qsizetype before = m_message.size();
        if (!m_inflater->inflate(piece, false, m_maxMessageSize, m_message)) {
            return fail(m_message.size() > m_maxMessageSize ? kCloseMessageTooBig : kCloseInvalidData,
                        m_inflater->error());
        }
        if (m_messageOpcode == Opcode::Text && !m_utf8.feed(QByteArrayView(m_message).sliced(before))) {
            return fail(kCloseInvalidData, QStringLiteral("the server sent a text message that is not UTF-8"));
        }
        return true;
    }
    if (m_messageOpcode == Opcode::Text && !m_utf8.feed(piece)) {
        return fail(kCloseInvalidData, QStringLiteral("the server sent a text message that is not UTF-8"));
    }
    if (m_fin && m_message.isEmpty() && quint64(length) == m_remaining) {
        // A whole unfragmented message in the bytes at hand: handed on from there, without a copy.
        m_inMessage = false;
        if (m_messageOpcode == Opcode::Text) {
            if (!m_utf8.atBoundary()) {
                return fail(kCloseInvalidData, QStringLiteral("the server sent a text message that is not UTF-8"));
            }
            m_sink.textMessage(piece);
        } else {
            m_sink.binaryMessage(piece);
        }
        m_delivered = true;
        return true;
    }
    m_message.append(piece);
    return true;
}

bool FrameDecoder::endFrame()
{
    m_inPayload = false;
    if (isControl(m_opcode)) {
        return dispatchControl();
    }
    if (std::exchange(m_delivered, false)) {
        return !m_halted;
    }
    return m_fin ? finishMessage() : true;
}

bool FrameDecoder::finishMessage()
{
    if (m_compressed) {
        const qsizetype before = m_message.size();
        if (!m_inflater->inflate({}, true, m_maxMessageSize, m_message)) {
            return fail(m_message.size() > m_maxMessageSize ? kCloseMessageTooBig : kCloseInvalidData,
                        m_inflater->error());
        }
        if (m_messageOpcode == Opcode::Text && !m_utf8.feed(QByteArrayView(m_message).sliced(before))) {
            return fail(kCloseInvalidData, QStringLiteral("the server sent a text message that is not UTF-8"));
        }
    }
    m_inMessage = false;
    if (m_messageOpcode == Opcode::Text) {
        if (!m_utf8.atBoundary()) {
            return fail(kCloseInvalidData, QStringLiteral("the server sent a text message that ends inside a "
                                                          "UTF-8 sequence"));
        }
        m_sink.textMessage(m_message);
    } else {
        m_sink.binaryMessage(m_message);
    }
    // A large message's buffer is not kept for the small ones after it.
    if (m_message.capacity() > 1024 * 1024) {
        m_message = QByteArray();
    } else {
        m_message.resize(0);
    }
    return !m_halted;
}

bool FrameDecoder::dispatchControl()
{
    switch (m_opcode) {
    case Opcode::Ping:
        m_sink.pingFrame(m_control);
        break;
    case Opcode::Pong:
        m_sink.pongFrame(m_control);
        break;
    case Opcode::Close: {
        int code = kCloseNoStatus;
        QString reason;
        if (m_control.size() == 1) {
            return fail(kCloseProtocolError, QStringLiteral("the server sent a close frame of one byte"));
        }
        if (m_control.size() >= 2) {
            code = qFromBigEndian<quint16>(m_control.constData());
            if (!isValidCloseCode(code)) {
                return fail(kCloseProtocolError,
                            QStringLiteral("the server closed with invalid close code %1").arg(code));
            }
            const QByteArrayView reasonBytes = QByteArrayView(m_control).sliced(2);
            Utf8Validator check;
            if (!check.feed(reasonBytes) || !check.atBoundary()) {
                return fail(kCloseInvalidData, QStringLiteral("the server's close reason is not UTF-8"));
            }
            reason = QString::fromUtf8(reasonBytes);
        }
        m_halted = true; // nothing after a close frame counts
        m_sink.closeFrame(code, reason);
        return false;
    }
    default:
        break;
    }
    return !m_halted;
}

namespace {

void appendFrame(QByteArray &out, Opcode opcode, QByteArrayView payload, bool fin, bool rsv1, bool masked)
{
    const qsizetype start = out.size();
    const quint64 length = quint64(payload.size());
    const int lengthBytes = length < 126 ? 0 : length <= 0xFFFF ? 2 : 8;
    const int keyBytes = masked ? 4 : 0;
    out.resize(start + 2 + lengthBytes + keyBytes + payload.size());
    auto *h = reinterpret_cast<unsigned char *>(out.data() + start);
    h[0] = (fin ? 0x80 : 0x00) | (rsv1 ? 0x40 : 0x00) | quint8(opcode);
    const quint8 maskBit = masked ? 0x80 : 0x00;
    if (lengthBytes == 0) {
        h[1] = maskBit | quint8(length);
    } else if (lengthBytes == 2) {
        h[1] = maskBit | 126;
        qToBigEndian(quint16(length), h + 2);
    } else {
        h[1] = maskBit | 127;
        qToBigEndian(length, h + 2);
    }
    unsigned char *key = h + 2 + lengthBytes;
    if (masked) {
        const quint32 random = QRandomGenerator::global()->generate();
        std::memcpy(key, &random, 4);
    }
    char *data = out.data() + start + 2 + lengthBytes + keyBytes;
    if (!payload.isEmpty()) {
        std::memcpy(data, payload.data(), size_t(payload.size()));
        if (masked) {
            mask(data, payload.size(), key);
        }
    }
}

} // namespace

void appendClientFrame(QByteArray &out, Opcode opcode, QByteArrayView payload, bool fin, bool rsv1)
{
    appendFrame(out, opcode, payload, fin, rsv1, true);
}

void appendServerFrame(QByteArray &out, Opcode opcode, QByteArrayView payload, bool fin, bool rsv1)
{
    appendFrame(out, opcode, payload, fin, rsv1, false);
}

QByteArray closePayload(quint16 code, const QString &reason)
{
    QByteArray payload(2, '\0');
    qToBigEndian(code, payload.data());
    QByteArray text = reason.toUtf8();
    if (text.size() > 123) {
        qsizetype cut = 123;
        while (cut > 0 && (quint8(text[cut]) & 0xC0) == 0x80) {
            --cut; // not inside a character
        }
        text.truncate(cut);
    }
    return payload + text;
}

} // namespace herald::ws
