#include "RunCommand.h"

#include "CommandLineValues.h"
#include "ConsoleOutput.h"
#include "JsonLine.h"
#include "feed/FeedManager.h"
#include "store/ConfigStore.h"
#include "store/HistoryStore.h"
#include "store/SecretStore.h"
#include "util/SafeText.h"
#include "util/SingleInstance.h"
#include "util/TerminationSignals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QProcess>
#include <QSet>
#include <QTime>

#include <cstdio>

namespace herald::cli {

namespace {

struct Fields
{
    QString feed;
    QString title;
    QString body;
    int priority = 3;
    QString url;
    QString id;
    int count = 1;
};

Fields fieldsOf(const Notification &notification)
{
    if (const auto *message = std::get_if<Message>(&notification)) {
        return {message->feed,
                message->title,
                message->body,
                message->priority,
                message->clickUrl.toString(),
                message->id,
                1};
    }
    const Summary &summary = std::get<Summary>(notification);
    return {summary.feed,
            QStringLiteral("%1 new messages from %2").arg(summary.count).arg(summary.feed),
            summary.latest.title.isEmpty() ? summary.latest.body : summary.latest.title,
            summary.priority,
            summary.latest.clickUrl.toString(),
            summary.latest.id,
            summary.count};
}

void runExec(const QString &command, const Fields &fields)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HERALD_FEED"), fields.feed);
    environment.insert(QStringLiteral("HERALD_TITLE"), fields.title);
    environment.insert(QStringLiteral("HERALD_BODY"), fields.body);
    environment.insert(QStringLiteral("HERALD_PRIORITY"), QString::number(fields.priority));
    environment.insert(QStringLiteral("HERALD_URL"), fields.url);
    environment.insert(QStringLiteral("HERALD_ID"), fields.id);
    environment.insert(QStringLiteral("HERALD_COUNT"), QString::number(fields.count));
    process.setProcessEnvironment(environment);
#ifdef Q_OS_WIN
    process.setProgram(QStringLiteral("cmd.exe"));
    process.setArguments({QStringLiteral("/C"), command});
#else
    process.setProgram(QStringLiteral("/bin/sh"));
    process.setArguments({QStringLiteral("-c"), command});
#endif
    if (!process.startDetached()) {
        ConsoleOutput::error(QStringLiteral("herald run: could not run \"%1\"").arg(command));
    }
}

} // namespace

