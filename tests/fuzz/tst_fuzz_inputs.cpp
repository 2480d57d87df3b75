// What the network and the user's config file hand Herald, generated and mutated at random (a fixed seed, so a
// failure reproduces; HERALD_FUZZ_SEED picks another, HERALD_FUZZ_ROUNDS runs longer). Nothing may crash, hang or
// break an invariant: a stream parsed in any chunking gives what it gives in one piece; every payload maps to a
// message with a sane priority or to nothing; every config object loads or says what is wrong, and what loads
// survives a round trip. Run under the asan preset, this is also a memory-safety check.
#include "ProtocolTesting.h"
#include "feed/FeedConfig.h"
#include "message/PayloadMapper.h"
#include "net/HttpRequestReader.h"
#include "protocol/GraphqlWsProtocol.h"
#include "protocol/MqttPackets.h"
#include "protocol/MqttProtocol.h"
#include "protocol/SockJsProtocol.h"
#include "protocol/SocketIoProtocol.h"
#include "rules/RulesJson.h"
#include "sse/SseParser.h"
#include "store/HistoryStore.h"
#include "util/LineSplitter.h"
#include "ws/PerMessageDeflate.h"
#include "ws/WebSocketFrames.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace herald;

class TestFuzzInputs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sseParser_chunkingNeverChangesTheEvents();
    void lineSplitter_chunkingNeverChangesTheLines();
    void webSocketFrames_chunkingNeverChangesTheOutcome();
    void httpRequestReader_chunkingNeverChangesTheRequests();
    void payloadMapper_anyPayloadMapsSafely();
    void feedConfig_anyObjectLoadsOrSaysWhy();
    void rules_anyObjectLoadsOrSaysWhy();
    void historySearch_anyTextIsASafeQuery();
    void mqtt_framingNeverChangesTheOutcome();
    void textProtocols_anyFrameFailsCleanlyOrDelivers();

private:
    QByteArray sseStream(int pieces);
    QByteArray webSocketStream(int frames, bool deflate);
    QByteArray mutate(QByteArray bytes);
    QJsonValue randomValue(int depth = 0);
    // Splits bytes at random places (sometimes byte by byte) and hands each piece to feed.
    template<typename Feed>
    void feedInPieces(const QByteArray &bytes, Feed feed);

    QRandomGenerator m_random;
    int m_rounds = 2000;
};

void TestFuzzInputs::initTestCase()
{
    const quint32 seed = qEnvironmentVariableIsSet("HERALD_FUZZ_SEED")
                             ? quint32(qEnvironmentVariableIntValue("HERALD_FUZZ_SEED"))
                             : 20261130u;
    if (qEnvironmentVariableIsSet("HERALD_FUZZ_ROUNDS")) {
        m_rounds = std::max(1, qEnvironmentVariableIntValue("HERALD_FUZZ_ROUNDS"));
    }
    m_random.seed(seed);
    qInfo("seed %u, %d rounds", seed, m_rounds);
}

QByteArray TestFuzzInputs::sseStream(int pieces)
{
    static const QByteArrayList parts{"data:",
                                      "data: ",
                                      "id:",
                                      "id: 7",
                                      "event:",
                                      "event: ping",
                                      "retry:",
                                      "retry: 1500",
                                      "retry: 1x",
                                      ":",
                                      ": keep",
                                      "\n",
                                      "\r",
                                      "\r\n",
                                      "\n\n",
                                      "\r\r",
                                      "x",
                                      "é",
                                      "\xef\xbb\xbf",
                                      "\xff\xfe",
                                      QByteArray("\x00", 1),
                                      "\xc3",
                                      "a:b:c",
                                      "data",
                                      QByteArray("id: a\x00b", 7),
                                      " ",
                                      "한국어",
                                      "\xf0\x9f\x98\x80",
                                      "\t"};
    QByteArray out;
    for (int i = 0; i < pieces; ++i) {
        out += parts.at(int(m_random.bounded(quint32(parts.size()))));
    }
    return out;
}

