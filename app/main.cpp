// The herald executable: the tray app (no arguments, --demo, --show) and the command-line verbs.
#include "AllocatorTuning.h"
#include "ConsoleOutput.h"
#include "DesktopMain.h"
#include "ListenCommand.h"
#include "SendCommand.h"
#include "StoreVerbs.h"
#include "demo/DemoServer.h"
#include "util/ProcessLimits.h"
#include "util/TerminationSignals.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QNetworkProxyFactory>
#include <QStringList>

#include <cstdio>
#include <cstring>

namespace {

using herald::DemoServer;
using herald::cli::ConsoleOutput;
using herald::cli::ListenCommand;
using herald::cli::ListenOptions;

const char kUsage[] = "Usage: herald COMMAND [options]\n"
                      "\n"
                      "Desktop notifications from any Server-Sent Events or WebSocket feed.\n"
                      "\n"
                      "Commands:\n"
                      "  listen URL [options]        subscribe without a GUI and print what arrives\n"
                      "  send URL MESSAGE [options]  send one message (WebSocket) or POST it (http)\n"
                      "  connect URL [options]       talk both ways: stdin lines are sent, what arrives is printed\n"
                      "  feeds list|add|remove|enable|disable|mute|unmute|path\n"
                      "                              manage the feeds (herald feeds --help)\n"
                      "  run --headless [--json] [--exec CMD]   follow every feed without a GUI\n"
                      "  history [--feed NAME] [--search TEXT] [--unread] [--limit N] [--json]\n"
                      "  demo-server [--port N]      run the built-in demo server alone\n"
                      "  (no command)                start the tray app with the saved feeds\n"
                      "  --demo [--demo-port N]      the tray app plus the built-in demo server's feed and chat\n"
                      "  --show WINDOW               open history, chat, feeds or settings (of the running app)\n"
                      "  --pause, --resume           pause or resume every feed (of the running app)\n"
                      "  --quit                      quit the running app\n"
                      "  --verbose                   the tray app also prints what it does (on stderr)\n"
                      "  --help, --version\n"
                      "\n"
                      "Run 'herald help COMMAND' (or 'herald COMMAND --help') for a command's options;\n"
                      "'man herald' has them all.\n";

// listen and send say every error themselves, once: the library's own warnings would say it again.
void quietLibraryWarnings()
{
    QLoggingCategory::setFilterRules(QStringLiteral("herald.*.info=false\nherald.*.warning=false"));
}

int runSend(QCoreApplication &app, const QStringList &arguments)
{
    quietLibraryWarnings();
    const auto parsed = herald::cli::parseSendArguments(arguments);
    if (!parsed.options) {
        return parsed.exitCode;
    }
    ConsoleOutput out;
    herald::cli::SendCommand command(*parsed.options, &out);
    QObject::connect(&command, &herald::cli::SendCommand::finished, &app, &QCoreApplication::exit,
                     Qt::QueuedConnection);
    command.start();
    return app.exec();
}

int runListen(QCoreApplication &app, const QStringList &arguments, const QString &verb = QStringLiteral("listen"))
{
    quietLibraryWarnings();
    const auto parsed = herald::cli::parseListenArguments(arguments, verb);
    if (!parsed.options) {
        return parsed.exitCode;
    }
    herald::cli::tuneAllocatorForStreaming();
    ConsoleOutput out;
    ListenCommand command(*parsed.options, &out);
    QObject::connect(&command, &ListenCommand::finished, &app, &QCoreApplication::exit, Qt::QueuedConnection);
    herald::onTerminationSignals(&command, [&command] { command.interrupt(); });
    command.start();
    return app.exec();
}

std::optional<quint16> parsePort(const QStringList &arguments, int *exitCode)
{
    if (arguments.isEmpty()) {
        return quint16(0);
    }
    if (arguments.size() == 1 && (arguments[0] == QLatin1String("--help") || arguments[0] == QLatin1String("-h"))) {
        std::fputs("Usage: herald demo-server [--port N]\n\nRuns the built-in demo server on 127.0.0.1.\n", stdout);
        *exitCode = 0;
        return std::nullopt;
    }
    bool ok = false;
    const uint port = arguments.size() == 2 && arguments[0] == QLatin1String("--port") ? arguments[1].toUInt(&ok) : 0;
    if (!ok || port == 0 || port > 65535) {
        ConsoleOutput::error(QStringLiteral("herald demo-server: expected --port N with N from 1 to 65535"));
        *exitCode = 2;
        return std::nullopt;
    }
    return quint16(port);
}

bool startDemoServer(DemoServer &server, quint16 port)
{
    if (server.start(port)) {
        return true;
    }
    ConsoleOutput::error(
        QStringLiteral("herald: could not start the demo server on 127.0.0.1:%1: %2. %3")
            .arg(port)
            .arg(server.errorString(), port ? QStringLiteral("Choose another port with --port.") : QString()));
    return false;
}

int runDemoServer(QCoreApplication &app, const QStringList &arguments)
{
    int exitCode = 0;
    const auto port = parsePort(arguments, &exitCode);
    if (!port) {
        return exitCode;
    }
    DemoServer server;
    if (!startDemoServer(server, *port)) {
        return 1;
    }
    std::printf("Herald demo server\n  events:  %s\n  chat:    %s\n  publish: curl -d 'hello' %s\nCtrl+C stops it.\n",
                qPrintable(server.eventsUrl().toString()), qPrintable(server.chatUrl().toString()),
                qPrintable(server.publishUrl().toString()));
    std::fflush(stdout);
    return app.exec();
}

QtMessageHandler g_qtHandler = nullptr;

// Qt's own warnings are for Qt's developers, not for a person at a terminal (Qt 6.4 prints "QObject::connect:
// invalid nullptr parameter" when its HTTP connection cache closes a TLS socket after the application object is
// gone, at exit). They stay off unless QT_LOGGING_RULES or QT_DEBUG_PLUGINS asks for them; Herald's own categories
// and anything critical pass.
void quietQtMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const bool qtInternal = context.category && std::strncmp(context.category, "qt.", 3) == 0;
    if (qtInternal && type != QtCriticalMsg && type != QtFatalMsg) {
        return;
    }
    g_qtHandler(type, context, message);
}

} // namespace

