#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QtNetwork/qtnetworkglobal.h>

#include <optional>

#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#endif

namespace herald {

// How one feed trusts its server, as the user wrote it in the config file.
struct TlsSettings
{
    QString caCertificateFile;     // PEM file with extra certificates to trust (a private CA, a self-signed server)
    QString certificatePin;        // SHA-256 of the server's certificate (DER), hex with or without colons
    QString clientCertificateFile; // PKCS#12 file with the client certificate and its key
    bool acceptInvalidCertificates = false; // trusts anything: a man in the middle included

    bool isDefault() const
    {
        return caCertificateFile.isEmpty() && certificatePin.isEmpty() && clientCertificateFile.isEmpty() &&
               !acceptInvalidCertificates;
    }
    friend bool operator==(const TlsSettings &a, const TlsSettings &b)
    {
        return a.caCertificateFile == b.caCertificateFile && a.certificatePin == b.certificatePin &&
               a.clientCertificateFile == b.clientCertificateFile &&
               a.acceptInvalidCertificates == b.acceptInvalidCertificates;
    }
};

#if QT_CONFIG(ssl)
// TlsSettings made real: the files loaded into a QSslConfiguration, and the decisions a transport needs when the
// handshake reports errors and once it knows the server's certificate.
class TlsPolicy final
{
public:
    // The policy, or nothing with problem saying which file could not be used and why. passwordSource says where
    // the client certificate's password came from, for the message when it does not open the file; passwordRefused
    // (when given) is set when that was the problem, not a file or the pin.
    static std::optional<TlsPolicy> load(const TlsSettings &settings, const QString &clientCertificatePassword,
                                         QString *problem,
                                         const QString &passwordSource = QStringLiteral("the password kept in the "
                                                                                        "keychain for it"),
                                         bool *passwordRefused = nullptr);

    const QSslConfiguration &configuration() const { return m_configuration; }
    // What a person does about a certificate Herald does not trust, and about a pin that no longer matches, in the
    // words of where the settings came from: the feed's TLS settings by default, a command's flags for the CLI.
    void setAdvice(const QString &untrusted, const QString &pinMismatch)
    {
        m_untrustedAdvice = untrusted;
        m_pinAdvice = pinMismatch;
    }
    // The certificates OpenSSL's SSL_CERT_FILE and SSL_CERT_DIR name, as curl and OpenSSL's tools trust them.
    static QList<QSslCertificate> environmentCaCertificates();
    bool acceptsInvalidCertificates() const { return m_acceptInvalid; }

    struct HandshakeVerdict
    {
        bool ignore = false; // go on as if the handshake had reported nothing
        QString problem;     // otherwise: what to tell the user
    };
    // The one decision every transport makes when a handshake with host reports errors. They are ignored when the
    // user accepts invalid certificates (logged each time) and, for chain errors, when the server presents the
    // pinned certificate; otherwise the problem names the pin mismatch or the errors. policy may be null.
    static HandshakeVerdict review(const TlsPolicy *policy, const QList<QSslError> &errors, const QString &host);
    // Empty when peer is acceptable; otherwise what is wrong with it.
    QString checkPeer(const QSslCertificate &peer, const QString &host) const;

    static QByteArray normalisedPin(const QString &pin); // raw 32 bytes, or empty when pin is not a SHA-256 in hex

private:
    // Whether errors from a handshake with a server presenting peer may be ignored (see review()).
    bool mayIgnore(const QList<QSslError> &errors, const QSslCertificate &peer) const;
    // What to tell the user about a handshake that reported errors: the pin mismatch when there is a pin, the
    // errors otherwise. policy may be null.
    static QString describe(const TlsPolicy *policy, const QList<QSslError> &errors, const QSslCertificate &peer,
                            const QString &host);

    QSslConfiguration m_configuration = QSslConfiguration::defaultConfiguration();
    QByteArray m_pin;
    bool m_acceptInvalid = false;
    QString m_untrustedAdvice =
        QStringLiteral("add its CA certificate or pin its certificate in the feed's TLS settings");
    QString m_pinAdvice = QStringLiteral("if the server's certificate was renewed, update the feed's pin");
};
#endif

} // namespace herald
