#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTimer>
#include <QUrl>

#include <deque>

class QTcpSocket;

namespace herald {

class WebSocketServerConnection;

struct HttpRequest;

// Herald's built-in event server on 127.0.0.1, so that a newcomer sees notifications without a server of their
// own, and tests and benchmarks have a realistic peer.
//   GET  /events   text/event-stream of sample notifications; resumes from Last-Event-ID out of a bounded backlog
//   GET  /chat     WebSocket chat room: every message goes to everyone, and a small bot answers
//   POST /publish  body (JSON object or plain text) goes out to every subscriber of /events
class DemoServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoServer)

public:
    static constexpr int kBacklogSize = 500;
    static constexpr qsizetype kMaxPublishSize = 64 * 1024;
    static constexpr int kDefaultSampleInterval = 4000;
    static constexpr int kKeepaliveInterval = 15000;

    explicit DemoServer(QObject *parent = nullptr);
    ~DemoServer() override;

    // Listens on 127.0.0.1; port 0 picks a free one.
    bool start(quint16 port = 0);
    QString errorString() const { return m_server.errorString(); }
    quint16 port() const { return m_server.serverPort(); }
    QUrl eventsUrl() const;
    QUrl publishUrl() const;
    QUrl chatUrl() const;
    static constexpr int kBotDelay = 700;
    static constexpr qint64 kMaxChatMessageSize = 64 * 1024;
    // How long the bot waits before it answers; 0 answers at once.
    void setBotDelay(int milliseconds) { m_botDelay = milliseconds; }
    int chatClientCount() const { return int(m_chatClients.size()); }

    // Time between sample notifications; 0 sends none (only what is published).
    void setSampleInterval(int milliseconds);
    // "ko" for Korean samples; anything else is English.
    void setSampleLanguage(const QString &language) { m_sampleLanguage = language; }
    int subscriberCount() const;
    // Drops every event-stream connection without a goodbye, as a restarted proxy or a network blip would: tests and
    // demos of reconnecting use it.
    void dropSubscribers();

    // Sends an event to every subscriber and keeps it in the backlog; returns its id.
    qint64 publish(const QByteArray &type, const QByteArray &data);

Q_SIGNALS:
    void subscribed(int subscribers);
    void chatJoined(int clients);
    void published(qint64 id);

private:
    struct StoredEvent
    {
        qint64 id;
        QByteArray wire; // the event as it goes out
    };

    void onNewConnection();
    void handle(const HttpRequest &request, QTcpSocket *socket);
    // Why a request came from outside the person's own programs (a web page, a rebinding name); empty when not.
    QByteArray foreignRequest(const HttpRequest &request) const;
    void subscribe(const HttpRequest &request, QTcpSocket *socket);
    void handlePublish(const HttpRequest &request, QTcpSocket *socket);
    void publishSample();
    void sendKeepalive();
    bool handOverWebSocket(QTcpSocket *socket);
    void joinChat(WebSocketServerConnection *client);
    void onChatMessage(const QString &from, const QString &text);
    void broadcastChat(const QByteArray &json);
    void botAnswer(const QString &to, const QString &text);
    static void respond(QTcpSocket *socket, int status, const QByteArray &body,
                        const QByteArray &contentType = "text/plain; charset=utf-8");

    QTcpServer m_server;
    QList<WebSocketServerConnection *> m_chatClients;
    int m_guestCounter = 0;
    qint64 m_chatId = 1;
    int m_botDelay = kBotDelay;
    QList<QPointer<QTcpSocket>> m_subscribers;
    std::deque<StoredEvent> m_backlog;
    qint64 m_nextId = 1;
    int m_sampleIndex = 0;
    QString m_sampleLanguage;
    QTimer m_sampleTimer;
    QTimer m_keepaliveTimer;
};

} // namespace herald
