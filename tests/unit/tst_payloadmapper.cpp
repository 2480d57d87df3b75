#include "message/PayloadMapper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using herald::Message;
using herald::MessageAction;
using herald::PayloadMapper;
using herald::RawPayload;
using Preset = herald::PayloadMapper::Preset;

namespace {

// JSON written with single quotes, so that the test data needs no escaping (and moc, which reads this file, sees
// only plain string literals).
QString json(const char *singleQuoted)
{
    return QString::fromUtf8(singleQuoted).replace(QLatin1Char('\''), QLatin1Char('"'));
}

QByteArray json8(const char *singleQuoted)
{
    return json(singleQuoted).toUtf8();
}

RawPayload payload(const QString &text, const QString &id = {}, const QString &type = QStringLiteral("message"))
{
    return RawPayload{QStringLiteral("ci"), type, id, text, false};
}

} // namespace

class TestPayloadMapper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void presets_haveNames();
    void ntfy_httpActionsSendOnlyWhatARequestCanCarry();
    void ntfy_timeOutOfRange_keepsTheArrivalTime_data();
    void ntfy_timeOutOfRange_keepsTheArrivalTime();
    void raw_isTheBody();
    void json_mapsFields_data();
    void json_mapsFields();
    void json_malformed_fallsBackToTextWithNote_data();
    void json_malformed_fallsBackToTextWithNote();
    void json_customPointers();
    void pointer_followsRfc6901_data();
    void pointer_followsRfc6901();
    void priority_wordsAndNumbers_data();
    void priority_wordsAndNumbers();
    void ntfy_message();
    void ntfy_openAndKeepalive_areNotMessages();
    void ntfy_attachmentOnly_showsItsName();
    void gotify_message();
    void gotify_priorityScale_data();
    void gotify_priorityScale();
    void mercure_usesSseIdAndType();
    void binary_isNeverLost();
    void auto_recognisesEachFormat_data();
    void auto_recognisesEachFormat();
    void auto_ntfyKeepalive_isNotAMessage();
    void auto_binaryAndBrokenJson_areNeverLost();
};

void TestPayloadMapper::presets_haveNames()
{
    for (const QString &name : PayloadMapper::presetNames()) {
        const auto preset = PayloadMapper::presetFromName(name);
        QVERIFY(preset);
        QCOMPARE(PayloadMapper::presetName(*preset), name);
    }
    QCOMPARE(PayloadMapper::presetFromName(u"NTFY"), std::optional<Preset>(Preset::Ntfy));
    QVERIFY(!PayloadMapper::presetFromName(u"slack"));
}

void TestPayloadMapper::raw_isTheBody()
{
    const auto message = PayloadMapper(Preset::Raw).map(payload(QStringLiteral("<b>build</b> passed"), "7"));
    QVERIFY(message);
    QCOMPARE(message->body, QStringLiteral("<b>build</b> passed"));
    QCOMPARE(message->id, QStringLiteral("7"));
    QCOMPARE(message->feed, QStringLiteral("ci"));
    QCOMPARE(message->priority, 3);
    QVERIFY(message->note.isEmpty());
    QVERIFY(message->time.isValid());
}

