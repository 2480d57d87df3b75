#include "FeedConfig.h"

#include "net/HttpFields.h"
#include "net/UrlText.h"
#include "rules/RulesJson.h"
#include "sse/EventSource.h"
#include "util/SafeText.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include <cmath>

namespace herald {

namespace {

template<typename Enum, size_t N>
std::optional<Enum> fromName(const QString &name, const std::pair<Enum, const char *> (&names)[N])
{
    for (const auto &[value, text] : names) {
        if (name == QLatin1String(text)) {
            return value;
        }
    }
    return std::nullopt;
}

template<typename Enum, size_t N>
QString toName(Enum value, const std::pair<Enum, const char *> (&names)[N])
{
    for (const auto &[candidate, text] : names) {
        if (candidate == value) {
            return QString::fromLatin1(text);
        }
    }
    return {};
}

constexpr std::pair<FeedConfig::Transport, const char *> kTransports[] = {
    {FeedConfig::Transport::Auto, "auto"},           {FeedConfig::Transport::Sse, "sse"},
    {FeedConfig::Transport::WebSocket, "websocket"}, {FeedConfig::Transport::JsonLines, "jsonlines"},
    {FeedConfig::Transport::Polling, "polling"},
};

constexpr std::pair<FeedConfig::Auth, const char *> kAuths[] = {
    {FeedConfig::Auth::None, "none"},
    {FeedConfig::Auth::Bearer, "bearer"},
    {FeedConfig::Auth::Basic, "basic"},
    {FeedConfig::Auth::QueryToken, "query"},
};

} // namespace

QString FeedConfig::suggestName(const QUrl &url, const QStringList &taken)
{
    if (!url.isValid() || url.host().isEmpty()) {
        return {};
    }
    // Path segments that name the kind of endpoint, not what it carries.
    static const QStringList generic{
        QStringLiteral("sse"),       QStringLiteral("json"),        QStringLiteral("ws"),
        QStringLiteral("raw"),       QStringLiteral("events"),      QStringLiteral("event"),
        QStringLiteral("stream"),    QStringLiteral("subscribe"),   QStringLiteral("socket"),
        QStringLiteral("socket.io"), QStringLiteral("graphql"),     QStringLiteral("mqtt"),
        QStringLiteral("mercure"),   QStringLiteral(".well-known"), QStringLiteral("api"),
        QStringLiteral("v1"),        QStringLiteral("v2"),          QStringLiteral("websocket"),
        QStringLiteral("sockjs"),    QStringLiteral("feed"),        QStringLiteral("feeds"),
        QStringLiteral("live"),      QStringLiteral("updates"),     QStringLiteral("index.html")};
    QString name;
    const QString topic = QUrlQuery(url).queryItemValue(QStringLiteral("topic"), QUrl::FullyDecoded);
    if (!topic.isEmpty()) { // Mercure: ?topic=https://example.org/books/1 or ?topic=alerts
        const QUrl topicUrl(topic);
        name = topicUrl.isValid() && !topicUrl.host().isEmpty() ? suggestName(topicUrl) : topic;
    }
    if (name.isEmpty()) {
        const QStringList segments = url.path(QUrl::FullyDecoded).split(u'/', Qt::SkipEmptyParts);
        for (auto it = segments.crbegin(); it != segments.crend() && name.isEmpty(); ++it) {
            if (!generic.contains(it->toLower())) {
                name = *it;
            }
        }
    }
    if (name.isEmpty()) {
        name = url.host();
        if (name.startsWith(QLatin1String("www."))) {
            name = name.mid(4);
        }
        const bool local = name == QLatin1String("localhost") || !QHostAddress(name).isNull();
        if (local && url.port() > 0) {
            name += u':' + QString::number(url.port());
        }
    }
    // It came from an address (percent-decoded): nothing hidden or reordering reaches the tray, popups or a terminal.
    name = displaySafe(name, 60).simplified();
    if (name.isEmpty()) {
        return {};
    }
    QString candidate = name;
    for (int n = 2; taken.contains(candidate, Qt::CaseInsensitive); ++n) {
        candidate = name + u' ' + QString::number(n);
    }
    return candidate;
}

QString FeedConfig::transportName(Transport transport)
{
    return toName(transport, kTransports);
}

std::optional<FeedConfig::Transport> FeedConfig::transportFromName(const QString &name)
{
    return fromName(name, kTransports);
}

QString FeedConfig::authName(Auth auth)
{
    return toName(auth, kAuths);
}

std::optional<FeedConfig::Auth> FeedConfig::authFromName(const QString &name)
{
    return fromName(name, kAuths);
}

QString FeedConfig::checkProxy(const QString &text)
{
    if (text.isEmpty() || text == QLatin1String("system") || text == QLatin1String("none")) {
        return {};
    }
    const QUrl url(text);
    const QString scheme = url.scheme();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("socks5")) {
        return QStringLiteral("\"proxy\" is \"%1\"; write system, none, http://host:port or socks5://host:port")
            .arg(text);
    }
    if (url.host().isEmpty() || url.port() <= 0) {
        return QStringLiteral("the proxy \"%1\" needs a host and a port, e.g. %2://127.0.0.1:%3")
            .arg(text, scheme, scheme == QLatin1String("http") ? QStringLiteral("3128") : QStringLiteral("1080"));
    }
    return {};
}

