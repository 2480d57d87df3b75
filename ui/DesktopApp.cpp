#include "DesktopApp.h"

#include "chat/ChatWindow.h"
#include "demo/DemoServer.h"
#include "feeds/FeedEditor.h"
#include "feeds/FeedsWindow.h"
#include "history/HistoryWindow.h"
#include "net/UrlText.h"
#include "notify/NotificationPresenter.h"
#include "platform/PowerEvents.h"
#include "rules/RuleFilter.h"
#include "settings/SettingsDialog.h"
#include "tray/HeraldIcon.h"
#include "tray/StatusWindow.h"
#include "tray/TrayController.h"
#include "util/SafeText.h"
#include "welcome/WelcomeWindow.h"
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
#include "notify/FreedesktopNotifier.h"
#endif

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

#include <utility>

Q_LOGGING_CATEGORY(lcApp, "herald.app", QtInfoMsg)

namespace herald::ui {

DesktopApp::DesktopApp(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_config(m_options.config)
    , m_translations(m_options.translationsDirectory)
{}

DesktopApp::~DesktopApp()
{
    // Windows first: they hold pointers into the feed manager and the history.
    m_settings.clear();
    m_historyWindow.reset();
    m_chatWindow.reset();
    m_feedsWindow.reset();
    m_welcomeWindow.reset();
    m_statusWindow.reset();
    m_tray.reset();
    m_presenter.reset();
    m_notifier.reset();
    m_trayIcon.reset();
    m_power.reset();
    if (m_feeds) {
        m_feeds->stopAll();
    }
    m_history.flush();
}

bool DesktopApp::start(QString *error)
{
    m_config.load();
    for (const QString &problem : m_config.problems()) {
        qCWarning(lcApp).noquote() << problem;
    }
    m_translations.apply(m_config.language());
    const QString historyPath = m_options.historyPath.isEmpty() ? HistoryStore::defaultPath() : m_options.historyPath;
    QString historyMovedTo;
    if (!m_history.openOrRecover(historyPath, &historyMovedTo)) {
        *error = m_history.errorString();
        return false;
    }
    if (m_options.demo && !startDemo(error)) {
        return false;
    }
    m_feeds = std::make_unique<FeedManager>(&m_history, &m_secrets);
    // Core notices sleep by its clocks; the system's own word comes sooner where there is one.
    m_power = std::make_unique<PowerEvents>();
    connect(m_power.get(), &PowerEvents::resumed, m_feeds.get(), &FeedManager::reconnectAll);

    m_hasTray = QSystemTrayIcon::isSystemTrayAvailable();
    // One icon, created first: the tray backend of the notifier shows its messages on it, and the tray controller
    // draws state on it. Without a tray it stays hidden.
    m_trayIcon = std::make_unique<QSystemTrayIcon>(HeraldIcon::icon());
    m_notifier = createNotifierForSettings();
    m_presenter = std::make_unique<NotificationPresenter>(m_notifier.get(), &m_history);
    m_presenter->setImageCache(&m_images);
    connect(&m_history, &HistoryStore::errorOccurred, m_presenter.get(), &NotificationPresenter::historyFailed);
    if (!historyMovedTo.isEmpty()) {
        // Said where the person looks: started from autostart, nobody reads stderr.
        m_presenter->reportProblem(tr("History started anew"),
                                   tr("%1 could not be read, so Herald moved it to %2 and keeps a new history.")
                                       .arg(historyPath, historyMovedTo));
    }
    m_presenter->setFeedCanSend([this](const QString &feed) { return chatFeedNames().contains(feed); });
    m_presenter->setFeedIsBeingRead(
        [this](const QString &feed) { return m_chatWindow && m_chatWindow->isReading(feed); });
    m_presenter->setUrlOpener([this](const QUrl &url) {
        openUrl(url);
        return true;
    });
    connect(m_feeds.get(), &FeedManager::notificationReady, m_presenter.get(), &NotificationPresenter::present);
    connect(m_feeds.get(), &FeedManager::feedStateChanged, m_presenter.get(), &NotificationPresenter::feedStateChanged);
    connect(m_presenter.get(), &NotificationPresenter::feedsRequested, this,
            [this] { handleMessage(QStringLiteral("show feeds")); });
    connect(m_presenter.get(), &NotificationPresenter::historyEntryRequested, this,
            [this](qint64 rowId, const QString &feed) { historyWindow()->showEntry(rowId, feed); });
    connect(m_presenter.get(), &NotificationPresenter::chatRequested, this, [this](const QString &feed) {
        chatWindow()->openFeed(feed);
        handleMessage(QStringLiteral("show chat"));
    });
    connect(m_presenter.get(), &NotificationPresenter::replyRequested, this,
            [this](const QString &feed, const QString &text) {
                m_feeds->send(feed, text, m_config.settings().value(QStringLiteral("chatName")).toString());
            });

    m_tray = std::make_unique<TrayController>(m_trayIcon.get(), m_feeds.get(), &m_history, m_presenter.get());
    m_tray->setQuietHoursActive(
        [this] { return RuleFilter::inQuietHours(m_config.globalRules(), QTime::currentTime()); });
    connect(m_tray.get(), &TrayController::historyRequested, this,
            [this] { handleMessage(QStringLiteral("show history")); });
    connect(m_tray.get(), &TrayController::chatRequested, this, [this] { handleMessage(QStringLiteral("show chat")); });
    connect(m_tray.get(), &TrayController::feedsRequested, this,
            [this] { handleMessage(QStringLiteral("show feeds")); });
    connect(m_tray.get(), &TrayController::settingsRequested, this, &DesktopApp::showSettings);
    connect(m_tray.get(), &TrayController::quitRequested, this, &DesktopApp::quitRequested);
    if (m_hasTray) {
        m_tray->show();
    } else {
        createStatusWindow();
    }

    connect(&m_config, &AppConfig::feedsChanged, this, &DesktopApp::applyFeeds);
    connect(&m_config, &AppConfig::settingsChanged, this, &DesktopApp::applySettings);
    restoreSessionState();
    applySettings();
    applyFeeds();
    // Nothing to follow: say what Herald is for, and how to start, at every start until there is a feed (a
    // welcome closed with Esc once left only a tray icon that did nothing, start after start).
    if (!m_demo && m_config.feeds().isEmpty()) {
        handleMessage(QStringLiteral("show welcome"));
    }
    return true;
}

bool DesktopApp::startDemo(QString *error)
{
    if (m_demo) {
        return true;
    }
    auto demo = std::make_unique<DemoServer>();
    demo->setSampleInterval(6000);
    demo->setSampleLanguage(QLocale().name().left(2)); // the samples speak the language Herald shows
    if (!demo->start(m_options.demoPort)) {
        *error =
            tr("the demo server could not listen on 127.0.0.1:%1: %2").arg(m_options.demoPort).arg(demo->errorString());
        return false;
    }
    m_demo = std::move(demo);
    qCInfo(lcApp).noquote() << "demo server on" << m_demo->eventsUrl().toString()
                            << "- publish with: curl -d 'hello' " + m_demo->publishUrl().toString();
    if (m_feeds) { // started from the welcome window: the app runs already
        applyFeeds();
        if (m_feedsWindow) {
            m_feedsWindow->setBuiltInFeeds(builtInFeeds());
        }
    }
    return true;
}

QList<FeedConfig> DesktopApp::builtInFeeds() const
{
    QList<FeedConfig> builtIn = allFeeds();
    builtIn.erase(std::remove_if(builtIn.begin(), builtIn.end(),
                                 [this](const FeedConfig &feed) { return m_config.feed(feed.name).has_value(); }),
                  builtIn.end());
    return builtIn;
}

WelcomeWindow *DesktopApp::welcomeWindow()
{
    if (!m_welcomeWindow) {
        m_welcomeWindow = std::make_unique<WelcomeWindow>();
        connect(m_welcomeWindow.get(), &WelcomeWindow::addFeedRequested, this, [this](PayloadMapper::Preset preset) {
            handleMessage(QStringLiteral("show feeds"));
            feedsWindow()->openEditorFor(preset);
        });
        connect(m_welcomeWindow.get(), &WelcomeWindow::demoRequested, this, [this] {
            QString error;
            if (!startDemo(&error)) {
                qCWarning(lcApp).noquote() << error;
                return;
            }
            handleMessage(QStringLiteral("show chat"));
            m_presenter->noticeDemoStarted(m_demo->publishUrl()); // the terminal, if any, is not where they look
        });
    }
    return m_welcomeWindow.get();
}

void DesktopApp::restoreSessionState()
{
    static const QString dndKey = QStringLiteral("state/doNotDisturbUntil");
    static const QString pausedKey = QStringLiteral("state/paused");
    QSettings settings;
    const QDateTime dndUntil = settings.value(dndKey).toDateTime();
    if (dndUntil.isValid() && dndUntil > QDateTime::currentDateTimeUtc()) {
        m_presenter->setDoNotDisturbUntil(dndUntil);
    }
    m_feeds->setPaused(settings.value(pausedKey, false).toBool());
    if (m_feeds->isPaused()) {
        m_presenter->noticeStartedPaused(); // else nothing would say why no message comes
    }
    connect(m_presenter.get(), &NotificationPresenter::resumeRequested, this, [this] { m_feeds->setPaused(false); });
    connect(m_presenter.get(), &NotificationPresenter::doNotDisturbChanged, this,
            [this] { QSettings().setValue(dndKey, m_presenter->doNotDisturbUntil()); });
    static const QString trustedKey = QStringLiteral("state/trustedActionHosts");
    m_presenter->setTrustedActionHosts(settings.value(trustedKey).toStringList());
    connect(m_presenter.get(), &NotificationPresenter::actionHostTrusted, this, [](const QString &pair) {
        QSettings stored;
        QStringList pairs = stored.value(trustedKey).toStringList();
        pairs.append(pair);
        stored.setValue(trustedKey, pairs);
    });
    m_presenter->setActionConfirmer([](const QString &feed, const MessageAction &action) {
        QUrl shown = action.url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
        QMessageBox ask(QMessageBox::Question, tr("Send a request for %1?").arg(feed),
                        tr("The button \u201C%1\u201D of %2 sends\n\n%3 %4\n\nto %5. Herald asks once for each feed "
                           "and host; send it?")
                            .arg(displaySafe(action.label, 40), feed, QString::fromLatin1(action.method),
                                 displaySafe(shown.toDisplayString(), 200), hostForMessages(action.url)),
                        QMessageBox::Yes | QMessageBox::No);
        ask.setDefaultButton(QMessageBox::No);
        ask.button(QMessageBox::Yes)->setText(tr("Send"));
        ask.button(QMessageBox::No)->setText(tr("Don't send"));
        return ask.exec() == QMessageBox::Yes;
    });
    connect(m_feeds.get(), &FeedManager::pausedChanged, this,
            [](bool paused) { QSettings().setValue(pausedKey, paused); });
}

void DesktopApp::createStatusWindow()
{
    m_statusWindow = std::make_unique<StatusWindow>(
        m_feeds.get(), m_presenter.get(),
        tr("No system tray is available on this desktop (some Wayland desktops and GNOME without "
           "the AppIndicator extension have none), so Herald runs in this window. Notifications "
           "still pop up; closing this window quits Herald."));
    connect(m_statusWindow.get(), &StatusWindow::historyRequested, this,
            [this] { handleMessage(QStringLiteral("show history")); });
    connect(m_statusWindow.get(), &StatusWindow::chatRequested, this,
            [this] { handleMessage(QStringLiteral("show chat")); });
    connect(m_statusWindow.get(), &StatusWindow::feedsRequested, this,
            [this] { handleMessage(QStringLiteral("show feeds")); });
    connect(m_statusWindow.get(), &StatusWindow::settingsRequested, this, &DesktopApp::showSettings);
    connect(m_statusWindow.get(), &StatusWindow::quitRequested, this, &DesktopApp::quitRequested);
    m_statusWindow->show();
}

QList<FeedConfig> DesktopApp::allFeeds() const
{
    QList<FeedConfig> feeds = m_config.feeds();
    if (m_demo) {
        FeedConfig events;
        events.name = QString::fromLatin1(kDemoEvents);
        events.url = m_demo->eventsUrl();
        events.preset = PayloadMapper::Preset::Json;
        FeedConfig chat;
        chat.name = QString::fromLatin1(kDemoChat);
        chat.url = m_demo->chatUrl();
        chat.preset = PayloadMapper::Preset::Json;
        feeds << events << chat;
    }
    return feeds;
}

QStringList DesktopApp::chatFeedNames() const
{
    QStringList names;
    for (const FeedConfig &feed : allFeeds()) {
        if (feed.enabled &&
            (feed.effectiveTransport() == FeedConfig::Transport::WebSocket || !feed.publishUrl.isEmpty())) {
            names.append(feed.name);
        }
    }
    return names;
}

void DesktopApp::applyFeeds()
{
    m_feeds->applyFeeds(allFeeds());
    QStringList names;
    for (const FeedConfig &feed : allFeeds()) {
        names.append(feed.name);
    }
    if (m_historyWindow) {
        m_historyWindow->setFeedNames(names);
    }
    if (m_chatWindow) {
        m_chatWindow->setChatFeeds(chatFeedNames());
    }
    if (m_statusWindow) {
        m_statusWindow->refresh();
    }
    m_tray->refresh();
}

std::unique_ptr<Notifier> DesktopApp::createNotifierForSettings()
{
    m_notifierStyle = m_config.notificationStyle();
    const NotifierStyle style = m_notifierStyle == QLatin1String("tray") ? NotifierStyle::Tray : NotifierStyle::Native;
    std::unique_ptr<Notifier> notifier = createNotifier(m_trayIcon.get(), style);
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    if (auto *freedesktop = qobject_cast<FreedesktopNotifier *>(notifier.get())) {
        const QString icon = HeraldIcon::writePng(QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
                                                  QStringLiteral("/herald.png"));
        freedesktop->setAppIcon(icon);
    }
#endif
    qCInfo(lcApp).noquote() << "notifications through" << notifier->backendName();
    connect(notifier.get(), &Notifier::unavailable, this, &DesktopApp::onNotifierUnavailable);
    return notifier;
}

void DesktopApp::onNotifierUnavailable(const Popup &popup, const QString &reason)
{
    if (sender() != m_notifier.get()) {
        m_notifier->show(popup); // a late failure of a backend already replaced: the current one shows it
        return;
    }
    if (!m_hasTray || m_notifier->backendName() == QLatin1String("tray")) {
        if (!m_warnedNoNotifications) {
            m_warnedNoNotifications = true;
            qCWarning(lcApp).noquote() << "notifications cannot be shown (" + reason +
                                              "); they are all in History. Start a notification daemon (your "
                                              "desktop's, or e.g. dunst) and restart Herald.";
        }
        return;
    }
    // The desktop's notification server is gone or cannot start: the tray's own messages still reach the user.
    qCWarning(lcApp).noquote() << "no notification server (" + reason + "); showing notifications on the tray icon";
    std::unique_ptr<Notifier> tray = createNotifier(m_trayIcon.get(), NotifierStyle::Tray);
    connect(tray.get(), &Notifier::unavailable, this, &DesktopApp::onNotifierUnavailable);
    m_presenter->setNotifier(tray.get());
    // This runs inside the old backend's own callback: it goes once that has returned.
    m_notifier.release()->deleteLater();
    m_notifier = std::move(tray);
    m_notifier->show(popup);
}

void DesktopApp::applySettings()
{
    if (m_config.language() != m_translations.language()) {
        m_translations.apply(m_config.language());
        if (m_demo) {
            m_demo->setSampleLanguage(QLocale().name().left(2));
        }
        // Not now: this may run inside a window's own call (Settings saving); its windows go once that returns.
        QTimer::singleShot(0, this, &DesktopApp::retranslate);
    }
    if (m_config.notificationStyle() != m_notifierStyle) {
        std::unique_ptr<Notifier> previous = std::exchange(m_notifier, createNotifierForSettings());
        m_presenter->setNotifier(m_notifier.get());
    }
    const QJsonObject settings = m_config.settings();
    m_presenter->setSoundsEnabled(m_config.soundsEnabled());
    m_feeds->setGlobalRules(m_config.globalRules());
    m_feeds->stormControl().setSettings(StormSettings::fromJson(settings));
    m_history.setRetention(settings);
    if (m_chatWindow) {
        m_chatWindow->setSenderName(settings.value(QStringLiteral("chatName")).toString(qEnvironmentVariable("USER")));
    }
}

HistoryWindow *DesktopApp::historyWindow()
{
    if (!m_historyWindow) {
        m_historyWindow = std::make_unique<HistoryWindow>(&m_history);
        m_historyWindow->setImageCache(&m_images);
        m_historyWindow->setWindowIcon(HeraldIcon::icon());
        QStringList names;
        for (const FeedConfig &feed : allFeeds()) {
            names.append(feed.name);
        }
        m_historyWindow->setFeedNames(names);
        connect(m_historyWindow.get(), &HistoryWindow::openUrlRequested, this, &DesktopApp::openUrl);
    }
    return m_historyWindow.get();
}

ChatWindow *DesktopApp::chatWindow()
{
    if (!m_chatWindow) {
        m_chatWindow = std::make_unique<ChatWindow>(m_feeds.get(), &m_history);
        m_chatWindow->setImageCache(&m_images);
        m_chatWindow->setWindowIcon(HeraldIcon::icon());
        m_chatWindow->setSenderName(
            m_config.settings().value(QStringLiteral("chatName")).toString(qEnvironmentVariable("USER")));
        m_chatWindow->setChatFeeds(chatFeedNames());
        connect(m_chatWindow.get(), &ChatWindow::openUrlRequested, this, &DesktopApp::openUrl);
    }
    return m_chatWindow.get();
}

FeedsWindow *DesktopApp::feedsWindow()
{
    if (!m_feedsWindow) {
        m_feedsWindow = std::make_unique<FeedsWindow>(&m_config, m_feeds.get(), &m_secrets);
        m_feedsWindow->setWindowIcon(HeraldIcon::icon());
        m_feedsWindow->setBuiltInFeeds(builtInFeeds());
    }
    return m_feedsWindow.get();
}

void DesktopApp::retranslate()
{
    const bool historyOpen = m_historyWindow && m_historyWindow->isVisible();
    const std::optional<HistoryWindow::Filters> historyFilters =
        m_historyWindow ? std::make_optional(m_historyWindow->filters()) : std::nullopt;
    const bool chatOpen = m_chatWindow && m_chatWindow->isVisible();
    const QString chatFeed = m_chatWindow ? m_chatWindow->currentFeed() : QString();
    const bool feedsOpen = m_feedsWindow && m_feedsWindow->isVisible();
    // A feed being edited keeps its window (and its unsaved edits) in the old language until it closes.
    const bool editing = m_feedsWindow && !m_feedsWindow->findChildren<FeedEditor *>().isEmpty();
    m_historyWindow.reset();
    m_chatWindow.reset();
    const bool welcomeOpen = m_welcomeWindow && m_welcomeWindow->isVisible();
    m_welcomeWindow.reset();
    if (welcomeOpen) {
        handleMessage(QStringLiteral("show welcome"));
    }
    if (!editing) {
        m_feedsWindow.reset();
    }
    if (m_statusWindow) {
        m_statusWindow.reset();
        createStatusWindow();
    }
    if (historyFilters) {
        historyWindow()->setFilters(*historyFilters);
    }
    if (historyOpen) {
        handleMessage(QStringLiteral("show history"));
    }
    if (chatOpen) {
        chatWindow()->openFeed(chatFeed);
        handleMessage(QStringLiteral("show chat"));
    }
    if (feedsOpen && !editing) {
        handleMessage(QStringLiteral("show feeds"));
    }
    m_tray->rebuildMenu();
    m_tray->refresh();
}

void DesktopApp::showSettings()
{
    if (!m_settings) {
        m_settings = new SettingsDialog(&m_config);
        m_settings->setAttribute(Qt::WA_DeleteOnClose);
        m_settings->setWindowIcon(HeraldIcon::icon());
    }
    m_settings->show();
    m_settings->raise();
    m_settings->activateWindow();
}

void DesktopApp::openUrl(const QUrl &url)
{
    if (NotificationPresenter::isSafeToOpen(url)) {
        if (!QDesktopServices::openUrl(url)) {
            // No browser, or none the desktop knows: say so, and leave the link where the user can paste it.
            QGuiApplication::clipboard()->setText(url.toString());
            qCWarning(lcApp).noquote() << "no browser opened" << url.toDisplayString();
            m_presenter->reportProblem(tr("No browser opened the link"),
                                       tr("%1 is copied to the clipboard: paste it into a browser. Set a default "
                                          "browser (xdg-settings set default-web-browser) to open links directly.")
                                           .arg(url.toDisplayString()));
        }
    } else {
        qCWarning(lcApp).noquote() << "not opening" << url.toDisplayString() << "- only http and https links open";
    }
}

void DesktopApp::handleMessage(const QString &message)
{
    if (message == QLatin1String("quit")) {
        Q_EMIT quitRequested(); // `herald --quit`, as the installer runs it before replacing the files
        return;
    }
    if (message == QLatin1String("pause") || message == QLatin1String("resume")) {
        m_feeds->setPaused(message == QLatin1String("pause"));
        return;
    }
    const QString what = message.section(u' ', 1, 1);
    QWidget *window = nullptr;
    if (what == QLatin1String("chat")) {
        window = chatWindow();
    } else if (what == QLatin1String("feeds")) {
        window = feedsWindow();
    } else if (what == QLatin1String("feed-editor")) {
        const QString name = message.section(u' ', 2);
        if (!name.isEmpty() && !m_config.feed(name)) {
            // `herald feeds add NAME` then `herald --show "feed-editor NAME"`: the file may have changed a moment
            // before the watcher says so.
            m_config.reload();
        }
        window = feedsWindow();
        window->show();
        feedsWindow()->openEditor(name);
        return;
    } else if (what == QLatin1String("settings")) {
        showSettings();
        return;
    } else if (what == QLatin1String("welcome")) {
        window = welcomeWindow();
    } else if (what == QLatin1String("history") || !m_statusWindow) {
        window = historyWindow();
    } else {
        window = m_statusWindow.get();
    }
    window->show();
    window->raise();
    window->activateWindow();
}

} // namespace herald::ui
