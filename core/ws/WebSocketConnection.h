#pragma once

#include "net/ReadCoalescer.h"
#include "ws/PerMessageDeflate.h"
#include "ws/WebSocketFrames.h"
#include "ws/WebSocketHandshake.h"

#include <QByteArray>
#include <QNetworkProxy>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QtNetwork/qtnetworkglobal.h>
#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#include <QSslError>
#endif

#include <functional>
#include <memory>
#include <optional>

class QTcpSocket;

namespace herald {

// One WebSocket connection, Herald's own frame layer on a QTcpSocket or QSslSocket (so that proxies, the TLS
// policy, pins and client certificates work as for every other connection): the opening handshake with the
// server's answer kept whole, RFC 6455 framing with UTF-8 checked as it arrives, and permessage-deflate. No
// reconnecting, no keepalive: WebSocketClient does that on top.
class WebSocketConnection final : public QObject, private ws::FrameSink
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketConnection)

public:
    enum class State { Unconnected, Connecting, Handshaking, Open, Closing, Closed };
    Q_ENUM(State)
    // Why a connection ended, when it did not end with a close frame from the server.
    enum class Failure {
        None,
        Network,          // could not connect, or the connection broke
        HandshakeRefused, // the server answered the upgrade with another HTTP status: see handshakeResponse()
        HandshakeInvalid, // it answered 101 but not as RFC 6455 says (accept key, extensions, subprotocol)
        Protocol,         // it broke RFC 6455 after the handshake: closed with failureCloseCode()
        MessageTooLarge,  // a message was over the limit: closed with 1009
        NotReading,       // the server let more than kMaxUnwritten bytes wait unread: dropped
    };
    Q_ENUM(Failure)

    struct Options
    {
        qint64 maxMessageSize = 16 * 1024 * 1024;
        std::optional<QNetworkProxy> proxy;
#if QT_CONFIG(ssl)
        std::optional<QSslConfiguration> sslConfiguration;
#endif
    };

    // What may wait unwritten before a peer that does not read is dropped; one message larger than this still goes
    // out when nothing else waits.
    static constexpr qint64 kMaxUnwritten = 16 * 1024 * 1024;

    explicit WebSocketConnection(QObject *parent = nullptr);
    ~WebSocketConnection() override;

    // The owner's handler for text messages, called directly: a signal costs more than the rest of a small
    // message's trip. Without one, textMessageReceived() is emitted.
    using TextHandler = std::function<void(QByteArrayView utf8)>;
    void setTextHandler(TextHandler handler)
    {
        m_textHandler = std::move(handler);
    }

    void open(const ws::HandshakeRequest &request, const Options &options);
    void sendText(const QString &message);
    void sendBinary(const QByteArray &message);
    void ping(const QByteArray &payload);
    // Starts the closing handshake when open; the connection is over at finished().
    void close(quint16 code = ws::kCloseNormal, const QString &reason = {});
    // Ends it now, without a close frame. No signal follows.
    void abort();

    State state() const
    {
        return m_state;
    }
    qint64 bytesToWrite() const;
    const ws::HandshakeResponse &handshakeResponse() const
    {
        return m_response;
    }
    // The body of a refused upgrade (Failure::HandshakeRefused), de-chunked, at most http::kMaxRefusalBody bytes.
    QByteArray refusalBody() const;
    QString subprotocol() const
    {
        return m_subprotocol;
    }
    // The permessage-deflate parameters in force; empty when the server did not take compression.
    const std::optional<ws::DeflateParameters> &deflate() const
    {
        return m_deflateParameters;
    }

    Failure failure() const
    {
        return m_failure;
    }
    QString errorString() const
    {
        return m_errorString;
    }
    // The socket's error when connecting failed (QAbstractSocket::UnknownSocketError when none was reported).
    QAbstractSocket::SocketError connectError() const
    {
        return m_connectError;
    }
    quint16 failureCloseCode() const
    {
        return m_failureCloseCode;
    }
    bool closeFrameReceived() const
    {
        return m_closeReceived;
    }
    int closeCode() const
    {
        return m_closeCode;
    } // from the server's close frame; 1005 when it had none
    QString closeReason() const
    {
        return m_closeReason;
    }

