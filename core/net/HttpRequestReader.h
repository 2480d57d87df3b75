#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

#include <optional>

namespace herald {

// One HTTP/1.1 request as a small server sees it.
struct HttpRequest
{
    QByteArray method;
    QByteArray target; // as sent: path and query
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray path() const;
    // The first header of that name (case-insensitive); empty when absent.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
};

// Reads HTTP/1.1 requests off a byte stream for the servers Herald runs itself (demo and tests): request line,
// headers, and a Content-Length body. Bounded: a head over 64 KiB or a body over maxBodySize is an error.
class HttpRequestReader final
{
public:
    static constexpr qsizetype kMaxHeadSize = 64 * 1024;

    enum class Status { NeedMore, Complete, Invalid };

    explicit HttpRequestReader(qsizetype maxBodySize = 1024 * 1024);

    // Appends bytes; returns Complete once a whole request is there (take it with takeRequest()).
    Status append(const QByteArray &bytes);
    HttpRequest takeRequest();
    QByteArray errorString() const { return m_error; }

private:
    Status parse();

    qsizetype m_maxBodySize;
    QByteArray m_buffer;
    std::optional<HttpRequest> m_pending; // head parsed, body may still be arriving
    qsizetype m_bodyLength = 0;
    std::optional<HttpRequest> m_complete;
    QByteArray m_error;
};

} // namespace herald
