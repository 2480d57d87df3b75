#include "JsonLine.h"

namespace herald::cli {

QByteArray jsonString(const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out += "0123456789abcdef"[(c >> 4) & 0xF];
                out += "0123456789abcdef"[c & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

void JsonLine::addKey(const char *key)
{
    if (m_text.size() > 1) {
        m_text += ',';
    }
    m_text += jsonString(QString::fromUtf8(key));
    m_text += ':';
}

JsonLine &JsonLine::add(const char *key, const QString &value)
{
    addKey(key);
    m_text += jsonString(value);
    return *this;
}

JsonLine &JsonLine::add(const char *key, qint64 value)
{
    addKey(key);
    m_text += QByteArray::number(value);
    return *this;
}

} // namespace herald::cli