#if QT_CONFIG(ssl)
    QSslCertificate peerCertificate() const;
    void ignoreSslErrors(const QList<QSslError> &errors);
#endif

Q_SIGNALS:
    void opened();
    // The text as it came, checked to be UTF-8; valid during the emission only (a direct connection).
    void textMessageReceived(QByteArrayView utf8);
    void binaryMessageReceived(const QByteArray &message);
    void pongReceived(const QByteArray &payload);
    void bytesArrived(); // anything from the server, a piece of a frame too: proof of life
    void bytesWritten(qint64 bytes);
#if QT_CONFIG(ssl)
    void sslErrors(const QList<QSslError> &errors);
#endif
    // Once, when the connection is over, for whatever reason (after abort() it does not come).
    void finished();

private:
    void onTransportReady();
    void onReadyRead();
    void onSocketError();
    void onDisconnected();
    bool acceptHandshake(QByteArrayView bytes);
    bool feedDecoder(QByteArrayView bytes); // false when it failed the connection
    bool refusalBodyComplete() const;
    void failConnection(Failure failure, quint16 closeCode, const QString &message);
    void finish();
    void writeFrame(ws::Opcode opcode, QByteArrayView payload, bool rsv1 = false);
    void writeToSocket(const QByteArray &bytes);
    void sendData(ws::Opcode opcode, QByteArrayView payload);

    // ws::FrameSink
    void textMessage(QByteArrayView utf8) override;
    void binaryMessage(QByteArrayView bytes) override;
    void pingFrame(QByteArrayView payload) override;
    void pongFrame(QByteArrayView payload) override;
    void closeFrame(int code, const QString &reason) override;

    TextHandler m_textHandler;
    ws::HandshakeRequest m_request;
    Options m_options;
    QTcpSocket *m_socket = nullptr;
    QByteArray m_key;
    ws::HandshakeResponseReader m_reader;
    ws::HandshakeResponse m_response;
    ws::FrameDecoder m_decoder;
    std::optional<ws::DeflateParameters> m_deflateParameters;
    std::unique_ptr<ws::MessageDeflater> m_deflater;
    QString m_subprotocol;
    QByteArray m_readBuffer;
    ReadCoalescer m_coalescer;
    QByteArray m_frame;
    QTimer m_closeGrace;
#ifdef Q_OS_WIN
    // Qt's event dispatcher on Windows turns all of a socket's events off while it delivers one of them or while a
    // notifier is turned on or off, and on again after; it drops an FD_CLOSE that comes while the read notifier is
    // off, which Windows posts once, and under Wine an FD_READ that comes in such a gap is now and then never
    // posted (the answers to a burst of 5,000 Socket.IO lines stopped coming in with 200 KB waiting in the kernel;
    // a server's close went unnoticed in three test runs in ten). Those gaps follow the socket's own activity only:
    // so every wake-up, write and bytesWritten is followed by one more read soon after, woken or not, and a read
    // that finds something by another. An idle connection is never polled. The read goes to the kernel for the
    // unbuffered plain socket only: wss:// reads Qt's buffer, which has no cap on Windows for this.
    QTimer m_readAgain;
    bool m_readingAgain = false;
#endif

    State m_state = State::Unconnected;
    Failure m_failure = Failure::None;
    QString m_errorString;
    QAbstractSocket::SocketError m_connectError = QAbstractSocket::UnknownSocketError;
    quint16 m_failureCloseCode = 0;
    bool m_closeSent = false;
    bool m_closeReceived = false;
    int m_closeCode = ws::kCloseNoStatus;
    QString m_closeReason;
    bool m_finished = false;
    bool m_readContinues = false; // a read left data for the next turn of the event loop
    bool m_notReading = false;
    bool m_readingRefusal = false; // the upgrade was refused: the body that says why is being read
    QByteArray m_refusalBody;
};

} // namespace herald