std::optional<QNetworkProxy> FeedConfig::networkProxy() const
{
    return proxyFromText(proxy);
}

std::optional<QNetworkProxy> FeedConfig::proxyFromText(const QString &proxy)
{
    if (proxy.isEmpty() || proxy == QLatin1String("system") || !checkProxy(proxy).isEmpty()) {
        return std::nullopt;
    }
    if (proxy == QLatin1String("none")) {
        return QNetworkProxy(QNetworkProxy::NoProxy);
    }
    const QUrl proxyUrl(proxy);
    return QNetworkProxy(proxyUrl.scheme() == QLatin1String("http") ? QNetworkProxy::HttpProxy
                                                                    : QNetworkProxy::Socks5Proxy,
                         proxyUrl.host(), quint16(proxyUrl.port()), proxyUrl.userName(), proxyUrl.password());
}

QString FeedConfig::checkReconnectDelays(int delaySeconds, int maxDelaySeconds)
{
    constexpr int kDay = 24 * 60 * 60;
    if (delaySeconds < 1 || delaySeconds > kDay) {
        return QStringLiteral("\"reconnect.delaySeconds\" is %1; write a number of seconds from 1 to %2")
            .arg(delaySeconds)
            .arg(kDay);
    }
    if (maxDelaySeconds < delaySeconds || maxDelaySeconds > kDay) {
        return QStringLiteral("\"reconnect.maxDelaySeconds\" is %1; write a number of seconds from "
                              "\"delaySeconds\" (%2) to %3")
            .arg(maxDelaySeconds)
            .arg(delaySeconds)
            .arg(kDay);
    }
    return {};
}

FeedConfig::Transport FeedConfig::effectiveTransport() const
{
    if (transport != Transport::Auto) {
        return transport;
    }
    return protocol::isWebSocketEndpoint(url, protocol.name) ? Transport::WebSocket : Transport::Sse;
}

namespace {

constexpr int kDaySeconds = 24 * 60 * 60;
constexpr int kWeekSeconds = 7 * kDaySeconds;

// A whole number from the config, within its range: a value out of range is an error that names the field, never
// a number that overflows into a busy loop (a 30-day interval in int milliseconds) or a feed silent for weeks.
std::optional<int> boundedInt(const QJsonObject &json, const QString &key, int fallback, int min, int max,
                              const QString &field, QString *problem)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined() || value.isNull()) {
        return fallback;
    }
    const double number = value.toDouble(-1e300);
    if (!value.isDouble() || number != std::floor(number) || number < min || number > max) {
        const QString shown = value.isDouble()   ? QString::number(number, 'g', 12)
                              : value.isString() ? u'"' + terminalSafe(value.toString().left(40)) + u'"'
                                                 : QStringLiteral("not a number");
        *problem = QStringLiteral("\"%1\" is %2; write a whole number of seconds from %3 to %4")
                       .arg(field, shown)
                       .arg(min)
                       .arg(max);
        return std::nullopt;
    }
    return int(number);
}