QByteArray TestFuzzInputs::mutate(QByteArray bytes)
{
    const int edits = 1 + int(m_random.bounded(4u));
    for (int i = 0; i < edits && !bytes.isEmpty(); ++i) {
        const int at = int(m_random.bounded(quint32(bytes.size())));
        switch (m_random.bounded(5u)) {
        case 0:
            bytes[at] = char(m_random.bounded(256u));
            break;
        case 1:
            bytes.remove(at, 1 + int(m_random.bounded(8u)));
            break;
        case 2:
            bytes.insert(at, QByteArrayView("{}[]\",:0-1e9nulltrue\\u0000\xff").sliced(m_random.bounded(20u), 2));
            break;
        case 3:
            bytes.truncate(at);
            break;
        default:
            bytes.insert(at, bytes.mid(int(m_random.bounded(quint32(bytes.size()))), 12));
            break;
        }
    }
    return bytes;
}

QJsonValue TestFuzzInputs::randomValue(int depth)
{
    switch (m_random.bounded(depth > 2 ? 5u : 7u)) {
    case 0:
        return QJsonValue();
    case 1:
        return m_random.bounded(2u) == 0;
    case 2:
        return double(qint64(m_random.bounded(200000u)) - 100000) / (m_random.bounded(3u) == 0 ? 7.0 : 1.0);
    case 3: {
        static const QStringList strings{QString(),
                                         QStringLiteral("https://ntfy.sh/t/sse"),
                                         QStringLiteral("wss://h/ws"),
                                         QStringLiteral("ftp://x"),
                                         QStringLiteral("22:00"),
                                         QStringLiteral("(unclosed"),
                                         QStringLiteral("bearer"),
                                         QStringLiteral("polling"),
                                         QStringLiteral("socks5://127.0.0.1:1080"),
                                         QString(64, u'a'),
                                         QStringLiteral("/title"),
                                         QStringLiteral("🙂 한국어"),
                                         QStringLiteral("2026-11-30T10:00:00Z")};
        return strings.at(int(m_random.bounded(quint32(strings.size()))));
    }
    case 4:
        return QString::number(m_random.bounded(100u));
    case 5: {
        QJsonArray array;
        for (quint32 i = m_random.bounded(4u); i > 0; --i) {
            array.append(randomValue(depth + 1));
        }
        return array;
    }
    default: {
        static const QStringList keys{
            QStringLiteral("name"),          QStringLiteral("url"),         QStringLiteral("transport"),
            QStringLiteral("preset"),        QStringLiteral("auth"),        QStringLiteral("type"),
            QStringLiteral("secretCommand"), QStringLiteral("reconnect"),   QStringLiteral("delaySeconds"),
            QStringLiteral("tls"),           QStringLiteral("rules"),       QStringLiteral("quietHours"),
            QStringLiteral("from"),          QStringLiteral("until"),       QStringLiteral("minPriority"),
            QStringLiteral("include"),       QStringLiteral("field"),       QStringLiteral("pointer"),
            QStringLiteral("headers"),       QStringLiteral("proxy"),       QStringLiteral("certificatePin"),
            QStringLiteral("mutedUntil"),    QStringLiteral("includeTypes")};
        QJsonObject object;
        for (quint32 i = m_random.bounded(5u); i > 0; --i) {
            object.insert(keys.at(int(m_random.bounded(quint32(keys.size())))), randomValue(depth + 1));
        }
        return object;
    }
    }
}

template<typename Feed>
void TestFuzzInputs::feedInPieces(const QByteArray &bytes, Feed feed)
{
    const bool byteByByte = m_random.bounded(4u) == 0;
    qsizetype at = 0;
    while (at < bytes.size()) {
        const qsizetype size = byteByByte ? 1 : 1 + qsizetype(m_random.bounded(quint32(bytes.size() - at)));
        feed(QByteArrayView(bytes).sliced(at, size));
        at += size;
    }
}

