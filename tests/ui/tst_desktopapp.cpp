// The app around the windows: start at login (the XDG entry), one instance per user, and the tray app on a
// desktop without a tray (the offscreen platform has none), which must open its status window and still work.
#include "DesktopApp.h"
#include "HeraldProcess.h"
#include "WindowMemory.h"
#include "chat/ChatWindow.h"
#include "demo/DemoServer.h"
#include "feeds/FeedEditor.h"
#include "feeds/FeedsWindow.h"
#include "history/HistoryWindow.h"
#include "notify/NotificationPresenter.h"
#include "platform/Autostart.h"
#include "platform/PowerEvents.h"
#include "tray/StatusWindow.h"
#include "util/SingleInstance.h"
#include "welcome/WelcomeWindow.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMenu>
#include <QPushButton>
#include <QScopeGuard>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace herald;
using namespace herald::ui;

namespace {

// The tray-less demo app with its files in dir and these settings; the tray style, so that no D-Bus
// notification server is needed.
DesktopApp::Options demoOptions(const QTemporaryDir &dir, QJsonObject settings = {})
{
    settings.insert(QStringLiteral("notificationStyle"), QStringLiteral("tray"));
    // Where `herald feeds` finds it with XDG_CONFIG_HOME=dir.
    const ConfigStore config(dir.filePath(QStringLiteral("Herald/herald.json")));
    QString error;
    if (!config.save({}, settings, &error)) {
        qFatal("cannot write the test's config: %s", qPrintable(error));
    }
    DesktopApp::Options options;
    options.demo = true;
    options.historyPath = dir.filePath(QStringLiteral("history.sqlite"));
    options.config = config;
    options.translationsDirectory = QStringLiteral(HERALD_QM_DIR);
    return options;
}

} // namespace

class TestDesktopApp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // QSettings (window geometry, do-not-disturb, pause) then lives under ~/.qttest, never in the user's own
        // settings; each run starts from none.
        QStandardPaths::setTestModeEnabled(true);
        // On Windows the native format is the registry, which test mode does not move: a file there too.
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings().clear();
    }
    void autostart_writesAndRemovesTheXdgEntry();
    void singleInstance_secondOneForwards();
    void singleInstance_quitWaitsUntilThePrimaryIsGone();
    void singleInstance_socketIsInAFolderOnlyTheUserEnters();
    void withoutATray_theStatusWindowOpens();
    void powerEvents_wakeUpIsReported();
    void pauseAndDoNotDisturb_surviveARestart();
    void windows_rememberTheirGeometry();
    void language_switchesWithoutARestart();
    void configChangedByTheCli_isPickedUpFeedByFeed();
    void firstRun_welcomesUntilThereIsAFeedAndStartsTheDemo();
    void showWithAnUnknownWindow_isAUsageError();
};

void TestDesktopApp::powerEvents_wakeUpIsReported()
{
    PowerEvents power;
    QSignalSpy resumed(&power, &PowerEvents::resumed);
    // logind says PrepareForSleep(true) going down and (false) coming back; only the second is a wake-up.
    QVERIFY(QMetaObject::invokeMethod(&power, "onPrepareForSleep", Q_ARG(bool, true)));
    QCOMPARE(resumed.count(), 0);
    QVERIFY(QMetaObject::invokeMethod(&power, "onPrepareForSleep", Q_ARG(bool, false)));
    QCOMPARE(resumed.count(), 1);
}

void TestDesktopApp::autostart_writesAndRemovesTheXdgEntry()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    QString error;
    QVERIFY2(Autostart::setEnabled(true, &error), qPrintable(error));
    QVERIFY(Autostart::isEnabled());
    QFile entry(Autostart::location());
    QVERIFY(entry.open(QIODevice::ReadOnly));
    const QByteArray text = entry.readAll();
    QVERIFY(text.startsWith("[Desktop Entry]\n"));
    QVERIFY2(text.contains("Exec=\"" + QCoreApplication::applicationFilePath().toUtf8() + "\"\n"), text.constData());
    QVERIFY2(Autostart::setEnabled(false, &error), qPrintable(error));
    QVERIFY(!Autostart::isEnabled());
    QVERIFY(!QFile::exists(Autostart::location()));
#else
    QSKIP("the XDG entry is the freedesktop backend");
#endif
}

