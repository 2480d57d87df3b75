#include "TimeText.h"

#include <QCoreApplication>
#include <QLocale>

namespace herald::ui {

QString timeOfDay(const QDateTime &time)
{
    return QLocale().toString(time.toLocalTime().time(), QLocale::ShortFormat);
}

QString shortTime(const QDateTime &time)
{
    const QDateTime local = time.toLocalTime();
    if (local.date() == QDate::currentDate()) {
        return timeOfDay(local);
    }
    return QLocale().toString(local.date(), QLocale::ShortFormat) + u' ' + timeOfDay(local);
}

QString dayText(const QDate &date)
{
    const QDate today = QDate::currentDate();
    if (date == today) {
        return QCoreApplication::translate("TimeText", "Today");
    }
    if (date == today.addDays(-1)) {
        return QCoreApplication::translate("TimeText", "Yesterday");
    }
    return QLocale().toString(date, QLocale::LongFormat);
}

} // namespace herald::ui