void TestFuzzInputs::sseParser_chunkingNeverChangesTheEvents()
{
    for (int round = 0; round < m_rounds; ++round) {
        const QByteArray stream = sseStream(1 + int(m_random.bounded(60u)));
        auto parse = [&](bool inPieces, QList<SseEvent> *events, QList<int> *retries) {
            SseParser parser([events](const SseEvent &event) { events->append(event); },
                             [retries](int ms) { retries->append(ms); });
            parser.setMaxEventSize(256); // small, so that the size limit is exercised too
            if (inPieces) {
                feedInPieces(stream, [&parser](QByteArrayView piece) { parser.feed(piece); });
            } else {
                parser.feed(stream);
            }
            return parser.lastEventId();
        };
        QList<SseEvent> whole, pieces;
        QList<int> wholeRetries, pieceRetries;
        const QString wholeId = parse(false, &whole, &wholeRetries);
        const QString piecesId = parse(true, &pieces, &pieceRetries);
        if (whole != pieces || wholeRetries != pieceRetries || wholeId != piecesId) {
            QFAIL(qPrintable(QStringLiteral("round %1: chunking changed the result of %2")
                                 .arg(round)
                                 .arg(QString::fromLatin1(stream.toPercentEncoding()))));
        }
        for (const SseEvent &event : std::as_const(whole)) {
            QVERIFY(!event.lastEventId.contains(QChar(0))); // an id with NUL is ignored, by the specification
        }
    }
}

// Server frames of every kind, mostly well formed: text (valid UTF-8 or not), binary, fragments, control frames,
// compressed messages when deflate is on; mutate() then breaks some of them.
QByteArray TestFuzzInputs::webSocketStream(int frames, bool deflate)
{
    static const QByteArray texts[] = {"hello",
                                       "{\"title\":\"Build\"}",
                                       "\xce\xba\xe1\xbd\xb9\xcf\x83",
                                       "\xf0\x9f\x98\x80",
                                       QByteArray(200, 'a'),
                                       "\xed\xa0\x80",
                                       QByteArray(70000, 'b')};
    ws::MessageDeflater deflater(15, false);
    QByteArray stream;
    auto frame = [&stream](quint8 first, QByteArrayView payload) {
        stream += char(first);
        if (payload.size() < 126) {
            stream += char(payload.size());
        } else if (payload.size() <= 0xFFFF) {
            stream += char(126);
            char length[2];
            qToBigEndian(quint16(payload.size()), length);
            stream.append(length, 2);
        } else {
            stream += char(127);
            char length[8];
            qToBigEndian(quint64(payload.size()), length);
            stream.append(length, 8);
        }
        stream += payload;
    };
    for (int i = 0; i < frames; ++i) {
        const QByteArray &text = texts[m_random.bounded(quint32(std::size(texts)))];
        switch (m_random.bounded(6u)) {
        case 0: // a fragmented text, cut anywhere, with a ping between
        {
            const qsizetype cut = text.isEmpty() ? 0 : qsizetype(m_random.bounded(quint32(text.size())));
            frame(0x01, QByteArrayView(text).first(cut));
            frame(0x89, "p");
            frame(0x80, QByteArrayView(text).sliced(cut));
            break;
        }
        case 1:
            frame(0x82, text);
            break;
        case 2:
            frame(0x8A, "pong");
            break;
        case 3:
            if (deflate) {
                frame(0xC1, deflater.deflate(text)); // FIN, RSV1, text
                break;
            }
            [[fallthrough]];
        default:
            frame(0x81, text);
            break;
        }
    }
    if (m_random.bounded(4u) == 0) {
        frame(0x88, QByteArrayView("\x03\xe8"
                                   "bye",
                                   5));
    }
    return stream;
}