void TestPayloadMapper::json_mapsFields_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("body");
    QTest::addColumn<int>("priority");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QStringList>("tags");

    QTest::newRow("usual names")
        << json("{'title':'Build "
                "#12','message':'passed','priority':4,'click':'https://ci/12','id':'b12','tags':['ci','ok']}")
        << "Build #12"
        << "passed" << 4 << "https://ci/12"
        << "b12" << QStringList{QStringLiteral("ci"), QStringLiteral("ok")};
    QTest::newRow("fallback names") << json("{'subject':'Hi','body':'there','url':'https://x/','id':42,'tags':'a, b'}")
                                    << "Hi"
                                    << "there" << 3 << "https://x/"
                                    << "42" << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("text field") << json("{'text':'only text'}") << ""
                                << "only text" << 3 << ""
                                << "sse-id" << QStringList{};
    QTest::newRow("nothing known shows everything")
        << json("{'price':100412.5,'pair':'BTC-USD'}") << "" << json("{'pair':'BTC-USD','price':100412.5}") << 3 << ""
        << "sse-id" << QStringList{};
    QTest::newRow("object body as JSON") << json("{'title':'t','message':{'a':1}}") << "t" << json("{'a':1}") << 3 << ""
                                         << "sse-id" << QStringList{};
    QTest::newRow("priority word") << json("{'message':'m','priority':'urgent'}") << ""
                                   << "m" << 5 << ""
                                   << "sse-id" << QStringList{};
    QTest::newRow("array document") << json("[1,2]") << ""
                                    << "[1,2]" << 3 << ""
                                    << "sse-id" << QStringList{};
    QTest::newRow("korean") << json("{'title':'빌드','message':'성공'}") << "빌드"
                            << "성공" << 3 << ""
                            << "sse-id" << QStringList{};
}

void TestPayloadMapper::json_mapsFields()
{
    QFETCH(QString, json);
    QFETCH(QString, title);
    QFETCH(QString, body);
    QFETCH(int, priority);
    QFETCH(QString, url);
    QFETCH(QString, id);
    QFETCH(QStringList, tags);
    const auto message = PayloadMapper(Preset::Json).map(payload(json, QStringLiteral("sse-id")));
    QVERIFY(message);
    QCOMPARE(message->title, title);
    QCOMPARE(message->body, body);
    QCOMPARE(message->priority, priority);
    QCOMPARE(message->clickUrl.toString(), url);
    QCOMPARE(message->id, id);
    QCOMPARE(message->tags, tags);
    QCOMPARE(message->raw, json);
    QVERIFY2(message->note.isEmpty(), qPrintable(message->note));
}

void TestPayloadMapper::json_malformed_fallsBackToTextWithNote_data()
{
    QTest::addColumn<int>("preset");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("notePart");
    QTest::newRow("json: not JSON") << int(Preset::Json) << QStringLiteral("plain words")
                                    << QStringLiteral("not valid JSON");
    QTest::newRow("json: truncated") << int(Preset::Json) << json("{'title':'x'") << QStringLiteral("not valid JSON");
    QTest::newRow("ntfy: array") << int(Preset::Ntfy) << QStringLiteral("[1]") << QStringLiteral("JSON object");
    QTest::newRow("ntfy: garbage") << int(Preset::Ntfy) << QStringLiteral("\x01\x02")
                                   << QStringLiteral("not valid JSON");
    QTest::newRow("gotify: string") << int(Preset::Gotify) << QStringLiteral("\"hi\"")
                                    << QStringLiteral("not valid JSON");
    QTest::newRow("mercure: html") << int(Preset::Mercure) << QStringLiteral("<p>hi</p>")
                                   << QStringLiteral("not valid JSON");
}

void TestPayloadMapper::json_malformed_fallsBackToTextWithNote()
{
    QFETCH(int, preset);
    QFETCH(QString, text);
    QFETCH(QString, notePart);
    const auto message = PayloadMapper(Preset(preset)).map(payload(text, QStringLiteral("5")));
    QVERIFY2(message, "malformed input must never be dropped");
    QCOMPARE(message->body, text);
    QCOMPARE(message->id, QStringLiteral("5"));
    QVERIFY2(message->note.contains(notePart), qPrintable(message->note));
}

void TestPayloadMapper::json_customPointers()
{
    herald::JsonPointers pointers;
    pointers.title = {QStringLiteral("/build/name")};
    pointers.body = {QStringLiteral("/build/status")};
    pointers.priority = {QStringLiteral("/level")};
    pointers.url = {QStringLiteral("/links/0/href")};
    pointers.id = {QStringLiteral("/build/number")};
    const auto message = PayloadMapper(Preset::Json, pointers)
                             .map(payload(json("{'build':{'name':'herald','status':'failed','number':812},"
                                               "'level':'high','links':[{'href':'https://ci/812'}]}")));
    QVERIFY(message);
    QCOMPARE(message->title, QStringLiteral("herald"));
    QCOMPARE(message->body, QStringLiteral("failed"));
    QCOMPARE(message->priority, 4);
    QCOMPARE(message->clickUrl, QUrl(QStringLiteral("https://ci/812")));
    QCOMPARE(message->id, QStringLiteral("812"));
}

