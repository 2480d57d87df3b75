#pragma once

#include "net/TlsPolicy.h"
#include "protocol/MessageProtocol.h"

#include <QByteArray>
#include <QCommandLineOption>
#include <QList>
#include <QNetworkProxy>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

class QCommandLineParser;

namespace herald::cli {

// Values the commands share, read the same way everywhere; each returns nothing (with error set) when a person
// typed something that cannot be used, and the error says what was expected.

// -H "Name: value", repeatable.
std::optional<QList<QPair<QByteArray, QByteArray>>> parseHeaders(const QStringList &values, QString *error);
// A verb's help as QCommandLineParser writes it, its usage line naming "herald VERB" (Qt names the binary's path).
QString helpFor(const QCommandLineParser &parser, const QString &verb);

// What QCommandLineParser found wrong, said as every other Herald message is: lower case, and options as they were
// typed ("unknown option --bogus", not "Unknown option 'bogus'.").
QString parserProblem(const QCommandLineParser &parser, const QStringList &arguments);

// A positive number of seconds (fractions allowed), as milliseconds.
std::optional<qint64> parseSeconds(const QString &text);

// The application protocol on a WebSocket: --protocol NAME; for Socket.IO --namespace and --auth (its auth
// payload), for graphql-ws --subscribe, --variables and --auth (the connection_init payload); for MQTT --topic,
// --qos, --client-id, --username (the password from HERALD_SECRET), --retain and --publish-topic; for plain
// endpoints --on-open TEXT (repeatable; ${secret} from HERALD_SECRET), --keepalive TEXT and --answer; --event names
// what send and connect emit. For feeds add the same flags, but --auth-payload for --auth (its --auth is HTTP's)
// and --user for --username, with the secret that feed keeps.
class ProtocolFlags final
{
public:
    enum class Verb { Listen, Connect, Send, Feed };
    explicit ProtocolFlags(Verb verb = Verb::Listen);
    void addTo(QCommandLineParser &parser) const;
    bool read(const QCommandLineParser &parser, QString *error);

    // Whether any protocol flag was given (a plain WebSocket with no on-open message needs no protocol layer).
    bool isSet() const { return m_set; }
    bool isSocketIo() const;
    bool isMqtt() const;
    // url is a WebSocket for this protocol (ws(s)://, or http(s):// for Socket.IO and SockJS).
    bool isWebSocketEndpoint(const QUrl &url) const { return protocol::isWebSocketEndpoint(url, m_options.name); }
    const protocol::ProtocolOptions &options() const { return m_options; }
    QString event() const { return m_event; }

private:
    Verb m_verb;
    QCommandLineOption m_protocol;
    QCommandLineOption m_namespace;
    QCommandLineOption m_auth;
    QCommandLineOption m_onOpen;
    QCommandLineOption m_eventOption;
    QCommandLineOption m_subscribe;
    QCommandLineOption m_variables;
    QCommandLineOption m_topic;
    QCommandLineOption m_publishTopic;
    QCommandLineOption m_qos;
    QCommandLineOption m_clientId;
    QCommandLineOption m_username;
    QCommandLineOption m_retain;
    QCommandLineOption m_keepalive;
    QCommandLineOption m_keepaliveInterval;
    QCommandLineOption m_answer;
    protocol::ProtocolOptions m_options;
    QString m_event;
    bool m_set = false;
};

// TLS and proxy flags, as feeds have them: --ca-file, -k/--insecure, --pin-sha256, --client-cert (its password in
// HERALD_CLIENT_CERT_PASSWORD), --proxy. One set for listen and send.
class NetworkFlags final
{
public:
    NetworkFlags();
    void addTo(QCommandLineParser &parser) const;
    // Reads what was given; false with error when a value cannot be used. verb names the command in warnings.
    bool read(const QCommandLineParser &parser, const QString &verb, QString *error);
    // After read() failed: whether the problem is not a usage error (a client certificate's password that does not
    // open it), so the command exits 1 rather than 2.
    bool failedForGood() const { return m_failedForGood; }

#if QT_CONFIG(ssl)
    // The policy for the connection, with advice that names these flags; nothing with problem when a file fails.
    std::optional<TlsPolicy> policy(QString *problem, bool *passwordRefused = nullptr) const;
#endif
    std::optional<QNetworkProxy> proxy() const;

    // Gives a transport (EventSource, WebSocketClient, HttpFetcher) the proxy and, for https:// and wss://, the TLS
    // policy. Building a policy reads files and certificates: a plain URL needs none.
    template<typename Transport>
    void applyTo(Transport &transport, const QUrl &url) const
    {
#if QT_CONFIG(ssl)
        QString problem;
        if (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("wss")) {
            if (const auto tls = policy(&problem)) {
                transport.setTlsPolicy(*tls);
            }
        }
#endif
        if (const auto networkProxy = proxy()) {
            transport.setProxy(*networkProxy);
        }
    }

private:
    QCommandLineOption m_caFile;
    QCommandLineOption m_insecure;
    QCommandLineOption m_pin;
    QCommandLineOption m_clientCertificate;
    QCommandLineOption m_proxy;
    TlsSettings m_tls;
    QString m_proxyText = QStringLiteral("system");
    bool m_failedForGood = false;
};

} // namespace herald::cli
