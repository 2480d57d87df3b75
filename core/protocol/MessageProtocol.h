#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <optional>

namespace herald::protocol {

// An application message a protocol took out of its wire traffic: what a feed maps and the CLI prints.
struct AppMessage
{
    QString type; // the protocol's name for it (a Socket.IO event, an MQTT topic); empty for a plain message
    QString text;
    bool binary = false;
    QByteArray bytes;      // when binary
    bool retained = false; // MQTT: the broker's last value for the topic, not a new message
};

// What a protocol may do to the connection it runs on.
class ProtocolLink
{
public:
    virtual ~ProtocolLink() = default;
    virtual void sendText(const QString &text) = 0;
    virtual void sendBinary(const QByteArray &bytes) = 0;
    // The peer broke the protocol, or refused us: the connection is dropped, and retried unless retry is false.
    virtual void protocolFailed(const QString &message, bool retry) = 0;
    // The server ended what was asked for on purpose (a GraphQL subscription completed): a command ends cleanly,
    // a feed subscribes again later.
    virtual void protocolCompleted(const QString &message) = 0;
};

// An application protocol on a WebSocket (Socket.IO, graphql-transport-ws, MQTT, SockJS, or plain messages with
// on-open messages): the handshake after each connect, its keepalive, subscribing, and unwrapping the messages.
// Sans-I/O: it is handed frames and writes through a ProtocolLink, so each is tested on its own by feeding it
// frames. Protocol traffic never comes out as an AppMessage.
class MessageProtocol
{
public:
    virtual ~MessageProtocol() = default;
    virtual QString name() const = 0;
    // The URL to connect to, from the one the user gave (Socket.IO adds /socket.io/?EIO=4&transport=websocket).
    virtual QUrl connectionUrl(const QUrl &given) const { return given; }
    virtual QStringList subprotocols() const { return {}; }

    // The connection is (again) open: start over.
    virtual void opened(ProtocolLink &link) = 0;
    virtual void textReceived(QByteArrayView utf8, ProtocolLink &link, QList<AppMessage> &out) = 0;
    virtual void binaryReceived(const QByteArray &bytes, ProtocolLink &link, QList<AppMessage> &out) = 0;
    // Whether application messages can be sent now (the handshake is done).
    virtual bool ready() const = 0;
    // Sends text as an application message of the given type (empty: the protocol's default).
    virtual void send(const QString &text, const QString &type, ProtocolLink &link) = 0;
    // Leaving on purpose: what the protocol says before the connection closes (Socket.IO: the namespace DISCONNECT).
    virtual void leaving(ProtocolLink &) {}
    // How long to let the server act on what was sent before the WebSocket close follows it. Socket.IO servers
    // handle packets on the next tick and drop those still queued when the close arrives with them.
    virtual int leaveGraceMs() const { return 0; }
    // Said once the handshake is done, for the person watching (e.g. "namespace /chat").
    virtual QString readyDescription() const { return {}; }
    // How often keepalive() runs once the protocol is ready (0: never); read again after every handshake, which
    // may change it (an MQTT 5 broker's keepalive).
    virtual int keepaliveIntervalMs() const { return 0; }
    virtual void keepalive(ProtocolLink &) {}
    // Whether everything sent was acknowledged (MQTT QoS 1); leaving waits for it, a bounded while.
    virtual bool settled() const { return true; }
    // What a WebSocket close code means for good in this protocol (graphql-ws: 4401 unauthorized, 4403 forbidden),
    // for the person; empty when the close is worth retrying. The default knows 4401 and 4403.
    virtual QString refusal(int closeCode, const QString &reason) const;
};

// A reply to a message that matches, for servers with their own application ping ({"op":"ping"} →
// {"op":"pong"}): match is a regular expression the whole message must match; reply may use ${1}…${9}.
struct AutoAnswer
{
    QString match;
    QString reply;
};

// How a feed or the command line asks for a protocol.
struct ProtocolOptions
{
    QString name;       // "" or "plain" (messages as they are), "socketio"
    QStringList onOpen; // sent after every (re)connect, ${secret} replaced
    QString secret;     // the feed's token or password, for ${secret}
    QString socketIoNamespace = QStringLiteral("/");
    QByteArray socketIoAuth; // a JSON object, or empty; ${secret} replaced. graphql-ws: the connection_init payload
    QString query;           // graphql-ws: the subscription
    QByteArray variables;    // graphql-ws: its variables, a JSON object, or empty
    // plain: an application keepalive, sent every keepaliveSeconds once open, and answers to the server's pings
    QString keepaliveText;
    int keepaliveSeconds = 30;
    QList<AutoAnswer> answers;
    // MQTT: topic filters to subscribe to, their QoS (0 or 1; -1: 0 on the command line, 1 for a feed), the topic
    // send and chat publish to (empty: the only filter, when it has no wildcard), the client id (empty: a new one
    // and a clean session each time; given: a persistent session, so QoS 1 messages published while away
    // arrive on return), and the user (the password is the secret).
    QStringList topics;
    int qos = -1;
    QString publishTopic;
    QString clientId;
    QString username;
    bool retain = false; // MQTT: what send publishes is retained

    // Whether anything asks for the protocol layer (a plain WebSocket with no on-open message, keepalive or answer
    // needs none). MQTT's options count too, so that given without the protocol they are refused, not ignored.
    bool isSet() const
    {
        return !name.isEmpty() || !onOpen.isEmpty() || !keepaliveText.isEmpty() || !answers.isEmpty() ||
               !topics.isEmpty() || qos >= 0 || !publishTopic.isEmpty() || !clientId.isEmpty() || retain;
    }
};

// The names createProtocol() knows.
QStringList protocolNames();
// Whether name is MQTT 3.1.1 ("mqtt") or 5 ("mqtt5").
bool isMqtt(const QString &name);
// Whether the protocol carries the feed's user and password in its own handshake (MQTT's CONNECT), so that they
// are not also sent to the HTTP upgrade.
bool carriesCredentials(const QString &name);
// A feed's options with what a feed (unlike one command) needs: MQTT subscribes at QoS 1 with a client id of this
// machine's own for the feed, so that its session lasts between runs; its user is the feed's.
ProtocolOptions forFeed(ProtocolOptions options, const QString &feedName, const QString &username);
// url with http:// made ws:// and https:// made wss:// (the rest as it is).
QUrl withWebSocketScheme(QUrl url);
// Whether url, spoken to with the named protocol (empty: none), is a WebSocket: a ws(s):// URL, or any URL of a
// protocol that is reached from http(s) too. Otherwise it is an HTTP stream (SSE, JSON lines).
bool isWebSocketEndpoint(const QUrl &url, const QString &protocolName);
// A protocol for the options; empty with an error (in words for a person) when they do not make sense.
std::unique_ptr<MessageProtocol> createProtocol(const ProtocolOptions &options, QString *error);

} // namespace herald::protocol
