#pragma once

#include "CommandLineValues.h"
#include "message/PayloadMapper.h"
#include "sse/EventSource.h"
#include "ws/WebSocketClient.h"

#include <QByteArrayView>
#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <deque>
#include <memory>
#include <optional>

namespace herald {
class HttpFetcher;
namespace protocol {
class ProtocolSession;
struct AppMessage;
} // namespace protocol
} // namespace herald

namespace herald::cli {

class ConsoleOutput;
class StdinLines;

struct ListenOptions
{
    QUrl url;
    EventSource::Headers headers;
    QString lastEventId;
    QByteArray method = QByteArrayLiteral("GET"); // SSE: the request, as curl -X and -d
    QByteArray body;
    bool json = false;         // the JSON lines of the contract on stdout
    bool payloadsOnly = false; // only the payloads on stdout, one per line, like curl -N and websocat
    qint64 count = 0;          // 0: no limit
    qint64 timeoutMs = 0;      // 0: none
    bool reconnect = true;
    qint64 idleTimeoutMs = 0; // 0: off, as in browsers
    bool http2Cleartext = false;
    qsizetype maxEventSize = SseParser::kDefaultMaxEventSize;
    QStringList subprotocols;                                              // WebSocket only
    bool deflate = true;                                                   // WebSocket: offer permessage-deflate
    qint64 handshakeTimeoutMs = WebSocketClient::kDefaultHandshakeTimeout; // WebSocket only

    std::optional<PayloadMapper::Preset> preset; // also print the mapped notification
    NetworkFlags network;                        // TLS and proxy
    ProtocolFlags protocol;                      // the application protocol on a WebSocket
    // herald connect: lines from standard input are sent (WebSocket) or POSTed to publishUrl (SSE).
    bool sendStdin = false;
    QUrl publishUrl;

    bool isWebSocket() const;
};

struct ParsedListen
{
    std::optional<ListenOptions> options; // empty when help was shown or the arguments were wrong
    int exitCode = 0;                     // 0 after --help, 2 after a usage error
};

// Reads `herald listen` (or, with verb "connect", `herald connect`) arguments without the program and verb; prints
// help or usage errors itself.
ParsedListen parseListenArguments(const QStringList &arguments, const QString &verb = QStringLiteral("listen"));

// `herald listen`: one subscription without a GUI, over SSE (http, https) or WebSocket (ws, wss), printed as
// human-readable lines or as the JSON lines of the command-line contract. Emits finished(exitCode): 0 done,
// 1 failed for good, 3 timeout with nothing received.
class ListenCommand final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenCommand)

public:
    ListenCommand(const ListenOptions &options, ConsoleOutput *out, QObject *parent = nullptr);
    ~ListenCommand() override;
    void start();
    // Ctrl+C or SIGTERM: the first leaves as a polite client does (the protocol's goodbye, a close frame) within a
    // second, a second one ends at once. Exit code 130, as shells report an interrupted command.
    void interrupt();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void setUpEventSource();
    void setUpWebSocket();
    void onOpened(int status);
    void onEvent(const SseUtf8Event &event);
    void onTextMessage(QByteArrayView utf8);
    void onAppMessage(const protocol::AppMessage &message);
    void onBinaryMessage(const QByteArray &bytes);
    void onReconnectScheduled(int delayMs, const QString &reason);
    // Before any connection has opened, a mistake in the URL ends the command with advice instead of retrying for
    // ever; true when it did.
    bool endedOnAMistake(const QString &reason);
    bool endedOnPlainPort(ConnectProblem problem, const QString &reason, const QString &plainUrl);
    void failWith(const QString &reason, const QString &advice);
    void onClosed(const QString &reason, bool endedCleanly);
    // A "not found" from a server of the --preset's kind (ntfy, gotify) says which address it serves.
    QString withServiceAdvice(const QString &error, int httpStatus) const;
    void countReceived();
    // After finish(), messages are no longer printed, except the replies that arrive while `connect` closes (each
    // of which extends the wait for the server's close frame).
    bool ignoresMessages();
    void waitForServerClose(int exitCode, bool interrupted);
    void printNotification(const RawPayload &payload);
    void onTimeout();
    // "herald listen" or "herald connect", for what is said on stderr.
    QString commandName() const;
    // Ends the command: leaves politely where the connection is open, then reports exitCode once.
    void finish(int exitCode);
    void reportExit(int exitCode);
    void printState(const QByteArray &jsonLine, const QString &human);
    void sendLine(const QString &line);
    // On an SSE feed, lines are POSTed one at a time, so that the server gets them in the order they were typed.
    void postNextLine();
    void onInputEnded();
    // Typed lines read but not yet handed to the socket or the server.
    qsizetype linesWaiting() const;
    // Stops reading standard input while too much of it waits to go out, and reads on once it went.
    void updateInputFlow();

    ListenOptions m_options;
    ConsoleOutput *m_out;
    std::unique_ptr<EventSource> m_eventSource;
    std::unique_ptr<WebSocketClient> m_webSocket;
    std::unique_ptr<protocol::ProtocolSession> m_session; // with --protocol or --on-open
    std::optional<PayloadMapper> m_mapper;
    QTimer m_timeout;
    QTimer m_closeWait; // for the server's close frame, once finish() sent ours
    std::unique_ptr<StdinLines> m_input;
    std::unique_ptr<HttpFetcher> m_publisher;
    std::deque<QByteArray> m_linesToPost; // the first is in flight while m_posting
    bool m_posting = false;
    bool m_inputEnded = false;
    qint64 m_received = 0;
    bool m_finished = false;
    bool m_printingUntilClosed = false; // the input ended: what arrives before the server's close is printed
    bool m_exitReported = false;
    bool m_everOpened = false;
    bool m_probedPort = false; // asked once whether the port speaks TLS (http://) or plain HTTP (https://)
};

} // namespace herald::cli