void TestFuzzInputs::webSocketFrames_chunkingNeverChangesTheOutcome()
{
    struct Sink final : ws::FrameSink
    {
        QList<QByteArray> got;
        void textMessage(QByteArrayView utf8) override { got.append("t" + utf8.toByteArray()); }
        void binaryMessage(QByteArrayView bytes) override { got.append("b" + bytes.toByteArray()); }
        void pingFrame(QByteArrayView payload) override { got.append("p" + payload.toByteArray()); }
        void pongFrame(QByteArrayView payload) override { got.append("o" + payload.toByteArray()); }
        void closeFrame(int code, const QString &reason) override
        {
            got.append("c" + QByteArray::number(code) + reason.toUtf8());
        }
    };
    const int rounds = std::max(1, m_rounds / 4); // the streams are large
    for (int round = 0; round < rounds; ++round) {
        const bool deflate = m_random.bounded(2u) == 0;
        QByteArray stream = webSocketStream(1 + int(m_random.bounded(12u)), deflate);
        if (m_random.bounded(2u) == 0) {
            stream = mutate(stream);
        }
        auto decode = [&](bool inPieces, Sink &sink) {
            ws::FrameDecoder decoder(sink);
            decoder.setMaxMessageSize(65536); // small, so that the limit is exercised too
            if (deflate) {
                decoder.enableDeflate(false);
            }
            if (inPieces) {
                feedInPieces(stream, [&decoder](QByteArrayView piece) { decoder.feed(piece); });
            } else {
                decoder.feed(stream);
            }
            return decoder.failureCode();
        };
        Sink whole, pieces;
        const quint16 wholeFailure = decode(false, whole);
        const quint16 piecesFailure = decode(true, pieces);
        if (whole.got != pieces.got || wholeFailure != piecesFailure) {
            QFAIL(qPrintable(QStringLiteral("round %1: %2 messages, failure %3 whole; %4 and %5 in pieces")
                                 .arg(round)
                                 .arg(whole.got.size())
                                 .arg(wholeFailure)
                                 .arg(pieces.got.size())
                                 .arg(piecesFailure)));
        }
        for (const QByteArray &message : std::as_const(whole.got)) {
            QVERIFY(message.size() <= 65536 + 1);
            if (message.startsWith('t')) {
                QCOMPARE(QString::fromUtf8(message.mid(1)).toUtf8(), message.mid(1)); // only valid UTF-8
            }
        }
        QVERIFY(wholeFailure == 0 || wholeFailure == ws::kCloseProtocolError || wholeFailure == ws::kCloseInvalidData ||
                wholeFailure == ws::kCloseMessageTooBig);
    }
}

void TestFuzzInputs::lineSplitter_chunkingNeverChangesTheLines()
{
    for (int round = 0; round < m_rounds; ++round) {
        const QByteArray stream = sseStream(1 + int(m_random.bounded(60u)));
        QStringList whole, pieces;
        LineSplitter one([&whole](const QString &line) { whole.append(line); });
        one.setMaxLineSize(128);
        const bool wholeOk = one.feed(stream);
        LineSplitter many([&pieces](const QString &line) { pieces.append(line); });
        many.setMaxLineSize(128);
        bool piecesOk = true;
        feedInPieces(stream, [&](QByteArrayView piece) { piecesOk = many.feed(piece) && piecesOk; });
        if (pieces != whole || piecesOk != wholeOk) {
            QFAIL(qPrintable(QStringLiteral("round ") + QString::number(round) + QStringLiteral(": whole ") +
                             QString::number(whole.size()) +
                             (wholeOk ? QStringLiteral(" ok") : QStringLiteral(" over")) +
                             QStringLiteral(", in pieces ") + QString::number(pieces.size()) +
                             (piecesOk ? QStringLiteral(" ok") : QStringLiteral(" over")) + QStringLiteral(" for ") +
                             QString::fromLatin1(stream.toHex())));
        }
        for (const QString &line : std::as_const(whole)) {
            QVERIFY(!line.trimmed().isEmpty());
            QVERIFY(!line.contains(u'\n'));
        }
    }
}