void TestPayloadMapper::pointer_followsRfc6901_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("expected"); // compact JSON of the value, or "undefined"
    // The example document of RFC 6901, section 5.
    QTest::newRow("whole") << ""
                           << "{\" \":7,\"\":0,\"a/b\":1,\"c%d\":2,\"e^f\":3,\"foo\":[\"bar\",\"baz\"],\"g|h\":4,"
                              "\"i\\\\j\":5,\"k\\\"l\":6,\"m~n\":8}";
    QTest::newRow("/foo") << "/foo" << json("['bar','baz']");
    QTest::newRow("/foo/0") << "/foo/0" << json("'bar'");
    QTest::newRow("/") << "/"
                       << "0";
    QTest::newRow("/a~1b") << "/a~1b"
                           << "1";
    QTest::newRow("/c%d") << "/c%d"
                          << "2";
    QTest::newRow("/k\"l") << "/k\"l"
                           << "6";
    QTest::newRow("/ ") << "/ "
                        << "7";
    QTest::newRow("/m~0n") << "/m~0n"
                           << "8";
    QTest::newRow("missing") << "/nope"
                             << "undefined";
    QTest::newRow("index out of range") << "/foo/2"
                                        << "undefined";
    QTest::newRow("leading zero") << "/foo/00"
                                  << "undefined";
    QTest::newRow("no slash") << "foo"
                              << "undefined";
}

void TestPayloadMapper::pointer_followsRfc6901()
{
    QFETCH(QString, pointer);
    QFETCH(QString, expected);
    const QByteArray document = "{\"foo\":[\"bar\",\"baz\"],\"\":0,\"a/b\":1,\"c%d\":2,\"e^f\":3,\"g|h\":4,"
                                "\"i\\\\j\":5,\"k\\\"l\":6,\" \":7,\"m~n\":8}";
    const QJsonValue value = PayloadMapper::resolvePointer(QJsonDocument::fromJson(document).object(), pointer);
    if (expected == QLatin1String("undefined")) {
        QVERIFY(value.isUndefined());
        return;
    }
    QJsonDocument wrapped = QJsonDocument::fromJson("[" + expected.toUtf8() + "]");
    QCOMPARE(value, wrapped.array().at(0));
}

void TestPayloadMapper::priority_wordsAndNumbers_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<int>("expected"); // 0: none
    QTest::newRow("1") << "1" << 1;
    QTest::newRow("5") << "5" << 5;
    QTest::newRow("clamped high") << "9" << 5;
    QTest::newRow("clamped low") << "-3" << 1;
    QTest::newRow("fraction") << "3.6" << 4;
    QTest::newRow("string digit") << "\"2\"" << 2;
    QTest::newRow("min") << "\"min\"" << 1;
    QTest::newRow("low") << "\"LOW\"" << 2;
    QTest::newRow("default") << "\"default\"" << 3;
    QTest::newRow("high") << "\"high\"" << 4;
    QTest::newRow("max") << "\"max\"" << 5;
    QTest::newRow("urgent") << "\"urgent\"" << 5;
    QTest::newRow("unknown word") << "\"critical-ish\"" << 0;
    QTest::newRow("bool") << "true" << 0;
}

void TestPayloadMapper::priority_wordsAndNumbers()
{
    QFETCH(QString, json);
    QFETCH(int, expected);
    const QJsonValue value = QJsonDocument::fromJson("[" + json.toUtf8() + "]").array().at(0);
    const auto priority = PayloadMapper::priorityFrom(value);
    QCOMPARE(priority.value_or(0), expected);
}

