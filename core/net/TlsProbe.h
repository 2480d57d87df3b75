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

} // namespace herald