int runHeadless(QCoreApplication &app, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Follow every configured feed without a GUI: rules applied, history stored, one line per "
                       "notification."));
    const QCommandLineOption headless(QStringLiteral("headless"), QStringLiteral("Without the tray app (required)."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("One JSON object per line."));
    const QCommandLineOption exec(QStringLiteral("exec"),
                                  QStringLiteral("Run CMD for each notification, with HERALD_FEED, HERALD_TITLE, "
                                                 "HERALD_BODY, HERALD_PRIORITY, HERALD_URL, HERALD_ID and "
                                                 "HERALD_COUNT in its environment."),
                                  QStringLiteral("CMD"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOptions({headless, json, exec, help});
    if (!parser.parse(QStringList{QStringLiteral("herald run")} + arguments) || !parser.isSet(headless) ||
        !parser.positionalArguments().isEmpty()) {
        if (parser.isSet(help)) {
            std::fputs(qPrintable(helpFor(parser, QStringLiteral("run"))), stdout);
            return 0;
        }
        ConsoleOutput::error(QStringLiteral("herald run: %1\nRun 'herald run --help' for the options.")
                                 .arg(parser.errorText().isEmpty()
                                          ? QStringLiteral("say --headless (the tray app starts with plain 'herald')")
                                          : parserProblem(parser, arguments)));
        return 2;
    }

    const ConfigStore config;
    // Two Heralds on one config would follow the same feeds into one history: every message without an id stored
    // twice, every popup or --exec run twice. The tray app and `herald run` each guard the config.
    SingleInstance instance(config.path());
    if (instance.isClaimed()) {
        ConsoleOutput::error(
            QStringLiteral(
                "herald run: Herald is running already on %1 (the tray app, or another herald run): two would "
                "follow the same feeds and store each message twice. Quit it first (herald --quit), or give this one "
                "files of its own with HERALD_CONFIG_DIR and HERALD_DATA_DIR.")
                .arg(config.path()));
        return 1;
    }
    if (instance.claimOrForward(QString()) == SingleInstance::Claim::Primary) {
        // herald --quit (what the refusal of a second run advises) ends this one as SIGTERM does; a tray app
        // started later hands its other requests here and stops: say why nothing opened.
        QObject::connect(&instance, &SingleInstance::messageReceived, &app,
                         [path = config.path()](const QString &asked) {
                             if (asked == QLatin1String("quit")) {
                                 ConsoleOutput::error(QStringLiteral("herald run: asked to quit (herald --quit)"));
                                 QCoreApplication::quit();
                                 return;
                             }
                             ConsoleOutput::error(
                                 QStringLiteral("herald run: another Herald asked to \"%1\"; it stopped, as this one "
                                                "follows the feeds of %2")
                                     .arg(displaySafe(asked, 80), path));
                         });
    }
    const auto loaded = config.load();
    for (const QString &problem : loaded.problems) {
        ConsoleOutput::error(QStringLiteral("herald: %1").arg(problem));
    }
    if (loaded.feeds.isEmpty()) {
        ConsoleOutput::error(
            QStringLiteral("herald run: no feeds to follow; add one with 'herald feeds add NAME URL'"));
        return 1;
    }
    HistoryStore history;
    QString historyMovedTo;
    if (!history.openOrRecover(HistoryStore::defaultPath(), &historyMovedTo)) {
        ConsoleOutput::error(QStringLiteral("herald run: %1").arg(history.errorString()));
        return 1;
    }
    if (!historyMovedTo.isEmpty()) {
        ConsoleOutput::error(QStringLiteral("herald run: %1 could not be read, so it was moved to %2 and a new "
                                            "history started")
                                 .arg(HistoryStore::defaultPath(), historyMovedTo));
    }
    // A full disk or a file gone read-only while running: say so (the store retries, more slowly each time).
    QObject::connect(&history, &HistoryStore::errorOccurred, [](const QString &message) {
        ConsoleOutput::error(QStringLiteral("herald run: %1").arg(message));
    });
    history.setRetention(loaded.settings); // as the tray app does: the history never outgrows what was set
    SecretStore secrets;
    FeedManager manager(&history, &secrets);
    manager.stormControl().setSettings(StormSettings::fromJson(loaded.settings));
    manager.setGlobalRules(loaded.globalRules);
    manager.setFeeds(loaded.feeds);

    ConsoleOutput out;
    const bool asJson = parser.isSet(json);
    const QString command = parser.value(exec);
    QObject::connect(&manager, &FeedManager::notificationReady, &app, [&](const Notification &notification) {
        const Fields fields = fieldsOf(notification);
        if (asJson) {
            JsonLine line;
            if (std::holds_alternative<Summary>(notification)) {
                line.add("kind", "summary");
            } else {
                line.add("kind", "notification");
            }
            line.add("feed", fields.feed)
                .add("title", fields.title)
                .add("body", fields.body)
                .add("priority", fields.priority)
                .add("url", fields.url)
                .add("id", fields.id);
            if (fields.count > 1) {
                line.add("count", fields.count);
            }
            out.write(line.toLine());
        } else {
            // A server's title and body cannot drive the terminal (OSC 52, erasing lines); one line each.
            const QString text =
                fields.title + (fields.body.isEmpty() ? QString() : QStringLiteral(": ") + fields.body);
            out.write(QStringLiteral("%1  %2  [%3]  %4\n")
                          .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), terminalSafe(fields.feed))
                          .arg(fields.priority)
                          .arg(terminalSafe(text))
                          .toUtf8());
        }
        if (!command.isEmpty()) {
            runExec(command, fields);
        }
    });
    // A feed that stops for good is said once, with its reason, until it works again.
    QSet<QString> reportedFailed;
    QObject::connect(&manager, &FeedManager::feedStateChanged, &app,
                     [&reportedFailed](const QString &feed, Feed::State state, const QString &error) {
                         if (state == Feed::State::Open) {
                             reportedFailed.remove(feed);
                         } else if (state == Feed::State::Failed && !reportedFailed.contains(feed)) {
                             reportedFailed.insert(feed);
                             ConsoleOutput::error(
                                 QStringLiteral("herald run: feed \"%1\" failed: %2").arg(feed, error));
                         }
                     });
    quitOnTerminationSignals(app);
    manager.startAll();
    const int code = app.exec();
    manager.stopAll();
    history.flush();
    return code;
}

} // namespace herald::cli