const QStringList &knownKeys()
{
    static const QStringList keys{QStringLiteral("name"),           QStringLiteral("url"),
                                  QStringLiteral("transport"),      QStringLiteral("preset"),
                                  QStringLiteral("enabled"),        QStringLiteral("muted"),
                                  QStringLiteral("headers"),        QStringLiteral("auth"),
                                  QStringLiteral("publishUrl"),     QStringLiteral("tls"),
                                  QStringLiteral("proxy"),          QStringLiteral("rules"),
                                  QStringLiteral("reconnect"),      QStringLiteral("idleTimeoutSeconds"),
                                  QStringLiteral("http2Cleartext"), QStringLiteral("pollIntervalSeconds"),
                                  QStringLiteral("subprotocols"),   QStringLiteral("protocol"),
                                  QStringLiteral("method"),         QStringLiteral("body")};
    return keys;
}

} // namespace

QJsonObject FeedConfig::protocolToJson(const protocol::ProtocolOptions &options)
{
    QJsonObject protocolJson{{QStringLiteral("name"), options.name.isEmpty() ? QStringLiteral("plain") : options.name}};
    if (!options.onOpen.isEmpty()) {
        protocolJson.insert(QStringLiteral("onOpen"), QJsonArray::fromStringList(options.onOpen));
    }
    if (options.socketIoNamespace != QLatin1String("/")) {
        protocolJson.insert(QStringLiteral("namespace"), options.socketIoNamespace);
    }
    if (!options.socketIoAuth.isEmpty()) {
        protocolJson.insert(QStringLiteral("auth"), QJsonDocument::fromJson(options.socketIoAuth).object());
    }
    if (!options.query.isEmpty()) {
        protocolJson.insert(QStringLiteral("query"), options.query);
    }
    if (!options.variables.isEmpty()) {
        protocolJson.insert(QStringLiteral("variables"), QJsonDocument::fromJson(options.variables).object());
    }
    if (!options.keepaliveText.isEmpty()) {
        protocolJson.insert(QStringLiteral("keepalive"),
                            QJsonObject{{QStringLiteral("text"), options.keepaliveText},
                                        {QStringLiteral("intervalSeconds"), options.keepaliveSeconds}});
    }
    if (!options.answers.isEmpty()) {
        QJsonArray answers;
        for (const protocol::AutoAnswer &answer : options.answers) {
            answers.append(
                QJsonObject{{QStringLiteral("match"), answer.match}, {QStringLiteral("reply"), answer.reply}});
        }
        protocolJson.insert(QStringLiteral("answers"), answers);
    }
    if (!options.topics.isEmpty()) {
        protocolJson.insert(QStringLiteral("topics"), QJsonArray::fromStringList(options.topics));
    }
    if (options.qos >= 0) {
        protocolJson.insert(QStringLiteral("qos"), options.qos);
    }
    if (!options.publishTopic.isEmpty()) {
        protocolJson.insert(QStringLiteral("publishTopic"), options.publishTopic);
    }
    if (!options.clientId.isEmpty()) {
        protocolJson.insert(QStringLiteral("clientId"), options.clientId);
    }
    if (options.retain) {
        protocolJson.insert(QStringLiteral("retain"), true);
    }
    return protocolJson;
}

