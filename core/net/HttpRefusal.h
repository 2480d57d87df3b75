#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace herald::http {

// At most this much of a refused request's body is kept, to read what the server said; the rest is not waited for.
inline constexpr qsizetype kMaxRefusalBody = 8 * 1024;

// What the body of an answer with an error status says, as one short line for a person: an HTML page's title (or
// its text), a JSON object's description of the error, or plain text. Tags, entities and runs of white space are
// undone, control and hidden characters dropped, and a leading status number ("400 …") left out, so that nothing a
// server writes there can steer a terminal. At most 160 characters; empty when the body says nothing readable.
QString refusalText(QByteArrayView body, QByteArrayView contentType);

// What to do when a refusal shows the TLS client certificate was the problem: the server wants one it did not get
// (nginx's 400 "No required SSL certificate was sent", its 496) or did not accept the one it got (nginx's 400 "The
// SSL certificate error", its 495). Empty for any other refusal.
QString clientCertificateAdvice(int status, QStringView serverText, bool certificateGiven);

// What to make of a TLS connection that failed with OpenSSL's error text as Qt passes it on. A server alert about
// the client certificate is certain: TLS 1.3's "certificate required" when none was given, "unknown ca", "bad
// certificate", "certificate expired" and the like when one was. TLS 1.2's "handshake failure" without one only may
// mean a certificate is wanted: advice, but not certain.
struct TlsAlertAdvice
{
    QString advice; // empty when the error says nothing about a client certificate
    bool certain = false;
};
TlsAlertAdvice tlsAlertAdvice(QStringView error, bool certificateGiven);

// "HTTP 400 Bad Request", " from " and server when one is named, what the server said in quotes when it says more
// than the reason phrase, then ": " and advice: clientCertificateAdvice() when it applies, else fallbackAdvice.
QString describeRefusal(int status, QByteArrayView reasonPhrase, const QString &serverText, bool certificateGiven,
                        const QString &fallbackAdvice, const QString &server = {});

} // namespace herald::http