int main(int argc, char *argv[])
{
    herald::cli::padHeapForStreaming(argc, argv);
    herald::raiseOpenFileLimit(); // before any thread or socket: hundreds of feeds need more than 1024
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES") && qEnvironmentVariableIsEmpty("QT_DEBUG_PLUGINS")) {
        g_qtHandler = qInstallMessageHandler(quietQtMessages);
    }
    if (herald::app::isDesktopInvocation(argc, argv)) {
        return herald::app::runDesktop(argc, argv);
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("herald"));
    QCoreApplication::setOrganizationName(QStringLiteral("Herald"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HERALD_VERSION));

    // The commands print what matters themselves; library chatter stays off unless QT_LOGGING_RULES (which takes
    // precedence) asks for it.
    QLoggingCategory::setFilterRules(QStringLiteral("herald.*.info=false"));
    // The system's proxy settings (and http_proxy and friends on Linux) apply unless a feed says otherwise.
    QNetworkProxyFactory::setUseSystemConfiguration(true);

    QStringList arguments = QCoreApplication::arguments().mid(1);
    QString verb = arguments.takeFirst();
    static const QStringList verbs{QStringLiteral("listen"),     QStringLiteral("connect"), QStringLiteral("feeds"),
                                   QStringLiteral("run"),        QStringLiteral("history"), QStringLiteral("send"),
                                   QStringLiteral("demo-server")};
    if (verb == QLatin1String("help") && !arguments.isEmpty() && arguments.first() != QLatin1String("--help")) {
        // herald help listen, herald help feeds add: the verb's own help, through the same dispatch.
        if (!verbs.contains(arguments.first())) {
            ConsoleOutput::error(QStringLiteral("herald help: no command \"%1\"\n\n").arg(arguments.first()) +
                                 QString::fromUtf8(kUsage));
            return 2;
        }
        verb = arguments.takeFirst();
        arguments.append(QStringLiteral("--help"));
    }
    if (verb == QLatin1String("listen")) {
        return runListen(app, arguments);
    }
    if (verb == QLatin1String("connect")) {
        return runListen(app, arguments, verb);
    }
    if (herald::app::isStoreVerb(verb)) {
        return herald::app::runStoreVerb(app, argv[0], verb, arguments);
    }
    if (verb == QLatin1String("send")) {
        return runSend(app, arguments);
    }
    if (verb == QLatin1String("demo-server")) {
        return runDemoServer(app, arguments);
    }
    if (verb == QLatin1String("--help") || verb == QLatin1String("-h") || verb == QLatin1String("help")) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (verb == QLatin1String("--version")) {
        std::printf("herald %s\n", HERALD_VERSION);
        return 0;
    }
    ConsoleOutput::error(QStringLiteral("herald: unknown command \"%1\"\n\n").arg(verb) + QString::fromUtf8(kUsage));
    return 2;
}
