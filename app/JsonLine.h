#pragma once

#include <QByteArray>
#include <QString>

namespace herald::cli {

// One JSON object on one line, with keys in the order they are added (the command-line contract fixes the order;
// QJsonDocument would sort them).
class JsonLine final
{
public:
    JsonLine &add(const char *key, const QString &value);
    JsonLine &add(const char *key, const char *value) { return add(key, QString::fromUtf8(value)); }
    JsonLine &add(const char *key, qint64 value);
    JsonLine &add(const char *key, int value) { return add(key, qint64(value)); }
    QByteArray toLine() const { return m_text + "}\n"; }

private:
    void addKey(const char *key);
    QByteArray m_text = "{";
};

// value as a JSON string literal, quotes included: escapes per RFC 8259, other text as UTF-8.
QByteArray jsonString(const QString &value);

} // namespace herald::cli
