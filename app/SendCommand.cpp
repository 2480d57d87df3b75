#include "SendCommand.h"

#include "CommandLineValues.h"
#include "ConsoleOutput.h"
#include "net/HttpFetcher.h"
#include "net/UrlText.h"
#include "protocol/ProtocolSession.h"

#include <QCommandLineParser>
#include <QFile>

#include <cstdio>
#include <utility>

namespace herald::cli {

bool SendOptions::isWebSocket() const
{
    return protocol.isWebSocketEndpoint(url);
}

ParsedSend parseSendArguments(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Send one message: over ws:// or wss:// as a WebSocket text message, over http:// or "
                       "https:// as the body of a POST."));
    parser.addPositionalArgument(QStringLiteral("URL"), QStringLiteral("where to send it"));
    parser.addPositionalArgument(QStringLiteral("MESSAGE"), QStringLiteral("the text to send; - reads standard input"));
    const QCommandLineOption header(
        {QStringLiteral("H"), QStringLiteral("header")},
        QStringLiteral("Extra request header \"Name: value\" (repeatable); @FILE or @env:NAME reads one a line, "
                       "keeping secrets out of the process list."),
        QStringLiteral("header"));
    const QCommandLineOption subprotocol(QStringLiteral("subprotocol"),
                                         QStringLiteral("WebSocket: offer this subprotocol (repeatable)."),
                                         QStringLiteral("NAME"));
    const QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("Give up after this long (default 30)."),
                                     QStringLiteral("SECONDS"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOptions({header, subprotocol, timeout, help});
    NetworkFlags network;
    network.addTo(parser);
    ProtocolFlags protocolFlags(ProtocolFlags::Verb::Send);
    protocolFlags.addTo(parser);

    const auto usageError = [](const QString &message) {
        ConsoleOutput::error(QStringLiteral("herald send: %1\nRun 'herald send --help' for the options.").arg(message));
        return ParsedSend{std::nullopt, 2};
    };
    if (!parser.parse(QStringList{QStringLiteral("herald send")} + arguments)) {
        return usageError(parserProblem(parser, arguments));
    }
    if (parser.isSet(help)) {
        std::fputs(qPrintable(helpFor(parser, QStringLiteral("send"))), stdout);
        return ParsedSend{std::nullopt, 0};
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        return usageError(QStringLiteral("give a URL and a message"));
    }
    SendOptions options;
    options.url = QUrl::fromUserInput(positional[0]);
    if (const QString problem = endpointUrlProblem(options.url); !problem.isEmpty()) {
        return usageError(QStringLiteral("'%1' %2").arg(positional[0], problem));
    }
    QString protocolError;
    if (!protocolFlags.read(parser, &protocolError)) {
        return usageError(protocolError);
    }
    options.protocol = protocolFlags;
    if (protocolFlags.isSet() && !options.isWebSocket()) {
        return usageError(QStringLiteral("--protocol applies to WebSocket (ws, wss) only"));
    }
    if (positional[1] == QLatin1String("-")) {
        QFile input;
        if (!input.open(stdin, QIODevice::ReadOnly)) {
            return usageError(QStringLiteral("could not read standard input"));
        }
        options.message = QString::fromUtf8(input.readAll());
        // `echo hi | herald send URL -` means "hi": the line end echo adds is not part of the message.
        if (options.message.endsWith(QLatin1Char('\n'))) {
            options.message.chop(options.message.endsWith(QLatin1String("\r\n")) ? 2 : 1);
        }
    } else {
        options.message = positional[1];
    }
    QString headerError;
    const auto headers = parseHeaders(parser.values(header), &headerError);
    if (!headers) {
        return usageError(headerError);
    }
    options.headers = *headers;
    if (parser.isSet(subprotocol) && !options.isWebSocket()) {
        return usageError(QStringLiteral("--subprotocol applies to WebSocket (ws, wss) only"));
    }
    options.subprotocols = parser.values(subprotocol);
    if (parser.isSet(timeout)) {
        bool ok = false;
        const double seconds = parser.value(timeout).toDouble(&ok);
        if (!ok || !std::isfinite(seconds) || seconds <= 0 || seconds > 1e6) {
            return usageError(
                QStringLiteral("--timeout needs a positive number of seconds, got \"%1\"").arg(parser.value(timeout)));
        }
        options.timeoutMs = qint64(std::llround(seconds * 1000));
    }
    QString networkError;
    if (!network.read(parser, QStringLiteral("send"), &networkError)) {
        if (network.failedForGood()) {
            ConsoleOutput::error(QStringLiteral("herald %1: %2").arg(QStringLiteral("send"), networkError));
            return ParsedSend{std::nullopt, 1};
        }
        return usageError(networkError);
    }
    options.network = network;
    return ParsedSend{options, 0};
}