QJsonObject FeedConfig::toJson() const
{
    QJsonObject json = unknownKeys;
    const QJsonObject known{{QStringLiteral("name"), name},
                            {QStringLiteral("url"), url.toString()},
                            {QStringLiteral("transport"), transportName(transport)},
                            {QStringLiteral("preset"), PayloadMapper::presetName(preset)},
                            {QStringLiteral("enabled"), enabled},
                            {QStringLiteral("muted"), muted},
                            {QStringLiteral("idleTimeoutSeconds"), idleTimeoutSeconds}};
    if (http2Cleartext) {
        json.insert(QStringLiteral("http2Cleartext"), true);
    }
    if (method != "GET") {
        json.insert(QStringLiteral("method"), QString::fromLatin1(method));
    }
    if (!body.isEmpty()) {
        json.insert(QStringLiteral("body"), QString::fromUtf8(body));
    }
    if (!subprotocols.isEmpty()) {
        json.insert(QStringLiteral("subprotocols"), QJsonArray::fromStringList(subprotocols));
    }
    if (protocol.isSet()) {
        json.insert(QStringLiteral("protocol"), protocolToJson(protocol));
    }
    for (auto it = known.begin(); it != known.end(); ++it) {
        json.insert(it.key(), it.value());
    }
    if (!headers.isEmpty()) {
        QJsonObject headerObject;
        for (const auto &[header, value] : headers) {
            headerObject.insert(QString::fromLatin1(header), QString::fromUtf8(value));
        }
        json.insert(QStringLiteral("headers"), headerObject);
    }
    if (auth != Auth::None) {
        QJsonObject authObject{{QStringLiteral("type"), authName(auth)}};
        if (!username.isEmpty()) {
            authObject.insert(QStringLiteral("username"), username);
        }
        if (!queryParameter.isEmpty()) {
            authObject.insert(QStringLiteral("queryParameter"), queryParameter);
        }
        if (!inlineSecret.isEmpty()) {
            authObject.insert(QStringLiteral("secret"), inlineSecret);
        }
        if (!secretCommand.isEmpty()) {
            authObject.insert(QStringLiteral("secretCommand"), secretCommand);
        }
        json.insert(QStringLiteral("auth"), authObject);
    }
    if (!publishUrl.isEmpty()) {
        json.insert(QStringLiteral("publishUrl"), publishUrl.toString());
    }
    if (transport == Transport::Polling) {
        json.insert(QStringLiteral("pollIntervalSeconds"), pollIntervalSeconds);
    }
    const FeedConfig defaults;
    if (reconnect != defaults.reconnect || reconnectDelaySeconds != defaults.reconnectDelaySeconds ||
        maxReconnectDelaySeconds != defaults.maxReconnectDelaySeconds) {
        json.insert(QStringLiteral("reconnect"),
                    QJsonObject{{QStringLiteral("enabled"), reconnect},
                                {QStringLiteral("delaySeconds"), reconnectDelaySeconds},
                                {QStringLiteral("maxDelaySeconds"), maxReconnectDelaySeconds}});
    }
    if (!tls.isDefault()) {
        QJsonObject tlsObject;
        auto insertIfSet = [&tlsObject](const char *key, const QString &value) {
            if (!value.isEmpty()) {
                tlsObject.insert(QLatin1String(key), value);
            }
        };
        insertIfSet("caCertificateFile", tls.caCertificateFile);
        insertIfSet("certificatePin", tls.certificatePin);
        insertIfSet("clientCertificateFile", tls.clientCertificateFile);
        if (tls.acceptInvalidCertificates) {
            tlsObject.insert(QStringLiteral("acceptInvalidCertificates"), true);
        }
        json.insert(QStringLiteral("tls"), tlsObject);
    }
    if (!proxy.isEmpty() && proxy != QLatin1String("system")) {
        json.insert(QStringLiteral("proxy"), proxy);
    }
    const QJsonObject rulesObject = rulesToJson(rules);
    if (!rulesObject.isEmpty()) {
        json.insert(QStringLiteral("rules"), rulesObject);
    }
    return json;
}

