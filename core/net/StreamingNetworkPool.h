#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>
#include <vector>

class QNetworkAccessManager;

namespace herald {

// Hands out QNetworkAccessManagers for long-lived streaming requests.
//
// One manager opens at most six HTTP/1.1 connections per host and queues further requests behind them; a stream
// never finishes, so the seventh stream to a host would wait forever. The pool gives each host at most six streams
// per manager and opens another manager (each has its own network thread) only when a host needs more. Hosts that
// answered over HTTP/2 multiplex many streams on one connection, so they get up to kStreamsPerHttp2Connection per
// manager before the pool spills over.
class StreamingNetworkPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamingNetworkPool)

public:
    static constexpr int kStreamsPerHttp1Host = 6;
    static constexpr int kStreamsPerHttp2Connection = 100;

    explicit StreamingNetworkPool(QObject *parent = nullptr);
    ~StreamingNetworkPool() override;

    // The pool shared by every stream of the calling thread that was not given one.
    static StreamingNetworkPool *forCurrentThread();

    // A manager with room for one more stream to url's host; pair every call with release(). expectHttp2: the
    // request will speak HTTP/2 whatever the server says (h2c with prior knowledge), so it multiplexes.
    QNetworkAccessManager *acquire(const QUrl &url, bool expectHttp2 = false);
    void release(QNetworkAccessManager *manager, const QUrl &url);

    // Records what url's host answered with: over HTTP/2 its streams share managers more densely.
    void noteProtocol(const QUrl &url, bool http2);
    void noteHttp2(const QUrl &url) { noteProtocol(url, true); }

    // Qt opens a connection per request until a TLS server's ALPN answer says it speaks HTTP/2, so twenty streams
    // started at once to one https host would open four connections (6+6+6+2). The first stream to a host whose
    // protocol is not known yet goes alone: admit() is true for it (and for every stream once the protocol is
    // known); the others get false and ready() runs, if context still exists, once the first has an answer or
    // has failed (probeEnded()).
    bool admit(const QUrl &url, QObject *context, std::function<void()> ready);
    // The stream that went first ended without an answer: the waiting ones go (the next becomes the first).
    void probeEnded(const QUrl &url);

    int managerCount() const { return static_cast<int>(m_managers.size()); }
    int activeStreams() const;

private:
    struct Slot
    {
        QNetworkAccessManager *manager = nullptr;
        QHash<QString, int> streamsPerHost;
        int total = 0;
    };

    static QString hostKey(const QUrl &url);
    int capacityFor(const QString &key) const;
    Slot *slotFor(QNetworkAccessManager *manager);

    struct Waiting
    {
        QPointer<QObject> context;
        std::function<void()> ready;
    };
    void releaseWaiting(const QString &key);

    std::vector<Slot> m_managers;
    QHash<QString, bool> m_http2Hosts;              // hosts whose protocol is known: true for HTTP/2
    QHash<QString, std::vector<Waiting>> m_probing; // hosts with a first stream under way, and who waits for it
};

} // namespace herald
