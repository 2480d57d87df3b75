#include "CommandLineValues.h"

#include "ConsoleOutput.h"
#include "feed/FeedConfig.h"
#include "net/HttpFields.h"
#include "util/SafeText.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <cmath>

namespace herald::cli {

namespace {

// The lines of -H @FILE or -H @env:NAME: secrets stay out of argv, where every user of the machine can read them.
std::optional<QStringList> headerLines(const QString &source, QString *error)
{
    QByteArray text;
    if (source.startsWith(QLatin1String("env:"))) {
        const QByteArray name = source.sliced(4).toLocal8Bit();
        if (name.isEmpty() || !qEnvironmentVariableIsSet(name.constData())) {
            *error = QStringLiteral("-H @%1: no such environment variable").arg(source);
            return std::nullopt;
        }
        text = qgetenv(name.constData());
    } else {
        QFile file(source);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("-H @%1: cannot read the file (%2)").arg(source, file.errorString());
            return std::nullopt;
        }
        text = file.read(64 * 1024);
    }
    QStringList lines;
    for (QByteArray line : text.split('\n')) {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (!line.trimmed().isEmpty()) {
            lines.append(QString::fromUtf8(line));
        }
    }
    return lines;
}

} // namespace

std::optional<QList<QPair<QByteArray, QByteArray>>> parseHeaders(const QStringList &values, QString *error)
{
    QStringList lines;
    for (const QString &value : values) {
        if (value.startsWith(u'@')) {
            const auto fromSource = headerLines(value.sliced(1), error);
            if (!fromSource) {
                return std::nullopt;
            }
            lines += *fromSource;
        } else {
            lines.append(value);
        }
    }
    QList<QPair<QByteArray, QByteArray>> headers;
    for (const QString &line : std::as_const(lines)) {
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        const QString name = colon > 0 ? line.first(colon).trimmed() : QString();
        if (name.isEmpty()) {
            // Not the value: it may be a token.
            *error = QStringLiteral("-H needs \"Name: value\" (or @FILE with one such line each); a header had no "
                                    "name before a colon");
            return std::nullopt;
        }
        const QByteArray value = line.sliced(colon + 1).trimmed().toUtf8();
        if (const QString problem = http::fieldProblem(name.toLatin1(), value); !problem.isEmpty()) {
            *error = QStringLiteral("-H \"%1: …\" %2").arg(terminalSafe(name.left(80)), problem);
            return std::nullopt;
        }
        headers.append({name.toLatin1(), value});
    }
    return headers;
}

std::optional<qint64> parseSeconds(const QString &text)
{
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds <= 0 || seconds > 1e7) {
        return std::nullopt;
    }
    return qint64(std::llround(seconds * 1000));
}

QString helpFor(const QCommandLineParser &parser, const QString &verb)
{
    QString text = parser.helpText();
    const qsizetype lineEnd = text.indexOf(u'\n');
    const QString usage = text.left(lineEnd);
    const qsizetype options = usage.indexOf(QLatin1String(" ["));
    const qsizetype afterProgram = options >= 0 ? options : usage.indexOf(u' ', 7);
    text.replace(0, afterProgram < 0 ? lineEnd : afterProgram, QStringLiteral("Usage: herald ") + verb);
    return text;
}

