#include "ListenCommand.h"

#include "CommandLineValues.h"
#include "ConsoleOutput.h"
#include "JsonLine.h"
#include "StdinLines.h"
#include "feed/ServiceAddress.h"
#include "net/HttpFetcher.h"
#include "net/TlsProbe.h"
#include "net/UrlText.h"
#include "protocol/ProtocolSession.h"
#include "util/SafeText.h"
#include "util/Utf8.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QTime>

namespace herald::cli {

namespace {

// How long a leaving command waits for the server to answer its close frame or goodbye.
constexpr int kLeaveGraceMs = 1000;
// The exit code of a command ended by Ctrl+C or SIGTERM, as shells report it.
constexpr int kInterrupted = 130;
// Lines typed for an SSE feed's publish URL that may wait for the server (they go out one at a time).
constexpr std::size_t kMaxLinesToPost = 10000;
// Typed lines that may wait for the connection, and bytes for the socket, before standard input is read no further
// (below every queue's own bound, so that no line from the input is ever refused); it is read again once a quarter
// of that is left.
constexpr qsizetype kInputHighWaterLines = 256;
constexpr qint64 kInputHighWaterBytes = 1024 * 1024;

// Formatting a time costs more than parsing an event (QTime::currentTime converts to local time each call): do it
// once a second, found by the cheap UTC clock.
const QByteArray &timestamp()
{
    static qint64 cachedSecond = -1;
    static QByteArray cached;
    const qint64 second = QDateTime::currentMSecsSinceEpoch() / 1000;
    if (second != cachedSecond) {
        cachedSecond = second;
        cached = QTime::currentTime().toString(QStringLiteral("HH:mm:ss")).toUtf8();
    }
    return cached;
}

// One readable line: the head, then the text, its continuation lines lined up under its first.
// Readable mode is for a terminal: what the server chose (event types, ids, the text) cannot drive it.
QByteArray readableLine(const QByteArray &serverHead, QStringView serverText)
{
    const QByteArray head = terminalSafe(QString::fromUtf8(serverHead)).toUtf8();
    const QString text = terminalSafe(serverText, true);
    QByteArray line;
    line.reserve(head.size() + text.size() * 3 + 1);
    line += head;
    if (!text.contains(u'\n')) {
        line += text.toUtf8();
    } else {
        const QByteArray indent = '\n' + QByteArray(head.size(), ' ');
        QByteArray body = text.toUtf8();
        body.replace('\n', indent);
        line += body;
    }
    line += '\n';
    return line;
}

} // namespace

ParsedListen parseListenArguments(const QStringList &arguments, const QString &verb)
{
    const bool connectMode = verb == QLatin1String("connect");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        connectMode
            ? QStringLiteral("Talk to a feed, as websocat does: each line from standard input is sent (WebSocket) "
                             "or POSTed to --publish-url (SSE), and what arrives is printed (payloads only, "
                             "unless --json). The end of input closes the connection.")
            : QStringLiteral("Subscribe to a feed without the GUI and print what arrives.\n"
                             "http:// and https:// URLs are Server-Sent Events streams; ws:// and wss:// are "
                             "WebSocket."));
    parser.addPositionalArgument(QStringLiteral("URL"), QStringLiteral("the stream to subscribe to"));
    const QCommandLineOption header(
        {QStringLiteral("H"), QStringLiteral("header")},
        QStringLiteral("Extra request header \"Name: value\" (repeatable); @FILE or @env:NAME reads one a line, "
                       "keeping secrets out of the process list."),
        QStringLiteral("header"));
    const QCommandLineOption lastEventId(QStringLiteral("last-event-id"),
                                         QStringLiteral("SSE: start after this event id."), QStringLiteral("ID"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("One JSON object per line on stdout."));
    const QCommandLineOption payloads(QStringLiteral("payloads"),
                                      QStringLiteral("Only the payloads on stdout, one per line (binary messages as "
                                                     "they are), for pipes: herald listen URL --payloads | jq"));
    const QCommandLineOption method({QStringLiteral("X"), QStringLiteral("method")},
                                    QStringLiteral("SSE: the request method (default GET; POST with --data)."),
                                    QStringLiteral("METHOD"));
    const QCommandLineOption body({QStringLiteral("d"), QStringLiteral("data")},
                                  QStringLiteral("SSE: send this request body, as a POST unless -X says otherwise "
                                                 "(@FILE reads a file; JSON goes as application/json)."),
                                  QStringLiteral("BODY"));
    const QCommandLineOption count(QStringLiteral("count"), QStringLiteral("Exit 0 after N events."),
                                   QStringLiteral("N"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     QStringLiteral("Exit after this long: 0 if at least one event arrived, else 3."),
                                     QStringLiteral("SECONDS"));
    const QCommandLineOption noReconnect(
        QStringLiteral("no-reconnect"),
        QStringLiteral("Exit when the connection ends instead of reconnecting (0 if it ended cleanly, 1 on error)."));
    const QCommandLineOption idleTimeout(
        QStringLiteral("idle-timeout"),
        QStringLiteral("Reconnect when nothing arrives for this long (default: never)."), QStringLiteral("SECONDS"));
    const QCommandLineOption h2c(QStringLiteral("h2c"),
                                 QStringLiteral("Speak HTTP/2 over plain http:// (the server must support it)."));
    const QCommandLineOption maxEventSize(
        QStringLiteral("max-event-size"),
        QStringLiteral("Largest event accepted, in bytes (default 16 MiB); a larger one drops the connection."),
        QStringLiteral("BYTES"));
    const QCommandLineOption subprotocol(QStringLiteral("subprotocol"),
                                         QStringLiteral("WebSocket: offer this subprotocol (repeatable)."),
                                         QStringLiteral("NAME"));
    const QCommandLineOption noDeflate(QStringLiteral("no-deflate"),
                                       QStringLiteral("WebSocket: do not offer compression (permessage-deflate)."));
    const QCommandLineOption handshakeTimeout(
        QStringLiteral("handshake-timeout"),
        QStringLiteral("WebSocket: give up on a handshake after this long (default 10)."), QStringLiteral("SECONDS"));
    const QCommandLineOption preset(QStringLiteral("preset"),
                                    QStringLiteral("Also print each payload mapped into a notification: %1.")
                                        .arg(PayloadMapper::presetNames().join(QStringLiteral(", "))),
                                    QStringLiteral("NAME"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOptions({header, method, body, lastEventId, json, payloads, count, timeout, noReconnect, idleTimeout, h2c,
                       maxEventSize, subprotocol, noDeflate, handshakeTimeout, preset, help});
    NetworkFlags network;
    network.addTo(parser);
    ProtocolFlags protocolFlags(connectMode ? ProtocolFlags::Verb::Connect : ProtocolFlags::Verb::Listen);
    protocolFlags.addTo(parser);
    const QCommandLineOption publishUrl(
        QStringLiteral("publish-url"), QStringLiteral("SSE: where the lines typed are POSTed."), QStringLiteral("URL"));
    if (connectMode) {
        parser.addOption(publishUrl);
    }

    const auto usageError = [verb](const QString &message) {
        ConsoleOutput::error(
            QStringLiteral("herald %1: %2\nRun 'herald %1 --help' for the options.").arg(verb, message));
        return ParsedListen{std::nullopt, 2};
    };

    if (!parser.parse(QStringList{QStringLiteral("herald ") + verb} + arguments)) {
        QString problem = parserProblem(parser, arguments);
        if (problem.endsWith(QLatin1String(" --data")) || problem.endsWith(QLatin1String(" -d"))) {
            // --data used to mean "payloads only"; it is the request body now, as in curl.
            problem += QStringLiteral(": --data BODY is the request body (as curl -d); for the payloads only, give "
                                      "--payloads.");
        }
        return usageError(problem);
    }
    if (parser.isSet(help)) {
        std::fputs(qPrintable(helpFor(parser, verb)), stdout);
        return ParsedListen{std::nullopt, 0};
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        return usageError(positional.isEmpty() ? QStringLiteral("give the URL of a stream to subscribe to")
                                               : QStringLiteral("give exactly one URL"));
    }

    ListenOptions options;
    options.url = QUrl::fromUserInput(positional.first());
    if (const QString problem = endpointUrlProblem(options.url); !problem.isEmpty()) {
        return usageError(QStringLiteral("'%1' %2").arg(positional.first(), problem));
    }
    QString protocolError;
    if (!protocolFlags.read(parser, &protocolError)) {
        return usageError(protocolError);
    }
    options.protocol = protocolFlags;
    if (options.isWebSocket()) {
        for (const auto &sseOnly : {lastEventId, h2c, idleTimeout, method, body}) {
            if (parser.isSet(sseOnly)) {
                return usageError(QStringLiteral("--%1 applies to Server-Sent Events (http, https) only")
                                      .arg(sseOnly.names().constLast()));
            }
        }
    } else {
        if (protocolFlags.isSet()) {
            return usageError(QStringLiteral("--protocol and --on-open apply to WebSocket (ws, wss) only"));
        }
        for (const auto &webSocketOnly : {subprotocol, noDeflate, handshakeTimeout}) {
            if (parser.isSet(webSocketOnly)) {
                return usageError(
                    QStringLiteral("--%1 applies to WebSocket (ws, wss) only").arg(webSocketOnly.names().constLast()));
            }
        }
    }
    options.subprotocols = parser.values(subprotocol);
    options.deflate = !parser.isSet(noDeflate);
    if (parser.isSet(preset)) {
        options.preset = PayloadMapper::presetFromName(parser.value(preset));
        if (!options.preset) {
            return usageError(QStringLiteral("--preset is one of %1, got \"%2\"")
                                  .arg(PayloadMapper::presetNames().join(QStringLiteral(", ")), parser.value(preset)));
        }
    }
    if (parser.isSet(handshakeTimeout)) {
        const auto ms = parseSeconds(parser.value(handshakeTimeout));
        if (!ms) {
            return usageError(QStringLiteral("--handshake-timeout needs a positive number of seconds, got \"%1\"")
                                  .arg(parser.value(handshakeTimeout)));
        }
        options.handshakeTimeoutMs = *ms;
    }

    QString headerError;
    const auto headers = parseHeaders(parser.values(header), &headerError);
    if (!headers) {
        return usageError(headerError);
    }
    options.headers = *headers;
    options.lastEventId = parser.value(lastEventId);
    if (parser.isSet(body)) {
        const QString given = parser.value(body);
        if (given.startsWith(u'@')) {
            QFile file(given.mid(1));
            if (!file.open(QIODevice::ReadOnly)) {
                return usageError(
                    QStringLiteral("--data %1: cannot read %2: %3").arg(given, file.fileName(), file.errorString()));
            }
            options.body = file.readAll();
        } else {
            options.body = given.toUtf8();
        }
        options.method = QByteArrayLiteral("POST");
    }
    if (parser.isSet(method)) {
        options.method = parser.value(method).toUpper().toLatin1();
        if (!EventSource::isMethod(parser.value(method))) {
            return usageError(QStringLiteral("-X/--method takes an HTTP method such as GET or POST, got \"%1\"")
                                  .arg(parser.value(method)));
        }
    }
    options.json = parser.isSet(json);
    options.payloadsOnly = parser.isSet(payloads);
    if (options.json && options.payloadsOnly) {
        return usageError(QStringLiteral("--json or --payloads, not both"));
    }
    if (options.payloadsOnly && parser.isSet(preset)) {
        return usageError(QStringLiteral("--preset prints notifications beside the payloads: use it with --json or "
                                         "without --payloads"));
    }
    options.reconnect = !parser.isSet(noReconnect);
    options.http2Cleartext = parser.isSet(h2c);
    if (parser.isSet(count)) {
        bool ok = false;
        options.count = parser.value(count).toLongLong(&ok);
        if (!ok || options.count <= 0) {
            return usageError(
                QStringLiteral("--count needs a positive whole number, got \"%1\"").arg(parser.value(count)));
        }
    }
    if (parser.isSet(timeout)) {
        const auto ms = parseSeconds(parser.value(timeout));
        if (!ms) {
            return usageError(
                QStringLiteral("--timeout needs a positive number of seconds, got \"%1\"").arg(parser.value(timeout)));
        }
        options.timeoutMs = *ms;
    }
    if (parser.isSet(idleTimeout)) {
        const auto ms = parseSeconds(parser.value(idleTimeout));
        if (!ms) {
            return usageError(QStringLiteral("--idle-timeout needs a positive number of seconds, got \"%1\"")
                                  .arg(parser.value(idleTimeout)));
        }
        options.idleTimeoutMs = *ms;
    }
    if (parser.isSet(maxEventSize)) {
        bool ok = false;
        options.maxEventSize = parser.value(maxEventSize).toLongLong(&ok);
        if (!ok || options.maxEventSize <= 0) {
            return usageError(QStringLiteral("--max-event-size needs a positive number of bytes, got \"%1\"")
                                  .arg(parser.value(maxEventSize)));
        }
    }
    QString networkError;
    if (!network.read(parser, verb, &networkError)) {
        if (network.failedForGood()) {
            ConsoleOutput::error(QStringLiteral("herald %1: %2").arg(verb, networkError));
            return ParsedListen{std::nullopt, 1};
        }
        return usageError(networkError);
    }
    options.network = network;
    if (connectMode) {
        options.sendStdin = true;
        options.payloadsOnly = !options.json; // what arrives, as websocat prints it
        if (parser.isSet(publishUrl)) {
            options.publishUrl = QUrl::fromUserInput(parser.value(publishUrl));
            if (!options.publishUrl.isValid() || options.publishUrl.host().isEmpty()) {
                return usageError(QStringLiteral("--publish-url: '%1' is not a URL").arg(parser.value(publishUrl)));
            }
        } else if (!options.isWebSocket()) {
            return usageError(QStringLiteral("an SSE stream cannot take what you type: give --publish-url URL, where "
                                             "the lines are POSTed (ntfy: the topic's URL)"));
        }
    }
    return ParsedListen{options, 0};
}

bool ListenOptions::isWebSocket() const
{
    return protocol.isWebSocketEndpoint(url);
}

ListenCommand::ListenCommand(const ListenOptions &options, ConsoleOutput *out, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_out(out)
{
    if (options.isWebSocket()) {
        setUpWebSocket();
    } else {
        setUpEventSource();
    }
    if (options.preset) {
        m_mapper.emplace(*options.preset);
    }
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &ListenCommand::onTimeout);
    // `herald listen URL --payloads | head -1`: once head has its line, there is nobody to print for.
    connect(m_out, &ConsoleOutput::readerWentAway, this, [this] { finish(0); });
    m_out->watchReader();
    if (options.sendStdin) {
        m_input = std::make_unique<StdinLines>();
        connect(m_input.get(), &StdinLines::lineRead, this, &ListenCommand::sendLine);
        connect(m_input.get(), &StdinLines::lineTooLong, this, [](qint64 lineNumber, qint64 bytes) {
            ConsoleOutput::error(QStringLiteral("herald connect: line %1 was not sent: its %2 bytes are more than the "
                                                "%3 MiB a line may hold; the lines after it go on")
                                     .arg(lineNumber)
                                     .arg(bytes)
                                     .arg(StdinLines::kMaxLineBytes / (1024 * 1024)));
        });
        connect(m_input.get(), &StdinLines::finished, this, &ListenCommand::onInputEnded);
        if (m_webSocket) {
            // Sent, or the connection (re)opened and its queue went out: maybe room for more input.
            connect(m_webSocket.get(), &WebSocketClient::bytesWritten, this, &ListenCommand::updateInputFlow);
            connect(m_webSocket.get(), &WebSocketClient::stateChanged, this, &ListenCommand::updateInputFlow);
        }
    }
}

ListenCommand::~ListenCommand() = default;

void ListenCommand::sendLine(const QString &line)
{
    if (m_finished || line.isEmpty()) {
        return;
    }
    // Input pauses long before any of these bounds (updateInputFlow): they are for lines that come another way.
    if (m_session) {
        // Waits for the protocol's handshake, then goes out as its message (a Socket.IO event, …).
        if (!m_session->send(line, m_options.protocol.event())) {
            ConsoleOutput::error(QStringLiteral("herald connect: not sent: too many lines wait for the connection"));
        }
    } else if (m_webSocket) {
        // Queued by the client while it (re)connects, sent in order once it is open; past its bound, said.
        if (m_webSocket->sendText(line) == WebSocketClient::SendResult::QueueFull) {
            ConsoleOutput::error(QStringLiteral("herald connect: %1").arg(m_webSocket->errorString()));
        }
    } else if (m_linesToPost.size() >= kMaxLinesToPost) {
        ConsoleOutput::error(
            QStringLiteral("herald connect: not sent: %1 lines already wait for the server").arg(kMaxLinesToPost));
    } else {
        m_linesToPost.push_back(line.toUtf8());
        postNextLine();
    }
    updateInputFlow();
}

qsizetype ListenCommand::linesWaiting() const
{
    qsizetype waiting = qsizetype(m_linesToPost.size());
    if (m_session) {
        waiting += m_session->waitingCount();
    }
    if (m_webSocket) {
        waiting += m_webSocket->queuedMessages();
    }
    return waiting;
}

void ListenCommand::updateInputFlow()
{
    if (!m_input || m_finished) {
        return;
    }
    const qsizetype waiting = linesWaiting();
    const qint64 unwritten = m_webSocket ? m_webSocket->bytesToWrite() : 0;
    if (!m_input->isPaused()) {
        if (waiting >= kInputHighWaterLines || unwritten >= kInputHighWaterBytes) {
            m_input->setPaused(true);
        }
    } else if (waiting <= kInputHighWaterLines / 4 && unwritten <= kInputHighWaterBytes / 4) {
        m_input->setPaused(false);
    }
}

void ListenCommand::postNextLine()
{
    if (m_posting || m_linesToPost.empty() || m_finished) {
        return;
    }
    if (!m_publisher) {
        m_publisher = std::make_unique<HttpFetcher>();
        m_options.network.applyTo(*m_publisher, m_options.publishUrl);
        m_publisher->setHeaders(m_options.headers);
    }
    m_posting = true;
    m_publisher->send("POST", m_options.publishUrl, m_linesToPost.front(), [this](const HttpFetcher::Result &result) {
        m_posting = false;
        m_linesToPost.pop_front();
        if (!result.error.isEmpty()) {
            m_out->flush();
            ConsoleOutput::error(QStringLiteral("herald connect: not sent: %1").arg(result.error));
        }
        if (m_inputEnded && m_linesToPost.empty()) {
            finish(0);
        } else {
            postNextLine();
            updateInputFlow();
        }
    });
}

void ListenCommand::onInputEnded()
{
    m_inputEnded = true;
    if (m_session && !m_session->ready()) {
        return; // the ready handler comes back here
    }
    if (m_webSocket) {
        // What was typed goes out before the normal close. The lines typed before the connection opened wait in
        // the client's queue: the handshake's own bytesWritten must not end it.
        const auto finishOnceSent = [this] {
            if (m_webSocket && m_webSocket->state() == WebSocketClient::State::Open && m_webSocket->allSent()) {
                // The answers to the last lines are still on their way: they come before the server's close frame,
                // and are printed as they arrive (the close waits for them).
                m_printingUntilClosed = !m_finished;
                finish(0);
            }
        };
        finishOnceSent();
        if (!m_finished) {
            connect(m_webSocket.get(), &WebSocketClient::bytesWritten, this, finishOnceSent);
            connect(m_webSocket.get(), &WebSocketClient::stateChanged, this, finishOnceSent);
        }
    } else if (m_linesToPost.empty()) {
        finish(0);
    }
}

void ListenCommand::setUpEventSource()
{
    m_eventSource = std::make_unique<EventSource>(m_options.url);
    EventSource *source = m_eventSource.get();
    source->setHeaders(m_options.headers);
    source->setMethod(m_options.method);
    source->setBody(m_options.body);
    source->setLastEventId(m_options.lastEventId);
    source->setReconnectEnabled(m_options.reconnect);
    source->setIdleTimeout(int(std::min<qint64>(m_options.idleTimeoutMs, std::numeric_limits<int>::max())));
    source->setHttp2Cleartext(m_options.http2Cleartext);
    source->setMaxEventSize(m_options.maxEventSize);
    m_options.network.applyTo(*source, m_options.url);
    connect(source, &EventSource::opened, this, &ListenCommand::onOpened);
    source->setUtf8EventHandler([this](const SseUtf8Event &event) { onEvent(event); });
    connect(source, &EventSource::reconnectScheduled, this, &ListenCommand::onReconnectScheduled);
    connect(source, &EventSource::stateChanged, this, [this, source](EventSource::State state) {
        if (state == EventSource::State::Closed) {
            onClosed(withServiceAdvice(source->errorString(), source->httpStatus()),
                     source->error() == EventSource::Error::StreamEnded);
        }
    });
}

void ListenCommand::setUpWebSocket()
{
    m_webSocket = std::make_unique<WebSocketClient>(m_options.url);
    WebSocketClient *client = m_webSocket.get();
    client->setHeaders(m_options.headers);
    client->setSubprotocols(m_options.subprotocols);
    client->setPerMessageDeflate(m_options.deflate);
    client->setReconnectEnabled(m_options.reconnect);
    client->setMaxMessageSize(m_options.maxEventSize);
    client->setHandshakeTimeout(int(std::min<qint64>(m_options.handshakeTimeoutMs, std::numeric_limits<int>::max())));
    m_options.network.applyTo(*client, m_options.url);
    connect(client, &WebSocketClient::opened, this, [this] { onOpened(101); });
    if (m_options.protocol.isSet()) {
        QString error;
        m_session = std::make_unique<protocol::ProtocolSession>(
            *client, protocol::createProtocol(m_options.protocol.options(), &error)); // checked when parsed
        m_session->setMessageHandler([this](const protocol::AppMessage &message) { onAppMessage(message); });
        m_session->setCompletedHandler([this](const QString &message) {
            printState(JsonLine().add("kind", "state").add("state", "closed").add("reason", message).toLine(), message);
            finish(0);
        });
        m_session->setReadyHandler([this] {
            const QString description = m_session->protocol().readyDescription();
            JsonLine line;
            line.add("kind", "state").add("state", "ready").add("protocol", m_session->protocol().name());
            if (!description.isEmpty()) {
                line.add("detail", description);
            }
            printState(line.toLine(),
                       description.isEmpty() ? QStringLiteral("ready") : QStringLiteral("ready: %1").arg(description));
            if (m_inputEnded) {
                onInputEnded(); // what was typed before the handshake was done goes out now
            }
            updateInputFlow();
        });
    } else {
        client->setTextHandler([this](QByteArrayView utf8) { onTextMessage(utf8); });
        connect(client, &WebSocketClient::binaryMessageReceived, this, &ListenCommand::onBinaryMessage);
    }
    connect(client, &WebSocketClient::reconnectScheduled, this, &ListenCommand::onReconnectScheduled);
    connect(client, &WebSocketClient::stateChanged, this, [this, client](WebSocketClient::State state) {
        if (state == WebSocketClient::State::Closed) {
            // A normal close from the server is a clean end; anything else is an error.
            const bool clean = client->error() == WebSocketClient::Error::ClosedByServer && client->closeCode() == 1000;
            onClosed(withServiceAdvice(
                         client->errorString(),
                         client->error() == WebSocketClient::Error::HandshakeRefused ? client->httpStatus() : 0),
                     clean);
        }
    });
}

QString ListenCommand::withServiceAdvice(const QString &error, int httpStatus) const
{
    return m_options.preset ? service::withNotFoundAdvice(error, httpStatus, *m_options.preset, m_options.url) : error;
}

void ListenCommand::start()
{
    printState(JsonLine().add("kind", "state").add("state", "connecting").toLine(),
               QStringLiteral("connecting to %1").arg(m_options.url.toDisplayString(QUrl::RemoveUserInfo)));
    if (m_options.timeoutMs > 0) {
        m_timeout.start(int(std::min<qint64>(m_options.timeoutMs, std::numeric_limits<int>::max())));
    }
    if (m_webSocket) {
        m_webSocket->open();
    } else {
        m_eventSource->open();
    }
    if (m_input) {
        m_input->start();
    }
}

void ListenCommand::printState(const QByteArray &jsonLine, const QString &human)
{
    // stdout carries data; how the connection fares is for the person, on stderr (in JSON mode it is data too).
    if (m_options.json) {
        m_out->write(jsonLine);
    } else if (!m_options.payloadsOnly) {
        m_out->flush(); // in order with the data before it, on a terminal where both show
        ConsoleOutput::error(QString::fromUtf8(timestamp()) + QLatin1String("  ") + human);
    }
}

void ListenCommand::onOpened(int status)
{
    m_everOpened = true;
    JsonLine line;
    line.add("kind", "state").add("state", "open").add("status", status);
    QString human = QStringLiteral("open (HTTP %1").arg(status);
    if (m_eventSource && m_eventSource->usedHttp2()) {
        human += QStringLiteral(", HTTP/2");
    }
    if (m_webSocket && !m_webSocket->subprotocol().isEmpty()) {
        line.add("subprotocol", m_webSocket->subprotocol());
        human += QStringLiteral(", subprotocol %1").arg(m_webSocket->subprotocol());
    }
    // What the server agreed to, from its answer: compression shows here.
    const QByteArray extensions =
        m_webSocket ? m_webSocket->handshakeResponse().header("Sec-WebSocket-Extensions") : QByteArray();
    if (!extensions.isEmpty()) {
        line.add("extensions", QString::fromLatin1(extensions));
        human += QStringLiteral(", %1").arg(QString::fromLatin1(extensions));
    }
    printState(line.toLine(), human + QLatin1Char(')'));
}

void ListenCommand::onEvent(const SseUtf8Event &event)
{
    if (m_finished) {
        return;
    }
    ++m_received;
    // The parser hands the event over as well-formed UTF-8: it goes out as it came, with no round trip through
    // QString, as a WebSocket text message does.
    if (m_options.payloadsOnly) {
        OutputBuffer &out = m_out->buffer();
        out.append(event.data);
        out.append('\n');
        m_out->commit();
    } else if (m_options.json) {
        appendJsonLine(m_out->buffer(), {{R"({"kind":"event","type":)", event.type},
                                         {R"(,"data":)", event.data},
                                         {R"(,"lastEventId":)", event.lastEventId}});
        m_out->commit();
    } else {
        QByteArray head = timestamp() + "  " + event.type.toByteArray(); // readableLine makes it safe to show
        if (!event.lastEventId.isEmpty()) {
            head += " #" + event.lastEventId.toByteArray();
        }
        head += "  ";
        m_out->write(readableLine(head, decodeUtf8(event.data)));
    }
    if (m_mapper) {
        printNotification(RawPayload{m_options.url.host(), decodeUtf8(event.type), decodeUtf8(event.lastEventId),
                                     decodeUtf8(event.data), false});
    }
    countReceived();
}

void ListenCommand::onTextMessage(QByteArrayView utf8)
{
    if (ignoresMessages()) {
        return;
    }
    ++m_received;
    // The frame layer checked the bytes are UTF-8: they go out as they came, with no round trip through QString.
    if (m_options.payloadsOnly) {
        OutputBuffer &out = m_out->buffer();
        out.append(utf8);
        out.append('\n');
        m_out->commit();
    } else if (m_options.json) {
        appendJsonLine(m_out->buffer(), {{R"({"kind":"message","text":)", utf8}});
        m_out->commit();
    } else {
        m_out->write(readableLine(timestamp() + "  text  ", QString::fromUtf8(utf8)));
    }
    if (m_mapper) {
        printNotification(RawPayload{m_options.url.host(), {}, {}, QString::fromUtf8(utf8), false});
    }
    countReceived();
}

void ListenCommand::onAppMessage(const protocol::AppMessage &message)
{
    if (message.type.isEmpty() && !message.retained) {
        if (message.binary) {
            onBinaryMessage(message.bytes);
        } else {
            const QByteArray utf8 = message.text.toUtf8();
            onTextMessage(utf8);
        }
        return;
    }
    if (ignoresMessages()) {
        return;
    }
    ++m_received;
    const QString base64 = message.binary ? QString::fromLatin1(message.bytes.toBase64()) : QString();
    if (m_options.payloadsOnly) {
        if (message.binary) {
            m_out->write(message.bytes);
        } else {
            m_out->writeLine(message.text);
        }
    } else if (m_options.json) {
        JsonLine line(m_out->buffer());
        line.add("kind", "message").add("type", message.type);
        if (message.binary) {
            line.add("binary", base64);
        } else {
            line.add("text", message.text);
        }
        if (message.retained) {
            line.add("retained", true);
        }
        line.end();
        m_out->commit();
    } else {
        const QByteArray prefix =
            timestamp() + "  " + message.type.toUtf8() + (message.retained ? " (retained)  " : "  ");
        m_out->write(
            message.binary
                ? prefix +
                      QStringLiteral("binary, %1 bytes  base64 %2\n").arg(message.bytes.size()).arg(base64).toUtf8()
                : readableLine(prefix, message.text));
    }
    if (m_mapper) {
        printNotification(message.binary ? RawPayload{m_options.url.host(), message.type, {}, base64, true}
                                         : RawPayload{m_options.url.host(), message.type, {}, message.text, false});
    }
    countReceived();
}

void ListenCommand::onBinaryMessage(const QByteArray &bytes)
{
    if (ignoresMessages()) {
        return;
    }
    ++m_received;
    const QString base64 = QString::fromLatin1(bytes.toBase64());
    if (m_options.payloadsOnly) {
        m_out->write(bytes); // as websocat does: the bytes themselves
    } else if (m_options.json) {
        JsonLine(m_out->buffer()).add("kind", "message").add("binary", base64).end();
        m_out->commit();
    } else {
        m_out->write(timestamp() +
                     QStringLiteral("  binary, %1 bytes  base64 %2\n").arg(bytes.size()).arg(base64).toUtf8());
    }
    if (m_mapper) {
        printNotification(RawPayload{m_options.url.host(), {}, {}, base64, true});
    }
    countReceived();
}

void ListenCommand::printNotification(const RawPayload &payload)
{
    if (!m_mapper) {
        return;
    }
    const auto message = m_mapper->map(payload);
    if (!message) {
        return; // the format says this is not a message (ntfy's open and keepalive)
    }
    if (m_options.json) {
        JsonLine line;
        line.add("kind", "notification")
            .add("title", message->title)
            .add("body", message->body)
            .add("priority", message->priority)
            .add("url", message->clickUrl.toString())
            .add("id", message->id);
        if (!message->note.isEmpty()) {
            line.add("note", message->note);
        }
        m_out->write(line.toLine());
        return;
    }
    const QByteArray head = timestamp() + "  notification [" + QByteArray::number(message->priority) + "]  ";
    QString text = message->title.isEmpty() ? message->body : message->title + QStringLiteral(": ") + message->body;
    if (!message->note.isEmpty()) {
        text += QStringLiteral("\n(%1)").arg(message->note);
    }
    m_out->write(readableLine(head, text));
}

void ListenCommand::countReceived()
{
    if (m_options.count > 0 && m_received >= m_options.count) {
        m_printingUntilClosed = false;
        finish(0);
    }
}

bool ListenCommand::ignoresMessages()
{
    if (!m_finished) {
        return false;
    }
    if (m_printingUntilClosed && m_closeWait.isActive()) {
        m_closeWait.start(); // the server is still answering: its close frame comes after
    }
    return !m_printingUntilClosed;
}

void ListenCommand::waitForServerClose(int exitCode, bool interrupted)
{
    connect(m_webSocket.get(), &WebSocketClient::closed, this, [this, exitCode] { reportExit(exitCode); });
    if (interrupted) {
        return; // the person is waiting: the second finish() gave is all
    }
    // What the server sends before its close frame is printed (after `connect`'s input ended, the answers to the
    // last lines): the wait ends with that frame, or after a second in which nothing came.
    m_closeWait.setSingleShot(true);
    m_closeWait.setInterval(kLeaveGraceMs);
    connect(&m_closeWait, &QTimer::timeout, this, [this, exitCode] { reportExit(exitCode); });
    m_closeWait.start();
}

void ListenCommand::failWith(const QString &reason, const QString &advice)
{
    const QString message = advice.isEmpty() ? reason : reason + QStringLiteral("; ") + advice;
    if (m_options.json) {
        m_out->write(JsonLine().add("kind", "state").add("state", "closed").add("reason", message).toLine());
    }
    m_out->flush();
    ConsoleOutput::error(QStringLiteral("%1: %2").arg(commandName(), message));
    finish(1);
}

bool ListenCommand::endedOnAMistake(const QString &reason)
{
    // Once a connection has been made, everything is retried: the server is real, and may come back.
    if (m_everOpened) {
        return false;
    }
    const ConnectProblem problem = m_webSocket ? m_webSocket->connectProblem() : m_eventSource->connectProblem();
    const QUrl &url = m_options.url;
    const bool secure = url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("wss");
    const auto withScheme = [&url](const QString &scheme) {
        QUrl other = url;
        other.setScheme(scheme);
        return other.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    };
    const QString plain = url.scheme().startsWith(QLatin1String("ws")) ? QStringLiteral("ws") : QStringLiteral("http");
    const QString tls = plain == QLatin1String("ws") ? QStringLiteral("wss") : QStringLiteral("https");
    switch (problem) {
    case ConnectProblem::HostNotFound:
        failWith(reason, QStringLiteral("check the host name in the URL (%1)").arg(url.host()));
        return true;
    case ConnectProblem::TlsHandshake:
    case ConnectProblem::ClosedBeforeAnswer:
        if (secure) {
            return endedOnPlainPort(problem, reason, withScheme(plain));
        }
        if (problem == ConnectProblem::ClosedBeforeAnswer && !m_probedPort && url.port() > 0) {
            // A TLS port closes a plain request without a word, as an h2c-only server does: ask the port.
            m_probedPort = true;
            probeTls(url.host(), quint16(url.port()), this, [this, reason, withScheme, tls](bool speaksTls) {
                if (speaksTls && !m_finished && !m_everOpened) {
                    failWith(reason.section(QStringLiteral(" (if the server speaks only HTTP/2"), 0, 0),
                             QStringLiteral("the port speaks TLS: use %1").arg(withScheme(tls)));
                }
            });
        }
        return false;
    case ConnectProblem::None:
    case ConnectProblem::Other:
        break;
    }
    return false;
}

bool ListenCommand::endedOnPlainPort(ConnectProblem problem, const QString &reason, const QString &plainUrl)
{
    const QString advice = QStringLiteral("the port does not speak TLS: if it serves plain HTTP, use %1").arg(plainUrl);
    // OpenSSL names a plain answer to its hello; other TLS backends fail in their own words or, as Windows' Schannel
    // does, only see the connection close: then the port is asked whether it speaks plain HTTP.
    if (problem == ConnectProblem::TlsHandshake && reason.contains(QLatin1String("wrong version number"))) {
        failWith(reason, advice);
        return true;
    }
    const bool handshakeFailed = problem == ConnectProblem::TlsHandshake;
    if (m_probedPort) {
        return handshakeFailed; // the answer is on its way: a failed handshake is said then
    }
    m_probedPort = true;
    // A TLS port that answers plain HTTP too (nginx: "The plain HTTP request was sent to HTTPS port") must not pass
    // for a plain one: only a port where no TLS handshake completes is asked in plain HTTP.
    const QString host = m_options.url.host();
    const quint16 port = quint16(m_options.url.port(443));
    const auto said = [this, reason, advice, handshakeFailed](bool plainHttp) {
        if (m_finished || m_everOpened) {
            return;
        }
        if (plainHttp) {
            failWith(reason, advice);
        } else if (handshakeFailed) {
            failWith(reason, QString());
        }
    };
    probeTls(host, port, this, [this, host, port, said](bool speaksTls) {
        if (speaksTls) {
            said(false);
        } else {
            probePlainHttp(host, port, this, said);
        }
    });
    // A failed handshake ends the run whatever the answer; a closed connection is retried unless the port turns
    // out to serve plain HTTP.
    return handshakeFailed;
}

void ListenCommand::onReconnectScheduled(int delayMs, const QString &reason)
{
    // Leaving (--count reached, a signal): the server ending the connection after the goodbye is no news.
    if (m_finished || endedOnAMistake(reason)) {
        return;
    }
    printState(JsonLine()
                   .add("kind", "state")
                   .add("state", "reconnecting")
                   .add("retryMs", delayMs)
                   .add("reason", reason)
                   .toLine(),
               QStringLiteral("%1; reconnecting in %2 s").arg(reason).arg(delayMs / 1000.0, 0, 'f', 1));
}

void ListenCommand::onClosed(const QString &reason, bool endedCleanly)
{
    if (m_finished) {
        return;
    }
    // Said once: as data in JSON mode (and on stderr when it is an error); on stderr otherwise.
    if (m_options.json) {
        m_out->write(JsonLine().add("kind", "state").add("state", "closed").add("reason", reason).toLine());
    }
    if (!endedCleanly) {
        m_out->flush();
        ConsoleOutput::error(QStringLiteral("%1: %2").arg(commandName(), reason));
    } else if (!m_options.json && !m_options.payloadsOnly) {
        printState({}, QStringLiteral("closed: %1").arg(reason));
    }
    finish(endedCleanly ? 0 : 1);
}

QString ListenCommand::commandName() const
{
    return m_options.sendStdin ? QStringLiteral("herald connect") : QStringLiteral("herald listen");
}

void ListenCommand::onTimeout()
{
    if (m_received == 0) {
        ConsoleOutput::error(
            QStringLiteral("%1: nothing arrived within %2 s").arg(commandName()).arg(m_options.timeoutMs / 1000.0));
    }
    finish(m_received > 0 ? 0 : 3);
}

void ListenCommand::interrupt()
{
    if (m_finished) {
        reportExit(kInterrupted); // a second signal, or one while already leaving: at once
        return;
    }
    finish(kInterrupted);
}

void ListenCommand::reportExit(int exitCode)
{
    if (!std::exchange(m_exitReported, true)) {
        Q_EMIT finished(exitCode);
    }
}

void ListenCommand::finish(int exitCode)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_timeout.stop();
    m_out->flush();
    // Typed lines still waiting (for the POST before them, or for a WebSocket connection to open) are lost: said,
    // and so is input that was never read because they waited.
    if (m_input) {
        const qsizetype unsent = linesWaiting() + m_input->waitingLines();
        const bool unread = !m_input->reachedEnd();
        if (unsent > 0) {
            ConsoleOutput::error(
                QStringLiteral("herald connect: %1 typed line(s) were not sent: the command ended "
                               "before the server took them%2")
                    .arg(unsent)
                    .arg(unread ? QStringLiteral(", and the input after them was not read") : QString()));
        }
    }
    const bool interrupted = exitCode == kInterrupted;
    // Whatever ends the connection from here on, nothing reconnects.
    if (m_webSocket) {
        m_webSocket->setReconnectEnabled(false);
    } else if (m_eventSource) {
        m_eventSource->setReconnectEnabled(false);
    }
    if (m_webSocket && m_webSocket->state() == WebSocketClient::State::Open) {
        if (interrupted) {
            // The person is waiting: at most a second for the goodbye.
            QTimer::singleShot(kLeaveGraceMs, this, [this] { reportExit(kInterrupted); });
        }
        if (m_session && (exitCode == 0 || interrupted)) {
            // Leave as the protocol says, and give the server time to act on what was sent.
            m_session->leave([this, exitCode, interrupted](const QString &error) {
                if (!error.isEmpty()) {
                    m_webSocket->close();
                    ConsoleOutput::error(QStringLiteral("%1: %2").arg(commandName(), error));
                    reportExit(interrupted ? exitCode : 1);
                    return;
                }
                if (m_webSocket->state() == WebSocketClient::State::Closed) {
                    reportExit(exitCode);
                } else {
                    waitForServerClose(exitCode, interrupted);
                }
            });
            return;
        }
        // A close frame, and a moment for the server's answer, rather than a dropped connection.
        waitForServerClose(exitCode, interrupted);
        m_webSocket->close();
        return;
    }
    if (m_webSocket) {
        m_webSocket->close();
    } else if (m_eventSource) {
        m_eventSource->close();
    }
    reportExit(exitCode);
}

} // namespace herald::cli

#include "moc_ListenCommand.cpp"
