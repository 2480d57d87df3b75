#include "DemoServer.h"

#include "net/HttpRequestReader.h"
#include "net/HttpResponse.h"
#include "ws/WebSocketServerConnection.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTcpSocket>

#include <memory>
#include <utility>

Q_LOGGING_CATEGORY(lcDemo, "herald.demo", QtInfoMsg)

namespace herald {

namespace {

struct Sample
{
    const char *title;
    const char *message;
    int priority; // at most 4: a critical one is never expired by the notification server, and demos pile up
    const char *tags;
    const char *click;
    const char *koreanTitle; // the same in Korean, for a Korean desktop; empty where the English one serves
    const char *koreanMessage;
};

// %n is replaced by a running number.
constexpr Sample kSamples[] = {
    {"Build #%n passed", "herald/main at 3f2a9c1: 412 tests in 2 min 13 s", 3, "ci,success",
     "https://ci.example.org/herald/builds/%n", "빌드 #%n 통과", "herald/main 3f2a9c1: 테스트 412개, 2분 13초"},
    {"BTC above 100,000 USD", "Price alert: BTC-USD 100,412.50 (+2.4% in the last hour)", 4, "price", "",
     "BTC 100,000 USD 돌파", "가격 알림: BTC-USD 100,412.50 (지난 1시간 +2.4%)"},
    {"@you in #release", "mina: could you check the changelog before 5 pm?", 3, "chat,mention",
     "https://chat.example.org/release", "#release에서 @you", "mina: 5시 전에 변경 기록 좀 봐 줄래요?"},
    {"Build #%n failed", "herald/main: 3 tests failed (tst_eventsource)", 4, "ci,failure",
     "https://ci.example.org/herald/builds/%n", "빌드 #%n 실패", "herald/main: 테스트 3개 실패 (tst_eventsource)"},
    {"Front door", "Motion detected at the front door", 2, "home", "", "현관", "현관에서 움직임이 감지되었습니다"},
    {"Deployed", "herald 0.1.%n is live in production", 3, "deploy", "", "배포 완료",
     "herald 0.1.%n 버전이 프로덕션에 배포되었습니다"},
    {"Disk almost full", "backup-01: /srv is 93% full (12 GB left)", 4, "ops,warning", "", "디스크 거의 가득 참",
     "backup-01: /srv 사용률 93% (12 GB 남음)"},
};

QByteArray sampleJson(const Sample &sample, int number, bool korean)
{
    const auto fill = [number](const char *text) {
        return QString::fromUtf8(text).replace(QLatin1String("%n"), QString::number(number));
    };
    QJsonObject object{{QStringLiteral("title"), fill(korean ? sample.koreanTitle : sample.title)},
                       {QStringLiteral("message"), fill(korean ? sample.koreanMessage : sample.message)},
                       {QStringLiteral("priority"), sample.priority}};
    object.insert(QStringLiteral("tags"), QJsonValue::fromVariant(QString::fromLatin1(sample.tags).split(u',')));
    if (*sample.click) {
        object.insert(QStringLiteral("click"), fill(sample.click));
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray encodeEvent(qint64 id, const QByteArray &type, const QByteArray &data)
{
    QByteArray wire = "id: " + QByteArray::number(id) + '\n';
    if (!type.isEmpty() && type != "message") {
        wire += "event: " + type + '\n';
    }
    // Every line of the payload becomes its own data line, whatever its line ends.
    QByteArray normalized = data;
    normalized.replace("\r\n", "\n").replace('\r', '\n');
    for (const QByteArray &line : normalized.split('\n')) {
        wire += "data: " + line + '\n';
    }
    return wire + '\n';
}

} // namespace

DemoServer::DemoServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &DemoServer::onNewConnection);
    connect(&m_sampleTimer, &QTimer::timeout, this, &DemoServer::publishSample);
    connect(&m_keepaliveTimer, &QTimer::timeout, this, &DemoServer::sendKeepalive);
    m_sampleTimer.setInterval(kDefaultSampleInterval);
    m_keepaliveTimer.setInterval(kKeepaliveInterval);
}

DemoServer::~DemoServer()
{
    for (const auto &socket : std::as_const(m_subscribers)) {
        if (socket) {
            socket->abort();
        }
    }
    for (WebSocketServerConnection *client : std::as_const(m_chatClients)) {
        disconnect(client, nullptr, this, nullptr);
        delete client;
    }
}

bool DemoServer::start(quint16 port)
{
    // Hundreds of subscribers may connect at once (bench_feeds): with Qt's defaults (a backlog of 50, 30 pending)
    // the kernel drops the rest of the SYNs and those clients wait a second to retry.
    m_server.setMaxPendingConnections(1024);
#if QT_VERSION >= QT_VERSION_CHECK(6, 3, 0)
    m_server.setListenBacklogSize(1024);
#endif
    if (!m_server.listen(QHostAddress::LocalHost, port)) {
        return false;
    }
    if (m_sampleTimer.interval() > 0) {
        m_sampleTimer.start();
    }
    m_keepaliveTimer.start();
    qCInfo(lcDemo) << "demo server on port" << m_server.serverPort();
    return true;
}

QUrl DemoServer::eventsUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/events").arg(port()));
}

