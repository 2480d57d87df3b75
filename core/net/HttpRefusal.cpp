#include "HttpRefusal.h"

#include "net/HttpResponse.h"
#include "util/SafeText.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

#include <algorithm>

namespace herald::http {

namespace {

constexpr qsizetype kMaxRefusalText = 160;

QByteArray mimeOf(QByteArrayView contentType)
{
    const qsizetype parameters = contentType.indexOf(';');
    return (parameters < 0 ? contentType : contentType.first(parameters)).trimmed().toByteArray().toLower();
}

// The body as UTF-8 text, or nothing when it is not text (a picture, gzip, another encoding).
bool decodeUtf8(QByteArrayView body, QString *text)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    *text = decoder(body);
    return !decoder.hasError();
}

QString decodeEntities(const QString &html)
{
    QString out;
    out.reserve(html.size());
    for (qsizetype i = 0; i < html.size(); ++i) {
        const QChar c = html.at(i);
        // Entities are short: looking no further keeps a page of lone ampersands linear.
        const qsizetype semicolon =
            c == QLatin1Char('&') ? QStringView(html).sliced(i, std::min<qsizetype>(12, html.size() - i)).indexOf(u';')
                                  : -1;
        const qsizetype end = semicolon < 0 ? -1 : i + semicolon;
        if (end < 0) {
            out += c;
            continue;
        }
        const QStringView name = QStringView(html).sliced(i + 1, end - i - 1);
        char32_t decoded = 0;
        if (name == u"amp") {
            decoded = '&';
        } else if (name == u"lt") {
            decoded = '<';
        } else if (name == u"gt") {
            decoded = '>';
        } else if (name == u"quot") {
            decoded = '"';
        } else if (name == u"apos") {
            decoded = '\'';
        } else if (name == u"nbsp") {
            decoded = ' ';
        } else if (name.startsWith(u'#')) {
            bool ok = false;
            const uint code = name.startsWith(u"#x") || name.startsWith(u"#X") ? name.sliced(2).toUInt(&ok, 16)
                                                                               : name.sliced(1).toUInt(&ok, 10);
            if (ok && code > 0 && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF)) {
                decoded = code;
            }
        }
        if (decoded == 0) {
            out += c;
            continue;
        }
        out += QString::fromUcs4(&decoded, 1);
        i = end;
    }
    return out;
}

// The inside of the first <tag …>…</tag>, case-insensitively; empty when there is none.
QString element(const QString &html, QLatin1StringView tag)
{
    const qsizetype open = html.indexOf(QLatin1Char('<') + tag, 0, Qt::CaseInsensitive);
    if (open < 0) {
        return {};
    }
    const qsizetype start = html.indexOf(QLatin1Char('>'), open);
    const qsizetype close = start < 0 ? -1 : html.indexOf(QLatin1String("</") + tag, start, Qt::CaseInsensitive);
    return close < 0 ? QString() : html.sliced(start + 1, close - start - 1);
}

QString withoutTags(const QString &html)
{
    QString out;
    out.reserve(html.size());
    qsizetype i = 0;
    while (i < html.size()) {
        const QChar c = html.at(i);
        if (c != QLatin1Char('<')) {
            out += c;
            ++i;
            continue;
        }
        qsizetype end = html.indexOf(QLatin1Char('>'), i);
        if (end < 0) {
            break;
        }
        // What a script or a style holds is not text a person reads.
        for (const QLatin1StringView hidden : {QLatin1StringView("script"), QLatin1StringView("style")}) {
            if (QStringView(html).sliced(i + 1).startsWith(hidden, Qt::CaseInsensitive)) {
                const qsizetype close = html.indexOf(QLatin1String("</") + hidden, end, Qt::CaseInsensitive);
                const qsizetype closeEnd = close < 0 ? -1 : html.indexOf(QLatin1Char('>'), close);
                end = closeEnd < 0 ? html.size() - 1 : closeEnd;
            }
        }
        out += QLatin1Char(' ');
        i = end + 1;
    }
    return out;
}

QString htmlText(const QString &html)
{
    const QString title = element(html, QLatin1StringView("title")).simplified();
    if (!title.isEmpty()) {
        return decodeEntities(title);
    }
    const QString body = element(html, QLatin1StringView("body"));
    return decodeEntities(withoutTags(body.isEmpty() ? html : body));
}

QString jsonText(QByteArrayView body)
{
    const QJsonObject object = QJsonDocument::fromJson(body.toByteArray()).object();
    // gotify: {"error":"Unauthorized","errorDescription":"you need to provide …"}; ntfy: {"error":"page not
    // found"}; OAuth: error_description; RFC 9457 problem details: detail, then title.
    for (const char *key : {"errorDescription", "error_description", "message", "detail", "error", "title"}) {
        const QJsonValue value = object.value(QLatin1StringView(key));
        const QString text =
            value.isObject() ? value.toObject().value(QLatin1StringView("message")).toString() : value.toString();
        if (!text.trimmed().isEmpty()) {
            return text;
        }
    }
    return {};
}