void TestFuzzInputs::httpRequestReader_chunkingNeverChangesTheRequests()
{
    // What reaches the demo server's port: requests, pipelined, well formed or not.
    static const QByteArrayList pieces{"GET /events HTTP/1.1\r\n",
                                       "POST /publish HTTP/1.1\r\n",
                                       "GET / HTTP/1.0\n",
                                       "BREW /pot HTTP/1.1\r\n",
                                       "GET /chat?x=1 HTTP/1.1\r\n",
                                       "Host: 127.0.0.1\r\n",
                                       "Content-Length: 5\r\n",
                                       "content-length: 0\r\n",
                                       "Content-Length: -3\r\n",
                                       "Content-Length: 99999999999999999999\r\n",
                                       "Content-Length: x\r\n",
                                       "Content-Length: 2000000\r\n",
                                       "Upgrade: websocket\r\n",
                                       "X-Long: " + QByteArray(300, 'v') + "\r\n",
                                       "no colon here\r\n",
                                       ": empty name\r\n",
                                       "\r\n",
                                       "\n",
                                       "hello",
                                       "{\"title\":\"t\"}",
                                       " ",
                                       QByteArray("\x00", 1),
                                       "\xff",
                                       "\r",
                                       "GET",
                                       "/",
                                       " HTTP/1.1",
                                       "Transfer-Encoding: chunked\r\n"};
    auto readAll = [](HttpRequestReader &reader, const QByteArray &bytes, QList<HttpRequest> *requests) {
        HttpRequestReader::Status status = reader.append(bytes);
        while (status == HttpRequestReader::Status::Complete) {
            requests->append(reader.takeRequest());
            status = reader.append({});
        }
        return status;
    };
    auto same = [](const HttpRequest &a, const HttpRequest &b) {
        return a.method == b.method && a.target == b.target && a.headers == b.headers && a.body == b.body;
    };
    for (int round = 0; round < m_rounds; ++round) {
        QByteArray stream;
        for (quint32 i = 1 + m_random.bounded(12u); i > 0; --i) {
            stream += pieces.at(int(m_random.bounded(quint32(pieces.size()))));
        }
        if (m_random.bounded(4u) == 0) {
            stream = mutate(stream);
        }
        HttpRequestReader one(4096);
        QList<HttpRequest> whole;
        const auto wholeStatus = readAll(one, stream, &whole);
        HttpRequestReader many(4096);
        QList<HttpRequest> split;
        HttpRequestReader::Status splitStatus = HttpRequestReader::Status::NeedMore;
        feedInPieces(stream, [&](QByteArrayView piece) {
            if (splitStatus != HttpRequestReader::Status::Invalid) {
                splitStatus = readAll(many, piece.toByteArray(), &split);
            }
        });
        const bool agree = whole.size() == split.size() && wholeStatus == splitStatus &&
                           std::equal(whole.cbegin(), whole.cend(), split.cbegin(), same);
        if (!agree) {
            QFAIL(qPrintable(QStringLiteral("round %1: whole %2 requests (status %3), split %4 (status %5) for %6")
                                 .arg(QString::number(round), QString::number(whole.size()),
                                      QString::number(int(wholeStatus)), QString::number(split.size()),
                                      QString::number(int(splitStatus)), QString::fromLatin1(stream.toHex()))));
        }
        for (const HttpRequest &request : std::as_const(whole)) {
            QVERIFY(request.body.size() <= 4096);
            QVERIFY(!request.method.isEmpty());
        }
    }
}

void TestFuzzInputs::payloadMapper_anyPayloadMapsSafely()
{
    static const QByteArrayList seeds{
        R"({"id":"m1","time":1764500000,"event":"message","topic":"t","title":"Deploy","message":"done","priority":4,)"
        R"("tags":["warning","skull"],"click":"https://x/1","actions":[{"action":"view","label":"Open","url":"https://x"},)"
        R"({"action":"http","label":"Stop","url":"https://x/stop","method":"PUT","headers":{"A":"b"},"body":"{}"}],)"
        R"("attachment":{"name":"a.png","url":"https://x/a.png"}})",
        R"({"id":42,"appid":3,"message":"**disk** full","title":"nas","priority":8,"date":"2026-11-30T10:00:00Z",)"
        R"("extras":{"client::notification":{"click":{"url":"https://nas"}},"client::display":{"contentType":"text/markdown"}}})",
        R"({"title":"Build 9","message":"green","priority":"5","url":"https://ci/9","id":"b9","from":"ci"})",
        R"({"text":"hello","from":"ann","clientId":"c1"})",
        "plain text body",
        R"([1,2,{"title":null}])",
    };
    const QList<PayloadMapper::Preset> presets{PayloadMapper::Preset::Raw, PayloadMapper::Preset::Json,
                                               PayloadMapper::Preset::Ntfy, PayloadMapper::Preset::Gotify,
                                               PayloadMapper::Preset::Mercure};
    for (int round = 0; round < m_rounds; ++round) {
        QByteArray text = seeds.at(int(m_random.bounded(quint32(seeds.size()))));
        if (m_random.bounded(8u) != 0) {
            text = mutate(text);
        }
        RawPayload payload{QStringLiteral("fuzz"), m_random.bounded(3u) == 0 ? QStringLiteral("message") : QString(),
                           m_random.bounded(2u) ? QStringLiteral("7") : QString(), QString::fromUtf8(text),
                           m_random.bounded(10u) == 0};
        for (const PayloadMapper::Preset preset : presets) {
            const PayloadMapper mapper(preset);
            const auto message = mapper.map(payload);
            const auto again = mapper.map(payload);
            QCOMPARE(message.has_value(), again.has_value());
            if (!message) {
                continue;
            }
            QVERIFY2(message->priority >= 1 && message->priority <= 5, qPrintable(QString::number(message->priority)));
            QCOMPARE(message->feed, QStringLiteral("fuzz"));
            QCOMPARE(message->body, again->body);
            QCOMPARE(message->title, again->title);
            for (const MessageAction &action : message->actions) {
                QVERIFY(action.url.isEmpty() || action.url.isValid());
            }
        }
    }
}

