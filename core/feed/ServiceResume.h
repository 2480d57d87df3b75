#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>

namespace herald {

class HttpFetcher;

// What resuming takes beyond an event stream's Last-Event-ID, per service. ntfy numbers its messages inside their
// payloads and takes since=<id> on every endpoint, its /ws included. gotify numbers them too but its stream cannot
// resume, so what was missed is fetched from GET /message after each reconnect (GotifyCatchUp).
enum class ResumeService { Generic, Ntfy, Gotify };

namespace resume {

// The query parameter an event stream's reconnect carries its newest id in, besides Last-Event-ID (empty: none).
QString streamQueryParameter(ResumeService service);
// The URL a WebSocket (re)connects to so that it gets what followed id (id empty: from now on).
QUrl webSocketUrl(ResumeService service, const QUrl &url, const QString &id);
// Whether a message's own id (from its payload) is where the feed resumes from.
bool idsInPayloads(ResumeService service);

} // namespace resume

// gotify: the messages newer than an id, fetched once its stream is open again, oldest first.
class GotifyCatchUp final
{
public:
    using Missed = std::function<void(const QStringList &messagesJson)>;
    using Failed = std::function<void(const QString &error)>;
    static constexpr int kLimit = 100;

    // The fetcher is the feed's, set up with its credentials, TLS policy and proxy.
    explicit GotifyCatchUp(std::unique_ptr<HttpFetcher> fetcher);
    ~GotifyCatchUp();
    GotifyCatchUp(const GotifyCatchUp &) = delete;
    GotifyCatchUp &operator=(const GotifyCatchUp &) = delete;

    // Where a gotify feed fetches what it missed: its stream URL with /stream turned into /message.
    static QUrl messagesUrl(const QUrl &streamUrl);

    void fetch(const QUrl &streamUrl, const QString &since, Missed missed, Failed failed);

private:
    std::unique_ptr<HttpFetcher> m_fetcher;
};

} // namespace herald
