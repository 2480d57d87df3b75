#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

namespace herald::cli {

// Bytes written in place at their end: room() hands out space, keep() says how much of it was used. Unlike
// QByteArray::resize and truncate, the space costs a comparison when there is enough, which a line per message of a
// fast stream asks for several times.
class OutputBuffer final
{
    Q_DISABLE_COPY_MOVE(OutputBuffer)

public:
    OutputBuffer() = default;

    // At least bytes of writable space at the end; what is written there counts once keep() is told its end.
    char *room(qsizetype bytes)
    {
        if (m_capacity - m_size < bytes) {
            grow(bytes);
        }
        return m_data.get() + m_size;
    }
    // The bytes up to end (in the space room() gave) are part of the buffer now.
    void keep(const char *end) { m_size = end - m_data.get(); }
    void append(QByteArrayView bytes);
    void append(char byte) { *room(1) = byte, ++m_size; }
    void reserve(qsizetype capacity);
    void clear() { m_size = 0; }

    QByteArrayView view() const { return {m_data.get(), m_size}; }
    const char *data() const { return m_data.get(); }
    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }

private:
    void grow(qsizetype bytes);

    std::unique_ptr<char[]> m_data;
    qsizetype m_size = 0;
    qsizetype m_capacity = 0;
};

} // namespace herald::cli
