#pragma once

#include "OutputBuffer.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <initializer_list>
#include <string>
#include <type_traits>

namespace herald::cli {

// One JSON object on one line, with keys in the order they are added (the command-line contract fixes the order;
// QJsonDocument would sort them).
class JsonLine final
{
public:
    // Builds the line in a buffer of its own, for toLine().
    JsonLine();
    // Appends the line straight to out (an output buffer: no copy per line); end() closes it.
    explicit JsonLine(OutputBuffer &out);
    JsonLine(const JsonLine &) = delete;
    JsonLine &operator=(const JsonLine &) = delete;

    // Keys are ASCII names chosen by the code, never text from the network. (Inline, so that a literal key's length
    // is known where the line is built.)
    JsonLine &add(const char *key, QStringView value)
    {
        addString(key, std::char_traits<char>::length(key), value);
        return *this;
    }
    // value: a literal chosen by the code, such as "event": printable ASCII with no quote or backslash, written as
    // it is, as the keys are.
    template<size_t N>
    JsonLine &add(const char *key, const char (&value)[N])
    {
        addLiteral(key, std::char_traits<char>::length(key), value, N - 1);
        return *this;
    }
    // value: text known to be valid UTF-8 (a WebSocket text message, checked by the frame layer).
    JsonLine &addUtf8(const char *key, QByteArrayView value)
    {
        addString(key, std::char_traits<char>::length(key), value);
        return *this;
    }
    JsonLine &add(const char *key, qint64 value);
    JsonLine &add(const char *key, int value) { return add(key, qint64(value)); }
    // Only a bool: a pointer (a `cond ? "a" : "b"` value) would otherwise become true here, not a compile error.
    template<typename Bool, std::enable_if_t<std::is_same_v<Bool, bool>, int> = 0>
    JsonLine &add(const char *key, Bool value)
    {
        addBare(key, value ? QByteArrayView("true") : QByteArrayView("false"));
        return *this;
    }
    void end();
    // The line built in a buffer of its own, ended.
    QByteArray toLine() const { return m_out.view().toByteArray() + "}\n"; }

private:
    void addString(const char *key, size_t keyLength, QStringView value);
    void addString(const char *key, size_t keyLength, QByteArrayView utf8);
    void addLiteral(const char *key, size_t keyLength, const char *value, size_t valueLength);
    void addBare(const char *key, QByteArrayView text); // a number or true/false, written as it is
    OutputBuffer m_own;
    OutputBuffer &m_out;
    bool m_empty = true;
};

// A line whose keys, and the values before each string value, are fixed by the code: each part is that fixed JSON
// text (from the opening brace, or the comma after the previous value, to the key's colon) and the UTF-8 that becomes
// the string after it, known to be valid UTF-8. {R"({"kind":"message","text":)", text} is one part. The same bytes
// JsonLine writes, with one reservation and no call per field: a fast stream writes one line per message, and there
// JsonLine's calls per field showed in the profile.
struct JsonLinePart
{
    QByteArrayView head;
    QByteArrayView utf8;
};
void appendJsonLine(OutputBuffer &out, std::initializer_list<JsonLinePart> parts);

// Appends value as a JSON string literal, quotes included: escapes per RFC 8259, the rest as UTF-8 (a lone
// surrogate becomes U+FFFD, as it has no UTF-8 form).
void appendJsonString(QByteArray &out, QStringView value);
// The same for text that is UTF-8 already.
void appendJsonString(QByteArray &out, QByteArrayView utf8);

} // namespace herald::cli
