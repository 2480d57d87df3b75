#include "SendCommand.h"

#include "CommandLineValues.h"
#include "ConsoleOutput.h"

#include <QCommandLineParser>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <cstdio>

namespace herald::cli {

bool SendOptions::isWebSocket() const
{
    return url.scheme() == QLatin1String("ws") || url.scheme() == QLatin1String("wss");
}

ParsedSend parseSendArguments(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Send one message: over ws:// or wss:// as a WebSocket text message, over http:// or "
                       "https:// as the body of a POST."));
    parser.addPositionalArgument(QStringLiteral("URL"), QStringLiteral("where to send it"));
    parser.addPositionalArgument(QStringLiteral("MESSAGE"), QStringLiteral("the text to send; - reads standard input"));
    const QCommandLineOption header({QStringLiteral("H"), QStringLiteral("header")},
                                    QStringLiteral("Extra request header \"Name: value\" (repeatable)."),
                                    QStringLiteral("header"));
    const QCommandLineOption subprotocol(QStringLiteral("subprotocol"),
                                         QStringLiteral("WebSocket: offer this subprotocol (repeatable)."),
                                         QStringLiteral("NAME"));
    const QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("Give up after this long (default 30)."),
                                     QStringLiteral("SECONDS"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOptions({header, subprotocol, timeout, help});

    const auto usageError = [](const QString &message) {
        ConsoleOutput::error(QStringLiteral("herald send: %1\nRun 'herald send --help' for the options.").arg(message));
        return ParsedSend{std::nullopt, 2};
    };
    if (!parser.parse(QStringList{QStringLiteral("herald send")} + arguments)) {
        return usageError(parser.errorText());
    }
    if (parser.isSet(help)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return ParsedSend{std::nullopt, 0};
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        return usageError(QStringLiteral("give a URL and a message"));
    }
    SendOptions options;
    options.url = QUrl::fromUserInput(positional[0]);
    const QString scheme = options.url.scheme();
    if (!options.url.isValid() || options.url.host().isEmpty() ||
        (!options.isWebSocket() && scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        return usageError(QStringLiteral("'%1' is neither an http(s) nor a ws(s) URL").arg(positional[0]));
    }
    if (positional[1] == QLatin1String("-")) {
        QFile input;
        if (!input.open(stdin, QIODevice::ReadOnly)) {
            return usageError(QStringLiteral("could not read standard input"));
        }
        options.message = QString::fromUtf8(input.readAll());
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
    connect(client, &WebSocketClient::opened, this, [this, client] {
        client->sendText(m_options.message);
        m_pendingBytes = client->bytesToWrite();
        if (m_pendingBytes == 0) {
            client->close();
        }
    });
    connect(client, &WebSocketClient::bytesWritten, this, [this, client](qint64 bytes) {
        m_pendingBytes -= bytes;
        if (m_pendingBytes <= 0 && client->state() == WebSocketClient::State::Open) {
            client->close(); // a normal close once the message is on the wire
        }
    });
    connect(client, &WebSocketClient::closed, this, [this] { finish(0); });
    connect(client, &WebSocketClient::errorOccurred, this,
            [this](WebSocketClient::Error, const QString &message) { fail(message); });
    client->open();
}

void SendCommand::startPost()
{
    m_manager = new QNetworkAccessManager(this);
    QNetworkRequest request(m_options.url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/plain; charset=utf-8"));
    for (const auto &[name, value] : std::as_const(m_options.headers)) {
        request.setRawHeader(name, value);
    }
    m_reply = m_manager->post(request, m_options.message.toUtf8());
    connect(m_reply, &QNetworkReply::finished, this, &SendCommand::onPostFinished);
}

void SendCommand::onPostFinished()
{
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    const QByteArray body = m_reply->readAll();
    m_reply->deleteLater();
    if (status == 0) {
        fail(QStringLiteral("could not POST to %1: %2")
                 .arg(m_options.url.toDisplayString(QUrl::RemoveUserInfo), m_reply->errorString()));
        return;
    }
    const QString line = QStringLiteral("HTTP %1 %2\n").arg(status).arg(reason);
    if (status >= 200 && status < 300) {
        m_out->write(line.toUtf8() + body + (body.endsWith('\n') || body.isEmpty() ? "" : "\n"));
        finish(0);
    } else {
        m_out->write(line.toUtf8());
        fail(QStringLiteral("the server answered %1 %2%3")
                 .arg(status)
                 .arg(reason, body.isEmpty() ? QString() : QStringLiteral(": ") + QString::fromUtf8(body.trimmed())));
    }
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
