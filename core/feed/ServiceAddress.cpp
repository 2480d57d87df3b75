#include "ServiceAddress.h"

#include <QRegularExpression>

namespace herald::service {

namespace {

const QStringList &ntfyEndpoints()
{
    static const QStringList endpoints{QStringLiteral("sse"), QStringLiteral("json"), QStringLiteral("ws"),
                                       QStringLiteral("raw")};
    return endpoints;
}

// The address's path in segments, without empty ones.
QStringList segments(const QUrl &url)
{
    return url.path().split(u'/', Qt::SkipEmptyParts);
}

QUrl withSegments(const QUrl &url, const QStringList &parts)
{
    QUrl result = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    result.setPath(parts.isEmpty() ? QString() : u'/' + parts.join(u'/'));
    return result;
}

QUrl baseOf(const QUrl &server)
{
    QUrl base = server;
    if (base.scheme() == QLatin1String("ws")) {
        base.setScheme(QStringLiteral("http"));
    } else if (base.scheme() == QLatin1String("wss")) {
        base.setScheme(QStringLiteral("https"));
    }
    return base;
}

} // namespace

bool isNtfyTopic(const QString &topic)
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    return allowed.match(topic).hasMatch();
}

QStringList splitTopics(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

QUrl ntfyStreamUrl(const QUrl &server, const QStringList &topics)
{
    QStringList parts = segments(server);
    parts << topics.join(u',') << QStringLiteral("sse");
    return withSegments(baseOf(server), parts);
}

bool parseNtfyUrl(const QUrl &url, QUrl *server, QStringList *topics)
{
    if (!url.isValid() || url.host().isEmpty()) {
        return false;
    }
    QStringList parts = segments(url);
    if (!parts.isEmpty() && ntfyEndpoints().contains(parts.last())) {
        parts.removeLast();
    }
    if (parts.isEmpty()) {
        return false;
    }
    const QStringList named = parts.takeLast().split(u',', Qt::SkipEmptyParts);
    for (const QString &topic : named) {
        if (!isNtfyTopic(topic)) {
            return false;
        }
    }
    *topics = named;
    *server = withSegments(baseOf(url), parts);
    return !named.isEmpty();
}

QUrl gotifyStreamUrl(const QUrl &server)
{
    QUrl stream = server;
    stream.setScheme(server.scheme() == QLatin1String("http") || server.scheme() == QLatin1String("ws")
                         ? QStringLiteral("ws")
                         : QStringLiteral("wss"));
    QStringList parts = segments(server);
    parts << QStringLiteral("stream");
    return withSegments(stream, parts);
}

bool parseGotifyUrl(const QUrl &url, QUrl *server)
{
    if (!url.isValid() || url.host().isEmpty()) {
        return false;
    }
    QStringList parts = segments(url);
    if (!parts.isEmpty() && parts.last() == QLatin1String("stream")) {
        parts.removeLast();
    }
    *server = withSegments(baseOf(url), parts);
    return true;
}

QString notFoundAdvice(PayloadMapper::Preset preset, const QUrl &url)
{
    if (preset == PayloadMapper::Preset::Ntfy) {
        const QStringList parts = segments(url);
        QUrl server;
        QStringList topics;
        if (!parts.isEmpty() && !ntfyEndpoints().contains(parts.last()) && parseNtfyUrl(url, &server, &topics)) {
            return QStringLiteral("ntfy serves a topic's messages at …/TOPIC/sse (or /json, /ws): try %1")
                .arg(ntfyStreamUrl(server, topics).toString(QUrl::RemoveUserInfo));
        }
        return QStringLiteral("ntfy serves a topic's messages at …/TOPIC/sse (or /json, /ws) on its own address; "
                              "check the server's address (a server under a path needs that path too)");
    }
    if (preset == PayloadMapper::Preset::Gotify) {
        const QStringList parts = segments(url);
        QUrl server;
        if ((parts.isEmpty() || parts.last() != QLatin1String("stream")) && parseGotifyUrl(url, &server)) {
            return QStringLiteral("gotify serves its messages at …/stream: try %1")
                .arg(gotifyStreamUrl(server).toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
        }
        return QStringLiteral("gotify serves its messages at …/stream on its own address; check the server's "
                              "address (a server under a path needs that path too)");
    }
    return {};
}

QString withNotFoundAdvice(const QString &error, int httpStatus, PayloadMapper::Preset preset, const QUrl &url)
{
    if (httpStatus != 404 && httpStatus != 410) {
        return error;
    }
    const QString advice = notFoundAdvice(preset, url);
    return advice.isEmpty() ? error : error + QStringLiteral(". ") + advice;
}

} // namespace herald::service
