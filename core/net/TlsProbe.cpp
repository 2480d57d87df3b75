#include "TlsProbe.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QtNetwork/qtnetwork-config.h>
#if QT_CONFIG(ssl)
#include <QSslSocket>
#endif

namespace herald {

void probeTls(const QString &host, quint16 port, QObject *context, std::function<void(bool)> done, int timeoutMs)
{
#if QT_CONFIG(ssl)
    auto *socket = new QSslSocket(context);
    socket->setPeerVerifyMode(QSslSocket::VerifyNone);
    auto answered = std::make_shared<bool>(false);
    const auto answer = [socket, answered, done = std::move(done)](bool tls) {
        if (*answered) {
            return;
        }
        *answered = true;
        socket->abort();
        socket->deleteLater();
        done(tls);
    };
    QObject::connect(socket, &QSslSocket::encrypted, socket, [answer] { answer(true); });
    QObject::connect(socket, &QSslSocket::errorOccurred, socket, [answer] { answer(false); });
    QTimer::singleShot(timeoutMs, socket, [answer] { answer(false); });
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
    auto answered = std::make_shared<bool>(false);
    const auto answer = [socket, answered, done = std::move(done)](bool plainHttp) {
        if (*answered) {
            return;
        }
        *answered = true;
        socket->abort();
        socket->deleteLater();
        done(plainHttp);
    };
    QObject::connect(socket, &QTcpSocket::connected, socket, [socket] { socket->write("HEAD / HTTP/1.0\r\n\r\n"); });
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, answer] {
        if (socket->bytesAvailable() < kStartLength) {
            return;
        }
        answer(socket->read(kStartLength) == kStatusLineStart);
    });
    QObject::connect(socket, &QTcpSocket::errorOccurred, socket, [answer] { answer(false); });
    QTimer::singleShot(timeoutMs, socket, [answer] { answer(false); });
    socket->connectToHost(host, port);
}

} // namespace herald