ProtocolFlags::ProtocolFlags(Verb verb)
    : m_verb(verb)
    , m_protocol(QStringLiteral("protocol"),
                 QStringLiteral("WebSocket: the protocol the endpoint speaks: %1 (default plain).")
                     .arg(protocol::protocolNames().join(QStringLiteral(", "))),
                 QStringLiteral("NAME"))
    , m_namespace(QStringLiteral("namespace"), QStringLiteral("Socket.IO: the namespace to join (default /)."),
                  QStringLiteral("NS"))
    , m_auth(verb == Verb::Feed ? QStringLiteral("auth-payload") : QStringLiteral("auth"),
             verb == Verb::Feed ? QStringLiteral("Socket.IO: the auth payload; graphql-ws: the connection_init payload "
                                                 "(a JSON object; ${secret} is the feed's token).")
                                : QStringLiteral("Socket.IO: the auth payload; graphql-ws: the connection_init payload "
                                                 "(a JSON object)."),
             QStringLiteral("JSON"))
    , m_onOpen(QStringLiteral("on-open"),
               QStringLiteral("WebSocket: send this after every (re)connect, ${secret} from HERALD_SECRET "
                              "(repeatable)."),
               QStringLiteral("TEXT"))
    , m_eventOption(QStringLiteral("event"), QStringLiteral("Socket.IO: the event name to emit (default message)."),
                    QStringLiteral("NAME"))
    , m_subscribe(QStringLiteral("subscribe"), QStringLiteral("graphql-ws: the subscription to run."),
                  QStringLiteral("QUERY"))
    , m_variables(QStringLiteral("variables"), QStringLiteral("graphql-ws: its variables, a JSON object."),
                  QStringLiteral("JSON"))
    , m_topic(QStringLiteral("topic"),
              verb == Verb::Send
                  ? QStringLiteral("MQTT: the topic to publish to.")
                  : QStringLiteral("MQTT: subscribe to this topic filter (repeatable; + and # wildcards)."),
              QStringLiteral("TOPIC"))
    , m_publishTopic(QStringLiteral("publish-topic"),
                     verb == Verb::Feed ? QStringLiteral("MQTT: where the chat window publishes (default: the --topic, "
                                                         "when it has no wildcard).")
                                        : QStringLiteral("MQTT: where typed lines are published (default: the --topic, "
                                                         "when it has no wildcard)."),
                     QStringLiteral("TOPIC"))
    , m_qos(QStringLiteral("qos"),
            verb == Verb::Feed
                ? QStringLiteral("MQTT: 1 (default: acknowledged, and kept by the broker while Herald is away) or 0.")
                : QStringLiteral("MQTT: 0 (default) or 1 (acknowledged, kept while away with --client-id)."),
            QStringLiteral("0|1"))
    , m_clientId(
          QStringLiteral("client-id"),
          verb == Verb::Feed
              ? QStringLiteral("MQTT: the client id (default: one of this machine's own for the feed, so that its "
                               "session persists).")
              : QStringLiteral("MQTT: a fixed client id, for a persistent session (default: a new one, clean)."),
          QStringLiteral("ID"))
    , m_username(QStringLiteral("username"),
                 QStringLiteral("MQTT: the user name to connect with; the password is read from HERALD_SECRET."),
                 QStringLiteral("NAME"))
    , m_retain(QStringLiteral("retain"), QStringLiteral("MQTT: the broker keeps the message for later subscribers."))
    , m_keepalive(QStringLiteral("keepalive"),
                  QStringLiteral("WebSocket: send this text every --keepalive-interval seconds (an application ping)."),
                  QStringLiteral("TEXT"))
    , m_keepaliveInterval(QStringLiteral("keepalive-interval"),
                          QStringLiteral("WebSocket: seconds between keepalive texts (default 30)."),
                          QStringLiteral("SECONDS"))
    , m_answer(QStringLiteral("answer"),
               QStringLiteral("WebSocket: reply to the server's own pings, 'MATCH=>REPLY': a message that wholly "
                              "matches the regular expression MATCH gets REPLY (${1}… from its groups) and is not "
                              "shown (repeatable)."),
               QStringLiteral("MATCH=>REPLY"))
{}

void ProtocolFlags::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_protocol, m_namespace, m_auth, m_topic, m_qos, m_clientId});
    if (m_verb != Verb::Feed) {
        parser.addOption(m_username);
    }
    if (m_verb != Verb::Send) {
        parser.addOptions({m_onOpen, m_subscribe, m_variables, m_keepalive, m_keepaliveInterval, m_answer});
    }
    if (m_verb == Verb::Connect || m_verb == Verb::Send) {
        parser.addOption(m_eventOption);
    }
    if (m_verb != Verb::Listen) {
        parser.addOption(m_retain);
    }
    if (m_verb == Verb::Connect || m_verb == Verb::Feed) {
        parser.addOption(m_publishTopic);
    }
}

