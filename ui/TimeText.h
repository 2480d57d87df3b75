#pragma once

#include <QDateTime>
#include <QString>

namespace herald::ui {

// The one way Herald shows a time, in the language it shows: today's as the time alone, others with their date.
QString shortTime(const QDateTime &time);
// The time of day alone, as the chat's bubbles show it under their day's separator.
QString timeOfDay(const QDateTime &time);
// A day as a chat separator says it: "Today", "Yesterday", or the date.
QString dayText(const QDate &date);

} // namespace herald::ui
