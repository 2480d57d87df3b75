#pragma once

#include "CommandLineValues.h"
#include "ws/WebSocketClient.h"

#include <QByteArray>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <optional>

namespace herald {
class HttpFetcher;
}

namespace herald::protocol {
class ProtocolSession;
}

namespace herald::cli {

class ConsoleOutput;

struct SendOptions
{
    QUrl url;
    QString message;
    WebSocketClient::Headers headers;
    QStringList subprotocols;
    qint64 timeoutMs = 30000;
    NetworkFlags network; // TLS and proxy
    ProtocolFlags protocol{ProtocolFlags::Verb::Send};

    bool isWebSocket() const;
};

struct ParsedSend
{
    std::optional<SendOptions> options;
    int exitCode = 0;
};

// Reads `herald send` arguments (without program and verb); MESSAGE "-" reads standard input.
ParsedSend parseSendArguments(const QStringList &arguments);

// `herald send`: one text message over WebSocket (written, then a normal close) or one HTTP POST (status printed).
// Emits finished(exitCode): 0 sent, 1 failed.
class SendCommand final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendCommand)

public:
    SendCommand(const SendOptions &options, ConsoleOutput *out, QObject *parent = nullptr);
    ~SendCommand() override;
    void start();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void startWebSocket();
    void startPost();
    void fail(const QString &message);
    void finish(int exitCode);

    SendOptions m_options;
    ConsoleOutput *m_out;
    std::unique_ptr<WebSocketClient> m_webSocket;
    std::unique_ptr<protocol::ProtocolSession> m_session; // with --protocol
    std::unique_ptr<HttpFetcher> m_post;
    qint64 m_pendingBytes = 0;
    bool m_messageSent = false;
    bool m_leaving = false; // the message is out and the close is ours: the server closing too is no failure
    QTimer m_timeout;
    bool m_finished = false;
};

} // namespace herald::cli
