#include "tray/TrayController.h"

#include "SessionActions.h"
#include "feed/FeedManager.h"
#include "feeds/FeedStateText.h"
#include "notify/NotificationPresenter.h"
#include "store/HistoryStore.h"

#include <QActionGroup>
#include <QMenu>

#include <algorithm>

namespace herald::ui {

namespace {

QString bullet(Feed::State state)
{
    switch (state) {
    case Feed::State::Open:
        return QStringLiteral("●");
    case Feed::State::Connecting:
        return QStringLiteral("◐");
    case Feed::State::Failed:
        return QStringLiteral("✕");
    case Feed::State::Paused:
        return QStringLiteral("‖"); // ⏸ is missing from common fonts (DejaVu): a box
    case Feed::State::Stopped:
        break;
    }
    return QStringLiteral("○");
}

} // namespace

TrayController::TrayController(QSystemTrayIcon *icon, FeedManager *feeds, HistoryStore *history,
                               NotificationPresenter *presenter, QObject *parent)
    : QObject(parent)
    , m_feeds(feeds)
    , m_history(history)
    , m_presenter(presenter)
    , m_tray(*icon)
    , m_menu(new QMenu)
{
    m_tray.setContextMenu(m_menu);
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(100);
    connect(&m_refreshTimer, &QTimer::timeout, this, &TrayController::refresh);
    auto schedule = [this] { m_refreshTimer.start(); };
    connect(m_feeds, &FeedManager::feedStateChanged, this, schedule);
    connect(m_history, &HistoryStore::stored, this, schedule);
    connect(m_history, &HistoryStore::readStateChanged, this, schedule);
    connect(m_presenter, &NotificationPresenter::doNotDisturbChanged, this, schedule);
    connect(m_feeds, &FeedManager::pausedChanged, this, schedule);
    connect(m_menu, &QMenu::aboutToShow, this, &TrayController::rebuildMenu);
    connect(&m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick) {
            Q_EMIT historyRequested();
        }
    });
    // Quiet hours begin and end without any event: look every minute.
    auto *minute = new QTimer(this);
    minute->start(60 * 1000);
    connect(minute, &QTimer::timeout, this, schedule);
    rebuildMenu();
    refresh();
}

TrayController::~TrayController()
{
    m_tray.setContextMenu(nullptr);
    delete m_menu;
}

HeraldIcon::State TrayController::overallState(const QList<Feed::State> &states)
{
    const bool anyRunning = std::any_of(states.cbegin(), states.cend(), [](Feed::State state) {
        return state != Feed::State::Paused && state != Feed::State::Stopped;
    });
    if (!anyRunning) {
        return HeraldIcon::State::Idle; // no feeds, or all of them paused
    }
    if (states.contains(Feed::State::Failed)) {
        return HeraldIcon::State::Failed;
    }
    if (states.contains(Feed::State::Connecting)) {
        return HeraldIcon::State::Reconnecting;
    }
    return HeraldIcon::State::Connected;
}

HeraldIcon::State TrayController::overallState() const
{
    QList<Feed::State> states;
    for (const Feed *feed : m_feeds->feeds()) {
        states.append(feed->state());
    }
    return overallState(states);
}

void TrayController::refresh()
{
    m_unread = m_history->isOpen() ? m_history->unreadCount() : 0;
    const bool quietHours = m_quietHours && m_quietHours();
    m_tray.setIcon(HeraldIcon::icon(overallState(), m_unread, m_presenter->doNotDisturb() || quietHours));
    int connected = 0;
    int total = 0;
    for (const Feed *feed : m_feeds->feeds()) {
        ++total;
        connected += feed->state() == Feed::State::Open ? 1 : 0;
    }
    QString tip = tr("Herald — %1 of %n feed(s) connected", nullptr, total).arg(connected);
    if (m_unread > 0) {
        tip += u'\n' + tr("%n unread", nullptr, m_unread);
    }
    if (m_presenter->doNotDisturb()) {
        tip += u'\n' + tr("Do not disturb until %1").arg(untilText(m_presenter->doNotDisturbUntil().toLocalTime()));
    } else if (quietHours) {
        tip += u'\n' + tr("Quiet hours");
    }
    if (m_feeds->isPaused()) {
        tip += u'\n' + tr("All feeds paused");
    }
    m_tray.setToolTip(tip);
}

void TrayController::rebuildMenu()
{
    m_menu->clear();
    const auto feeds = m_feeds->feeds();
    if (feeds.isEmpty()) {
        m_menu->addAction(tr("No feeds yet — add one"), this, &TrayController::feedsRequested);
    }
    for (const Feed *feed : feeds) {
        QString text =
            bullet(feed->state()) + u' ' + feed->config().name + QStringLiteral(" — ") + feedStateText(feed->state());
        QAction *action = m_menu->addAction(text, this, &TrayController::feedsRequested);
        if (!feed->lastError().isEmpty() && feed->state() != Feed::State::Open) {
            action->setToolTip(feed->lastError());
        }
    }
    m_menu->addSeparator();
    addSessionActions(m_menu, m_feeds, m_presenter);
    m_menu->addSeparator();
    m_menu->addAction(tr("&History"), this, &TrayController::historyRequested);
    m_menu->addAction(tr("&Chat"), this, &TrayController::chatRequested);
    m_menu->addAction(tr("&Feeds"), this, &TrayController::feedsRequested);
    m_menu->addAction(tr("&Settings"), this, &TrayController::settingsRequested);
    m_menu->addSeparator();
    m_menu->addAction(tr("&Quit"), this, &TrayController::quitRequested);
}

} // namespace herald::ui
