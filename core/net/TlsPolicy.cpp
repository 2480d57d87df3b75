#include "TlsPolicy.h"

#if QT_CONFIG(ssl)
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSslKey>

Q_LOGGING_CATEGORY(lcTls, "herald.tls", QtInfoMsg)

namespace herald {

QByteArray TlsPolicy::normalisedPin(const QString &pin)
{
    QString hex = pin.trimmed();
    if (hex.startsWith(QLatin1String("sha256/"), Qt::CaseInsensitive)) {
        hex = hex.mid(7);
    }
    hex.remove(u':');
    const QByteArray bytes = QByteArray::fromHex(hex.toLatin1());
    const bool allHex = std::all_of(hex.cbegin(), hex.cend(), [](QChar c) { return isxdigit(c.unicode()) != 0; });
    return allHex && bytes.size() == 32 && hex.size() == 64 ? bytes : QByteArray();
}

QList<QSslCertificate> TlsPolicy::environmentCaCertificates()
{
    // Many systems point these at the system's own store, which Qt trusts already: reading its few hundred
    // certificates again would cost a quarter of a second at every start for nothing.
    static const QStringList systemStores{QStringLiteral("/etc/ssl/certs"),
                                          QStringLiteral("/etc/ssl/certs/ca-certificates.crt"),
                                          QStringLiteral("/etc/pki/tls/certs"),
                                          QStringLiteral("/etc/pki/tls/certs/ca-bundle.crt"),
                                          QStringLiteral("/usr/lib/ssl/certs"),
                                          QStringLiteral("/usr/lib/ssl/cert.pem"),
                                          QStringLiteral("/etc/ssl/cert.pem"),
                                          QStringLiteral("/usr/local/share/certs"),
                                          QStringLiteral("/etc/ca-certificates/extracted/tls-ca-bundle.pem")};
    const auto isSystemStore = [](const QString &path) {
        QString clean = QDir::cleanPath(path);
        return systemStores.contains(clean);
    };
    QList<QSslCertificate> certificates;
    if (const QString file = qEnvironmentVariable("SSL_CERT_FILE"); !file.isEmpty() && !isSystemStore(file)) {
        certificates += QSslCertificate::fromPath(file, QSsl::Pem);
        if (certificates.isEmpty()) {
            qCWarning(lcTls).noquote() << "SSL_CERT_FILE names" << file << "which holds no PEM certificate";
        }
    }
    if (const QString folder = qEnvironmentVariable("SSL_CERT_DIR"); !folder.isEmpty()) {
        for (const QString &one : folder.split(u':', Qt::SkipEmptyParts)) {
            if (isSystemStore(one)) {
                continue;
            }
            certificates += QSslCertificate::fromPath(one + QStringLiteral("/*"), QSsl::Pem,
                                                      QSslCertificate::PatternSyntax::Wildcard);
        }
    }
    return certificates;
}

std::optional<TlsPolicy> TlsPolicy::load(const TlsSettings &settings, const QString &clientCertificatePassword,
                                         QString *problem, const QString &passwordSource, bool *passwordRefused)
{
    TlsPolicy policy;
    static const QList<QSslCertificate> fromEnvironment = environmentCaCertificates();
    if (!fromEnvironment.isEmpty()) {
        policy.m_configuration.addCaCertificates(fromEnvironment);
    }
    if (!settings.caCertificateFile.isEmpty()) {
        QFile file(settings.caCertificateFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *problem = QStringLiteral("cannot read the CA certificate file %1: %2")
                           .arg(settings.caCertificateFile, file.errorString());
            return std::nullopt;
        }
        const auto certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
        if (certificates.isEmpty()) {
            *problem = QStringLiteral("%1 holds no PEM certificate (it should contain \"-----BEGIN CERTIFICATE-----\")")
                           .arg(settings.caCertificateFile);
            return std::nullopt;
        }
        policy.m_configuration.addCaCertificates(certificates);
    }
    if (!settings.certificatePin.isEmpty()) {
        policy.m_pin = normalisedPin(settings.certificatePin);
        if (policy.m_pin.isEmpty()) {
            *problem = QStringLiteral("the certificate pin \"%1\" is not a SHA-256 digest: write 64 hex digits, e.g. "
                                      "from `openssl x509 -noout -fingerprint -sha256 -in server.pem`")
                           .arg(settings.certificatePin);
            return std::nullopt;
        }
    }
    if (!settings.clientCertificateFile.isEmpty()) {
        QFile file(settings.clientCertificateFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *problem = QStringLiteral("cannot read the client certificate file %1: %2")
                           .arg(settings.clientCertificateFile, file.errorString());
            return std::nullopt;
        }
        QSslKey key;
        QSslCertificate certificate;
        QList<QSslCertificate> chain;
        if (!QSslCertificate::importPkcs12(&file, &key, &certificate, &chain, clientCertificatePassword.toUtf8())) {
            *problem = QStringLiteral("%1 is not a PKCS#12 file this password opens; check the file and %2")
                           .arg(settings.clientCertificateFile, passwordSource);
            if (passwordRefused) {
                *passwordRefused = true;
            }
            return std::nullopt;
        }
        policy.m_configuration.setPrivateKey(key);
        policy.m_configuration.setLocalCertificate(certificate);
        if (!chain.isEmpty()) {
            policy.m_configuration.setLocalCertificateChain(QList<QSslCertificate>{certificate} + chain);
        }
    }
    policy.m_acceptInvalid = settings.acceptInvalidCertificates;
    return policy;
}

bool TlsPolicy::mayIgnore(const QList<QSslError> &errors, const QSslCertificate &peer) const
{
    if (m_acceptInvalid) {
        return true;
    }
    if (m_pin.isEmpty() || peer.isNull() || peer.digest(QCryptographicHash::Sha256) != m_pin) {
        return false;
    }
    // The user vouched for exactly this certificate: who signed it and for which name no longer matter, but a
    // certificate past its dates or revoked still does not pass.
    return std::all_of(errors.cbegin(), errors.cend(), [](const QSslError &error) {
        switch (error.error()) {
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::CertificateUntrusted:
        case QSslError::HostNameMismatch:
            return true;
        default:
            return false;
        }
    });
}

TlsPolicy::HandshakeVerdict TlsPolicy::review(const TlsPolicy *policy, const QList<QSslError> &errors,
                                              const QString &host)
{
    const QSslCertificate peer = errors.isEmpty() ? QSslCertificate() : errors.first().certificate();
    if (policy && policy->mayIgnore(errors, peer)) {
        if (policy->acceptsInvalidCertificates()) {
            qCWarning(lcTls).noquote() << host << "presented an invalid certificate, accepted because the feed says so";
        }
        return {true, {}};
    }
    return {false, describe(policy, errors, peer, host)};
}

QString TlsPolicy::describe(const TlsPolicy *policy, const QList<QSslError> &errors, const QSslCertificate &peer,
                            const QString &host)
{
    if (policy) {
        if (const QString pinProblem = policy->checkPeer(peer, host); !pinProblem.isEmpty()) {
            return pinProblem;
        }
    }
    QStringList problems;
    for (const QSslError &error : errors) {
        problems.append(error.errorString());
    }
    const QString advice = policy ? policy->m_untrustedAdvice : TlsPolicy().m_untrustedAdvice;
    return QStringLiteral("%1 presented a certificate Herald does not trust (%2); %3")
        .arg(host, problems.join(QStringLiteral("; ")), advice);
}

QString TlsPolicy::checkPeer(const QSslCertificate &peer, const QString &host) const
{
    if (m_pin.isEmpty() || m_acceptInvalid) {
        return {};
    }
    const QByteArray digest = peer.isNull() ? QByteArray() : peer.digest(QCryptographicHash::Sha256);
    if (digest == m_pin) {
        return {};
    }
    return QStringLiteral("the certificate of %1 (SHA-256 %2) is not the pinned one (%3); %4")
        .arg(host, QString::fromLatin1(digest.toHex(':')), QString::fromLatin1(m_pin.toHex(':')), m_pinAdvice);
}

} // namespace herald
#endif
