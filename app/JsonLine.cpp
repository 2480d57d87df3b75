#include "JsonLine.h"

#include <cstring>

namespace herald::cli {

namespace {

constexpr char kHex[] = "0123456789abcdef";

char *writeEscaped(char *p, char16_t c)
{
    *p++ = '\\';
    switch (c) {
    case '"':
        *p++ = '"';
        break;
    case '\\':
        *p++ = '\\';
        break;
    case '\n':
        *p++ = 'n';
        break;
    case '\r':
        *p++ = 'r';
        break;
    case '\t':
        *p++ = 't';
        break;
    case '\b':
        *p++ = 'b';
        break;
    case '\f':
        *p++ = 'f';
        break;
    default:
        *p++ = 'u';
        *p++ = '0';
        *p++ = '0';
        *p++ = kHex[(c >> 4) & 0xF];
        *p++ = kHex[c & 0xF];
    }
    return p;
}

char *writeUtf8(char *p, char32_t c)
{
    if (c < 0x800) {
        *p++ = char(0xC0 | (c >> 6));
    } else if (c < 0x10000) {
        *p++ = char(0xE0 | (c >> 12));
        *p++ = char(0x80 | ((c >> 6) & 0x3F));
    } else {
        *p++ = char(0xF0 | (c >> 18));
        *p++ = char(0x80 | ((c >> 12) & 0x3F));
        *p++ = char(0x80 | ((c >> 6) & 0x3F));
    }
    *p++ = char(0x80 | (c & 0x3F));
    return p;
}

} // namespace

void appendJsonString(QByteArray &out, QStringView value)
{
    // Worst case: every code unit becomes a six-byte \u00XX escape.
    const qsizetype start = out.size();
    out.resize(start + 6 * value.size() + 2);
    char *p = out.data() + start;
    *p++ = '"';
    const char16_t *s = value.utf16();
    const char16_t *const end = s + value.size();
    while (s < end) {
        const char16_t c = *s++;
        if (c < 0x80) {
            if (c < 0x20 || c == '"' || c == '\\') {
                p = writeEscaped(p, c);
            } else {
                *p++ = char(c);
            }
        } else if (QChar::isHighSurrogate(c) && s < end && QChar::isLowSurrogate(*s)) {
            p = writeUtf8(p, QChar::surrogateToUcs4(c, *s++));
        } else if (QChar::isSurrogate(c)) {
            p = writeUtf8(p, 0xFFFD);
        } else {
            p = writeUtf8(p, c);
        }
    }
    *p++ = '"';
    out.truncate(p - out.constData());
}

JsonLine::JsonLine()
{
    m_text.reserve(256);
    m_text += '{';
}

void JsonLine::addKey(const char *key)
{
    if (m_text.size() > 1) {
        m_text += ',';
    }
    m_text += '"';
    m_text += key; // keys are ASCII names chosen here, never text from the network
    m_text += "\":";
}

JsonLine &JsonLine::add(const char *key, QStringView value)
{
    addKey(key);
    appendJsonString(m_text, value);
    return *this;
}

JsonLine &JsonLine::add(const char *key, bool value)
{
    addKey(key);
    m_text += value ? "true" : "false";
    return *this;
}

JsonLine &JsonLine::add(const char *key, qint64 value)
{
    addKey(key);
    m_text += QByteArray::number(value);
    return *this;
}

} // namespace herald::cli
