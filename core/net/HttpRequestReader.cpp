#include "HttpRequestReader.h"

namespace herald {

QByteArray HttpRequest::path() const
{
    const qsizetype mark = target.indexOf('?');
    return mark < 0 ? target : target.first(mark);
}

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

bool HttpRequest::hasHeader(const QByteArray &name) const
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

HttpRequestReader::HttpRequestReader(qsizetype maxBodySize)
    : m_maxBodySize(maxBodySize)
{}

HttpRequestReader::Status HttpRequestReader::append(const QByteArray &bytes)
{
    if (!m_error.isEmpty()) {
        return Status::Invalid;
    }
    m_buffer.append(bytes);
    return parse();
}

HttpRequest HttpRequestReader::takeRequest()
{
    HttpRequest request = std::move(m_complete).value_or(HttpRequest{});
    m_complete.reset();
    return request;
}

HttpRequestReader::Status HttpRequestReader::parse()
{
    if (m_complete) {
        return Status::Complete;
    }
    if (!m_pending) {
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (m_buffer.size() > kMaxHeadSize) {
                m_error = "request head larger than 64 KiB";
                return Status::Invalid;
            }
            return Status::NeedMore;
        }
        const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
        m_buffer.remove(0, headEnd + 4);
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            m_error = "malformed request line";
            return Status::Invalid;
        }
        HttpRequest request;
        request.method = requestLine[0];
        request.target = requestLine[1];
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0) {
                m_error = "malformed header line";
                return Status::Invalid;
            }
            request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        bool ok = true;
        const QByteArray length = request.header("Content-Length");
        m_bodyLength = length.isEmpty() ? 0 : length.toLongLong(&ok);
        if (!ok || m_bodyLength < 0) {
            m_error = "invalid Content-Length";
            return Status::Invalid;
        }
        if (m_bodyLength > m_maxBodySize) {
            m_error = "request body too large";
            return Status::Invalid;
        }
        m_pending = std::move(request);
    }
    if (m_buffer.size() < m_bodyLength) {
        return Status::NeedMore;
    }
    m_pending->body = m_buffer.left(m_bodyLength);
    m_buffer.remove(0, m_bodyLength);
    m_complete = std::move(m_pending);
    m_pending.reset();
    return Status::Complete;
}

} // namespace herald