void TestFuzzInputs::feedConfig_anyObjectLoadsOrSaysWhy()
{
    const QJsonObject valid{{QStringLiteral("name"), QStringLiteral("ci")},
                            {QStringLiteral("url"), QStringLiteral("https://ntfy.sh/ci/sse")},
                            {QStringLiteral("preset"), QStringLiteral("ntfy")}};
    for (int round = 0; round < m_rounds; ++round) {
        QJsonObject json = valid;
        const QJsonObject noise = randomValue(1).toObject();
        for (auto it = noise.begin(); it != noise.end(); ++it) {
            json.insert(it.key(), it.value());
        }
        if (m_random.bounded(3u) == 0) {
            json.insert(QStringLiteral("auth"), randomValue(1));
            json.insert(QStringLiteral("reconnect"), randomValue(1));
            json.insert(QStringLiteral("tls"), randomValue(1));
        }
        QString problem;
        const auto feed = FeedConfig::fromJson(json, &problem);
        if (!feed) {
            QVERIFY2(!problem.isEmpty(), QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
            continue;
        }
        QString again;
        const auto reloaded = FeedConfig::fromJson(feed->toJson(), &again);
        QVERIFY2(reloaded, qPrintable(again + QStringLiteral(" in ") +
                                      QString::fromUtf8(QJsonDocument(feed->toJson()).toJson(QJsonDocument::Compact))));
        QVERIFY2(*reloaded == *feed, QJsonDocument(feed->toJson()).toJson(QJsonDocument::Compact).constData());
    }
}

void TestFuzzInputs::rules_anyObjectLoadsOrSaysWhy()
{
    for (int round = 0; round < m_rounds; ++round) {
        const QJsonObject json = randomValue(0).toObject();
        QString problem;
        const auto rules = rulesFromJson(json, &problem);
        if (!rules) {
            QVERIFY2(!problem.isEmpty(), QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
            continue;
        }
        QString again;
        const auto reloaded = rulesFromJson(rulesToJson(*rules), &again);
        QVERIFY2(reloaded, qPrintable(again));
        QCOMPARE(rulesToJson(*reloaded), rulesToJson(*rules));
    }
}

void TestFuzzInputs::historySearch_anyTextIsASafeQuery()
{
    QTemporaryDir dir;
    HistoryStore history;
    QVERIFY2(history.open(dir.filePath(QStringLiteral("history.sqlite"))), qPrintable(history.errorString()));
    const QStringList bodies{QStringLiteral("deploy failed on prod-2"), QStringLiteral("빌드 성공"),
                             QStringLiteral("\"quoted\" NEAR(things) AND more*")};
    for (int i = 0; i < bodies.size(); ++i) {
        Message message;
        message.feed = QStringLiteral("fuzz");
        message.id = QString::number(i);
        message.title = QStringLiteral("t");
        message.body = bodies.at(i);
        message.time = QDateTime::currentDateTimeUtc();
        history.append(message);
    }
    QVERIFY(history.flush());
    QCOMPARE(history.errorString(), QString()); // a failed query would leave its reason here
    static const QStringList pieces{
        QStringLiteral("\""),   QStringLiteral("*"),      QStringLiteral("("),
        QStringLiteral(")"),    QStringLiteral("NEAR"),   QStringLiteral("AND"),
        QStringLiteral("OR"),   QStringLiteral("NOT"),    QStringLiteral("-"),
        QStringLiteral("^"),    QStringLiteral(":"),      QStringLiteral("title:"),
        QStringLiteral("빌드"), QStringLiteral("deploy"), QStringLiteral(" "),
        QStringLiteral("'"),    QStringLiteral(";"),      QStringLiteral("DROP TABLE messages"),
        QString(QChar(0)),      QStringLiteral("\\"),     QStringLiteral("{"),
        QStringLiteral("+"),    QStringLiteral("prod-2"), QStringLiteral("🙂"),
        QStringLiteral("%"),    QStringLiteral("_")};
    const int rounds = std::min(m_rounds, 1000); // each is a real SQLite query
    QStringList searches;
    QList<qsizetype> counts;
    for (int round = 0; round < rounds; ++round) {
        QString search;
        for (quint32 i = 1 + m_random.bounded(6u); i > 0; --i) {
            search += pieces.at(int(m_random.bounded(quint32(pieces.size()))));
        }
        HistoryStore::Query query;
        query.search = search;
        const auto found = history.query(query);
        QVERIFY2(history.errorString().isEmpty(), qPrintable(QString::fromLatin1(search.toUtf8().toPercentEncoding()) +
                                                             QStringLiteral(": ") + history.errorString()));
        QVERIFY(found.size() <= bodies.size());
        searches.append(search);
        counts.append(found.size());
    }
    // Read row by row above (nothing indexed yet); the index finds exactly the same.
    history.indexEverything();
    for (qsizetype i = 0; i < searches.size(); ++i) {
        HistoryStore::Query query;
        query.search = searches.at(i);
        QVERIFY2(history.query(query).size() == counts.at(i),
                 qPrintable(QString::fromLatin1(searches.at(i).toUtf8().toPercentEncoding())));
    }
    HistoryStore::Query deploy;
    deploy.search = QStringLiteral("\"deploy\" (");
    QCOMPARE(history.query(deploy).size(), 1); // the words still find what they name
    QCOMPARE(history.count(), bodies.size());  // and nothing was dropped
}

QTEST_GUILESS_MAIN(TestFuzzInputs)
namespace {

using herald::test::RecordingLink;
using herald::test::mqtt::packet;
using herald::test::mqtt::string;

} // namespace

// What a broker sends, mutated (lying lengths, cut packets, wrong flags), cut into WebSocket frames at random: the
// same messages and the same first failure however the bytes are framed, never more buffered than the limit.
void TestFuzzInputs::mqtt_framingNeverChangesTheOutcome()
{
    using protocol::MqttProtocol;
    for (int round = 0; round < m_rounds; ++round) {
        const bool v5 = m_random.bounded(2u) == 0;
        QByteArray stream = packet(0x20, v5 ? QByteArray::fromHex("000003130005") : QByteArray::fromHex("0000"));
        stream += packet(0x90, QByteArray::fromHex(v5 ? "00010001" : "000101"));
        for (int i = int(m_random.bounded(10u)); i >= 0; --i) {
            const int qos = int(m_random.bounded(2u));
            QByteArray body = string("t/" + QByteArray::number(i));
            if (qos > 0) {
                body += QByteArray::fromHex("00") + char(1 + i);
            }
            if (v5) {
                body += m_random.bounded(3u) == 0 ? QByteArray::fromHex("020101") : QByteArray(1, 0);
            }
            body += QByteArray(int(m_random.bounded(300u)), char('a' + i));
            stream += packet(quint8(0x30 | (qos << 1) | int(m_random.bounded(2u))), body);
            if (m_random.bounded(4u) == 0) {
                stream += packet(0xd0, {});
            }
        }
        if (m_random.bounded(2u) == 0) {
            stream = mutate(stream);
        }
        auto run = [&](bool inPieces, QList<QByteArray> &messages, RecordingLink &link) {
            MqttProtocol::Settings settings;
            settings.version = v5 ? protocol::mqtt::Version::V5 : protocol::mqtt::Version::V311;
            settings.topics = {QStringLiteral("t/+")};
            settings.qos = 1;
            settings.maxPacketSize = 2048;
            MqttProtocol mqtt(settings);
            mqtt.opened(link);
            QList<protocol::AppMessage> out;
            const auto feed = [&](QByteArrayView piece) {
                if (link.failures == 0) {
                    mqtt.binaryReceived(piece.toByteArray(), link, out);
                }
            };
            if (inPieces) {
                feedInPieces(stream, feed);
            } else {
                feed(stream);
            }
            for (const protocol::AppMessage &message : std::as_const(out)) {
                if (!protocol::mqtt::validTopicName(message.type)) {
                    messages.append("invalid topic " + message.type.toUtf8());
                }
                messages.append(message.type.toUtf8() + ' ' + (message.binary ? message.bytes : message.text.toUtf8()));
            }
        };
        QList<QByteArray> whole, pieces;
        RecordingLink wholeLink, piecesLink;
        run(false, whole, wholeLink);
        run(true, pieces, piecesLink);
        if (whole != pieces || wholeLink.failure != piecesLink.failure) {
            QFAIL(qPrintable(QStringLiteral("round %1: %2 messages, failure \"%3\" whole; %4 and \"%5\" in pieces")
                                 .arg(round)
                                 .arg(whole.size())
                                 .arg(wholeLink.failure)
                                 .arg(pieces.size())
                                 .arg(piecesLink.failure)));
        }
        for (const QByteArray &message : std::as_const(whole)) {
            QVERIFY2(!message.startsWith("invalid topic"), message.constData());
            QVERIFY(message.size() < 2048);
        }
    }
}

// Socket.IO, graphql-transport-ws and SockJS handed mutated and random frames after their handshake: each frame is
// delivered or fails with words, and nothing it carries grows without bound.
void TestFuzzInputs::textProtocols_anyFrameFailsCleanlyOrDelivers()
{
    static const QByteArrayList socketIo{
        R"(0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000})",
        "40",
        R"(42["tick",1])",
        R"(42/ns,["e",{"a":[1,2]}])",
        R"(451-["file",{"_placeholder":true,"num":0}])",
        "2",
        R"(43["x"])",
        "41",
        R"(44{"message":"no"})",
        "3"};
    static const QByteArrayList graphql{R"({"type":"connection_ack"})",
                                        R"({"type":"next","id":"1","payload":{"data":{"x":1}}})",
                                        R"({"type":"error","id":"1","payload":[{"message":"bad"}]})",
                                        R"({"type":"ping"})", R"({"type":"complete","id":"1"})"};
    static const QByteArrayList sockJs{"o", R"(a["hello","world"])", "h", R"(m"one")", R"(c[3000,"Go away!"])"};
    for (int round = 0; round < m_rounds; ++round) {
        const int which = int(m_random.bounded(3u));
        std::unique_ptr<protocol::MessageProtocol> subject;
        const QByteArrayList *frames = nullptr;
        if (which == 0) {
            subject = std::make_unique<protocol::SocketIoProtocol>(QStringLiteral("/"), QByteArray());
            frames = &socketIo;
        } else if (which == 1) {
            subject = std::make_unique<protocol::GraphqlWsProtocol>(QStringLiteral("subscription { x }"), QJsonObject(),
                                                                    QJsonObject());
            frames = &graphql;
        } else {
            subject = std::make_unique<protocol::SockJsProtocol>();
            frames = &sockJs;
        }
        RecordingLink link;
        QList<protocol::AppMessage> out;
        subject->opened(link);
        qsizetype given = 0;
        for (int i = 0; i < 8; ++i) {
            QByteArray frame = frames->at(int(m_random.bounded(quint32(frames->size()))));
            if (m_random.bounded(2u) == 0) {
                frame = mutate(frame);
            }
            given += frame.size();
            const int failuresBefore = link.failures;
            subject->textReceived(frame, link, out);
            if (link.failures > failuresBefore) {
                QVERIFY(!link.failure.isEmpty());
                subject->opened(link); // as after the reconnect that follows
            }
        }
        qsizetype delivered = 0;
        for (const protocol::AppMessage &message : std::as_const(out)) {
            delivered += message.text.size() + message.bytes.size();
        }
        QVERIFY2(delivered <= 4 * given + 64, qPrintable(QString::number(delivered)));
    }
}

#include "tst_fuzz_inputs.moc"
