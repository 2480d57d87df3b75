#pragma once

#include "AppConfig.h"
#include "Translations.h"
#include "feed/FeedManager.h"
#include "net/ImageCache.h"
#include "notify/Notifier.h"
#include "store/HistoryStore.h"
#include "store/SecretStore.h"

#include <QObject>
#include <QPointer>
#include <QSystemTrayIcon>

#include <memory>

namespace herald {
class DemoServer;
}

namespace herald::ui {

class ChatWindow;
class FeedsWindow;
class HistoryWindow;
class NotificationPresenter;
class PowerEvents;
class SettingsDialog;
class StatusWindow;
class TrayController;
class WelcomeWindow;

// The tray app put together: config, history, secrets and the feed manager from core; the notifier for this
// platform; the tray (or, without one, the status window); the windows, made when first asked for. With demo on,
// it also runs the built-in demo server and follows its event stream and its chat room.
class DesktopApp final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        bool demo = false;
        quint16 demoPort = 0;
        QString historyPath; // empty: HistoryStore::defaultPath()
        ConfigStore config;
        QString translationsDirectory = QStringLiteral(":/i18n"); // where herald_<lang>.qm are
    };

    static constexpr const char *kDemoEvents = "Demo events";
    static constexpr const char *kDemoChat = "Demo chat";

    explicit DesktopApp(Options options, QObject *parent = nullptr);
    ~DesktopApp() override;

    // false with error when Herald cannot run (the history cannot be opened, the demo server cannot listen).
    bool start(QString *error);

    // "show", "show history|chat|feeds|settings|feed-editor", "pause", "resume": what a second `herald` asks for
    // (--show, --pause, --resume).
    void handleMessage(const QString &message);

    HistoryWindow *historyWindow();
    ChatWindow *chatWindow();
    FeedsWindow *feedsWindow();
    void showSettings();
    WelcomeWindow *welcomeWindow();
    // Starts the built-in demo server and follows its feeds, as --demo does; false with error when it cannot listen.
    bool startDemo(QString *error);

    FeedManager *feedManager() { return m_feeds.get(); }
    HistoryStore *history() { return &m_history; }
    Notifier *notifier() const { return m_notifier.get(); }
    NotificationPresenter *presenter() const { return m_presenter.get(); }
    AppConfig *config() { return &m_config; }
    TrayController *trayController() const { return m_tray.get(); }
    DemoServer *demoServer() const { return m_demo.get(); }
    bool hasTray() const { return m_hasTray; }

Q_SIGNALS:
    void quitRequested();

private:
    // Do not disturb and "Pause all feeds" outlive a restart: "until tomorrow" means tomorrow, not the next login.
    void restoreSessionState();
    // The language setting changed: windows are made again in the new one (those open, opened again).
    void retranslate();
    // Where there is no tray: the window that stands in for it.
    void createStatusWindow();
    // The notification backend the settings ask for (native or the tray's messages).
    std::unique_ptr<Notifier> createNotifierForSettings();
    // The native backend found no notification server: the tray's messages take over, where there is a tray.
    void onNotifierUnavailable(const Popup &popup, const QString &reason);
    void applySettings();
    void applyFeeds();
    QList<FeedConfig> allFeeds() const;
    // The demo's feeds: running, but not in the config file.
    QList<FeedConfig> builtInFeeds() const;
    QStringList chatFeedNames() const;
    void openUrl(const QUrl &url);

    Options m_options;
    AppConfig m_config;
    Translations m_translations;
    HistoryStore m_history;
    SecretStore m_secrets;
    std::unique_ptr<FeedManager> m_feeds;
    std::unique_ptr<DemoServer> m_demo;
    std::unique_ptr<QSystemTrayIcon> m_trayIcon;
    std::unique_ptr<TrayController> m_tray;
    std::unique_ptr<Notifier> m_notifier;
    QString m_notifierStyle; // the style m_notifier was made for
    bool m_warnedNoNotifications = false;
    ImageCache m_images{ImageCache::defaultFolder()}; // pictures messages point at, for popups
    std::unique_ptr<NotificationPresenter> m_presenter;
    std::unique_ptr<StatusWindow> m_statusWindow;
    std::unique_ptr<HistoryWindow> m_historyWindow;
    std::unique_ptr<ChatWindow> m_chatWindow;
    std::unique_ptr<FeedsWindow> m_feedsWindow;
    std::unique_ptr<WelcomeWindow> m_welcomeWindow;
    QPointer<SettingsDialog> m_settings;
    std::unique_ptr<PowerEvents> m_power;
    bool m_hasTray = false;
};

} // namespace herald::ui
