#include "SessionActions.h"

#include "feed/FeedManager.h"
#include "notify/NotificationPresenter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QMenu>

namespace herald::ui {

namespace {

class SessionActions
{
    Q_DECLARE_TR_FUNCTIONS(SessionActions)
};

} // namespace

QString untilText(const QDateTime &localEnd)
{
    const QLocale locale;
    const QString time = locale.toString(localEnd.time(), QLocale::ShortFormat);
    const qint64 days = QDate::currentDate().daysTo(localEnd.date());
    if (days == 0) {
        return time;
    }
    if (days == 1) {
        return SessionActions::tr("tomorrow %1", "do not disturb until tomorrow 08:00").arg(time);
    }
    return locale.toString(localEnd, QLocale::ShortFormat);
}

void addSessionActions(QMenu *menu, FeedManager *feeds, NotificationPresenter *presenter)
{
    QMenu *dnd =
        menu->addMenu(presenter->doNotDisturb() ? SessionActions::tr("Do not disturb (until %1)")
                                                      .arg(untilText(presenter->doNotDisturbUntil().toLocalTime()))
                                                : SessionActions::tr("Do not disturb"));
    dnd->addAction(SessionActions::tr("For 1 hour"), presenter,
                   [presenter] { presenter->setDoNotDisturbUntil(QDateTime::currentDateTimeUtc().addSecs(3600)); });
    dnd->addAction(SessionActions::tr("Until tomorrow"), presenter, [presenter] {
        const QDateTime tomorrow(QDate::currentDate().addDays(1), QTime(8, 0));
        presenter->setDoNotDisturbUntil(tomorrow.toUTC());
    });
    QAction *off = dnd->addAction(SessionActions::tr("Off"), presenter,
                                  [presenter] { presenter->setDoNotDisturbUntil(QDateTime()); });
    off->setEnabled(presenter->doNotDisturb());
    QAction *pause = menu->addAction(SessionActions::tr("&Pause all feeds"), feeds,
                                     [feeds](bool checked) { feeds->setPaused(checked); });
    pause->setCheckable(true);
    pause->setChecked(feeds->isPaused());
    pause->setEnabled(!feeds->feeds().isEmpty());
}

} // namespace herald::ui
