#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace herald::http {

using Headers = QList<QPair<QByteArray, QByteArray>>;

// A field name or method as RFC 9110 allows it: a token (letters, digits and !#$%&'*+-.^_`|~), never empty.
bool isToken(QByteArrayView text);
// A field value that cannot end its line or the request: no CR, LF or NUL. Everything that reaches a request line
// or a header (user -H values, resume ids from a server, ntfy action headers) passes this first.
bool isFieldValue(QByteArrayView value);
inline bool isFieldValue(const QString &value)
{
    return isFieldValue(QByteArrayView(value.toUtf8()));
}
// Why "name: value" cannot be sent, as the end of a sentence that starts with the header ("… has a line break in
// its value"); empty when it can.
QString fieldProblem(QByteArrayView name, QByteArrayView value);
// The headers that carry a person's credentials, which never follow a redirect to another origin.
bool isCredentialField(QByteArrayView name);
// headers without the ones that cannot be sent, each one dropped named in dropped (names only: values may be secret).
Headers sendableHeaders(const Headers &headers, QStringList *dropped = nullptr);

// Scheme, host and port: what a redirect must keep for credentials to go along.
bool isSameOrigin(const QUrl &a, const QUrl &b);

// Where a 3xx answer leads, decided as curl and browsers decide it.
struct Redirect
{
    QUrl url;          // empty when the redirect is refused
    QByteArray method; // 303, and 301/302 after a POST, become GET without a body
    bool dropBody = false;
    bool crossesOrigin = false; // credentials stay behind from here on
    QString problem;            // why it is refused: another scheme, https to http, no Location
};
Redirect followRedirect(const QUrl &from, int status, const QByteArray &location, const QByteArray &method);
bool isRedirectStatus(int status);

} // namespace herald::http
