#pragma once

class QDateTime;
class QMenu;
class QString;

namespace herald {
class FeedManager;
}

namespace herald::ui {

class NotificationPresenter;

// Do not disturb (for an hour, until tomorrow, off) and "Pause all feeds": the tray menu and the tray-less status
// window offer the same choices, built here once. Call it each time the menu is about to show.
void addSessionActions(QMenu *menu, FeedManager *feeds, NotificationPresenter *presenter);
// When do-not-disturb ends, as short as is clear: "14:30", "tomorrow 08:00", or a date and time.
QString untilText(const QDateTime &localEnd);

} // namespace herald::ui