void TestDesktopApp::singleInstance_secondOneForwards()
{
    QTemporaryDir dir;
    const QString key = dir.filePath(QStringLiteral("Herald/herald.json")); // what `herald` uses: its config file
    SingleInstance first(key);
    QCOMPARE(first.claimOrForward(QStringLiteral("show")), SingleInstance::Claim::Primary);
    QSignalSpy received(&first, &SingleInstance::messageReceived);
#ifndef Q_OS_WIN
    // In one thread: under Wine a named pipe's message is lost when the writer leaves before this thread reads.
    SingleInstance second(key);
    QCOMPARE(second.claimOrForward(QStringLiteral("show chat")), SingleInstance::Claim::Forwarded);
    QTRY_COMPARE(received.count(), 1);
    QCOMPARE(received.at(0).at(0).toString(), QStringLiteral("show chat"));
    received.clear();
#endif
    // A second herald, as a person starts it.
    QProcessEnvironment environment = herald::test::isolatedEnvironment(dir.path(), dir.path());
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    const auto run = herald::test::runHerald({QStringLiteral("--show"), QStringLiteral("feeds")}, environment);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, QList<QByteArray>{"Herald is running already; asked it to show feeds."});
    QTRY_COMPARE(received.count(), 1);
    QCOMPARE(received.at(0).at(0).toString(), QStringLiteral("show feeds"));
    SingleInstance elsewhere(dir.path() + QStringLiteral("/other"));
    QCOMPARE(elsewhere.claimOrForward(QStringLiteral("show")),
             SingleInstance::Claim::Primary); // another config: another Herald
}

void TestDesktopApp::singleInstance_quitWaitsUntilThePrimaryIsGone()
{
    QTemporaryDir dir;
    auto primary = std::make_unique<SingleInstance>(dir.filePath(QStringLiteral("Herald/herald.json")));
    QCOMPARE(primary->claimOrForward(QStringLiteral("show")), SingleInstance::Claim::Primary);
    // `herald --quit`, as the installer runs it: it asks, and returns once the running one has gone.
    QProcess quitter;
    QProcessEnvironment environment = herald::test::isolatedEnvironment(dir.path(), dir.path());
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    quitter.setProcessEnvironment(environment);
    quitter.start(QStringLiteral(HERALD_EXECUTABLE), {QStringLiteral("--quit")});
    QSignalSpy received(primary.get(), &SingleInstance::messageReceived);
    QVERIFY(received.wait(10000));
    QCOMPARE(received.at(0).at(0).toString(), QStringLiteral("quit"));
    QTest::qWait(300);
    QCOMPARE(quitter.state(), QProcess::Running); // still waiting for it to go
    primary.reset();
    QVERIFY(quitter.waitForFinished(10000));
    QCOMPARE(quitter.exitCode(), 0);
    QCOMPARE(quitter.readAllStandardOutput().trimmed(), QByteArray("Herald has quit."));

    // With nobody running, it says so.
    const auto run = herald::test::runHerald({QStringLiteral("--quit")}, environment);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines, QList<QByteArray>{"Herald is not running."});

    // The tray app takes the message as its Quit menu item.
    DesktopApp app(demoOptions(dir));
    QString error;
    QVERIFY2(app.start(&error), qPrintable(error));
    QSignalSpy quit(&app, &DesktopApp::quitRequested);
    app.handleMessage(QStringLiteral("quit"));
    QCOMPARE(quit.count(), 1);
}

