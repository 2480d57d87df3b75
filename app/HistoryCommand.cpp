#include "HistoryCommand.h"

#include "CommandLineValues.h"
#include "ConsoleOutput.h"
#include "JsonLine.h"
#include "store/HistoryStore.h"
#include "util/SafeText.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <cstdio>

namespace herald::cli {

int runHistoryCommand(const QStringList &arguments, ConsoleOutput &out)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Show what the history holds, newest first."));
    const QCommandLineOption feed(QStringLiteral("feed"), QStringLiteral("Only this feed."), QStringLiteral("NAME"));
    const QCommandLineOption search(
        QStringLiteral("search"),
        QStringLiteral("Only messages with all these words, or pieces of words, in title or body."),
        QStringLiteral("TEXT"));
    const QCommandLineOption unread(QStringLiteral("unread"), QStringLiteral("Only unread messages."));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("At most N messages (default 20)."),
                                   QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("One JSON object per line."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOptions({feed, search, unread, limit, json, help});
    const auto usageError = [](const QString &message) {
        ConsoleOutput::error(
            QStringLiteral("herald history: %1\nRun 'herald history --help' for the options.").arg(message));
        return 2;
    };
    if (!parser.parse(QStringList{QStringLiteral("herald history")} + arguments)) {
        return usageError(parserProblem(parser, arguments));
    }
    if (parser.isSet(help)) {
        std::fputs(qPrintable(helpFor(parser, QStringLiteral("history"))), stdout);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return usageError(QStringLiteral("unexpected \"%1\"").arg(parser.positionalArguments().first()));
    }
    bool ok = false;
    const int count = parser.value(limit).toInt(&ok);
    if (!ok || count <= 0) {
        return usageError(QStringLiteral("--limit needs a positive whole number, got \"%1\"").arg(parser.value(limit)));
    }

    const QString path = HistoryStore::defaultPath();
    if (!QFileInfo::exists(path)) {
        if (!parser.isSet(json)) {
            out.write("No messages yet.\n");
        }
        return 0;
    }
    HistoryStore store;
    if (!store.open(path)) {
        ConsoleOutput::error(QStringLiteral("herald history: %1").arg(store.errorString()));
        return 1;
    }
    HistoryStore::Query query;
    query.feed = parser.value(feed);
    query.search = parser.value(search);
    query.unreadOnly = parser.isSet(unread);
    query.limit = count;
    const auto found = store.query(query);
    for (const StoredMessage &stored : found) {
        const Message &m = stored.message;
        if (parser.isSet(json)) {
            out.write(JsonLine()
                          .add("kind", "history")
                          .add("feed", m.feed)
                          .add("id", m.id)
                          .add("time", m.time.toUTC().toString(Qt::ISODateWithMs))
                          .add("received", m.received.toUTC().toString(Qt::ISODateWithMs))
                          .add("title", m.title)
                          .add("body", m.body)
                          .add("priority", m.priority)
                          .add("url", m.clickUrl.toString())
                          .add("read", stored.read)
                          .toLine());
            continue;
        }
        const QString head =
            QStringLiteral("%1 %2 %3  ")
                .arg(stored.read ? QLatin1Char(' ') : QLatin1Char('*'))
                .arg(m.received.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")), terminalSafe(m.feed));
        // What servers sent cannot drive the terminal; line breaks stay, indented under the head.
        QString text = terminalSafe(m.title.isEmpty() ? m.body : m.title + QStringLiteral(": ") + m.body, true);
        text.replace(QLatin1Char('\n'), QLatin1Char('\n') + QString(head.size(), QLatin1Char(' ')));
        out.write((head + text + QLatin1Char('\n')).toUtf8());
    }
    if (found.isEmpty() && !query.feed.isEmpty() && store.count(query.feed) == 0) {
        // Likely a mistyped name: say so, rather than that nothing matched.
        ConsoleOutput::error(QStringLiteral("herald history: the history has no messages from a feed named \"%1\"; "
                                            "'herald feeds list' shows the feeds")
                                 .arg(terminalSafe(query.feed)));
        return 1;
    }
    if (found.isEmpty() && !parser.isSet(json)) {
        out.write("No messages match.\n");
    }
    return 0;
}

} // namespace herald::cli
