#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace herald::cli {

// One JSON object on one line, with keys in the order they are added (the command-line contract fixes the order;
// QJsonDocument would sort them).
class JsonLine final
{
public:
    JsonLine();
    JsonLine &add(const char *key, QStringView value);
    JsonLine &add(const char *key, const char *value) { return add(key, QString::fromUtf8(value)); }
    JsonLine &add(const char *key, qint64 value);
    JsonLine &add(const char *key, int value) { return add(key, qint64(value)); }
    JsonLine &add(const char *key, bool value);
    QByteArray toLine() const { return m_text + "}\n"; }

private:
    void addKey(const char *key);
    QByteArray m_text;
};

// Appends value as a JSON string literal, quotes included: escapes per RFC 8259, the rest as UTF-8 (a lone
// surrogate becomes U+FFFD, as it has no UTF-8 form).
void appendJsonString(QByteArray &out, QStringView value);

} // namespace herald::cli
