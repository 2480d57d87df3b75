#include "ProtocolSession.h"

#include "ws/WebSocketClient.h"

#include <QTimer>

#include <algorithm>
#include <climits>
#include <limits>
#include <utility>

namespace herald::protocol {

ProtocolSession::ProtocolSession(WebSocketClient &client, std::unique_ptr<MessageProtocol> protocol)
    : m_client(client)
    , m_protocol(std::move(protocol))
{
    m_client.setUrl(m_protocol->connectionUrl(m_client.url()));
    if (!m_protocol->subprotocols().isEmpty()) {
        m_client.setSubprotocols(m_protocol->subprotocols());
    }
    m_client.setRefusalCheck([this](int code, const QString &reason) { return m_protocol->refusal(code, reason); });
    m_keepalive.callOnTimeout([this] {
        if (m_client.state() != WebSocketClient::State::Open || !m_protocol->ready()) {
            m_keepalive.stop(); // started again by the next handshake
            return;
        }
        m_protocol->keepalive(*this);
    });
    m_settleTimeout.setSingleShot(true);
    m_settleTimeout.callOnTimeout([this] {
        finishLeaving(
            QStringLiteral("the server did not acknowledge everything sent within %1 s").arg(kSettleTimeoutMs / 1000));
    });
    m_connections << QObject::connect(&m_client, &WebSocketClient::opened, &m_client, [this] {
        m_protocol->opened(*this); // starts over: not ready until its handshake says so
        QList<AppMessage> none;
        afterInput(none, false);
    });
    m_closeTimer.setSingleShot(true);
    m_closeTimer.callOnTimeout([this] { closeWhenQuiet(); });
    m_client.setTextHandler([this](QByteArrayView utf8) {
        m_sinceLastReceived.start();
        const bool wasReady = m_protocol->ready();
        QList<AppMessage> messages;
        m_protocol->textReceived(utf8, *this, messages);
        afterInput(messages, wasReady);
    });
    m_connections << QObject::connect(&m_client, &WebSocketClient::binaryMessageReceived, &m_client,
                                      [this](const QByteArray &bytes) {
                                          m_sinceLastReceived.start();
                                          const bool wasReady = m_protocol->ready();
                                          QList<AppMessage> messages;
                                          m_protocol->binaryReceived(bytes, *this, messages);
                                          afterInput(messages, wasReady);
                                      });
}

ProtocolSession::~ProtocolSession()
{
    m_client.setTextHandler({});
    m_client.setRefusalCheck({});
    for (const QMetaObject::Connection &connection : std::as_const(m_connections)) {
        QObject::disconnect(connection);
    }
}

void ProtocolSession::afterInput(QList<AppMessage> &messages, bool wasReady)
{
    if (!wasReady && m_protocol->ready()) {
        while (!m_waiting.empty() && m_client.state() == WebSocketClient::State::Open) {
            const auto [text, type] = m_waiting.front();
            m_waiting.pop_front();
            m_protocol->send(text, type, *this);
            m_sinceLastSend.start();
        }
        if (const int interval = m_protocol->keepaliveIntervalMs(); interval > 0) {
            m_keepalive.start(interval);
        }
        if (m_onReady) {
            m_onReady();
        }
    }
    for (const AppMessage &message : std::as_const(messages)) {
        if (m_onMessage) {
            m_onMessage(message);
        }
    }
    if (m_leaveDone && m_protocol->settled()) {
        finishLeaving({});
    }
}

bool ProtocolSession::send(const QString &text, const QString &type)
{
    if (m_protocol->ready() && m_client.state() == WebSocketClient::State::Open) {
        m_protocol->send(text, type, *this);
        m_sinceLastSend.start();
        return true;
    }
    if (int(m_waiting.size()) >= kMaxWaiting) {
        return false;
    }
    m_waiting.emplace_back(text, type);
    return true;
}

void ProtocolSession::leave(std::function<void(const QString &error)> done)
{
    m_leaveDone = std::move(done);
    if (m_protocol->settled()) {
        finishLeaving({});
        return;
    }
    // afterInput finishes once the last acknowledgement is in, also after a reconnect (MQTT resends what was not
    // acknowledged); a connection that does not come back in time is an error, not a quiet success.
    m_settleTimeout.start(kSettleTimeoutMs);
}

void ProtocolSession::finishLeaving(const QString &error)
{
    m_settleTimeout.stop();
    m_keepalive.stop();
    auto done = std::exchange(m_leaveDone, {});
    if (!done) {
        return;
    }
    if (m_client.state() == WebSocketClient::State::Open && m_protocol->ready()) {
        m_protocol->leaving(*this);
    }
    if (!error.isEmpty()) {
        done(error); // the caller fails, and closes the connection with it
        return;
    }
    m_closeDone = std::move(done);
    m_closing.start();
    closeWhenQuiet();
}

void ProtocolSession::closeWhenQuiet()
{
    // The grace is for what was sent just before, and for what the server still answers: a session quiet for that
    // long closes at once.
    const auto quietFor = [](const QElapsedTimer &since) {
        return since.isValid() ? since.elapsed() : std::numeric_limits<qint64>::max();
    };
    const qint64 quiet = std::min(quietFor(m_sinceLastSend), quietFor(m_sinceLastReceived));
    const qint64 wait = std::min<qint64>(m_protocol->leaveGraceMs() - std::min<qint64>(quiet, INT_MAX),
                                         kSettleTimeoutMs - m_closing.elapsed());
    if (wait > 0 && m_client.state() == WebSocketClient::State::Open) {
        m_closeTimer.start(int(wait));
        return;
    }
    // On the next turn, as before there was a wait: this may run inside the client's own handlers (the PUBACK that
    // settled an MQTT session), which must not see it closed under them. The timer goes with the client, whatever
    // becomes of this session.
    WebSocketClient *client = &m_client;
    QTimer::singleShot(0, client, [client, done = std::exchange(m_closeDone, {})] {
        client->close();
        if (done) {
            done({});
        }
    });
}

void ProtocolSession::sendText(const QString &text)
{
    m_client.sendText(text);
}

void ProtocolSession::sendBinary(const QByteArray &bytes)
{
    m_client.sendBinary(bytes);
}

void ProtocolSession::protocolCompleted(const QString &message)
{
    if (m_onCompleted) {
        m_onCompleted(message);
    } else {
        m_client.failConnection(message, true);
    }
}

void ProtocolSession::protocolFailed(const QString &message, bool retry)
{
    m_client.failConnection(message, retry);
}

} // namespace herald::protocol