void TestDesktopApp::singleInstance_socketIsInAFolderOnlyTheUserEnters()
{
#ifndef Q_OS_UNIX
    QSKIP("named pipes with a user-only ACL on Windows; no socket folder");
#else
    QTemporaryDir runtime;
    QTemporaryDir config;
    const QByteArray savedRuntime = qgetenv("XDG_RUNTIME_DIR");
    const QByteArray savedTmp = qgetenv("TMPDIR");
    auto restore = qScopeGuard([&] {
        qputenv("XDG_RUNTIME_DIR", savedRuntime);
        savedTmp.isNull() ? qunsetenv("TMPDIR") : qputenv("TMPDIR", savedTmp);
    });
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime.path()));
    {
        SingleInstance instance(config.path());
        QCOMPARE(instance.claimOrForward(QStringLiteral("show")), SingleInstance::Claim::Primary);
        const QFileInfo socket(instance.serverName());
        QCOMPARE(socket.absolutePath(), runtime.path() + QStringLiteral("/herald"));
        QCOMPARE(QFile::permissions(socket.absolutePath()) & 0x0077, QFile::Permissions());
    }
    QVERIFY2(QDir(runtime.path() + QStringLiteral("/herald")).isEmpty(), "the socket is removed at exit");

    // Another user's folder where ours should be (someone made it first): not used.
    if (::geteuid() == 0) {
        QVERIFY(QDir(runtime.path()).mkdir(QStringLiteral("herald")) || QFileInfo::exists(runtime.path() + "/herald"));
        QVERIFY(::chown(QFile::encodeName(runtime.path() + QStringLiteral("/herald")).constData(), 65534, 65534) == 0);
        QVERIFY(QFile::setPermissions(runtime.path() + QStringLiteral("/herald"), QFile::Permissions::fromInt(0x7755)));
        QTemporaryDir tmp;
        qputenv("TMPDIR", QFile::encodeName(tmp.path()));
        SingleInstance instance(config.path());
        QCOMPARE(instance.claimOrForward(QStringLiteral("show")), SingleInstance::Claim::Primary);
        QVERIFY2(instance.serverName().startsWith(tmp.path() + QStringLiteral("/herald-")),
                 qPrintable(instance.serverName()));
        // Nothing of the other user's was changed.
        QCOMPARE(QFile::permissions(runtime.path() + QStringLiteral("/herald")) & QFile::Permissions::fromInt(0x0055),
                 QFile::Permissions::fromInt(0x0055));
    }

    // A TMPDIR too long for a socket path, or missing, and no runtime folder: it still works.
    qunsetenv("XDG_RUNTIME_DIR");
    qputenv("TMPDIR", "/nonexistent/" + QByteArray(150, 'x'));
    SingleInstance instance(config.path());
    QCOMPARE(instance.claimOrForward(QStringLiteral("show")), SingleInstance::Claim::Primary);
    QVERIFY2(instance.serverName().size() < 108, qPrintable(instance.serverName()));
#endif
}

void TestDesktopApp::withoutATray_theStatusWindowOpens()
{
    QTemporaryDir dir;
    const DesktopApp::Options options = demoOptions(dir);
    QString error;
    DesktopApp app(options);
    QVERIFY2(app.start(&error), qPrintable(error));
    QVERIFY(!app.hasTray());
    QCOMPARE(app.notifier()->backendName(), QStringLiteral("tray"));
    const auto windows = QApplication::topLevelWidgets();
    const auto status = std::find_if(windows.cbegin(), windows.cend(),
                                     [](QWidget *w) { return qobject_cast<StatusWindow *>(w) && w->isVisible(); });
    QVERIFY(status != windows.cend());
    // The demo's feeds run, and the windows open on request.
    QTRY_COMPARE(app.feedManager()->feeds().size(), 2);
    QTRY_VERIFY(app.feedManager()->feed(QString::fromLatin1(DesktopApp::kDemoChat))->state() == Feed::State::Open);
    // Without a tray menu, the window offers its choices: pause all feeds and do not disturb.
    QMenu *quiet = nullptr;
    for (auto *button : (*status)->findChildren<QPushButton *>()) {
        quiet = button->menu() ? button->menu() : quiet;
    }
    QVERIFY(quiet);
    Q_EMIT quiet->aboutToShow();
    QAction *pause = nullptr;
    QMenu *dnd = nullptr;
    for (QAction *action : quiet->actions()) {
        pause = action->text() == QStringLiteral("&Pause all feeds") ? action : pause;
        dnd = action->menu() ? action->menu() : dnd;
    }
    QVERIFY(pause && dnd);
    pause->trigger();
    QVERIFY(app.feedManager()->isPaused());
    QTRY_COMPARE(app.feedManager()->feed(QString::fromLatin1(DesktopApp::kDemoChat))->state(), Feed::State::Paused);
    dnd->actions().at(0)->trigger(); // for 1 hour
    QVERIFY(app.presenter()->doNotDisturb());
    Q_EMIT quiet->aboutToShow(); // rebuilt: the state shows
    const auto rebuilt = quiet->actions();
    QVERIFY(std::any_of(rebuilt.cbegin(), rebuilt.cend(), [](QAction *a) { return a->isChecked(); }));
    app.feedManager()->setPaused(false);
    app.presenter()->setDoNotDisturbUntil({});
    QTRY_VERIFY(app.feedManager()->feed(QString::fromLatin1(DesktopApp::kDemoChat))->state() == Feed::State::Open);
    app.handleMessage(QStringLiteral("show chat"));
    QVERIFY(app.chatWindow()->isVisible());
    QCOMPARE(app.chatWindow()->currentFeed(), QString::fromLatin1(DesktopApp::kDemoChat));
    app.handleMessage(QStringLiteral("show history"));
    QVERIFY(app.historyWindow()->isVisible());
    QTRY_VERIFY(app.historyWindow()->visibleCount() >= 1); // the bot's welcome
    app.handleMessage(QStringLiteral("show feeds"));
    QVERIFY(app.feedsWindow()->isVisible());
    QCOMPARE(app.feedsWindow()->list()->topLevelItemCount(), 2); // the demo's, listed though not saved

    // A new notification style takes effect at once: the presenter shows what follows through a new backend.
    const Notifier *before = app.notifier();
    QJsonObject settings = app.config()->settings();
    settings.insert(QStringLiteral("notificationStyle"), QStringLiteral("native"));
    QVERIFY2(app.config()->setSettings(settings, &error), qPrintable(error));
    QVERIFY(app.notifier() != before);
    const Notifier *native = app.notifier();
    settings.insert(QStringLiteral("sounds"), true);
    QVERIFY2(app.config()->setSettings(settings, &error), qPrintable(error));
    QCOMPARE(app.notifier(), native); // other settings leave the backend alone
}

