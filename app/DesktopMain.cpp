#include "DesktopMain.h"

#include "CommandLineValues.h"
#include "DesktopApp.h"
#include "demo/DemoServer.h"
#include "store/ConfigStore.h"
#include "tray/HeraldIcon.h"
#include "util/SingleInstance.h"
#include "util/TerminationSignals.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLoggingCategory>
#include <QNetworkProxyFactory>

#include <cstdio>
#include <cstring>

namespace herald::app {

int runDesktopApp(int argc, char **argv)
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    // Without a display QApplication aborts with a core dump; say what to do instead.
    const bool wantsHelp = argc > 1 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0);
    if (!wantsHelp && qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        std::fputs(
            "herald: no graphical display here (DISPLAY and WAYLAND_DISPLAY are not set), so the tray app cannot "
            "start.\nFollow your feeds without a GUI with 'herald run --headless', or see 'herald help'.\n",
            stderr);
        return 1;
    }
#endif
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("herald"));
    QApplication::setApplicationDisplayName(QStringLiteral("Herald"));
    QApplication::setOrganizationName(QStringLiteral("Herald"));
    QApplication::setApplicationVersion(QStringLiteral(HERALD_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("herald"));
    QApplication::setWindowIcon(ui::HeraldIcon::icon());
    QApplication::setQuitOnLastWindowClosed(false); // the tray keeps Herald running
    QNetworkProxyFactory::setUseSystemConfiguration(true);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Herald: desktop notifications from any Server-Sent Events or "
                                                    "WebSocket feed. Without options it starts in the tray."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Also run the built-in demo server and follow its feed and chat."));
    const QCommandLineOption demoPort(QStringLiteral("demo-port"),
                                      QStringLiteral("Port for the demo server (default: any free one)."),
                                      QStringLiteral("PORT"), QStringLiteral("0"));
    const QCommandLineOption show(
        QStringLiteral("show"),
        QStringLiteral("Open a window: history, chat, feeds, settings, feed-editor or welcome."),
        QStringLiteral("WINDOW"));
    const QCommandLineOption pause(QStringLiteral("pause"),
                                   QStringLiteral("Pause all feeds (of the running Herald, or start paused)."));
    const QCommandLineOption resume(QStringLiteral("resume"), QStringLiteral("Resume all feeds."));
    const QCommandLineOption quit(QStringLiteral("quit"),
                                  QStringLiteral("Quit the running Herald and wait until it has (up to 10 s)."));
    const QCommandLineOption verbose(QStringLiteral("verbose"),
                                     QStringLiteral("Print what Herald does (connections, history upgrades, the "
                                                    "notification server) on standard error."));
    parser.addOptions({demo, demoPort, show, pause, resume, quit, verbose});
    // Not process(): it exits with 1 on a usage error, where every other herald command exits with 2.
    if (!parser.parse(QApplication::arguments())) {
        std::fprintf(stderr, "herald: %s\nRun 'herald --help' for the options.\n",
                     qPrintable(cli::parserProblem(parser, QApplication::arguments().mid(1))));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        parser.showHelp(0);
    }
    if (parser.isSet(QStringLiteral("version"))) {
        parser.showVersion();
    }
    if (!parser.isSet(verbose)) {
        // Warnings and errors only; QT_LOGGING_RULES (which takes precedence) can still ask for more.
        QLoggingCategory::setFilterRules(QStringLiteral("herald.*.info=false"));
    }
    bool portOk = false;
    const uint port = parser.value(demoPort).toUInt(&portOk);
    if (!portOk || port > 65535) {
        std::fprintf(stderr, "herald: --demo-port takes a port from 1 to 65535\n");
        return 2;
    }

    static const QStringList windows{QStringLiteral("history"),     QStringLiteral("chat"),
                                     QStringLiteral("feeds"),       QStringLiteral("settings"),
                                     QStringLiteral("feed-editor"), QStringLiteral("welcome")};
    if (parser.isSet(show) && !windows.contains(parser.value(show).section(u' ', 0, 0))) {
        std::fprintf(stderr, "herald: --show opens one of %s, not \"%s\"\n",
                     qPrintable(windows.join(QStringLiteral(", "))), qPrintable(parser.value(show)));
        return 2;
    }

    ui::DesktopApp::Options options;
    options.demo = parser.isSet(demo) || parser.isSet(demoPort);
    options.demoPort = quint16(port);

    if (parser.isSet(pause) && parser.isSet(resume)) {
        std::fprintf(stderr, "herald: --pause or --resume, not both\n");
        return 2;
    }
    const QString request = parser.isSet(pause)    ? QStringLiteral("pause")
                            : parser.isSet(resume) ? QStringLiteral("resume")
                            : parser.isSet(show)   ? QStringLiteral("show ") + parser.value(show)
                                                   : QStringLiteral("show");
    SingleInstance instance(options.config.path());
    if (parser.isSet(quit)) {
        if (!instance.forward(QStringLiteral("quit"))) {
            std::printf("Herald is not running.\n");
            return 0;
        }
        if (!instance.waitUntilGone(10 * 1000)) {
            std::fprintf(stderr, "herald: the running Herald was asked to quit but still runs after 10 s\n");
            return 1;
        }
        std::printf("Herald has quit.\n");
        return 0;
    }
    switch (instance.claimOrForward(request)) {
    case SingleInstance::Claim::Forwarded:
        std::printf("Herald is running already; asked it to %s.\n", qPrintable(request));
        return 0;
    case SingleInstance::Claim::Failed:
        std::fprintf(stderr,
                     "herald: %s; starting anyway, but a second herald will not find this one (herald --show and "
                     "--pause will not reach it)\n",
                     qPrintable(instance.errorString()));
        break;
    case SingleInstance::Claim::Primary:
        break;
    }
    quitOnTerminationSignals(app);

    ui::DesktopApp desktop(std::move(options));
    QString error;
    if (!desktop.start(&error)) {
        std::fprintf(stderr, "herald: %s\n", qPrintable(error));
        return 1;
    }
    QObject::connect(&instance, &SingleInstance::messageReceived, &desktop, &ui::DesktopApp::handleMessage);
    QObject::connect(&desktop, &ui::DesktopApp::quitRequested, &app, &QApplication::quit);
    if (parser.isSet(show) || parser.isSet(pause) || parser.isSet(resume)) {
        desktop.handleMessage(request);
    }
    if (!parser.isSet(show) && !desktop.hasTray()) {
        desktop.handleMessage(QStringLiteral("show"));
    }
    if (desktop.demoServer()) {
        std::printf("Herald demo: notifications every few seconds; try Chat from the tray menu.\n"
                    "Publish your own:  curl -d 'hello from curl' %s\n",
                    qPrintable(desktop.demoServer()->publishUrl().toString()));
        std::fflush(stdout);
    }
    return app.exec();
}

} // namespace herald::app

// The entry point the herald executable looks up when it loads this module (see ModuleLauncher.cpp).
extern "C" Q_DECL_EXPORT int herald_desktop_main(int argc, char **argv)
{
    return herald::app::runDesktopApp(argc, argv);
}
