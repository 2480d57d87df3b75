#include "PerMessageDeflate.h"

#include <QList>

#include <algorithm>
#include <utility>
#include <zlib.h>

namespace herald::ws {

namespace {

constexpr char kTail[] = {'\x00', '\x00', '\xFF', '\xFF'};
constexpr qsizetype kInflateChunk = 64 * 1024;

QByteArray unquoted(QByteArray value)
{
    value = value.trimmed();
    if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"')) {
        value = value.mid(1, value.size() - 2);
    }
    return value;
}

// A window size parameter's value: 8..15 in decimal, nothing else.
std::optional<int> windowBits(const QByteArray &value)
{
    bool ok = false;
    const int bits = value.toInt(&ok);
    if (!ok || bits < 8 || bits > 15 || value.size() > 2 || value.startsWith('0')) {
        return std::nullopt;
    }
    return bits;
}

} // namespace

QByteArray deflateOffer()
{
    return QByteArrayLiteral("permessage-deflate; client_max_window_bits");
}

DeflateAnswer parseDeflateAnswer(const QByteArray &header)
{
    DeflateAnswer answer;
    if (header.trimmed().isEmpty()) {
        return answer;
    }
    const auto fail = [&answer](const QString &why) {
        answer.parameters.reset();
        answer.error = QStringLiteral("the server's Sec-WebSocket-Extensions answer is invalid: %1").arg(why);
        return answer;
    };
    for (const QByteArray &extension : header.split(',')) {
        QList<QByteArray> parts = extension.split(';');
        const QByteArray name = parts.takeFirst().trimmed();
        if (name != "permessage-deflate") {
            return fail(QStringLiteral("it enables %1, which was not offered").arg(QString::fromLatin1(name)));
        }
        if (answer.parameters) {
            return fail(QStringLiteral("permessage-deflate comes twice"));
        }
        DeflateParameters parameters;
        bool seen[4] = {false, false, false, false};
        for (const QByteArray &part : std::as_const(parts)) {
            const qsizetype equals = part.indexOf('=');
            const QByteArray key = part.left(equals < 0 ? part.size() : equals).trimmed();
            const std::optional<QByteArray> value =
                equals < 0 ? std::nullopt : std::optional<QByteArray>(unquoted(part.mid(equals + 1)));
            int slot = -1;
            if (key == "server_no_context_takeover" || key == "client_no_context_takeover") {
                slot = key.startsWith("server") ? 0 : 1;
                if (value) {
                    return fail(QStringLiteral("%1 takes no value").arg(QString::fromLatin1(key)));
                }
                (slot == 0 ? parameters.serverNoContextTakeover : parameters.clientNoContextTakeover) = true;
            } else if (key == "server_max_window_bits" || key == "client_max_window_bits") {
                slot = key.startsWith("server") ? 2 : 3;
                const std::optional<int> bits = value ? windowBits(*value) : std::nullopt;
                if (!bits) {
                    return fail(QStringLiteral("%1 must be a number from 8 to 15").arg(QString::fromLatin1(key)));
                }
                (slot == 2 ? parameters.serverMaxWindowBits : parameters.clientMaxWindowBits) = *bits;
            } else {
                return fail(QStringLiteral("unknown parameter %1").arg(QString::fromLatin1(key)));
            }
            if (std::exchange(seen[slot], true)) {
                return fail(QStringLiteral("%1 comes twice").arg(QString::fromLatin1(key)));
            }
        }
        answer.parameters = parameters;
    }
    return answer;
}

struct MessageInflater::Stream
{
    z_stream z{};
};

MessageInflater::MessageInflater(bool noContextTakeover)
    : m_stream(std::make_unique<Stream>())
    , m_noContextTakeover(noContextTakeover)
{
    // 15 bits take any window the server used: a smaller one only means shorter distances.
    inflateInit2(&m_stream->z, -15);
}

MessageInflater::~MessageInflater()
{
    inflateEnd(&m_stream->z);
}

bool MessageInflater::run(QByteArrayView input, qint64 limit, QByteArray &out)
{
    z_stream &z = m_stream->z;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.data()));
    z.avail_in = uInt(input.size());
    const auto tooLarge = [this, limit] {
        m_error = QStringLiteral("the message inflates to more than %1 bytes").arg(limit);
        return false;
    };
    do {
        // Never more room than one byte past the limit: a bomb stops there, whatever it would have grown to.
        const qint64 room = std::min<qint64>(kInflateChunk, limit + 1 - out.size());
        if (room <= 0) {
            return tooLarge();
        }
        const qsizetype start = out.size();
        out.resize(start + qsizetype(room));
        z.next_out = reinterpret_cast<Bytef *>(out.data() + start);
        z.avail_out = uInt(room);
        const int result = ::inflate(&z, Z_SYNC_FLUSH);
        out.truncate(out.size() - qsizetype(z.avail_out));
        if (out.size() > limit) {
            return tooLarge();
        }
        if (result == Z_STREAM_END) {
            inflateReset(&z); // a final DEFLATE block is legal; what follows starts afresh
        } else if (result == Z_BUF_ERROR) {
            break; // no progress possible: all input is in, and nothing more is due out
        } else if (result != Z_OK) {
            m_error = QStringLiteral("the compressed message is corrupt (%1)")
                          .arg(QString::fromLatin1(z.msg ? z.msg : "inflate failed"));
            return false;
        }
    } while (z.avail_in > 0 || z.avail_out == 0);
    return true;
}

bool MessageInflater::inflate(QByteArrayView payload, bool lastFrame, qint64 limit, QByteArray &out)
{
    if (!run(payload, limit, out)) {
        return false;
    }
    if (lastFrame) {
        if (!run(QByteArrayView(kTail, sizeof kTail), limit, out)) {
            return false;
        }
        if (m_noContextTakeover) {
            inflateReset(&m_stream->z);
        }
    }
    return true;
}

struct MessageDeflater::Stream
{
    z_stream z{};
};

MessageDeflater::MessageDeflater(int windowBits, bool noContextTakeover)
    : m_stream(std::make_unique<Stream>())
    , m_noContextTakeover(noContextTakeover)
{
    // zlib's raw deflate has no 8-bit window; callers send uncompressed when that is what was agreed.
    deflateInit2(&m_stream->z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -std::max(9, windowBits), 8, Z_DEFAULT_STRATEGY);
}

MessageDeflater::~MessageDeflater()
{
    deflateEnd(&m_stream->z);
}

QByteArray MessageDeflater::deflate(QByteArrayView message)
{
    z_stream &z = m_stream->z;
    QByteArray out;
    out.resize(qsizetype(deflateBound(&z, uLong(message.size()))) + 16);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(message.data()));
    z.avail_in = uInt(message.size());
    qsizetype written = 0;
    for (;;) {
        z.next_out = reinterpret_cast<Bytef *>(out.data() + written);
        z.avail_out = uInt(out.size() - written);
        ::deflate(&z, Z_SYNC_FLUSH);
        written = out.size() - qsizetype(z.avail_out);
        if (z.avail_out > 0) {
            break;
        }
        out.resize(out.size() * 2);
    }
    out.truncate(written);
    if (out.endsWith(QByteArrayView(kTail, sizeof kTail))) {
        out.chop(sizeof kTail);
    }
    if (m_noContextTakeover) {
        deflateReset(&z);
    }
    return out;
}

} // namespace herald::ws