void TestDesktopApp::pauseAndDoNotDisturb_surviveARestart()
{
    QTemporaryDir dir;
    const DesktopApp::Options options = demoOptions(dir);
    QString error;
    const QDateTime until = QDateTime::currentDateTimeUtc().addSecs(3600).addMSecs(-123);
    {
        DesktopApp app(options);
        QVERIFY2(app.start(&error), qPrintable(error));
        QVERIFY(!app.feedManager()->isPaused());
        QTRY_COMPARE(app.feedManager()->feeds().size(), 2);
        app.feedManager()->setPaused(true);
        app.presenter()->setDoNotDisturbUntil(until);
    }
    {
        DesktopApp app(options);
        QVERIFY2(app.start(&error), qPrintable(error));
        QVERIFY(app.feedManager()->isPaused());
        QCOMPARE(app.presenter()->doNotDisturbUntil(), until);
        QTRY_COMPARE(app.feedManager()->feeds().size(), 2);
        for (const Feed *feed : app.feedManager()->feeds()) {
            QCOMPARE(feed->state(), Feed::State::Paused);
        }
        QCOMPARE(app.demoServer()->subscriberCount(), 0); // paused means not connected, from the start
        Q_EMIT app.presenter()->resumeRequested();        // the Resume button of the popup that says so
        QVERIFY(!app.feedManager()->isPaused());
        app.presenter()->setDoNotDisturbUntil(QDateTime());
    }
    DesktopApp app(options);
    QVERIFY2(app.start(&error), qPrintable(error));
    QVERIFY(!app.feedManager()->isPaused());
    QVERIFY(!app.presenter()->doNotDisturb());
    // What `herald --pause` and `herald --resume` ask the running one.
    app.handleMessage(QStringLiteral("pause"));
    QVERIFY(app.feedManager()->isPaused());
    app.handleMessage(QStringLiteral("resume"));
    QVERIFY(!app.feedManager()->isPaused());
}

void TestDesktopApp::windows_rememberTheirGeometry()
{
    {
        FeedEditor editor(std::nullopt);
        editor.show();
        QCOMPARE(editor.size(), QSize(620, 560)); // the first time: its default (the offscreen screen is 800×800)
        editor.resize(700, 500);
        editor.close();
    }
    FeedEditor again(std::nullopt);
    again.show();
    QCOMPARE(again.size(), QSize(700, 500));

    // A size from a larger screen, or a default at a scale factor of 2: fitted, and moved onto the screen.
    QWidget big;
    WindowMemory::track(&big, QStringLiteral("test-big"), QSize(1240, 1120));
    big.move(500, 400);
    big.show();
    const QRect available = big.screen()->availableGeometry();
    QVERIFY2(big.width() < 1240 && big.height() < 1120 && available.contains(big.frameGeometry()),
             qPrintable(QStringLiteral("%1×%2 at %3,%4 on %5×%6")
                            .arg(big.width())
                            .arg(big.height())
                            .arg(big.x())
                            .arg(big.y())
                            .arg(available.width())
                            .arg(available.height())));
    QVERIFY(available.contains(big.geometry()));
}

