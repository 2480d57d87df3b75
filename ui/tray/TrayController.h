#pragma once

#include "feed/Feed.h"
#include "tray/HeraldIcon.h"

#include <QObject>
#include <QSystemTrayIcon>
#include <QTimer>

class QMenu;

namespace herald {
class FeedManager;
class HistoryStore;
} // namespace herald

namespace herald::ui {

class NotificationPresenter;

// The tray icon: overall state (all connected, some reconnecting, failed, quiet) and the unread count on the icon;
// a menu with every feed and its state, do-not-disturb, the windows and Quit. A click opens the history.
class TrayController final : public QObject
{
    Q_OBJECT

public:
    // icon: the tray icon this controls (the notifier may show its messages on it too).
    TrayController(QSystemTrayIcon *icon, FeedManager *feeds, HistoryStore *history, NotificationPresenter *presenter,
                   QObject *parent = nullptr);
    ~TrayController() override;

    QSystemTrayIcon *tray() { return &m_tray; }
    QMenu *menu() const { return m_menu; }
    void show() { m_tray.show(); }
    QIcon currentIcon() const { return m_tray.icon(); }
    void setQuietHoursActive(std::function<bool()> active) { m_quietHours = std::move(active); }

    HeraldIcon::State overallState() const;
    static HeraldIcon::State overallState(const QList<Feed::State> &states);
    int unread() const { return m_unread; }
    QString toolTip() const { return m_tray.toolTip(); }

public Q_SLOTS:
    void refresh();
    void rebuildMenu();

Q_SIGNALS:
    void historyRequested();
    void chatRequested();
    void feedsRequested();
    void settingsRequested();
    void quitRequested();

private:
    FeedManager *m_feeds;
    HistoryStore *m_history;
    NotificationPresenter *m_presenter;
    QSystemTrayIcon &m_tray;
    QMenu *m_menu;
    QTimer m_refreshTimer;
    int m_unread = 0;
    std::function<bool()> m_quietHours;
};

} // namespace herald::ui
