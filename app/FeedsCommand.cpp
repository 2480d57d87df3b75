#include "FeedsCommand.h"

#include "CommandLineValues.h"
#include "ConsoleOutput.h"
#include "JsonLine.h"
#include "store/ConfigStore.h"
#include "store/SecretStore.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>

#include <cstdio>
#include <optional>

namespace herald::cli {

namespace {

int usageError(const QString &message)
{
    ConsoleOutput::error(QStringLiteral("herald feeds: %1\nRun 'herald feeds --help' for the commands.").arg(message));
    return 2;
}

void reportProblems(const ConfigStore::Loaded &loaded)
{
    for (const QString &problem : loaded.problems) {
        ConsoleOutput::error(QStringLiteral("herald: %1").arg(problem));
    }
}

// Saving over a file that could not be read would throw away what is in it.
bool refuseToOverwriteBrokenFile(const ConfigStore::Loaded &loaded, const ConfigStore &store)
{
    if (loaded.backupPath.isEmpty()) {
        return false;
    }
    ConsoleOutput::error(
        QStringLiteral("herald feeds: %1 has errors (see above); fix it before changing feeds.").arg(store.path()));
    return true;
}

SecretStore::Result waitFor(const std::function<void(SecretStore::Callback)> &call)
{
    std::optional<SecretStore::Result> result;
    QEventLoop loop;
    call([&](const SecretStore::Result &r) {
        result = r;
        loop.quit();
    });
    if (!result) {
        loop.exec();
    }
    return *result;
}

int save(const ConfigStore &store, const QList<FeedConfig> &feeds, const QJsonObject &settings)
{
    QString error;
    if (!store.save(feeds, settings, &error)) {
        ConsoleOutput::error(QStringLiteral("herald feeds: %1").arg(error));
        return 1;
    }
    return 0;
}

qsizetype indexOf(const QList<FeedConfig> &feeds, const QString &name)
{
    for (qsizetype i = 0; i < feeds.size(); ++i) {
        if (feeds[i].name == name) {
            return i;
        }
    }
    return -1;
}

int list(const QStringList &arguments, ConsoleOutput &out)
{
    const bool json = arguments == QStringList{QStringLiteral("--json")};
    if (!arguments.isEmpty() && !json) {
        return usageError(QStringLiteral("list takes only --json"));
    }
    const ConfigStore store;
    const auto loaded = store.load();
    reportProblems(loaded);
    for (const FeedConfig &feed : loaded.feeds) {
        if (json) {
            JsonLine line;
            line.add("kind", "feed")
                .add("name", feed.name)
                .add("url", feed.url.toString())
                .add("transport", FeedConfig::transportName(feed.effectiveTransport()))
                .add("preset", PayloadMapper::presetName(feed.preset))
                .add("enabled", feed.enabled)
                .add("muted", feed.muted);
            out.write(line.toLine());
        } else {
            QStringList flags;
            if (!feed.enabled) {
                flags.append(QStringLiteral("disabled"));
            }
            if (feed.muted) {
                flags.append(QStringLiteral("muted"));
            }
            out.write(QStringLiteral("%1  %2  %3 (%4)%5\n")
                          .arg(feed.name, feed.url.toDisplayString(QUrl::RemoveUserInfo),
                               FeedConfig::transportName(feed.effectiveTransport()),
                               PayloadMapper::presetName(feed.preset),
                               flags.isEmpty() ? QString() : QStringLiteral("  [") + flags.join(u", ") + u']')
                          .toUtf8());
        }
    }
    if (loaded.feeds.isEmpty() && !json) {
        out.write(QStringLiteral("No feeds yet. Add one: herald feeds add NAME URL\n").toUtf8());
    }
    return 0;
}

int add(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption preset(QStringLiteral("preset"), QStringLiteral("raw, json, ntfy, gotify or mercure."),
                                    QStringLiteral("NAME"), QStringLiteral("raw"));
    const QCommandLineOption transport(QStringLiteral("transport"),
                                       QStringLiteral("auto, sse, websocket, jsonlines or polling."),
                                       QStringLiteral("NAME"), QStringLiteral("auto"));
    const QCommandLineOption header({QStringLiteral("H"), QStringLiteral("header")},
                                    QStringLiteral("Extra request header \"Name: value\" (repeatable)."),
                                    QStringLiteral("header"));
    const QCommandLineOption publishUrl(QStringLiteral("publish-url"),
                                        QStringLiteral("Where chat replies are POSTed (for SSE feeds)."),
                                        QStringLiteral("URL"));
    const QCommandLineOption tokenStdin(QStringLiteral("token-stdin"),
                                        QStringLiteral("Read a bearer token from standard input into the keychain."));
    const QCommandLineOption tokenInConfig(
        QStringLiteral("store-token-in-config"),
        QStringLiteral("Where no keychain runs: keep the token in the config file (readable by whoever can read "
                       "it)."));
    parser.addOptions({preset, transport, header, publishUrl, tokenStdin, tokenInConfig});
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("a name for the feed"));
    parser.addPositionalArgument(QStringLiteral("URL"), QStringLiteral("its address"));
    if (!parser.parse(QStringList{QStringLiteral("herald feeds add")} + arguments)) {
        return usageError(parser.errorText());
    }
    if (parser.positionalArguments().size() != 2) {
        return usageError(QStringLiteral("add needs a NAME and a URL"));
    }
    QString error;
    const auto headers = parseHeaders(parser.values(header), &error);
    if (!headers) {
        return usageError(error);
    }