QString certificateWantedAdvice()
{
    return QStringLiteral("the server wants a TLS client certificate; give it one (herald listen --client-cert "
                          "FILE.p12, or the feed's Client certificate)");
}

QString noCertificateCameAdvice()
{
    return QStringLiteral("the server says no client certificate came, though one is set; check that the file holds "
                          "the certificate with its key");
}

QString certificateRefusedAdvice()
{
    return QStringLiteral("the server did not accept the client certificate; check that a CA it trusts issued it "
                          "and that it has not expired");
}

QString withoutLeadingStatus(const QString &text)
{
    qsizetype digits = 0;
    while (digits < text.size() && text.at(digits).isDigit()) {
        ++digits;
    }
    return digits == 3 && text.size() > 4 && text.at(3) == QLatin1Char(' ') ? text.sliced(4) : text;
}

} // namespace

QString refusalText(QByteArrayView body, QByteArrayView contentType)
{
    body = body.first(std::min(body.size(), kMaxRefusalBody));
    const QByteArray mime = mimeOf(contentType);
    QString text;
    if (body.trimmed().isEmpty() || !decodeUtf8(body, &text)) {
        return {};
    }
    const bool json = mime == "application/json" || mime.endsWith("+json");
    const bool html = mime == "text/html" || mime == "application/xhtml+xml" ||
                      (mime.isEmpty() && text.trimmed().startsWith(QLatin1Char('<')));
    if (json) {
        text = jsonText(body);
    } else if (html) {
        text = htmlText(text);
    } else if (!mime.isEmpty() && !mime.startsWith("text/")) {
        return {};
    }
    text = withoutLeadingStatus(displaySafe(text.simplified(), 4 * kMaxRefusalText).simplified());
    return displaySafe(text, kMaxRefusalText);
}

QString clientCertificateAdvice(int status, QStringView serverText, bool certificateGiven)
{
    const auto says = [serverText](const char *words) {
        return serverText.contains(QLatin1StringView(words), Qt::CaseInsensitive);
    };
    const bool wanted = status == 496 || says("no required ssl certificate") || says("certificate required") ||
                        says("client certificate is required");
    const bool refused = status == 495 || says("ssl certificate error") || says("certificate verify failed");
    if (wanted) {
        return certificateGiven ? noCertificateCameAdvice() : certificateWantedAdvice();
    }
    return refused ? certificateRefusedAdvice() : QString();
}

TlsAlertAdvice tlsAlertAdvice(QStringView error, bool certificateGiven)
{
    const auto says = [error](const char *words) {
        return error.contains(QLatin1StringView(words), Qt::CaseInsensitive);
    };
    if (says("alert certificate required")) {
        return {certificateGiven ? noCertificateCameAdvice() : certificateWantedAdvice(), true};
    }
    if (certificateGiven && (says("alert unknown ca") || says("alert bad certificate") ||
                             says("alert certificate expired") || says("alert certificate revoked") ||
                             says("alert certificate unknown") || says("alert unsupported certificate"))) {
        return {certificateRefusedAdvice(), true};
    }
    if (!certificateGiven && says("alert handshake failure")) {
        return {QStringLiteral("if the server wants a TLS client certificate, give it one (herald listen "
                               "--client-cert FILE.p12, or the feed's Client certificate)"),
                false};
    }
    return {};
}

QString describeRefusal(int status, QByteArrayView reasonPhrase, const QString &serverText, bool certificateGiven,
                        const QString &fallbackAdvice, const QString &server)
{
    const QString reason = QString::fromUtf8(reasonPhrase).trimmed();
    QString description =
        reason.isEmpty() ? QStringLiteral("HTTP %1").arg(status) : QStringLiteral("HTTP %1 %2").arg(status).arg(reason);
    if (!server.isEmpty()) {
        description += QStringLiteral(" from ") + server;
    }
    const bool onlyRepeats =
        serverText.compare(reason, Qt::CaseInsensitive) == 0 ||
        serverText.compare(QString::fromLatin1(http::reasonPhrase(status)), Qt::CaseInsensitive) == 0;
    if (!serverText.isEmpty() && !onlyRepeats) {
        description += QStringLiteral(" (\"%1\")").arg(serverText);
    }
    const QString certificateAdvice = clientCertificateAdvice(status, serverText, certificateGiven);
    return description + QStringLiteral(": ") + (certificateAdvice.isEmpty() ? fallbackAdvice : certificateAdvice);
}

} // namespace herald::http
