#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

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

    JsonLine &add(const char *key, QStringView value);
    // value: text chosen by the code (a literal such as "event"), ASCII or valid UTF-8.
    JsonLine &add(const char *key, const char *value);
    // value: text known to be valid UTF-8 (a WebSocket text message, checked by the frame layer).
    JsonLine &addUtf8(const char *key, QByteArrayView value);
    JsonLine &add(const char *key, qint64 value);
    JsonLine &add(const char *key, int value) { return add(key, qint64(value)); }
    JsonLine &add(const char *key, bool value);
    void end() { m_text += "}\n"; }
    QByteArray toLine() const { return m_text + "}\n"; }

private:
    void addKey(const char *key);
    QByteArray m_own;
    QByteArray &m_text;
    bool m_empty = true;
};

// Appends value as a JSON string literal, quotes included: escapes per RFC 8259, the rest as UTF-8 (a lone
// surrogate becomes U+FFFD, as it has no UTF-8 form).
void appendJsonString(QByteArray &out, QStringView value);
// The same for text that is UTF-8 already.
void appendJsonString(QByteArray &out, QByteArrayView utf8);

} // namespace herald::cli
