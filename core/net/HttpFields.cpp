#include "HttpFields.h"

#include "net/UrlText.h"

#include <QStringList>

namespace herald::http {

namespace {

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

int defaultPort(const QString &scheme)
{
    if (scheme == QLatin1String("https") || scheme == QLatin1String("wss")) {
        return 443;
    }
    if (scheme == QLatin1String("http") || scheme == QLatin1String("ws")) {
        return 80;
    }
    return -1;
}

} // namespace

bool isToken(QByteArrayView text)
{
    if (text.isEmpty()) {
        return false;
    }
    for (const char c : text) {
        if (!isTokenChar(c)) {
            return false;
        }
    }
    return true;
}

bool isFieldValue(QByteArrayView value)
{
    for (const char c : value) {
        if (c == '\r' || c == '\n' || c == '\0') {
            return false;
        }
    }
    return true;
}

QString fieldProblem(QByteArrayView name, QByteArrayView value)
{
    if (!isToken(name)) {
        return name.isEmpty() ? QStringLiteral("has no name")
                              : QStringLiteral("has a name with characters a header name cannot have (only letters, "
                                               "digits and !#$%&'*+-.^_`|~)");
    }
    if (!isFieldValue(value)) {
        return QStringLiteral("has a line break or NUL in its value, which would end the header and start another");
    }
    return {};
}

bool isCredentialField(QByteArrayView name)
{
    const QByteArray lower = name.toByteArray().toLower();
    return lower == "authorization" || lower == "cookie" || lower == "proxy-authorization";
}

Headers sendableHeaders(const Headers &headers, QStringList *dropped)
{
    Headers kept;
    kept.reserve(headers.size());
    for (const auto &header : headers) {
        if (fieldProblem(header.first, header.second).isEmpty()) {
            kept.append(header);
        } else if (dropped) {
            dropped->append(QString::fromLatin1(header.first.toPercentEncoding()));
        }
    }
    return kept;
}

bool isSameOrigin(const QUrl &a, const QUrl &b)
{
    const QString scheme = a.scheme().toLower();
    return scheme == b.scheme().toLower() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(defaultPort(scheme)) == b.port(defaultPort(scheme));
}

bool isRedirectStatus(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

Redirect followRedirect(const QUrl &from, int status, const QByteArray &location, const QByteArray &method)
{
    Redirect redirect;
    if (location.trimmed().isEmpty()) {
        redirect.problem =
            QStringLiteral("HTTP %1 from %2 names no Location to go to").arg(status).arg(hostForMessages(from));
        return redirect;
    }
    const QUrl target = from.resolved(QUrl::fromEncoded(location.trimmed()));
    const QString scheme = target.scheme().toLower();
    if (!target.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        target.host().isEmpty()) {
        redirect.problem =
            QStringLiteral("%1 redirected to \"%2\", which is not an http or https address; Herald follows "
                           "redirects only to http and https")
                .arg(hostForMessages(from), QString::fromUtf8(location.left(200).toPercentEncoding("/:?&=#@.-_~+%")));
        return redirect;
    }
    if (from.scheme().toLower() == QLatin1String("https") && scheme == QLatin1String("http")) {
        redirect.problem = QStringLiteral("%1 redirected from https to plain http (%2); Herald does not give up "
                                          "encryption on a redirect")
                               .arg(hostForMessages(from), hostForMessages(target));
        return redirect;
    }
    redirect.url = target;
    redirect.crossesOrigin = !isSameOrigin(from, target);
    redirect.method = method;
    if (status == 303 ? method != "HEAD" : ((status == 301 || status == 302) && method == "POST")) {
        redirect.method = "GET";
        redirect.dropBody = true;
    }
    return redirect;
}

} // namespace herald::http
