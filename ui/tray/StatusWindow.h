#pragma once

#include <QWidget>

class QLabel;
class QListWidget;

namespace herald {
class FeedManager;
}

namespace herald::ui {

class NotificationPresenter;

// Where there is no system tray (some Wayland desktops, GNOME without its extension), Herald lives in this small
// window instead: why, the feeds and their state, do-not-disturb and pause as in the tray menu, and the way to
// every other window.
class StatusWindow final : public QWidget
{
    Q_OBJECT

public:
    StatusWindow(FeedManager *feeds, NotificationPresenter *presenter, const QString &reason,
                 QWidget *parent = nullptr);

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void historyRequested();
    void chatRequested();
    void feedsRequested();
    void settingsRequested();
    void quitRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    FeedManager *m_feeds;
    QListWidget *m_list;
};

} // namespace herald::ui
