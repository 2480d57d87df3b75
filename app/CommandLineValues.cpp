#include "CommandLineValues.h"

#include <cmath>

namespace herald::cli {

std::optional<QList<QPair<QByteArray, QByteArray>>> parseHeaders(const QStringList &values, QString *error)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    for (const QString &value : values) {
        const qsizetype colon = value.indexOf(QLatin1Char(':'));
        const QString name = colon > 0 ? value.first(colon).trimmed() : QString();
        if (name.isEmpty() || name.contains(QLatin1Char(' '))) {
            *error = QStringLiteral("-H needs \"Name: value\", got \"%1\"").arg(value);
            return std::nullopt;
        }
        headers.append({name.toLatin1(), value.sliced(colon + 1).trimmed().toUtf8()});
    }
    return headers;
}

std::optional<qint64> parseSeconds(const QString &text)
{
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds <= 0 || seconds > 1e7) {
        return std::nullopt;
    }
    return qint64(std::llround(seconds * 1000));
}

} // namespace herald::cli
