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
    // The policy, or nothing with problem saying which file could not be used and why.
    static std::optional<TlsPolicy> load(const TlsSettings &settings, const QString &clientCertificatePassword,
                                         QString *problem);

    const QSslConfiguration &configuration() const { return m_configuration; }
    bool acceptsInvalidCertificates() const { return m_acceptInvalid; }

    // Whether errors from a handshake with a server presenting peer may be ignored: all of them when the user
    // accepts invalid certificates, and chain errors when peer is the pinned certificate.
    bool mayIgnore(const QList<QSslError> &errors, const QSslCertificate &peer) const;
    // What to tell the user about a handshake that reported errors: the pin mismatch when there is a pin, the
    // errors otherwise. policy may be null.
    static QString describe(const TlsPolicy *policy, const QList<QSslError> &errors, const QSslCertificate &peer,
                            const QString &host);
    // Empty when peer is acceptable; otherwise what is wrong with it.
    QString checkPeer(const QSslCertificate &peer, const QString &host) const;

    static QByteArray normalisedPin(const QString &pin); // raw 32 bytes, or empty when pin is not a SHA-256 in hex

private:
    QSslConfiguration m_configuration = QSslConfiguration::defaultConfiguration();
    QByteArray m_pin;
    bool m_acceptInvalid = false;
};
#endif

} // namespace herald