void TestPayloadMapper::ntfy_message()
{
    const QString text =
        json("{'id':'sPs71M8A2T','time':1732460000,'expires':1732503200,'event':'message',"
             "'topic':'backups','title':'Backup done','message':'Disk 93% full','priority':4,"
             "'tags':['warning','backup'],'click':'https://nas.local/','icon':'https://nas.local/icon.png',"
             "'actions':[{'action':'view','label':'Open NAS','url':'https://nas.local/ui','clear':true},"
             "{'action':'http','label':'Prune','url':'https://nas.local/prune','method':'put',"
             "'headers':{'Authorization':'Bearer x'},'body':'{\\'keep\\':3}'},"
             "{'action':'broadcast','label':'Android only'}]}");
    const auto message = PayloadMapper(Preset::Ntfy).map(payload(text, QStringLiteral("sse")));
    QVERIFY(message);
    QCOMPARE(message->id, QStringLiteral("sPs71M8A2T"));
    QCOMPARE(message->time, QDateTime::fromSecsSinceEpoch(1732460000, Qt::UTC));
    QCOMPARE(message->title, QStringLiteral("⚠️ Backup done"));
    QCOMPARE(message->body, QStringLiteral("Disk 93% full"));
    QCOMPARE(message->priority, 4);
    QCOMPARE(message->tags, (QStringList{QStringLiteral("warning"), QStringLiteral("backup")}));
    QCOMPARE(message->clickUrl, QUrl(QStringLiteral("https://nas.local/")));
    QCOMPARE(message->iconUrl, QUrl(QStringLiteral("https://nas.local/icon.png")));
    QCOMPARE(message->actions.size(), 2);
    QCOMPARE(message->actions[0].kind, MessageAction::Kind::View);
    QCOMPARE(message->actions[0].label, QStringLiteral("Open NAS"));
    QVERIFY(message->actions[0].clear);
    QCOMPARE(message->actions[1].kind, MessageAction::Kind::Http);
    QCOMPARE(message->actions[1].method, QByteArray("PUT"));
    QCOMPARE(message->actions[1].headers.value(0).second, QByteArray("Bearer x"));
    QCOMPARE(message->actions[1].body, QByteArray(json8("{'keep':3}")));

    // Without a title, the topic stands in.
    const auto untitled =
        PayloadMapper(Preset::Ntfy).map(payload(json("{'id':'a','event':'message','topic':'alerts','message':'m'}")));
    QCOMPARE(untitled->title, QStringLiteral("alerts"));
}

void TestPayloadMapper::ntfy_openAndKeepalive_areNotMessages()
{
    const PayloadMapper mapper(Preset::Ntfy);
    QVERIFY(!mapper.map(payload(json("{'id':'x','time':1,'event':'open','topic':'t'}"))));
    QVERIFY(!mapper.map(payload(json("{'id':'y','time':2,'event':'keepalive','topic':'t'}"))));
    QVERIFY(!mapper.map(payload(json("{'id':'z','time':3,'event':'poll_request','topic':'t'}"))));
}

void TestPayloadMapper::ntfy_attachmentOnly_showsItsName()
{
    const auto message = PayloadMapper(Preset::Ntfy)
                             .map(payload(json("{'id':'a','event':'message','topic':'t','attachment':{'name':'report."
                                               "pdf','url':'https://ntfy.sh/file/a.pdf'}}")));
    QVERIFY(message);
    QCOMPARE(message->body, QStringLiteral("report.pdf"));
    QCOMPARE(message->actions.value(0).label, QStringLiteral("Open report.pdf"));
    QCOMPARE(message->actions.value(0).url, QUrl(QStringLiteral("https://ntfy.sh/file/a.pdf")));
    QVERIFY(message->imageUrl.isEmpty()); // a PDF is no picture to show
    QVERIFY(!message->markdown);

    // An image attachment is the message's picture, as ntfy's apps show it; "markdown": true formats the body.
    const auto picture =
        PayloadMapper(Preset::Ntfy)
            .map(payload(
                json("{'id':'b','event':'message','topic':'t','message':'**door**','markdown':true,"
                     "'attachment':{'name':'cam.jpg','type':'image/jpeg','url':'https://ntfy.sh/file/b.jpg'}}")));
    QCOMPARE(picture->imageUrl, QUrl(QStringLiteral("https://ntfy.sh/file/b.jpg")));
    QVERIFY(picture->markdown);
    const auto byName = PayloadMapper(Preset::Ntfy)
                            .map(payload(json("{'id':'c','event':'message','topic':'t','attachment':{'name':'a.PNG',"
                                              "'url':'https://x.example/a.PNG'}}")));
    QCOMPARE(byName->imageUrl, QUrl(QStringLiteral("https://x.example/a.PNG")));
}

