#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace herald::cli {

// Values the commands share, read the same way everywhere; each returns nothing (with error set) when a person
// typed something that cannot be used, and the error says what was expected.

// -H "Name: value", repeatable.
std::optional<QList<QPair<QByteArray, QByteArray>>> parseHeaders(const QStringList &values, QString *error);
// A positive number of seconds (fractions allowed), as milliseconds.
std::optional<qint64> parseSeconds(const QString &text);

} // namespace herald::cli
