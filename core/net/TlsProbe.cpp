#include "TlsProbe.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QtNetwork/qtnetwork-config.h>

#include <memory>
#if QT_CONFIG(ssl)
#include <QSslSocket>
#endif

namespace herald {

namespace {

// Calls done once, with the first answer (the socket's, an error or the time-out), and ends the probe's socket.
std::function<void(bool)> answerOnce(QAbstractSocket *socket, std::function<void(bool)> done, int timeoutMs)
{
    auto answered = std::make_shared<bool>(false);
    std::function<void(bool)> answer = [socket, answered, done = std::move(done)](bool yes) {
        if (*answered) {
            return;
        }
        *answered = true;
        socket->abort();
        socket->deleteLater();
        done(yes);
    };
    QObject::connect(socket, &QAbstractSocket::errorOccurred, socket, [answer] { answer(false); });
    QTimer::singleShot(timeoutMs, socket, [answer] { answer(false); });
    return answer;
}

} // namespace

void probeTls(const QString &host, quint16 port, QObject *context, std::function<void(bool)> done, int timeoutMs)
{
#if QT_CONFIG(ssl)
    auto *socket = new QSslSocket(context);
    socket->setPeerVerifyMode(QSslSocket::VerifyNone);
    const auto answer = answerOnce(socket, std::move(done), timeoutMs);
    QObject::connect(socket, &QSslSocket::encrypted, socket, [answer] { answer(true); });
    socket->connectToHostEncrypted(host, port);
#else
    Q_UNUSED(host);
    Q_UNUSED(port);
    QTimer::singleShot(0, context, [done = std::move(done)] { done(false); });
    Q_UNUSED(timeoutMs);
#endif
}

void probePlainHttp(const QString &host, quint16 port, QObject *context, std::function<void(bool)> done, int timeoutMs)
{
    static constexpr char kStatusLineStart[] = "HTTP/";
    constexpr qsizetype kStartLength = sizeof(kStatusLineStart) - 1;
    auto *socket = new QTcpSocket(context);
    const auto answer = answerOnce(socket, std::move(done), timeoutMs);
    QObject::connect(socket, &QTcpSocket::connected, socket, [socket] { socket->write("HEAD / HTTP/1.0\r\n\r\n"); });
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, answer] {
        if (socket->bytesAvailable() < kStartLength) {
            return;
        }
        answer(socket->read(kStartLength) == kStatusLineStart);
    });
    socket->connectToHost(host, port);
}

} // namespace herald
