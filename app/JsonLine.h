#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <string>

namespace herald::cli {

// One JSON object on one line, with keys in the order they are added (the command-line contract fixes the order;
// QJsonDocument would sort them).
class JsonLine final
{
public:
    // Builds the line in a buffer of its own, for toLine().
    JsonLine();
    // Appends the line straight to out (an output buffer: no copy per line); end() closes it.
    explicit JsonLine(QByteArray &out);
    JsonLine(const JsonLine &) = delete;
    JsonLine &operator=(const JsonLine &) = delete;

    // Keys are ASCII names chosen by the code, never text from the network. (Inline, so that a literal key's length
    // is known where the line is built.)
    JsonLine &add(const char *key, QStringView value)
    {
        addString(key, std::char_traits<char>::length(key), value);
        return *this;
    }
    // value: text chosen by the code (a literal such as "event"), ASCII or valid UTF-8.
    JsonLine &add(const char *key, const char *value)
    {
        addString(key, std::char_traits<char>::length(key), QByteArrayView(value));
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
    JsonLine &add(const char *key, bool value);
    void end();
    QByteArray toLine() const { return m_text.first(m_used) + "}\n"; }
    ~JsonLine();

private:
    // At least bytes of room at the line's end, where the next field is written: one resize for most lines (and
    // one at end()) rather than two per field.
    char *room(qsizetype bytes);
    void addString(const char *key, size_t keyLength, QStringView value);
    void addString(const char *key, size_t keyLength, QByteArrayView utf8);
    void addBare(const char *key, QByteArrayView text); // a number or a literal, written as it is
    QByteArray m_own;
    QByteArray &m_text;
    qsizetype m_used = 0; // where the line ends: m_text may hold room past it until end()
    bool m_empty = true;
};

// Appends value as a JSON string literal, quotes included: escapes per RFC 8259, the rest as UTF-8 (a lone
// surrogate becomes U+FFFD, as it has no UTF-8 form).
void appendJsonString(QByteArray &out, QStringView value);
// The same for text that is UTF-8 already.
void appendJsonString(QByteArray &out, QByteArrayView utf8);

} // namespace herald::cli