void TestPayloadMapper::gotify_message()
{
    const QString text =
        json("{'id':25,'appid':3,'message':'**Deploy** finished','title':'prod','priority':8,"
             "'date':'2026-11-24T18:30:00.123+01:00','extras':{'client::display':"
             "{'contentType':'text/markdown'},'client::notification':{'click':"
             "{'url':'https://deploy.example/25'},'bigImageUrl':'https://deploy.example/graph.png'}}}");
    const auto message = PayloadMapper(Preset::Gotify).map(payload(text));
    QVERIFY(message);
    QCOMPARE(message->id, QStringLiteral("25"));
    QCOMPARE(message->title, QStringLiteral("prod"));
    QCOMPARE(message->body, QStringLiteral("**Deploy** finished"));
    QCOMPARE(message->priority, 4);
    QVERIFY(message->markdown);
    QCOMPARE(message->clickUrl, QUrl(QStringLiteral("https://deploy.example/25")));
    QCOMPARE(message->imageUrl, QUrl(QStringLiteral("https://deploy.example/graph.png")));
    // The same JSON read as plain JSON (a demo or one's own app) keeps its formatting; so does "markdown": true.
    QVERIFY(PayloadMapper(Preset::Json).map(payload(text))->markdown);
    QVERIFY(
        PayloadMapper(Preset::Json).map(payload(json("{'title':'t','message':'**m**','markdown':true}")))->markdown);
    QVERIFY(!PayloadMapper(Preset::Json).map(payload(json("{'title':'t','message':'**m**'}")))->markdown);
    QCOMPARE(message->time, QDateTime(QDate(2026, 11, 24), QTime(17, 30, 0, 123), Qt::UTC));
}

void TestPayloadMapper::gotify_priorityScale_data()
{
    QTest::addColumn<int>("gotify");
    QTest::addColumn<int>("herald");
    for (const auto &[from, to] : std::initializer_list<std::pair<int, int>>{
             {0, 1}, {1, 2}, {3, 2}, {4, 3}, {5, 3}, {7, 3}, {8, 4}, {9, 4}, {10, 5}}) {
        QTest::addRow("%d", from) << from << to;
    }
}

void TestPayloadMapper::gotify_priorityScale()
{
    QFETCH(int, gotify);
    QFETCH(int, herald);
    const auto message =
        PayloadMapper(Preset::Gotify).map(payload(json("{'id':1,'message':'m','priority':%1}").arg(gotify)));
    QCOMPARE(message->priority, herald);
}

void TestPayloadMapper::mercure_usesSseIdAndType()
{
    const auto message = PayloadMapper(Preset::Mercure)
                             .map(payload(json("{'title':'Order 12','message':'shipped'}"),
                                          QStringLiteral("urn:uuid:1b2c"), QStringLiteral("order.updated")));
    QVERIFY(message);
    QCOMPARE(message->id, QStringLiteral("urn:uuid:1b2c"));
    QCOMPARE(message->eventType, QStringLiteral("order.updated"));
    QCOMPARE(message->title, QStringLiteral("Order 12"));
}