QUrl DemoServer::chatUrl() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/chat").arg(port()));
}

QUrl DemoServer::publishUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/publish").arg(port()));
}

void DemoServer::setSampleInterval(int milliseconds)
{
    m_sampleTimer.setInterval(std::max(0, milliseconds));
    if (milliseconds <= 0) {
        m_sampleTimer.stop();
    } else if (m_server.isListening()) {
        m_sampleTimer.start();
    }
}

void DemoServer::dropSubscribers()
{
    for (const auto &socket : std::exchange(m_subscribers, {})) {
        if (socket) {
            socket->abort();
        }
    }
}

int DemoServer::subscriberCount() const
{
    int count = 0;
    for (const auto &socket : m_subscribers) {
        count += socket && socket->state() == QAbstractSocket::ConnectedState;
    }
    return count;
}

void DemoServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        auto reader = std::make_shared<HttpRequestReader>(kMaxPublishSize);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, reader] {
            if (!socket->property("heraldHttp").toBool() && handOverWebSocket(socket)) {
                return;
            }
            if (socket->property("heraldSubscriber").toBool() || socket->property("heraldDraining").toBool()) {
                socket->readAll(); // nothing more to read from a subscriber or a refused upload
                return;
            }
            const auto status = reader->append(socket->readAll());
            if (status == HttpRequestReader::Status::Complete) {
                handle(reader->takeRequest(), socket);
            } else if (status == HttpRequestReader::Status::Invalid) {
                const bool tooLarge = reader->errorString().contains("too large");
                // Closing while the client still uploads would reset the connection before it reads the answer:
                // read and drop the rest, and close once it has had a few seconds.
                socket->setProperty("heraldDraining", true);
                socket->write(http::statusLine(tooLarge ? 413 : 400) +
                              "Content-Type: text/plain\r\nConnection: close\r\nContent-Length: " +
                              QByteArray::number(reader->errorString().size() + 1) + "\r\n\r\n" +
                              reader->errorString() + '\n');
                QTimer::singleShot(5000, socket, [socket] { socket->disconnectFromHost(); });
            }
        });
    }
}

bool DemoServer::handOverWebSocket(QTcpSocket *socket)
{
    // Look at the request head without taking it: a WebSocket upgrade for /chat becomes a chat connection; anything
    // else is plain HTTP from here on.
    const QByteArray head = socket->peek(HttpRequestReader::kMaxHeadSize);
    const qsizetype headEnd = head.indexOf("\r\n\r\n");
    if (headEnd < 0 && head.size() < HttpRequestReader::kMaxHeadSize) {
        return true; // wait for the rest of the head
    }
    HttpRequestReader peeked;
    if (headEnd >= 0 && peeked.append(head.left(headEnd + 4)) == HttpRequestReader::Status::Complete) {
        const HttpRequest request = peeked.takeRequest();
        if (request.path() == "/chat" && request.header("Upgrade").compare("websocket", Qt::CaseInsensitive) == 0) {
            socket->setProperty("heraldHttp", true);
            if (const QByteArray refusal = foreignRequest(request); !refusal.isEmpty()) {
                socket->setProperty("heraldDraining", true);
                respond(socket, 403, refusal);
                return true;
            }
            if (const QByteArray refusal = WebSocketServerConnection::refusal(request); !refusal.isEmpty()) {
                socket->setProperty("heraldDraining", true);
                respond(socket, 400, refusal);
                return true;
            }
            disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
            disconnect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            socket->read(headEnd + 4);
            joinChat(new WebSocketServerConnection(socket, request, socket->readAll(), kMaxChatMessageSize, this));
            return true;
        }
    }
    socket->setProperty("heraldHttp", true);
    return false;
}