SendCommand::SendCommand(const SendOptions &options, ConsoleOutput *out, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_out(out)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this,
            [this] { fail(QStringLiteral("nothing was sent within %1 s").arg(m_options.timeoutMs / 1000.0)); });
}

SendCommand::~SendCommand() = default;

void SendCommand::start()
{
    m_timeout.start(int(std::min<qint64>(m_options.timeoutMs, std::numeric_limits<int>::max())));
    if (m_options.isWebSocket()) {
        startWebSocket();
    } else {
        startPost();
    }
}

void SendCommand::startWebSocket()
{
    m_webSocket = std::make_unique<WebSocketClient>(m_options.url);
    WebSocketClient *client = m_webSocket.get();
    client->setHeaders(m_options.headers);
    client->setSubprotocols(m_options.subprotocols);
    client->setReconnectEnabled(false);
    m_options.network.applyTo(*client, m_options.url);
    const auto closeWhenSent = [this, client] {
        if (std::exchange(m_leaving, true)) {
            return; // once: the bytes of the leaving itself are written too
        }
        if (m_session) {
            // MQTT QoS 1: the close waits for the broker's PUBACK, so exit 0 means the broker has the message.
            m_session->leave([this](const QString &error) {
                if (!error.isEmpty()) {
                    fail(error);
                }
            });
        } else {
            client->close();
        }
    };
    const auto sendAndClose = [this, client, closeWhenSent] {
        if (m_session) {
            m_session->send(m_options.message, m_options.protocol.event());
        } else {
            client->sendText(m_options.message);
        }
        m_messageSent = true;
        m_pendingBytes = client->bytesToWrite();
        if (m_pendingBytes == 0) {
            closeWhenSent();
        }
    };
    if (m_options.protocol.isSet()) {
        // The message goes out once the protocol's handshake is done (Socket.IO: the namespace joined).
        QString error;
        m_session = std::make_unique<protocol::ProtocolSession>(
            *client, protocol::createProtocol(m_options.protocol.options(), &error)); // checked when parsed
        m_session->setReadyHandler(sendAndClose);
    } else {
        connect(client, &WebSocketClient::opened, this, sendAndClose);
    }
    connect(client, &WebSocketClient::bytesWritten, this, [this, client, closeWhenSent](qint64 bytes) {
        if (!m_messageSent) {
            return; // the protocol's own handshake going out
        }
        m_pendingBytes -= bytes;
        if (m_pendingBytes <= 0 && client->state() == WebSocketClient::State::Open) {
            m_messageSent = false; // once
            closeWhenSent();       // a normal close once the message is on the wire
        }
    });
    connect(client, &WebSocketClient::closed, this, [this] {
        if (m_session && !m_session->protocol().settled()) {
            fail(QStringLiteral("the connection closed before the server acknowledged the message"));
            return;
        }
        finish(0);
    });
    connect(client, &WebSocketClient::errorOccurred, this, [this](WebSocketClient::Error, const QString &message) {
        // Socket.IO servers close the connection when its last namespace leaves, racing our own close.
        if (m_leaving && (!m_session || m_session->protocol().settled())) {
            finish(0);
            return;
        }
        fail(message);
    });
    client->open();
}

void SendCommand::startPost()
{
    m_post = std::make_unique<HttpFetcher>();
    m_post->setTimeout(int(std::min<qint64>(m_options.timeoutMs, std::numeric_limits<int>::max())));
    m_options.network.applyTo(*m_post, m_options.url);
    HttpFetcher::Headers headers{{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain; charset=utf-8")}};
    headers += m_options.headers;
    m_post->send(
        "POST", m_options.url, m_options.message.toUtf8(),
        [this](const HttpFetcher::Result &result) {
            if (result.status == 0) {
                fail(result.error);
                return;
            }
            const QByteArray &body = result.body;
            const QString line = QStringLiteral("HTTP %1 %2\n").arg(result.status).arg(result.reason);
            if (result.status >= 200 && result.status < 300) {
                m_out->write(line.toUtf8() + body + (body.endsWith('\n') || body.isEmpty() ? "" : "\n"));
                finish(0);
            } else {
                m_out->write(line.toUtf8());
                fail(QStringLiteral("the server answered %1 %2%3")
                         .arg(result.status)
                         .arg(result.reason,
                              body.isEmpty() ? QString() : QStringLiteral(": ") + QString::fromUtf8(body.trimmed())));
            }
        },
        headers);
}

void SendCommand::fail(const QString &message)
{
    if (m_finished) {
        return;
    }
    ConsoleOutput::error(QStringLiteral("herald send: %1").arg(message));
    finish(1);
}

void SendCommand::finish(int exitCode)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_timeout.stop();
    m_out->flush();
    Q_EMIT finished(exitCode);
}

} // namespace herald::cli

#include "moc_SendCommand.cpp"
