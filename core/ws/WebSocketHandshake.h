#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QStringList>
#include <QUrl>

namespace herald::ws {

using Headers = QList<QPair<QByteArray, QByteArray>>;

// The opening handshake of RFC 6455 section 4, client side: the request, and what the server answered.
struct HandshakeRequest
{
    QUrl url; // ws:// or wss://
    Headers headers;
    QStringList subprotocols;
    bool offerDeflate = true;
};

// Whether a comma-separated header value (Connection, Upgrade) holds the token, case-insensitively.
bool listHasToken(const QByteArray &list, const QByteArray &token);

// A fresh Sec-WebSocket-Key: 16 random bytes, base64.
QByteArray newHandshakeKey();
QByteArray handshakeRequestBytes(const HandshakeRequest &request, const QByteArray &key);
QByteArray expectedAccept(const QByteArray &key);

struct HandshakeResponse
{
    int status = 0;
    QByteArray reason;
    Headers headers;
    // Every header of that name (case-insensitive) joined with ", ", as HTTP allows; empty when absent.
    QByteArray header(const QByteArray &name) const;
};

class HandshakeResponseReader final
{
public:
    static constexpr qsizetype kMaxHeadSize = 64 * 1024;
    enum class Status { NeedMore, Complete, Invalid };

    // Takes bytes until the head is complete; bytes past it (the first frames) stay in leftover().
    Status append(QByteArrayView bytes);
    const HandshakeResponse &response() const { return m_response; }
    QByteArray leftover() const { return m_leftover; }
    QString errorString() const { return m_error; }

private:
    Status parse(qsizetype headEnd);
    QByteArray m_buffer;
    QByteArray m_leftover;
    HandshakeResponse m_response;
    QString m_error;
};

// Checks a 101 answer against the request: Upgrade, Connection, Sec-WebSocket-Accept, and a subprotocol among
// those offered. Empty when all is right, else what is wrong, in words for a person.
QString checkUpgrade(const HandshakeResponse &response, const QByteArray &key, const QStringList &offeredProtocols);

} // namespace herald::ws