void TestPayloadMapper::binary_isNeverLost()
{
    RawPayload binary{QStringLiteral("ws"), {}, {}, QStringLiteral("3q2+7w=="), true};
    for (Preset preset : {Preset::Raw, Preset::Json, Preset::Ntfy}) {
        const auto message = PayloadMapper(preset).map(binary);
        QVERIFY(message);
        QCOMPARE(message->body, QStringLiteral("(binary message, 4 bytes)"));
        QCOMPARE(message->raw, QStringLiteral("3q2+7w=="));
    }
}

void TestPayloadMapper::auto_recognisesEachFormat_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("sseId");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("body");
    QTest::addColumn<int>("priority");
    QTest::addColumn<QString>("url");
    QTest::newRow("ntfy") << json("{'id':'a1','time':1700000000,'event':'message','topic':'ci','title':'Build',"
                                  "'message':'green','priority':4,'click':'https://ci.example/1'}")
                          << QString() << "ntfy"
                          << "Build"
                          << "green" << 4 << "https://ci.example/1";
    QTest::newRow("gotify") << json("{'id':7,'appid':2,'message':'disk full','title':'nas','priority':8,"
                                    "'date':'2026-11-30T10:00:00Z'}")
                            << QString() << "gotify"
                            << "nas"
                            << "disk full" << 4 << QString();
    QTest::newRow("mercure") << json("{'title':'Order 12','message':'shipped'}") << "urn:uuid:6f1e-4c2b"
                             << "mercure"
                             << "Order 12"
                             << "shipped" << 3 << QString();
    QTest::newRow("generic: title, message, url")
        << json("{'title':'Deploy','message':'done','url':'https://x.example'}") << QString() << "json"
        << "Deploy"
        << "done" << 3 << "https://x.example";
    QTest::newRow("generic: subject, text, link, severity")
        << json("{'subject':'db-1','text':'replica lag','link':'https://grafana.example/d/1','severity':'critical'}")
        << QString() << "json"
        << "db-1"
        << "replica lag" << 5 << "https://grafana.example/d/1";
    QTest::newRow("generic: body and level words") << json("{'body':'retrying','level':'warning'}") << QString()
                                                   << "json" << QString() << "retrying" << 4 << QString();
    QTest::newRow("generic: a nested author and content")
        << json("{'author':{'name':'mina'},'content':'hello there','html_url':'https://git.example/pr/3'}") << QString()
        << "json"
        << "mina"
        << "hello there" << 3 << "https://git.example/pr/3";
    QTest::newRow("JSON with none of the fields: shown whole")
        << json("{'temp':21.5,'room':'office'}") << QString() << "json" << QString()
        << json("{'room':'office','temp':21.5}") << 3 << QString();
    QTest::newRow("plain text") << QStringLiteral("backup finished") << QString() << "text" << QString()
                                << "backup finished" << 3 << QString();
    QTest::newRow("a number is text") << QStringLiteral("42") << QString() << "text" << QString() << "42" << 3
                                      << QString();
}

void TestPayloadMapper::auto_recognisesEachFormat()
{
    QFETCH(QString, text);
    QFETCH(QString, sseId);
    QFETCH(QString, format);
    QFETCH(QString, title);
    QFETCH(QString, body);
    QFETCH(int, priority);
    QFETCH(QString, url);
    const auto message = PayloadMapper(Preset::Auto).map(payload(text, sseId));
    QVERIFY(message);
    QCOMPARE(message->format, format);
    QVERIFY2(message->title.endsWith(title), qPrintable(message->title)); // ntfy may put an emoji before it
    QCOMPARE(message->body, body);
    QCOMPARE(message->priority, priority);
    QCOMPARE(message->clickUrl.toString(), url);
    QCOMPARE(message->raw, text);
    QVERIFY(message->note.isEmpty());
}