void DemoServer::joinChat(WebSocketServerConnection *client)
{
    const QString name = QStringLiteral("guest-%1").arg(++m_guestCounter);
    m_chatClients.append(client);
    connect(client, &WebSocketServerConnection::textMessageReceived, this,
            [this, name](const QString &text) { onChatMessage(name, text); });
    connect(client, &WebSocketServerConnection::binaryMessageReceived, this, [this](const QByteArray &bytes) {
        for (WebSocketServerConnection *other : std::as_const(m_chatClients)) {
            other->sendBinary(bytes);
        }
    });
    connect(client, &WebSocketServerConnection::disconnected, this, [this, client] {
        m_chatClients.removeAll(client);
        client->deleteLater();
    });
    const QJsonObject welcome{
        {QStringLiteral("type"), QStringLiteral("chat")},
        {QStringLiteral("id"), m_chatId++},
        {QStringLiteral("from"), QStringLiteral("herald-bot")},
        {QStringLiteral("text"), QStringLiteral("Welcome, %1! Say hello, ask for the time, or type help.").arg(name)},
        {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
    client->sendText(QString::fromUtf8(QJsonDocument(welcome).toJson(QJsonDocument::Compact)));
    Q_EMIT chatJoined(chatClientCount());
}

void DemoServer::onChatMessage(const QString &from, const QString &text)
{
    // Clients send plain text or {"text": …, "from": …, "clientId": …}; the clientId comes back so that a sender
    // can match the broadcast with the message it shows as pending.
    QJsonObject message{{QStringLiteral("type"), QStringLiteral("chat")},
                        {QStringLiteral("from"), from},
                        {QStringLiteral("text"), text}};
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    if (document.isObject() && document.object().value(QStringLiteral("text")).isString()) {
        const QJsonObject sent = document.object();
        message.insert(QStringLiteral("text"), sent.value(QStringLiteral("text")));
        const QString name = sent.value(QStringLiteral("from")).toString().trimmed().left(40);
        if (!name.isEmpty()) {
            message.insert(QStringLiteral("from"), name);
        }
        if (sent.contains(QStringLiteral("clientId"))) {
            message.insert(QStringLiteral("clientId"), sent.value(QStringLiteral("clientId")));
        }
    }
    message.insert(QStringLiteral("id"), m_chatId++);
    message.insert(QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    broadcastChat(QJsonDocument(message).toJson(QJsonDocument::Compact));

    const QString who = message.value(QStringLiteral("from")).toString();
    const QString said = message.value(QStringLiteral("text")).toString();
    QTimer::singleShot(m_botDelay, this, [this, who, said] { botAnswer(who, said); });
}

void DemoServer::botAnswer(const QString &to, const QString &text)
{
    static const QRegularExpression greeting(QStringLiteral("\\b(hello|hi|hey)\\b"),
                                             QRegularExpression::CaseInsensitiveOption);
    const QString lower = text.toLower();
    QString answer;
    if (greeting.match(text).hasMatch() || text.contains(QStringLiteral("안녕"))) {
        answer = text.contains(QStringLiteral("안녕")) ? QStringLiteral("안녕하세요, %1님!").arg(to)
                                                       : QStringLiteral("Hello, %1!").arg(to);
    } else if (lower.contains(QLatin1String("time")) || text.contains(QStringLiteral("시간"))) {
        answer = QStringLiteral("It is %1 UTC.").arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("HH:mm")));
    } else if (lower.contains(QLatin1String("help"))) {
        answer = QStringLiteral("Try 'time', or POST to /publish to send everyone a notification.");
    } else if (text.trimmed().endsWith(QLatin1Char('?'))) {
        answer = QStringLiteral("Good question, %1. The humans in #release will know.").arg(to);
    } else {
        answer = QStringLiteral("Noted, %1: \"%2\"").arg(to, text.left(200));
    }
    const QJsonObject reply{{QStringLiteral("type"), QStringLiteral("chat")},
                            {QStringLiteral("id"), m_chatId++},
                            {QStringLiteral("from"), QStringLiteral("herald-bot")},
                            {QStringLiteral("text"), answer},
                            {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
    broadcastChat(QJsonDocument(reply).toJson(QJsonDocument::Compact));
}

void DemoServer::broadcastChat(const QByteArray &json)
{
    const QString text = QString::fromUtf8(json);
    for (WebSocketServerConnection *client : std::as_const(m_chatClients)) {
        client->sendText(text);
    }
}

QByteArray DemoServer::foreignRequest(const HttpRequest &request) const
{
    // The demo listens on loopback, which every web page in the person's browser can reach too: a page may not
    // publish, read or join the chat (Origin), nor reach it through a name that it controls (Host, DNS rebinding).
    const QByteArray port = QByteArray::number(this->port());
    const QByteArray host = request.header("Host").toLower();
    const bool localHost = host == "127.0.0.1:" + port || host == "localhost:" + port || host == "[::1]:" + port;
    if (!localHost) {
        return "the demo server answers only requests for 127.0.0.1:" + port + " or localhost:" + port + "\n";
    }
    if (request.hasHeader("Origin")) {
        const QByteArray origin = request.header("Origin").toLower();
        if (origin != "http://127.0.0.1:" + port && origin != "http://localhost:" + port &&
            origin != "http://[::1]:" + port) {
            return "the demo server does not take requests from web pages (Origin " + origin.left(100) + ")\n";
        }
    }
    return {};
}

void DemoServer::handle(const HttpRequest &request, QTcpSocket *socket)
{
    if (const QByteArray refusal = foreignRequest(request); !refusal.isEmpty()) {
        respond(socket, 403, refusal);
        return;
    }
    const QByteArray path = request.path();
    if (path == "/events") {
        if (request.method != "GET") {
            respond(socket, 405, "use GET for /events\n");
            return;
        }
        subscribe(request, socket);
    } else if (path == "/publish") {
        if (request.method != "POST") {
            respond(socket, 405, "use POST for /publish\n");
            return;
        }
        handlePublish(request, socket);
    } else if (path == "/") {
        respond(socket, 200,
                "Herald demo server\n"
                "  GET  /events   Server-Sent Events (resumes with Last-Event-ID)\n"
                "  GET  /chat     WebSocket chat room with a bot\n"
                "  POST /publish  send the body to every subscriber (JSON object or text)\n");
    } else {
        respond(socket, 404, "no such endpoint; try /events or /publish\n");
    }
}

void DemoServer::subscribe(const HttpRequest &request, QTcpSocket *socket)
{
    socket->setProperty("heraldSubscriber", true);
    socket->write(http::statusLine(200) + "Content-Type: text/event-stream; charset=utf-8\r\n"
                                          "Cache-Control: no-cache\r\n"
                                          "Transfer-Encoding: chunked\r\n\r\n");
    QByteArray opening = "retry: 3000\n\n";

    bool resumeOk = false;
    const qint64 lastSeen = request.header("Last-Event-ID").toLongLong(&resumeOk);
    if (resumeOk) {
        for (const StoredEvent &event : m_backlog) {
            if (event.id > lastSeen) {
                opening += event.wire;
            }
        }
    }
    socket->write(http::chunk(opening));
    m_subscribers.removeAll(nullptr);
    m_subscribers.append(socket);
    Q_EMIT subscribed(subscriberCount());
}

void DemoServer::handlePublish(const HttpRequest &request, QTcpSocket *socket)
{
    const QByteArray body = request.body.trimmed();
    if (body.isEmpty()) {
        respond(socket, 400, "empty body: send a JSON object or some text to publish\n");
        return;
    }
    QByteArray data;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && document.isObject()) {
        data = document.toJson(QJsonDocument::Compact);
    } else {
        data = QJsonDocument(QJsonObject{{QStringLiteral("message"), QString::fromUtf8(body)}})
                   .toJson(QJsonDocument::Compact);
    }
    // Only on /events: Herald's demo follows both, and a message published once must pop up once.
    const qint64 id = publish("notification", data);
    respond(socket, 200, "{\"id\":" + QByteArray::number(id) + "}\n", "application/json");
}

qint64 DemoServer::publish(const QByteArray &type, const QByteArray &data)
{
    const qint64 id = m_nextId++;
    StoredEvent event{id, encodeEvent(id, type, data)};
    const QByteArray frame = http::chunk(event.wire);
    for (const auto &socket : std::as_const(m_subscribers)) {
        if (socket && socket->state() == QAbstractSocket::ConnectedState) {
            socket->write(frame);
        }
    }
    m_backlog.push_back(std::move(event));
    while (m_backlog.size() > size_t(kBacklogSize)) {
        m_backlog.pop_front();
    }
    Q_EMIT published(id);
    return id;
}

void DemoServer::publishSample()
{
    const int count = int(std::size(kSamples));
    const Sample &sample = kSamples[m_sampleIndex % count];
    publish("notification", sampleJson(sample, 1200 + m_sampleIndex, m_sampleLanguage == QLatin1String("ko")));
    ++m_sampleIndex;
}

void DemoServer::sendKeepalive()
{
    const QByteArray frame = http::chunk(": keepalive\n\n");
    for (const auto &socket : std::as_const(m_subscribers)) {
        if (socket && socket->state() == QAbstractSocket::ConnectedState) {
            socket->write(frame);
        }
    }
}

void DemoServer::respond(QTcpSocket *socket, int status, const QByteArray &body, const QByteArray &contentType)
{
    socket->write(http::statusLine(status) + "Content-Type: " + contentType +
                  "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    socket->disconnectFromHost();
}

} // namespace herald

#include "moc_DemoServer.cpp"