    // The same checks as for a feed read from the file: one set of rules for what a feed may be.
    QJsonObject json{{QStringLiteral("name"), parser.positionalArguments().at(0)},
                     {QStringLiteral("url"), parser.positionalArguments().at(1)},
                     {QStringLiteral("preset"), parser.value(preset)},
                     {QStringLiteral("transport"), parser.value(transport)}};
    if (parser.isSet(publishUrl)) {
        json.insert(QStringLiteral("publishUrl"), parser.value(publishUrl));
    }
    QString problem;
    auto feed = FeedConfig::fromJson(json, &problem);
    if (!feed) {
        return usageError(QStringLiteral("this feed cannot be added: %1").arg(problem));
    }
    feed->headers = *headers;

    const ConfigStore store;
    auto loaded = store.load();
    reportProblems(loaded);
    if (refuseToOverwriteBrokenFile(loaded, store)) {
        return 1;
    }
    if (indexOf(loaded.feeds, feed->name) >= 0) {
        ConsoleOutput::error(QStringLiteral("herald feeds: a feed named \"%1\" exists already; remove it first or "
                                            "choose another name")
                                 .arg(feed->name));
        return 1;
    }
    if (parser.isSet(tokenStdin)) {
        QFile input;
        if (!input.open(stdin, QIODevice::ReadOnly)) {
            ConsoleOutput::error(QStringLiteral("herald feeds: could not read the token from standard input"));
            return 1;
        }
        const QString token = QString::fromUtf8(input.readAll()).trimmed();
        if (token.isEmpty()) {
            return usageError(QStringLiteral("--token-stdin got an empty token"));
        }
        feed->auth = FeedConfig::Auth::Bearer;
        SecretStore secrets;
        const auto written = waitFor([&](auto done) { secrets.write(feed->secretKey(), token, done); });
        if (written.error == SecretStore::Error::NoKeychain && parser.isSet(tokenInConfig)) {
            feed->inlineSecret = token;
            ConsoleOutput::error(QStringLiteral("herald feeds: warning: no keychain, so the token is in %1, "
                                                "readable by whoever can read that file")
                                     .arg(store.path()));
        } else if (written.error != SecretStore::Error::NoError) {
            ConsoleOutput::error(QStringLiteral("herald feeds: %1%2")
                                     .arg(written.message, written.error == SecretStore::Error::NoKeychain
                                                               ? QStringLiteral(" (add --store-token-in-config)")
                                                               : QString()));
            return 1;
        }
    }
    loaded.feeds.append(*feed);
    return save(store, loaded.feeds, loaded.settings);
}

int removeOrToggle(const QString &verb, const QStringList &arguments)
{
    if (arguments.size() != 1) {
        return usageError(QStringLiteral("%1 needs the NAME of one feed").arg(verb));
    }
    const QString name = arguments.first();
    const ConfigStore store;
    auto loaded = store.load();
    reportProblems(loaded);
    if (refuseToOverwriteBrokenFile(loaded, store)) {
        return 1;
    }
    const qsizetype index = indexOf(loaded.feeds, name);
    if (index < 0) {
        ConsoleOutput::error(QStringLiteral("herald feeds: there is no feed named \"%1\"; 'herald feeds list' shows "
                                            "them")
                                 .arg(name));
        return 1;
    }
    if (verb == QLatin1String("remove")) {
        const FeedConfig removed = loaded.feeds.takeAt(index);
        if (removed.auth != FeedConfig::Auth::None && removed.inlineSecret.isEmpty()) {
            SecretStore secrets;
            const auto result = waitFor([&](auto done) { secrets.remove(removed.secretKey(), done); });
            if (result.error != SecretStore::Error::NoError && result.error != SecretStore::Error::NotFound) {
                ConsoleOutput::error(QStringLiteral("herald feeds: warning: %1").arg(result.message));
            }
        }
    } else {
        loaded.feeds[index].enabled = verb == QLatin1String("enable");
    }
    return save(store, loaded.feeds, loaded.settings);
}

} // namespace

int runFeedsCommand(const QStringList &arguments, ConsoleOutput &out)
{
    const QString verb = arguments.value(0);
    const QStringList rest = arguments.mid(1);
    if (verb == QLatin1String("list")) {
        return list(rest, out);
    }
    if (verb == QLatin1String("add")) {
        return add(rest);
    }
    if (verb == QLatin1String("remove") || verb == QLatin1String("enable") || verb == QLatin1String("disable")) {
        return removeOrToggle(verb, rest);
    }
    if (verb == QLatin1String("--help") || verb == QLatin1String("-h")) {
        std::fputs("Usage: herald feeds list [--json]\n"
                   "       herald feeds add NAME URL [--preset P] [--transport T] [-H \"Name: value\"]\n"
                   "                                 [--publish-url URL] [--token-stdin [--store-token-in-config]]\n"
                   "       herald feeds remove|enable|disable NAME\n",
                   stdout);
        return 0;
    }
    return usageError(verb.isEmpty() ? QStringLiteral("say what to do: list, add, remove, enable or disable")
                                     : QStringLiteral("unknown command \"%1\"").arg(verb));
}

} // namespace herald::cli
