#include "OutputBuffer.h"

#include <algorithm>
#include <cstring>

namespace herald::cli {

void OutputBuffer::append(QByteArrayView bytes)
{
    char *p = room(bytes.size());
    if (!bytes.isEmpty()) {
        std::memcpy(p, bytes.data(), size_t(bytes.size()));
    }
    m_size += bytes.size();
}

void OutputBuffer::reserve(qsizetype capacity)
{
    if (capacity > m_capacity) {
        grow(capacity - m_size);
    }
}

void OutputBuffer::grow(qsizetype bytes)
{
    const qsizetype capacity = std::max({m_size + bytes, 2 * m_capacity, qsizetype(256)});
    std::unique_ptr<char[]> data(new char[size_t(capacity)]);
    if (m_size > 0) {
        std::memcpy(data.get(), m_data.get(), size_t(m_size));
    }
    m_data = std::move(data);
    m_capacity = capacity;
}

} // namespace herald::cli
