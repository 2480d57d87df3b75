#include "FeedsCommand.h"

#include "CommandLineValues.h"
#include "ConsoleOutput.h"
#include "JsonLine.h"
#include "protocol/MessageProtocol.h"
#include "store/ConfigStore.h"
#include "store/SecretStore.h"
#include "util/SafeText.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
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

// Applies edit to the config file as it is at this moment, under the lock the app takes too.
int update(const ConfigStore::Edit &edit)
{
    const ConfigStore store;
    QString error;
    ConfigStore::Loaded loaded;
    const bool ok = store.update(edit, &error, &loaded);
    reportProblems(loaded);
    if (!ok) {
        ConsoleOutput::error(QStringLiteral("herald feeds: %1").arg(error));
        return 1;
    }
    return 0;
}

QString noSuchFeed(const QString &name)
{
    return QStringLiteral("there is no feed named \"%1\"; 'herald feeds list' shows them").arg(name);
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

// Where a feed's token or password comes from, in a word.
QString secretSource(const FeedConfig &feed)
{
    if (feed.auth == FeedConfig::Auth::None) {
        return QStringLiteral("none");
    }
    if (!feed.secretCommand.isEmpty()) {
        return QStringLiteral("command");
    }
    return feed.inlineSecret.isEmpty() ? QStringLiteral("keychain") : QStringLiteral("config file");
}

// What a command did, on one line of standard output (a feed's name may hold anything).
void say(const QString &what)
{
    std::fputs(qPrintable(terminalSafe(what) + u'\n'), stdout);
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
    QList<QStringList> rows; // name, address, the rest: aligned once all are known
    for (const FeedConfig &feed : loaded.feeds) {
        if (json) {
            JsonLine line;
            line.add("kind", "feed")
                .add("name", feed.name)
                .add("url", feed.url.toString(QUrl::RemovePassword)) // the password stays in the config file
                .add("transport", FeedConfig::transportName(feed.effectiveTransport()))
                .add("preset", PayloadMapper::presetName(feed.preset))
                .add("auth", FeedConfig::authName(feed.auth))
                .add("secretFrom", secretSource(feed))
                .add("reconnect", feed.reconnect)
                .add("enabled", feed.enabled)
                .add("muted", feed.muted || (feed.rules.mutedUntil.isValid() &&
                                             feed.rules.mutedUntil > QDateTime::currentDateTime()));
            if (feed.rules.mutedUntil.isValid()) {
                line.add("mutedUntil", feed.rules.mutedUntil.toUTC().toString(Qt::ISODate));
            }
            if (feed.protocol.isSet()) {
                line.add("protocol", feed.protocol.name.isEmpty() ? QStringLiteral("plain") : feed.protocol.name);
            }
            out.write(line.toLine());
        } else {
            QStringList flags;
            if (feed.protocol.isSet() && !feed.protocol.name.isEmpty()) {
                flags.append(feed.protocol.name);
            }
            if (!feed.enabled) {
                flags.append(QStringLiteral("disabled"));
            }
            if (feed.auth != FeedConfig::Auth::None) {
                flags.append(
                    QStringLiteral("%1, secret from %2").arg(FeedConfig::authName(feed.auth), secretSource(feed)));
            }
            if (!feed.reconnect) {
                flags.append(QStringLiteral("no reconnect"));
            }
            if (feed.muted) {
                flags.append(QStringLiteral("muted"));
            } else if (feed.rules.mutedUntil.isValid() && feed.rules.mutedUntil > QDateTime::currentDateTime()) {
                flags.append(
                    QStringLiteral("muted until %1")
                        .arg(feed.rules.mutedUntil.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
            }
            rows.append(
                {terminalSafe(feed.name), terminalSafe(feed.url.toDisplayString(QUrl::RemoveUserInfo)),
                 QStringLiteral("%1 (%2)%3")
                     .arg(FeedConfig::transportName(feed.effectiveTransport()), PayloadMapper::presetName(feed.preset),
                          flags.isEmpty() ? QString() : QStringLiteral("  [") + flags.join(u", ") + u']')});
        }
    }
    qsizetype nameWidth = 0;
    qsizetype urlWidth = 0;
    for (const QStringList &row : std::as_const(rows)) {
        nameWidth = std::max(nameWidth, row.at(0).size());
        urlWidth = std::max(urlWidth, row.at(1).size());
    }
    for (const QStringList &row : std::as_const(rows)) {
        out.write((row.at(0).leftJustified(nameWidth) + QStringLiteral("  ") + row.at(1).leftJustified(urlWidth) +
                   QStringLiteral("  ") + row.at(2) + u'\n')
                      .toUtf8());
    }
    if (loaded.feeds.isEmpty() && !json) {
        out.write(QStringLiteral("No feeds yet. Add one: herald feeds add NAME URL\n").toUtf8());
    }
    return 0;
}

int add(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption preset(
        QStringLiteral("preset"),
        QStringLiteral("auto (default: ntfy, gotify, Mercure, JSON or text, as each payload "
                       "looks), raw, json, ntfy, gotify or mercure."),
        QStringLiteral("NAME"), QStringLiteral("auto"));
    const QCommandLineOption transport(QStringLiteral("transport"),
                                       QStringLiteral("auto, sse, websocket, jsonlines or polling."),
                                       QStringLiteral("NAME"), QStringLiteral("auto"));
    const QCommandLineOption header(
        {QStringLiteral("H"), QStringLiteral("header")},
        QStringLiteral("Extra request header \"Name: value\" (repeatable); @FILE or @env:NAME reads one a line, "
                       "keeping secrets out of the process list."),
        QStringLiteral("header"));
    const QCommandLineOption publishUrl(QStringLiteral("publish-url"),
                                        QStringLiteral("Where chat replies are POSTed (for SSE feeds)."),
                                        QStringLiteral("URL"));
    const QCommandLineOption tokenStdin(QStringLiteral("token-stdin"),
                                        QStringLiteral("Read the token or password from standard input into the "
                                                       "keychain."));
    const QCommandLineOption secretCommand(QStringLiteral("secret-command"),
                                           QStringLiteral("Take the token or password from the first line this "
                                                          "command prints, e.g. \"pass show herald/ntfy\"."),
                                           QStringLiteral("COMMAND"));
    const QCommandLineOption auth(QStringLiteral("auth"),
                                  QStringLiteral("bearer (default), basic (with --user) or query (the token in the "
                                                 "URL's --query-parameter)."),
                                  QStringLiteral("TYPE"));
    const QCommandLineOption user(
        QStringLiteral("user"),
        QStringLiteral("The user name for basic authentication (MQTT: the broker's user, in CONNECT)."),
        QStringLiteral("NAME"));
    const QCommandLineOption queryParameter(QStringLiteral("query-parameter"),
                                            QStringLiteral("The URL parameter that carries the token (default auth)."),
                                            QStringLiteral("NAME"));
    const QCommandLineOption reconnectDelay(QStringLiteral("reconnect-delay"),
                                            QStringLiteral("Seconds to wait before reconnecting (default 3)."),
                                            QStringLiteral("SECONDS"));
    const QCommandLineOption maxReconnectDelay(QStringLiteral("max-reconnect-delay"),
                                               QStringLiteral("The longest wait as failures repeat (default 60)."),
                                               QStringLiteral("SECONDS"));
    const QCommandLineOption noReconnect(QStringLiteral("no-reconnect"),
                                         QStringLiteral("Do not reconnect after the connection drops."));
    const QCommandLineOption tokenInConfig(
        QStringLiteral("store-token-in-config"),
        QStringLiteral("Where no keychain runs: keep the token in the config file (readable by whoever can read "
                       "it)."));
    const QCommandLineOption pollInterval(QStringLiteral("poll-interval"),
                                          QStringLiteral("Polling: seconds between requests (default 60)."),
                                          QStringLiteral("SECONDS"));
    const QCommandLineOption proxy(QStringLiteral("proxy"),
                                   QStringLiteral("system (default), none, http://host:port or socks5://host:port."),
                                   QStringLiteral("PROXY"));
    const QCommandLineOption caFile(QStringLiteral("ca-file"),
                                    QStringLiteral("Also trust the certificates in this PEM file."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption pin(QStringLiteral("pin-sha256"),
                                 QStringLiteral("Accept only the server certificate with this SHA-256 digest."),
                                 QStringLiteral("HEX"));
    const QCommandLineOption clientCertificate(QStringLiteral("client-cert"),
                                               QStringLiteral("Present the client certificate in this PKCS#12 file."),
                                               QStringLiteral("FILE"));
    const QCommandLineOption insecure(QStringLiteral("accept-invalid-certificates"),
                                      QStringLiteral("Trust any certificate (unsafe: anyone on the way can listen)."));
    const QCommandLineOption h2c(QStringLiteral("h2c"),
                                 QStringLiteral("Speak HTTP/2 over plain http:// (the server must support it)."));
    const QCommandLineOption method({QStringLiteral("X"), QStringLiteral("method")},
                                    QStringLiteral("SSE: the request method (default GET; POST with --data)."),
                                    QStringLiteral("METHOD"));
    const QCommandLineOption body({QStringLiteral("d"), QStringLiteral("data")},
                                  QStringLiteral("SSE: the request body, sent on every (re)connect."),
                                  QStringLiteral("BODY"));
    const QCommandLineOption subprotocol(QStringLiteral("subprotocol"),
                                         QStringLiteral("WebSocket: offer this subprotocol (repeatable)."),
                                         QStringLiteral("NAME"));
    ProtocolFlags protocolFlags(ProtocolFlags::Verb::Feed);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(subprotocol);
    protocolFlags.addTo(parser);
    parser.addOptions({preset,
                       transport,
                       header,
                       publishUrl,
                       tokenStdin,
                       tokenInConfig,
                       secretCommand,
                       auth,
                       user,
                       queryParameter,
                       pollInterval,
                       reconnectDelay,
                       maxReconnectDelay,
                       noReconnect,
                       proxy,
                       caFile,
                       pin,
                       clientCertificate,
                       insecure,
                       h2c,
                       method,
                       body,
                       help});
    parser.setApplicationDescription(QStringLiteral("Add a feed to the config file the tray app and 'herald run' "
                                                    "follow; a running Herald starts it at once."));
    parser.addPositionalArgument(QStringLiteral("NAME"),
                                 QStringLiteral("a name for the feed (left out: one from the address, e.g. its ntfy "
                                                "topic)"),
                                 QStringLiteral("[NAME]"));
    parser.addPositionalArgument(QStringLiteral("URL"), QStringLiteral("its address"));
    if (!parser.parse(QStringList{QStringLiteral("herald feeds add")} + arguments)) {
        return usageError(parserProblem(parser, arguments));
    }
    if (parser.isSet(help)) {
        std::fputs(qPrintable(helpFor(parser, QStringLiteral("feeds add"))), stdout);
        return 0;
    }
    QStringList positional = parser.positionalArguments();
    if (positional.size() == 1 && positional.first().contains(QLatin1String("://"))) {
        QStringList taken;
        for (const FeedConfig &feed : ConfigStore().load().feeds) {
            taken.append(feed.name);
        }
        const QString suggested = FeedConfig::suggestName(QUrl(positional.first()), taken);
        if (!suggested.isEmpty()) {
            positional.prepend(suggested);
        }
    }
    if (positional.size() != 2) {
        return usageError(QStringLiteral("add needs a URL, and a NAME before it unless one can come from the URL"));
    }
    QString error;
    const auto headers = parseHeaders(parser.values(header), &error);
    if (!headers) {
        return usageError(error);
    }

    // The same checks as for a feed read from the file: one set of rules for what a feed may be.
    QJsonObject json{{QStringLiteral("name"), positional.at(0)},
                     {QStringLiteral("url"), positional.at(1)},
                     {QStringLiteral("preset"), parser.value(preset)},
                     {QStringLiteral("transport"), parser.value(transport)}};
    if (parser.isSet(publishUrl)) {
        json.insert(QStringLiteral("publishUrl"), parser.value(publishUrl));
    }
    if (parser.isSet(pollInterval)) {
        const auto interval = parseSeconds(parser.value(pollInterval));
        if (!interval || *interval < 1000) {
            return usageError(QStringLiteral("--poll-interval takes a whole number of seconds, 1 or more"));
        }
        json.insert(QStringLiteral("pollIntervalSeconds"), int(*interval / 1000));
    }
    if (parser.isSet(proxy)) {
        json.insert(QStringLiteral("proxy"), parser.value(proxy));
    }
    if (parser.isSet(h2c)) {
        json.insert(QStringLiteral("http2Cleartext"), true);
    }
    if (parser.isSet(method)) {
        json.insert(QStringLiteral("method"), parser.value(method));
    }
    if (parser.isSet(body)) {
        json.insert(QStringLiteral("body"), parser.value(body));
    }
    if (parser.isSet(subprotocol)) {
        json.insert(QStringLiteral("subprotocols"), QJsonArray::fromStringList(parser.values(subprotocol)));
    }
    if (!protocolFlags.read(parser, &error)) {
        return usageError(error);
    }
    if (protocolFlags.isSet()) {
        json.insert(QStringLiteral("protocol"), FeedConfig::protocolToJson(protocolFlags.options()));
    }
    if (parser.isSet(reconnectDelay) || parser.isSet(maxReconnectDelay) || parser.isSet(noReconnect)) {
        QJsonObject reconnect{{QStringLiteral("enabled"), !parser.isSet(noReconnect)}};
        for (const auto &[option, key] :
             {std::pair{&reconnectDelay, "delaySeconds"}, std::pair{&maxReconnectDelay, "maxDelaySeconds"}}) {
            if (parser.isSet(*option)) {
                const auto seconds = parseSeconds(parser.value(*option));
                if (!seconds || *seconds < 1000) {
                    return usageError(QStringLiteral("--%1 takes a whole number of seconds, 1 or more")
                                          .arg(option->names().constFirst()));
                }
                reconnect.insert(QLatin1String(key), int(*seconds / 1000));
            }
        }
        if (parser.isSet(reconnectDelay) && !parser.isSet(maxReconnectDelay)) {
            // A longer first wait than the default cap raises the cap with it.
            const int delay = reconnect.value(QStringLiteral("delaySeconds")).toInt();
            reconnect.insert(QStringLiteral("maxDelaySeconds"), std::max(delay, FeedConfig().maxReconnectDelaySeconds));
        }
        json.insert(QStringLiteral("reconnect"), reconnect);
    }
    const bool hasSecret = parser.isSet(tokenStdin) || parser.isSet(secretCommand);
    if (parser.isSet(tokenStdin) && parser.isSet(secretCommand)) {
        return usageError(QStringLiteral("give the secret one way: --token-stdin or --secret-command"));
    }
    if ((parser.isSet(auth) || parser.isSet(user) || parser.isSet(queryParameter)) && !hasSecret) {
        return usageError(QStringLiteral("authentication needs its secret: add --token-stdin (and type or pipe it) "
                                         "or --secret-command COMMAND"));
    }
    if (parser.value(auth) == QLatin1String("basic") && !parser.isSet(user)) {
        return usageError(QStringLiteral("basic authentication needs --user NAME")); // the file's rule, in flags
    }
    if (hasSecret) {
        QJsonObject authObject{
            {QStringLiteral("type"), parser.value(auth).isEmpty()
                                         ? (parser.isSet(user) ? QStringLiteral("basic") : QStringLiteral("bearer"))
                                         : parser.value(auth)}};
        if (parser.isSet(user)) {
            authObject.insert(QStringLiteral("username"), parser.value(user));
        }
        if (parser.isSet(queryParameter)) {
            authObject.insert(QStringLiteral("queryParameter"), parser.value(queryParameter));
        }
        if (parser.isSet(secretCommand)) {
            authObject.insert(QStringLiteral("secretCommand"), parser.value(secretCommand));
        }
        json.insert(QStringLiteral("auth"), authObject);
    }
    QJsonObject tls;
    if (parser.isSet(caFile)) {
        tls.insert(QStringLiteral("caCertificateFile"), QFileInfo(parser.value(caFile)).absoluteFilePath());
    }
    if (parser.isSet(pin)) {
        tls.insert(QStringLiteral("certificatePin"), parser.value(pin));
    }
    if (parser.isSet(clientCertificate)) {
        tls.insert(QStringLiteral("clientCertificateFile"),
                   QFileInfo(parser.value(clientCertificate)).absoluteFilePath());
    }
    if (parser.isSet(insecure)) {
        tls.insert(QStringLiteral("acceptInvalidCertificates"), true);
        ConsoleOutput::error(QStringLiteral("herald feeds: warning: this feed trusts any certificate, so anyone "
                                            "between you and the server can read and change what it receives"));
    }
    if (!tls.isEmpty()) {
        json.insert(QStringLiteral("tls"), tls);
    }
    QString problem;
    auto feed = FeedConfig::fromJson(json, &problem);
    if (!feed) {
        return usageError(QStringLiteral("this feed cannot be added: %1").arg(problem));
    }
    feed->headers = *headers;

    const ConfigStore store;
    if (indexOf(store.load().feeds, feed->name) >= 0) {
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
    const int status = update([&](ConfigStore::Loaded &loaded, QString *why) {
        if (indexOf(loaded.feeds, feed->name) >= 0) { // added by someone else meanwhile
            *why = QStringLiteral("a feed named \"%1\" exists already; remove it first or choose another name")
                       .arg(feed->name);
            return false;
        }
        loaded.feeds.append(*feed);
        return true;
    });
    if (status == 0) {
        say(QStringLiteral("added \"%1\": %2, %3 (%4); the running app follows it at once")
                .arg(feed->name, feed->url.toDisplayString(QUrl::RemoveUserInfo),
                     FeedConfig::transportName(feed->effectiveTransport()), PayloadMapper::presetName(feed->preset)));
    }
    return status;
}

int removeOrToggle(const QString &verb, const QStringList &arguments)
{
    if (arguments.size() != 1) {
        return usageError(QStringLiteral("%1 needs the NAME of one feed").arg(verb));
    }
    const QString name = arguments.first();
    std::optional<FeedConfig> removed;
    const int status = update([&](ConfigStore::Loaded &loaded, QString *problem) {
        const qsizetype index = indexOf(loaded.feeds, name);
        if (index < 0) {
            *problem = noSuchFeed(name);
            return false;
        }
        if (verb == QLatin1String("remove")) {
            removed = loaded.feeds.takeAt(index);
        } else {
            loaded.feeds[index].enabled = verb == QLatin1String("enable");
        }
        return true;
    });
    if (status == 0) {
        say(QStringLiteral("%1 \"%2\"")
                .arg(verb == QLatin1String("remove")   ? QStringLiteral("removed")
                     : verb == QLatin1String("enable") ? QStringLiteral("enabled")
                                                       : QStringLiteral("disabled"),
                     name));
    }
    if (status == 0 && removed && removed->auth != FeedConfig::Auth::None && removed->inlineSecret.isEmpty()) {
        SecretStore secrets;
        const auto result = waitFor([&](auto done) { secrets.remove(removed->secretKey(), done); });
        if (result.error != SecretStore::Error::NoError && result.error != SecretStore::Error::NotFound) {
            ConsoleOutput::error(QStringLiteral("herald feeds: warning: %1").arg(result.message));
        }
    }
    return status;
}

// "30m", "2h", "1d", "90s" or plain seconds.
// 30m, 2h, 1d (or 90s): a unit is required, since a bare "2" read as seconds surprised people. At most a year.
std::optional<qint64> parseDuration(const QString &text)
{
    static const QHash<QChar, qint64> units{{u's', 1000}, {u'm', 60 * 1000}, {u'h', 3600 * 1000}, {u'd', 86400 * 1000}};
    const QString trimmed = text.trimmed().toLower();
    if (trimmed.isEmpty()) {
        return std::nullopt;
    }
    const qint64 unit = units.value(trimmed.back(), 0);
    bool ok = false;
    const double amount = trimmed.chopped(1).toDouble(&ok);
    if (unit == 0 || !ok || !std::isfinite(amount) || amount <= 0 || amount * double(unit) > 366.0 * 86400 * 1000) {
        return std::nullopt;
    }
    return qint64(amount * double(unit));
}

int muteOrUnmute(const QString &verb, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption forOption(QStringLiteral("for"), QStringLiteral("How long: 30m, 2h, 1d."),
                                       QStringLiteral("DURATION"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    if (verb == QLatin1String("mute")) {
        parser.addOption(forOption);
    }
    parser.addOption(help);
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("the feed"));
    if (!parser.parse(QStringList{QStringLiteral("herald feeds ") + verb} + arguments)) {
        return usageError(parserProblem(parser, arguments));
    }
    if (parser.isSet(help)) {
        std::fputs(qPrintable(helpFor(parser, QStringLiteral("feeds ") + verb)), stdout);
        return 0;
    }
    if (parser.positionalArguments().size() != 1) {
        return usageError(QStringLiteral("%1 needs the NAME of one feed").arg(verb));
    }
    std::optional<qint64> duration;
    if (verb == QLatin1String("mute") && parser.isSet(forOption)) {
        duration = parseDuration(parser.value(forOption));
        if (!duration) {
            return usageError(
                QStringLiteral(
                    "--for takes a duration with its unit, such as 30m, 2h or 1d (at most a year), not \"%1\"")
                    .arg(parser.value(forOption)));
        }
    }
    const QString name = parser.positionalArguments().first();
    QDateTime until;
    const int status = update([&](ConfigStore::Loaded &loaded, QString *problem) {
        const qsizetype index = indexOf(loaded.feeds, name);
        if (index < 0) {
            *problem = noSuchFeed(name);
            return false;
        }
        FeedConfig &feed = loaded.feeds[index];
        if (verb == QLatin1String("unmute")) {
            feed.muted = false;
            feed.rules.mutedUntil = QDateTime();
        } else if (duration) {
            feed.muted = false;
            feed.rules.mutedUntil = QDateTime::currentDateTimeUtc().addMSecs(*duration);
            until = feed.rules.mutedUntil;
        } else {
            feed.muted = true;
        }
        return true;
    });
    if (status == 0) { // say what was set: "--for 2" once meant two seconds, silently
        const QString what = verb == QLatin1String("unmute") ? QStringLiteral("unmuted \"%1\"").arg(name)
                             : until.isValid()
                                 ? QStringLiteral("muted \"%1\" until %2")
                                       .arg(name, until.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                                 : QStringLiteral("muted \"%1\" until you unmute it").arg(name);
        say(what);
    }
    return status;
}

} // namespace

int runFeedsCommand(const QStringList &arguments, ConsoleOutput &out)
{
    const QString verb = arguments.value(0);
    const QStringList rest = arguments.mid(1);
    if (verb == QLatin1String("list") || arguments.isEmpty()) { // a bare "herald feeds" shows them, as git remote does
        return list(rest, out);
    }
    if (verb == QLatin1String("--json")) {
        return list(arguments, out);
    }
    if (verb == QLatin1String("add")) {
        return add(rest);
    }
    if (verb == QLatin1String("remove") || verb == QLatin1String("enable") || verb == QLatin1String("disable")) {
        return removeOrToggle(verb, rest);
    }
    if (verb == QLatin1String("mute") || verb == QLatin1String("unmute")) {
        return muteOrUnmute(verb, rest);
    }
    if (verb == QLatin1String("--help") || verb == QLatin1String("-h") || verb == QLatin1String("help") ||
        ((verb == QLatin1String("remove") || verb == QLatin1String("enable") || verb == QLatin1String("disable") ||
          verb == QLatin1String("list")) &&
         (rest.contains(QLatin1String("--help")) || rest.contains(QLatin1String("-h"))))) {
        std::fputs("Usage: herald feeds [list] [--json]\n"
                   "       herald feeds add [NAME] URL [--preset P] [--transport T] [-H \"Name: value\"]\n"
                   "                                 [--publish-url URL] [--auth bearer|basic|query]\n"
                   "                                 [--user NAME] [--query-parameter NAME]\n"
                   "                                 [--token-stdin [--store-token-in-config]]\n"
                   "                                 [--secret-command COMMAND]\n"
                   "                                 [--poll-interval SECONDS] [--reconnect-delay SECONDS]\n"
                   "                                 [--max-reconnect-delay SECONDS] [--no-reconnect]\n"
                   "                                 [--proxy PROXY] [--ca-file FILE]\n"
                   "                                 [--pin-sha256 HEX] [--client-cert FILE.p12]\n"
                   "                                 [--accept-invalid-certificates]\n"
                   "       herald feeds remove|enable|disable NAME\n"
                   "       herald feeds mute NAME [--for 30m|2h|1d]\n"
                   "       herald feeds unmute NAME\n"
                   "Rules, quiet hours and the rest of a feed's settings live in the config file:\n"
                   "  herald feeds path\n",
                   stdout);
        return 0;
    }
    if (verb == QLatin1String("path")) {
        std::fputs(qPrintable(ConfigStore().path() + u'\n'), stdout);
        return 0;
    }
    return usageError(QStringLiteral("unknown command \"%1\"").arg(verb));
}

} // namespace herald::cli