void TestDesktopApp::language_switchesWithoutARestart()
{
    QTemporaryDir dir;
    const DesktopApp::Options options = demoOptions(dir, {{QStringLiteral("language"), QStringLiteral("en")}});
    QString error;
    DesktopApp app(options);
    QVERIFY2(app.start(&error), qPrintable(error));
    app.handleMessage(QStringLiteral("show history"));
    app.handleMessage(QStringLiteral("show chat"));
    QCOMPARE(app.historyWindow()->windowTitle(), QStringLiteral("History"));
    QTRY_COMPARE(app.chatWindow()->currentFeed(), QString::fromLatin1(DesktopApp::kDemoChat));
    // English on an English or C system keeps the system's time format (07:41:40, not 7:41 AM).
    const QLocale system = QLocale::system();
    if (system.language() == QLocale::English || system.language() == QLocale::C) {
        QCOMPARE(QLocale().toString(QTime(7, 41, 40), QLocale::LongFormat),
                 system.toString(QTime(7, 41, 40), QLocale::LongFormat));
    }
    app.historyWindow()->setFilters({QStringLiteral("build"), QString::fromLatin1(DesktopApp::kDemoChat), true});

    QJsonObject settings = app.config()->settings();
    settings.insert(QStringLiteral("language"), QStringLiteral("ko"));
    QVERIFY2(app.config()->setSettings(settings, &error), qPrintable(error));
    // The open windows come back in Korean, where they were, with the same conversation.
    QTRY_COMPARE(app.historyWindow()->windowTitle(), QStringLiteral("기록"));
    QVERIFY(app.historyWindow()->isVisible());
    const HistoryWindow::Filters kept = app.historyWindow()->filters(); // and its filters as they were set
    QCOMPARE(kept.search, QStringLiteral("build"));
    QCOMPARE(kept.feed, QString::fromLatin1(DesktopApp::kDemoChat));
    QVERIFY(kept.unreadOnly);
    QVERIFY(app.chatWindow()->isVisible());
    QCOMPARE(app.chatWindow()->currentFeed(), QString::fromLatin1(DesktopApp::kDemoChat));
    const auto statusWindows = QApplication::topLevelWidgets();
    const auto status = std::find_if(statusWindows.cbegin(), statusWindows.cend(),
                                     [](QWidget *w) { return qobject_cast<StatusWindow *>(w) && w->isVisible(); });
    QVERIFY(status != statusWindows.cend());
    QVERIFY2((*status)->findChildren<QPushButton *>().first()->text().contains(QStringLiteral("기록")),
             qPrintable((*status)->findChildren<QPushButton *>().first()->text()));

    settings.insert(QStringLiteral("language"), QStringLiteral("en"));
    QVERIFY2(app.config()->setSettings(settings, &error), qPrintable(error));
    QTRY_COMPARE(app.historyWindow()->windowTitle(), QStringLiteral("History"));
}