bool ProtocolFlags::read(const QCommandLineParser &parser, QString *error)
{
    m_options.name = parser.value(m_protocol);
    if (parser.isSet(m_namespace)) {
        m_options.socketIoNamespace = parser.value(m_namespace);
    }
    m_options.socketIoAuth = parser.value(m_auth).toUtf8();
    if (m_verb != Verb::Send) {
        m_options.onOpen = parser.values(m_onOpen);
        m_options.query = parser.value(m_subscribe);
        m_options.variables = parser.value(m_variables).toUtf8();
    }
    if (m_verb != Verb::Feed) {
        m_options.secret = qEnvironmentVariable("HERALD_SECRET"); // a feed's is in the keychain
    }
    if (m_verb == Verb::Connect || m_verb == Verb::Send) {
        m_event = parser.value(m_eventOption);
    }
    if (m_verb != Verb::Listen) {
        m_options.retain = parser.isSet(m_retain);
    }
    if (m_verb == Verb::Send) {
        m_options.publishTopic = parser.value(m_topic);
    } else {
        m_options.topics = parser.values(m_topic);
        m_options.keepaliveText = parser.value(m_keepalive);
        if (parser.isSet(m_keepaliveInterval)) {
            const auto ms = parseSeconds(parser.value(m_keepaliveInterval));
            if (!ms || *ms < 1000 || !parser.isSet(m_keepalive)) {
                *error = parser.isSet(m_keepalive)
                             ? QStringLiteral("--keepalive-interval needs a number of seconds, 1 or more, got \"%1\"")
                                   .arg(parser.value(m_keepaliveInterval))
                             : QStringLiteral("--keepalive-interval goes with --keepalive TEXT");
                return false;
            }
            m_options.keepaliveSeconds = int(*ms / 1000);
        }
        for (const QString &answer : parser.values(m_answer)) {
            const qsizetype arrow = answer.indexOf(QLatin1String("=>"));
            if (arrow <= 0) {
                *error =
                    QStringLiteral("--answer is 'MATCH=>REPLY', like '\\{\"op\":\"ping\"\\}=>{\"op\":\"pong\"}', got "
                                   "\"%1\"")
                        .arg(answer);
                return false;
            }
            m_options.answers.append({answer.left(arrow), answer.mid(arrow + 2)});
        }
    }
    if (m_verb == Verb::Connect || m_verb == Verb::Feed) {
        m_options.publishTopic = parser.value(m_publishTopic);
    }
    if (parser.isSet(m_qos)) {
        const QString qos = parser.value(m_qos);
        if (qos != QLatin1String("0") && qos != QLatin1String("1")) {
            *error = QStringLiteral("--qos is 0 or 1, got \"%1\"").arg(qos);
            return false;
        }
        m_options.qos = qos.toInt();
    }
    m_options.clientId = parser.value(m_clientId);
    if (m_verb != Verb::Feed) {
        m_options.username = parser.value(m_username);
    }
    m_set = parser.isSet(m_protocol) || m_options.isSet();
    const bool mqtt = isMqtt();
    if (m_verb != Verb::Feed && parser.isSet(m_username) && !mqtt) {
        *error = QStringLiteral("--username applies to --protocol mqtt or mqtt5 only (for HTTP Basic auth give -H "
                                "'Authorization: Basic …')");
        return false;
    }
    const QString name = m_options.name.toLower();
    const bool graphql = name == QLatin1String("graphql-ws") || name == QLatin1String("graphql-transport-ws");
    if (m_verb == Verb::Send && graphql) {
        *error =
            QStringLiteral("herald send speaks socketio, sockjs and mqtt; run a GraphQL operation with herald connect "
                           "--protocol graphql-ws --subscribe QUERY");
        return false;
    }
    const auto misplaced = [&parser, error](const QCommandLineOption &option, const char *where) {
        if (!parser.isSet(option)) {
            return false;
        }
        *error =
            QStringLiteral("--%1 applies to --protocol %2 only").arg(option.names().constLast(), QLatin1String(where));
        return true;
    };
    if (!isSocketIo() && (misplaced(m_namespace, "socketio") || ((m_verb == Verb::Connect || m_verb == Verb::Send) &&
                                                                 misplaced(m_eventOption, "socketio")))) {
        return false;
    }
    if (!isSocketIo() && !graphql && misplaced(m_auth, "socketio or graphql-ws")) {
        return false;
    }
    if (m_verb != Verb::Send && !graphql &&
        (misplaced(m_subscribe, "graphql-ws") || misplaced(m_variables, "graphql-ws"))) {
        return false;
    }
    if (m_set) {
        // Built once here so that a wrong name or payload is a usage error, not a failure later.
        if (!protocol::createProtocol(m_options, error)) {
            return false;
        }
    }
    return true;
}

bool ProtocolFlags::isMqtt() const
{
    return protocol::isMqtt(m_options.name);
}

bool ProtocolFlags::isSocketIo() const
{
    const QString name = m_options.name.toLower();
    return name == QLatin1String("socketio") || name == QLatin1String("socket.io");
}

