#pragma once

#include "message/PayloadMapper.h"
#include "net/TlsPolicy.h"
#include "protocol/MessageProtocol.h"
#include "rules/RuleFilter.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkProxy>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace herald {

// One subscription as the user configured it: a value, read from and written to the config file. Secrets are not
// in here: auth names the keychain entry that holds them.
struct FeedConfig
{
    enum class Transport { Auto, Sse, WebSocket, JsonLines, Polling };
    enum class Auth { None, Bearer, Basic, QueryToken };

    QString name;
    QUrl url;
    Transport transport = Transport::Auto; // Auto: from the scheme (ws, wss: WebSocket; http, https: SSE)
    QList<QPair<QByteArray, QByteArray>> headers;
    PayloadMapper::Preset preset = PayloadMapper::Preset::Auto;
    Auth auth = Auth::None;
    QString username;       // Basic
    QString queryParameter; // QueryToken: the name of the parameter that carries the token
    QString inlineSecret;   // only where no keychain runs and the user chose so: the config file then holds it
    QString secretCommand;  // instead of the keychain: the first line this command prints (e.g. "pass show ntfy")
    QUrl publishUrl;        // where a chat reply goes for feeds that cannot talk back themselves (SSE)
    bool enabled = true;
    bool muted = false;
    int idleTimeoutSeconds = 120;
    bool http2Cleartext = false; // SSE over plain http:// in HTTP/2 (h2c), for servers that speak only that
    // SSE and JSON lines: the request, for streams behind a POST with a body (LLM streaming APIs, MCP); sent again
    // on every reconnect. A body without "method" is POSTed.
    QByteArray method = QByteArrayLiteral("GET");
    QByteArray body;
    QStringList subprotocols; // WebSocket: offered in the handshake
    // WebSocket: the application protocol on the socket (Socket.IO, plain with on-open messages); the secret is
    // filled in when the feed starts, never stored here.
    protocol::ProtocolOptions protocol;
    // After a drop: reconnect at all, wait this long first (SSE: until the server's retry: says otherwise), and
    // double the wait with each failure up to the cap.
    bool reconnect = true;
    int reconnectDelaySeconds = 3;
    int maxReconnectDelaySeconds = 60;
    int pollIntervalSeconds = 60; // Polling only
    TlsSettings tls;
    // "system" (the default), "none", or a proxy URL: http://host:port or socks5://[user@]host:port.
    QString proxy = QStringLiteral("system");
    Rules rules; // this feed's own, applied after the global ones
    // Keys of the feed's entry this Herald does not know (a newer Herald's, or the user's own notes): written back
    // as they were, so that saving loses nothing.
    QJsonObject unknownKeys;

    Transport effectiveTransport() const;
    // The keychain entry that holds this feed's secret.
    QString secretKey() const { return QStringLiteral("feed/") + name; }

    QJsonObject toJson() const;
    // The "protocol" object of a feed's entry (the secret is never in it).
    static QJsonObject protocolToJson(const protocol::ProtocolOptions &options);
    // The feed, or nothing with problem saying what is wrong in words a person can act on.
    static std::optional<FeedConfig> fromJson(const QJsonObject &json, QString *problem);

    // The proxy this feed connects through; nothing for the system's.
    std::optional<QNetworkProxy> networkProxy() const;
    // The proxy text (as checkProxy accepts it) names; nothing for the system's.
    static std::optional<QNetworkProxy> proxyFromText(const QString &text);
    // Empty when text is a proxy Herald understands; otherwise what is wrong with it.
    static QString checkProxy(const QString &text);
    // Empty when the reconnect delays make sense; otherwise what is wrong with them.
    static QString checkReconnectDelays(int delaySeconds, int maxDelaySeconds);

    // A name for a feed at url, for a form that has none yet: an ntfy or Mercure topic, else the address's last
    // meaningful path segment, else its host ("https://ntfy.sh/alerts/sse" → "alerts"); with " 2", " 3" … when
    // taken already has it. Empty when the address has nothing to go by.
    static QString suggestName(const QUrl &url, const QStringList &taken = {});

    static QString transportName(Transport transport);
    static std::optional<Transport> transportFromName(const QString &name);
    static QString authName(Auth auth);
    static std::optional<Auth> authFromName(const QString &name);

    friend bool operator==(const FeedConfig &a, const FeedConfig &b) { return a.toJson() == b.toJson(); }
};

} // namespace herald