std::optional<FeedConfig> FeedConfig::fromJson(const QJsonObject &json, QString *problem)
{
    FeedConfig feed;
    feed.name = json.value(QStringLiteral("name")).toString().trimmed();
    if (feed.name.isEmpty()) {
        *problem = QStringLiteral("it has no \"name\"");
        return std::nullopt;
    }
    const QString url = json.value(QStringLiteral("url")).toString().trimmed();
    feed.url = QUrl(url);
    if (const QString urlProblem = endpointUrlProblem(feed.url); !urlProblem.isEmpty()) {
        *problem =
            url.isEmpty() ? QStringLiteral("it has no \"url\"") : QStringLiteral("\"%1\" %2").arg(url, urlProblem);
        return std::nullopt;
    }
    const QString transport = json.value(QStringLiteral("transport")).toString(QStringLiteral("auto"));
    const auto parsedTransport = transportFromName(transport);
    if (!parsedTransport) {
        *problem = QStringLiteral("\"transport\" is \"%1\"; it can be auto, sse, websocket, jsonlines or polling")
                       .arg(transport);
        return std::nullopt;
    }
    feed.transport = *parsedTransport;
    const QString preset = json.value(QStringLiteral("preset")).toString(QStringLiteral("auto"));
    const auto parsedPreset = PayloadMapper::presetFromName(preset);
    if (!parsedPreset) {
        *problem = QStringLiteral("\"preset\" is \"%1\"; it can be %2")
                       .arg(preset, PayloadMapper::presetNames().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    feed.preset = *parsedPreset;
    const QJsonObject headers = json.value(QStringLiteral("headers")).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        const QByteArray name = it.key().toLatin1();
        const QByteArray value = it.value().toString().toUtf8();
        if (const QString headerProblem = http::fieldProblem(name, value); !headerProblem.isEmpty()) {
            *problem =
                QStringLiteral("\"headers\" has \"%1\", which %2").arg(terminalSafe(it.key().left(80)), headerProblem);
            return std::nullopt;
        }
        feed.headers.append({name, value});
    }
    const QJsonObject auth = json.value(QStringLiteral("auth")).toObject();
    if (!auth.isEmpty()) {
        const QString type = auth.value(QStringLiteral("type")).toString();
        const auto parsedAuth = authFromName(type);
        if (!parsedAuth) {
            *problem = QStringLiteral("\"auth\" has type \"%1\"; it can be none, bearer, basic or query").arg(type);
            return std::nullopt;
        }
        feed.auth = *parsedAuth;
        feed.username = auth.value(QStringLiteral("username")).toString();
        feed.queryParameter = auth.value(QStringLiteral("queryParameter"))
                                  .toString(feed.auth == Auth::QueryToken ? QStringLiteral("auth") : QString());
        if (feed.auth == Auth::Basic && feed.username.isEmpty()) {
            *problem = QStringLiteral("\"auth\" of type basic needs a \"username\"");
            return std::nullopt;
        }
        feed.inlineSecret = auth.value(QStringLiteral("secret")).toString();
        feed.secretCommand = auth.value(QStringLiteral("secretCommand")).toString().trimmed();
        if (!feed.inlineSecret.isEmpty() && !feed.secretCommand.isEmpty()) {
            *problem = QStringLiteral("\"auth\" has both a \"secret\" and a \"secretCommand\"; keep one");
            return std::nullopt;
        }
    }
    feed.publishUrl = QUrl(json.value(QStringLiteral("publishUrl")).toString());
    feed.enabled = json.value(QStringLiteral("enabled")).toBool(true);
    feed.muted = json.value(QStringLiteral("muted")).toBool(false);
    const auto idleTimeout = boundedInt(json, QStringLiteral("idleTimeoutSeconds"), 120, 0, kDaySeconds,
                                        QStringLiteral("idleTimeoutSeconds"), problem);
    if (!idleTimeout) {
        return std::nullopt;
    }
    feed.idleTimeoutSeconds = *idleTimeout;
    feed.http2Cleartext = json.value(QStringLiteral("http2Cleartext")).toBool(false);
    feed.body = json.value(QStringLiteral("body")).toString().toUtf8();
    const QString method = json.value(QStringLiteral("method"))
                               .toString(feed.body.isEmpty() ? QStringLiteral("GET") : QStringLiteral("POST"));
    if (!EventSource::isMethod(method)) {
        *problem = QStringLiteral("\"method\" is an HTTP method such as GET or POST, not \"%1\"").arg(method);
        return std::nullopt;
    }
    feed.method = method.toUpper().toLatin1();
    if ((feed.method != "GET" || !feed.body.isEmpty()) && feed.effectiveTransport() != Transport::Sse &&
        feed.effectiveTransport() != Transport::JsonLines) {
        *problem = QStringLiteral("\"method\" and \"body\" are for streams over HTTP (SSE, JSON lines)");
        return std::nullopt;
    }
    for (const QJsonValue &subprotocol : json.value(QStringLiteral("subprotocols")).toArray()) {
        if (!http::isToken(subprotocol.toString().toLatin1()) ||
            subprotocol.toString().toLatin1() != subprotocol.toString().toUtf8()) {
            *problem = QStringLiteral("\"subprotocols\" has \"%1\"; a subprotocol is one word of letters, digits "
                                      "and !#$%&'*+-.^_`|~")
                           .arg(terminalSafe(subprotocol.toString().left(80)));
            return std::nullopt;
        }
        feed.subprotocols.append(subprotocol.toString());
    }
    // "protocol": "socketio", or {"name":"socketio","namespace":"/ops","auth":{…}} / {"name":"plain","onOpen":[…]}
    const QJsonValue protocolValue = json.value(QStringLiteral("protocol"));
    const QJsonObject protocolJson = protocolValue.isString()
                                         ? QJsonObject{{QStringLiteral("name"), protocolValue.toString()}}
                                         : protocolValue.toObject();
    if (!protocolValue.isUndefined() && !protocolValue.isNull() && !protocolValue.isString() &&
        !protocolValue.isObject()) {
        *problem = QStringLiteral("\"protocol\" is a name (\"socketio\") or an object with a \"name\"");
        return std::nullopt;
    }
    feed.protocol.name = protocolJson.value(QStringLiteral("name")).toString();
    if (feed.protocol.name == QLatin1String("plain")) {
        feed.protocol.name.clear();
    }
    for (const QJsonValue &text : protocolJson.value(QStringLiteral("onOpen")).toArray()) {
        feed.protocol.onOpen.append(text.toString());
    }
    feed.protocol.socketIoNamespace = protocolJson.value(QStringLiteral("namespace")).toString(QStringLiteral("/"));
    if (protocolJson.contains(QStringLiteral("auth"))) {
        if (!protocolJson.value(QStringLiteral("auth")).isObject()) {
            *problem = QStringLiteral("the protocol's \"auth\" must be a JSON object, like {\"token\":\"${secret}\"}");
            return std::nullopt;
        }
        feed.protocol.socketIoAuth =
            QJsonDocument(protocolJson.value(QStringLiteral("auth")).toObject()).toJson(QJsonDocument::Compact);
    }
    feed.protocol.query = protocolJson.value(QStringLiteral("query")).toString();
    if (protocolJson.contains(QStringLiteral("variables"))) {
        feed.protocol.variables =
            QJsonDocument(protocolJson.value(QStringLiteral("variables")).toObject()).toJson(QJsonDocument::Compact);
    }
    const QJsonObject keepalive = protocolJson.value(QStringLiteral("keepalive")).toObject();
    feed.protocol.keepaliveText = keepalive.value(QStringLiteral("text")).toString();
    const auto keepaliveSeconds = boundedInt(keepalive, QStringLiteral("intervalSeconds"), 30, 1, kDaySeconds,
                                             QStringLiteral("protocol.keepalive.intervalSeconds"), problem);
    if (!keepaliveSeconds) {
        return std::nullopt;
    }
    feed.protocol.keepaliveSeconds = *keepaliveSeconds;
    for (const QJsonValue &answer : protocolJson.value(QStringLiteral("answers")).toArray()) {
        feed.protocol.answers.append({answer.toObject().value(QStringLiteral("match")).toString(),
                                      answer.toObject().value(QStringLiteral("reply")).toString()});
    }
    for (const QJsonValue &topic : protocolJson.value(QStringLiteral("topics")).toArray()) {
        feed.protocol.topics.append(topic.toString());
    }
    if (protocolJson.contains(QStringLiteral("qos"))) {
        feed.protocol.qos = protocolJson.value(QStringLiteral("qos")).toInt(-1);
        if (feed.protocol.qos != 0 && feed.protocol.qos != 1) {
            *problem = QStringLiteral("the protocol's \"qos\" is 0 or 1");
            return std::nullopt;
        }
    }
    feed.protocol.publishTopic = protocolJson.value(QStringLiteral("publishTopic")).toString();
    feed.protocol.clientId = protocolJson.value(QStringLiteral("clientId")).toString();
    feed.protocol.retain = protocolJson.value(QStringLiteral("retain")).toBool();
    if (feed.protocol.isSet()) {
        if (feed.effectiveTransport() != Transport::WebSocket) {
            *problem = QStringLiteral("a protocol (\"%1\") runs on a WebSocket feed: give a ws:// or wss:// URL")
                           .arg(feed.protocol.name.isEmpty() ? QStringLiteral("plain") : feed.protocol.name);
            return std::nullopt;
        }
        QString protocolProblem;
        if (!protocol::createProtocol(feed.protocol, &protocolProblem)) {
            *problem = protocolProblem;
            return std::nullopt;
        }
    }
    const auto pollInterval = boundedInt(json, QStringLiteral("pollIntervalSeconds"), 60, 1, kWeekSeconds,
                                         QStringLiteral("pollIntervalSeconds"), problem);
    if (!pollInterval) {
        return std::nullopt;
    }
    feed.pollIntervalSeconds = *pollInterval;
    const QJsonObject reconnect = json.value(QStringLiteral("reconnect")).toObject();
    feed.reconnect = reconnect.value(QStringLiteral("enabled")).toBool(feed.reconnect);
    const auto delaySeconds = boundedInt(reconnect, QStringLiteral("delaySeconds"), feed.reconnectDelaySeconds, 1,
                                         kDaySeconds, QStringLiteral("reconnect.delaySeconds"), problem);
    const auto maxDelaySeconds =
        delaySeconds ? boundedInt(reconnect, QStringLiteral("maxDelaySeconds"), feed.maxReconnectDelaySeconds, 1,
                                  kDaySeconds, QStringLiteral("reconnect.maxDelaySeconds"), problem)
                     : std::nullopt;
    if (!maxDelaySeconds) {
        return std::nullopt;
    }
    feed.reconnectDelaySeconds = *delaySeconds;
    feed.maxReconnectDelaySeconds = *maxDelaySeconds;
    if (const QString reconnectProblem =
            checkReconnectDelays(feed.reconnectDelaySeconds, feed.maxReconnectDelaySeconds);
        !reconnectProblem.isEmpty()) {
        *problem = reconnectProblem;
        return std::nullopt;
    }
    const QJsonObject tls = json.value(QStringLiteral("tls")).toObject();
    feed.tls.caCertificateFile = tls.value(QStringLiteral("caCertificateFile")).toString();
    feed.tls.certificatePin = tls.value(QStringLiteral("certificatePin")).toString();
    feed.tls.clientCertificateFile = tls.value(QStringLiteral("clientCertificateFile")).toString();
    feed.tls.acceptInvalidCertificates = tls.value(QStringLiteral("acceptInvalidCertificates")).toBool(false);
#if QT_CONFIG(ssl)
    if (!feed.tls.certificatePin.isEmpty() && TlsPolicy::normalisedPin(feed.tls.certificatePin).isEmpty()) {
        *problem = QStringLiteral("\"tls.certificatePin\" is not a SHA-256 digest: write its 64 hex digits");
        return std::nullopt;
    }
#endif
    feed.proxy = json.value(QStringLiteral("proxy")).toString(QStringLiteral("system"));
    if (const QString proxyProblem = checkProxy(feed.proxy); !proxyProblem.isEmpty()) {
        *problem = proxyProblem;
        return std::nullopt;
    }
    const auto rules = rulesFromJson(json.value(QStringLiteral("rules")).toObject(), problem);
    if (!rules) {
        return std::nullopt;
    }
    feed.rules = *rules;
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!knownKeys().contains(it.key())) {
            feed.unknownKeys.insert(it.key(), it.value());
        }
    }
    return feed;
}

} // namespace herald