void TestPayloadMapper::auto_ntfyKeepalive_isNotAMessage()
{
    const PayloadMapper mapper(Preset::Auto);
    QVERIFY(!mapper.map(payload(json("{'id':'k','time':1700000000,'event':'keepalive','topic':'ci'}"))));
    QVERIFY(!mapper.map(payload(json("{'id':'o','time':1700000000,'event':'open','topic':'ci'}"))));
    // "event" alone does not make a payload ntfy's: a generic one keeps its text.
    const auto generic = mapper.map(payload(json("{'event':'open','message':'door opened'}")));
    QVERIFY(generic);
    QCOMPARE(generic->body, QStringLiteral("door opened"));
    QCOMPARE(PayloadMapper::presetFromName(u"auto"), std::optional<Preset>(Preset::Auto));
}

void TestPayloadMapper::auto_binaryAndBrokenJson_areNeverLost()
{
    const PayloadMapper mapper(Preset::Auto);
    const auto binary = mapper.map(RawPayload{QStringLiteral("ci"), {}, {}, QStringLiteral("3q2+7w=="), true});
    QVERIFY(binary);
    QCOMPARE(binary->body, QStringLiteral("(binary message, 4 bytes)"));
    const auto broken = mapper.map(payload(QStringLiteral("{\"title\": \"cut off")));
    QVERIFY(broken);
    QCOMPARE(broken->body, QStringLiteral("{\"title\": \"cut off"));
    QCOMPARE(broken->format, QStringLiteral("text"));
}

void TestPayloadMapper::ntfy_httpActionsSendOnlyWhatARequestCanCarry()
{
    const auto message =
        PayloadMapper(Preset::Ntfy)
            .map(RawPayload{
                QStringLiteral("n"),
                {},
                {},
                QStringLiteral(
                    R"({"id":"m1","event":"message","topic":"t","message":"hi","actions":[)"
                    R"({"action":"http","label":"Split","url":"http://127.0.0.1:9/x","method":"PUT\r\nX-Injected: 1"},)"
                    R"({"action":"http","label":"Trace","url":"http://127.0.0.1:9/x","method":"TRACE"},)"
                    R"({"action":"http","label":"Dismiss","url":"http://127.0.0.1:9/admin","method":"delete",)"
                    R"("headers":{"X-Bad":"1\r\nX-Injected: 1","Authorization":"Bearer t"}}]})"),
                false});
    QVERIFY(message);
    QCOMPARE(message->actions.size(), 1);
    QCOMPARE(message->actions.first().label, QStringLiteral("Dismiss"));
    QCOMPARE(message->actions.first().method, QByteArray("DELETE"));
    QCOMPARE(message->actions.first().headers, (QList<QPair<QByteArray, QByteArray>>{{"Authorization", "Bearer t"}}));
}

void TestPayloadMapper::ntfy_timeOutOfRange_keepsTheArrivalTime_data()
{
    QTest::addColumn<QString>("time");
    // Found by fuzz_payloadmapper: cast to an integer unchecked, 1.8e94 was undefined behaviour.
    QTest::newRow("1.8e94") << QStringLiteral("17645088888888888888888888888888888888888888888888888888888888888888888"
                                              "888888888888888888880000");
    QTest::newRow("negative") << QStringLiteral("-5");
    QTest::newRow("past 9999") << QStringLiteral("253402300800");
    QTest::newRow("text") << QStringLiteral("\"yesterday\"");
}

void TestPayloadMapper::ntfy_timeOutOfRange_keepsTheArrivalTime()
{
    QFETCH(QString, time);
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const auto message =
        PayloadMapper(Preset::Ntfy)
            .map(RawPayload{
                QStringLiteral("n"),
                {},
                {},
                QStringLiteral(R"({"id":"m1","time":%1,"event":"message","topic":"t","message":"hi"})").arg(time),
                false});
    QVERIFY(message);
    QCOMPARE(message->body, QStringLiteral("hi"));
    QVERIFY2(message->time >= before && message->time <= QDateTime::currentDateTimeUtc().addSecs(1),
             qPrintable(message->time.toString(Qt::ISODate)));
}

QTEST_GUILESS_MAIN(TestPayloadMapper)
#include "tst_payloadmapper.moc"
