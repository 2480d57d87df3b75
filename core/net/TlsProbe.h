#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace herald {

// Does a port speak TLS? Connects and offers a TLS handshake (trusting nothing it learns: the answer only chooses
// the advice a person gets when http:// met a TLS port). done(true) once a handshake completes; done(false) on any
// error, or when nothing answers within timeoutMs. done is not called once context is gone.
void probeTls(const QString &host, quint16 port, QObject *context, std::function<void(bool)> done,
              int timeoutMs = 3000);

// Does a port speak plain HTTP? Connects without TLS, asks "HEAD / HTTP/1.0" (nothing from a URL goes into it) and
// looks only at whether the answer starts as an HTTP response does; for the advice a person gets when https:// met a
// plain port, whose failure each TLS backend words its own way (Windows' Schannel only sees the connection close).
// done(true) on "HTTP/"; done(false) on anything else, an error, or silence for timeoutMs.
void probePlainHttp(const QString &host, quint16 port, QObject *context, std::function<void(bool)> done,
                    int timeoutMs = 3000);

} // namespace herald