NetworkFlags::NetworkFlags()
    : m_caFile(QStringLiteral("ca-file"), QStringLiteral("Also trust the CA certificates in this PEM file."),
               QStringLiteral("FILE"))
    , m_insecure({QStringLiteral("k"), QStringLiteral("insecure")},
                 QStringLiteral("Accept any certificate (unsafe: anyone on the way can read and change what "
                                "passes)."))
    , m_pin(QStringLiteral("pin-sha256"),
            QStringLiteral("Accept only the server certificate with this SHA-256 digest (hex, colons allowed)."),
            QStringLiteral("HEX"))
    , m_clientCertificate(QStringLiteral("client-cert"),
                          QStringLiteral("Present the client certificate in this PKCS#12 file (its password in "
                                         "HERALD_CLIENT_CERT_PASSWORD)."),
                          QStringLiteral("FILE"))
    , m_proxy(QStringLiteral("proxy"),
              QStringLiteral("system (default), none, http://host:port or socks5://host:port."),
              QStringLiteral("PROXY"))
{}

void NetworkFlags::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_caFile, m_insecure, m_pin, m_clientCertificate, m_proxy});
}

bool NetworkFlags::read(const QCommandLineParser &parser, const QString &verb, QString *error)
{
    if (parser.isSet(m_caFile)) {
        m_tls.caCertificateFile = QFileInfo(parser.value(m_caFile)).absoluteFilePath();
    }
    if (parser.isSet(m_pin)) {
        m_tls.certificatePin = parser.value(m_pin);
    }
    if (parser.isSet(m_clientCertificate)) {
        m_tls.clientCertificateFile = QFileInfo(parser.value(m_clientCertificate)).absoluteFilePath();
    }
    m_tls.acceptInvalidCertificates = parser.isSet(m_insecure);
    if (m_tls.acceptInvalidCertificates) {
        ConsoleOutput::error(QStringLiteral("herald %1: warning: --insecure trusts any certificate, so anyone between "
                                            "you and the server can read and change what passes")
                                 .arg(verb));
    }
    if (parser.isSet(m_proxy)) {
        m_proxyText = parser.value(m_proxy);
        if (const QString problem = FeedConfig::checkProxy(m_proxyText); !problem.isEmpty()) {
            *error = QStringLiteral("--proxy: %1").arg(problem);
            return false;
        }
    }
#if QT_CONFIG(ssl)
    // Files and the pin are checked now, so that a typo is a usage error and not a connection that fails later.
    QString problem;
    // A password that does not open the file is no mistake in the command line: the command fails (1).
    if (!m_tls.isDefault() && !policy(&problem, &m_failedForGood)) {
        *error = problem;
        return false;
    }
#endif
    return true;
}

#if QT_CONFIG(ssl)
std::optional<TlsPolicy> NetworkFlags::policy(QString *problem, bool *passwordRefused) const
{
    const QString password = qEnvironmentVariable("HERALD_CLIENT_CERT_PASSWORD");
    auto policy = TlsPolicy::load(m_tls, password, problem,
                                  password.isEmpty() ? QStringLiteral("set HERALD_CLIENT_CERT_PASSWORD to its password")
                                                     : QStringLiteral("the password in HERALD_CLIENT_CERT_PASSWORD"),
                                  passwordRefused);
    if (policy) {
        policy->setAdvice(QStringLiteral("add --ca-file FILE with its CA certificate, --pin-sha256 HEX to pin this "
                                         "certificate, or -k to accept it anyway (unsafe)"),
                          QStringLiteral("if the server's certificate was renewed, give its new digest to "
                                         "--pin-sha256"));
    }
    return policy;
}
#endif

std::optional<QNetworkProxy> NetworkFlags::proxy() const
{
    return FeedConfig::proxyFromText(m_proxyText);
}

QString parserProblem(const QCommandLineParser &parser, const QStringList &arguments)
{
    const QString text = parser.errorText();
    // Qt quotes names without their dashes; give each back the dashes it was typed with.
    const auto typed = [&arguments](const QString &name) {
        if (name.startsWith(QLatin1Char('-'))) {
            return name; // some messages quote the option as typed already
        }
        for (const QString &argument : arguments) {
            const QString bare = argument.section(QLatin1Char('='), 0, 0);
            if (bare == QLatin1String("--") + name || bare == QLatin1Char('-') + name) {
                return bare;
            }
        }
        return (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
    };
    static const QRegularExpression quoted(QStringLiteral("'([^']*)'"));
    QString out;
    qsizetype from = 0;
    for (auto it = quoted.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        out += text.mid(from, match.capturedStart() - from) + typed(match.captured(1));
        from = match.capturedEnd();
    }
    out += text.mid(from);
    if (out.endsWith(QLatin1Char('.'))) {
        out.chop(1);
    }
    if (!out.isEmpty()) {
        out[0] = out[0].toLower();
    }
    return out;
}

} // namespace herald::cli
