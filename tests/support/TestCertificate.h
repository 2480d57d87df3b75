#pragma once

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <optional>

namespace herald::test {

// A throwaway self-signed certificate made by the openssl command for TLS tests.
struct TestCertificate
{
    QString certificatePath;
    QString keyPath;
    QSslCertificate certificate;
    QSslKey key;

    // What a TLS test server presents: this certificate and its key.
    QSslConfiguration serverConfiguration() const;
};

// Runs the openssl command to its end (under Wine: the Linux one, through the peer launcher). False with error set
// when it is missing or fails.
bool runOpenssl(const QStringList &arguments, QString *error);

// subjectAltName as openssl takes it, e.g. "IP:127.0.0.1" or "DNS:other.example". Empty with error set when
// openssl is missing or fails.
std::optional<TestCertificate> makeSelfSignedCertificate(const QTemporaryDir &dir, const QString &subjectAltName,
                                                         QString *error);

} // namespace herald::test