void TestDesktopApp::configChangedByTheCli_isPickedUpFeedByFeed()
{
    QTemporaryDir dir;
    DesktopApp app(demoOptions(dir));
    QString error;
    QVERIFY2(app.start(&error), qPrintable(error));
    const QString demoChat = QString::fromLatin1(DesktopApp::kDemoChat);
    QTRY_VERIFY(app.feedManager()->feed(demoChat) && app.feedManager()->feed(demoChat)->state() == Feed::State::Open);
    Feed *chat = app.feedManager()->feed(demoChat);
    QSignalSpy chatStates(chat, &Feed::stateChanged);

    const QProcessEnvironment environment = herald::test::isolatedEnvironment(dir.path(), dir.path());
    const QString url = app.demoServer()->eventsUrl().toString();
    auto run = herald::test::runHerald({QStringLiteral("feeds"), QStringLiteral("add"), QStringLiteral("extra"), url,
                                        QStringLiteral("--preset"), QStringLiteral("json")},
                                       environment);
    QCOMPARE(run.exitCode, 0);
    // The running app starts it by itself, and leaves the others connected as they were.
    QTRY_VERIFY(app.feedManager()->feed(QStringLiteral("extra")));
    QTRY_COMPARE(app.feedManager()->feed(QStringLiteral("extra"))->state(), Feed::State::Open);
    QVERIFY(app.config()->feed(QStringLiteral("extra")));

    // A save in the Feeds window keeps the CLI's feed, and reconnects only the feed it changed.
    FeedConfig extra = *app.config()->feed(QStringLiteral("extra"));
    extra.idleTimeoutSeconds = 300;
    QVERIFY2(app.config()->replaceFeed(QStringLiteral("extra"), extra, &error), qPrintable(error));
    QTRY_COMPARE(app.feedManager()->feed(QStringLiteral("extra"))->config().idleTimeoutSeconds, 300);

    run = herald::test::runHerald({QStringLiteral("feeds"), QStringLiteral("disable"), QStringLiteral("extra")},
                                  environment);
    QCOMPARE(run.exitCode, 0);
    QTRY_VERIFY(!app.feedManager()->feed(QStringLiteral("extra")));
    QCOMPARE(app.feedManager()->feed(demoChat), chat);
    QCOMPARE(chatStates.count(), 0); // the demo chat never dropped: no rejoin as a new guest

    // A file broken by hand: the app keeps running on what it had and says why; fixed, it is read again.
    QSignalSpy problems(app.config(), &AppConfig::problemsFound);
    QFile file(app.config()->path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray good = file.readAll();
    file.close();
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("{\"feeds\": [");
    file.close();
    QTRY_COMPARE(problems.count(), 1);
    QVERIFY(!app.config()->isWritable());
    QVERIFY(app.feedManager()->feed(demoChat));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(good);
    file.close();
    QTRY_VERIFY(app.config()->isWritable());
}

void TestDesktopApp::firstRun_welcomesUntilThereIsAFeedAndStartsTheDemo()
{
    QTemporaryDir dir;
    DesktopApp::Options options = demoOptions(dir);
    options.demo = false;
    {
        DesktopApp app(options);
        QString error;
        QVERIFY2(app.start(&error), qPrintable(error));
        QVERIFY(app.welcomeWindow()->isVisible());
        QVERIFY(!app.demoServer());
        QPushButton *tryDemo = nullptr;
        for (auto *button : app.welcomeWindow()->findChildren<QPushButton *>()) {
            tryDemo = button->text() == WelcomeWindow::tr("&Try the demo") ? button : tryDemo;
        }
        QVERIFY(tryDemo);
        tryDemo->click();
        QVERIFY(app.demoServer());
        QTRY_COMPARE(app.feedManager()->feeds().size(), 2);
        QTRY_VERIFY(app.feedManager()->feed(QString::fromLatin1(DesktopApp::kDemoChat))->state() == Feed::State::Open);
        QVERIFY(!app.welcomeWindow()->isVisible());
    }
    const auto welcomeShown = [] {
        const auto windows = QApplication::topLevelWidgets();
        return std::any_of(windows.cbegin(), windows.cend(),
                           [](QWidget *w) { return qobject_cast<WelcomeWindow *>(w) && w->isVisible(); });
    };
    {
        // Closed (Esc, Later, or the demo) with nothing of one's own to follow: the next start welcomes again,
        // rather than leave a tray icon that does nothing.
        DesktopApp again(options);
        QString error;
        QVERIFY2(again.start(&error), qPrintable(error));
        QVERIFY(welcomeShown());
        again.welcomeWindow()->close(); // as Esc or Later do
        QTRY_VERIFY(!welcomeShown());
        FeedConfig own;
        own.name = QStringLiteral("mine");
        own.url = QUrl(QStringLiteral("http://127.0.0.1:9/events"));
        own.enabled = false;
        QString problem;
        QVERIFY2(again.config()->replaceFeed(QString(), own, &problem), qPrintable(problem));
    }
    DesktopApp withAFeed(options);
    QString error;
    QVERIFY2(withAFeed.start(&error), qPrintable(error));
    QVERIFY(!welcomeShown()); // once there is a feed, Herald just runs
}

void TestDesktopApp::showWithAnUnknownWindow_isAUsageError()
{
    QTemporaryDir home;
    QProcessEnvironment environment = herald::test::isolatedEnvironment(home.path(), home.path());
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    const auto run = herald::test::runHerald({QStringLiteral("--show"), QStringLiteral("nothing")}, environment);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.stderrText.contains("--show opens one of history, chat"), run.stderrText.constData());
}

QTEST_MAIN(TestDesktopApp)
#include "tst_desktopapp.moc"
