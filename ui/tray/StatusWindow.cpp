#include "tray/StatusWindow.h"

#include "SessionActions.h"
#include "WindowMemory.h"
#include "feed/FeedManager.h"
#include "feeds/FeedStateText.h"
#include "tray/HeraldIcon.h"

#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

namespace herald::ui {

StatusWindow::StatusWindow(FeedManager *feeds, NotificationPresenter *presenter, const QString &reason, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_feeds(feeds)
    , m_list(new QListWidget(this))
{
    setWindowTitle(tr("Herald"));
    setWindowIcon(HeraldIcon::icon());
    auto *why = new QLabel(reason, this);
    why->setTextFormat(Qt::PlainText);
    why->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    const std::pair<QString, void (StatusWindow::*)()> actions[] = {
        {tr("&History"), &StatusWindow::historyRequested}, {tr("&Chat"), &StatusWindow::chatRequested},
        {tr("&Feeds"), &StatusWindow::feedsRequested},     {tr("&Settings"), &StatusWindow::settingsRequested},
        {tr("&Quit"), &StatusWindow::quitRequested},
    };
    for (const auto &[label, signal] : actions) {
        auto *button = new QPushButton(label, this);
        connect(button, &QPushButton::clicked, this, signal);
        buttons->addWidget(button);
    }
    auto *quiet = new QPushButton(tr("Q&uiet"), this);
    auto *quietMenu = new QMenu(quiet);
    connect(quietMenu, &QMenu::aboutToShow, this, [this, quietMenu, presenter] {
        quietMenu->clear();
        addSessionActions(quietMenu, m_feeds, presenter);
    });
    quiet->setMenu(quietMenu);
    buttons->insertWidget(buttons->count() - 1, quiet); // before Quit
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(why);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    connect(m_feeds, &FeedManager::feedStateChanged, this, &StatusWindow::refresh);
    connect(m_feeds, &FeedManager::pausedChanged, this, &StatusWindow::refresh);
    WindowMemory::track(this, QStringLiteral("status"), QSize(520, 300));
    refresh();
}

void StatusWindow::refresh()
{
    m_list->clear();
    for (const Feed *feed : m_feeds->feeds()) {
        QString state = feedStateText(feed->state());
        if (feed->state() == Feed::State::Failed && !feed->lastError().isEmpty()) {
            state += QStringLiteral(": ") + feed->lastError();
        }
        m_list->addItem(feed->config().name + QStringLiteral(" — ") + state);
    }
}

void StatusWindow::closeEvent(QCloseEvent *event)
{
    // Closing the only window of a tray-less Herald would leave it running unseen: closing it quits.
    event->accept();
    Q_EMIT quitRequested();
}

} // namespace herald::ui
