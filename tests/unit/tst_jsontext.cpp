// protocol::json: the pieces of a JSON text as written, which the protocols hand on as payloads.
#include "protocol/JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace herald::protocol;

namespace {

QStringList texts(const QList<QByteArrayView> &views)
{
    QStringList out;
    for (QByteArrayView view : views) {
        out << QString::fromUtf8(view);
    }
    return out;
}

bool within(QByteArrayView piece, QByteArrayView whole)
{
    return piece.isEmpty() ||
           (piece.data() >= whole.data() && piece.data() + piece.size() <= whole.data() + whole.size());
}

} // namespace

class TestJsonText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void arrayElements_asWritten_data();
    void arrayElements_asWritten();
    void objectMembers_inTheServersOrder();
    void memberValue_findsEscapedKeys();
    void payloadText_stringsUnquotedOthersAsWritten();
    void compact_writesScalarsToo();
    void anyBytes_neverReadOutOfBounds();
};

void TestJsonText::arrayElements_asWritten_data()
{
    QTest::addColumn<QByteArray>("array");
    QTest::addColumn<QStringList>("elements");
    QTest::newRow("empty") << QByteArray("[]") << QStringList{};
    QTest::newRow("spaces") << QByteArray(" [ 1 , \"a\" ,true,null ] ")
                            << QStringList{QStringLiteral("1"), QStringLiteral("\"a\""), QStringLiteral("true"),
                                           QStringLiteral("null")};
    QTest::newRow("nested") << QByteArray(R"([{"a":[1,{"b":"]"}]},[[]],"x\"]"])")
                            << QStringList{QString::fromUtf8(R"({"a":[1,{"b":"]"}]})"), QStringLiteral("[[]]"),
                                           QString::fromUtf8(R"("x\"]")")};
    QTest::newRow("numbers kept") << QByteArray("[1.50,12345678901234567890,-0,1E+2]")
                                  << QStringList{QStringLiteral("1.50"), QStringLiteral("12345678901234567890"),
                                                 QStringLiteral("-0"), QStringLiteral("1E+2")};
    QTest::newRow("not an array") << QByteArray(R"({"a":1})") << QStringList{};
}

void TestJsonText::arrayElements_asWritten()
{
    QFETCH(QByteArray, array);
    QFETCH(QStringList, elements);
    QCOMPARE(texts(json::arrayElements(array)), elements);
}

void TestJsonText::objectMembers_inTheServersOrder()
{
    const QByteArray object = R"({ "zeta" : {"x":1} , "alpha":"a,b", "m":[1,2] })";
    const auto members = json::objectMembers(object);
    QCOMPARE(members.size(), 3);
    QCOMPARE(QString::fromUtf8(members[0].first), QStringLiteral("zeta"));
    QCOMPARE(QString::fromUtf8(members[0].second), QStringLiteral("{\"x\":1}"));
    QCOMPARE(QString::fromUtf8(members[1].first), QStringLiteral("alpha"));
    QCOMPARE(QString::fromUtf8(members[1].second), QStringLiteral("\"a,b\""));
    QCOMPARE(QString::fromUtf8(members[2].second), QStringLiteral("[1,2]"));
    QVERIFY(json::objectMembers("[1,2]").isEmpty());
}

void TestJsonText::memberValue_findsEscapedKeys()
{
    const QByteArray object = R"({"pay\u006coad":{"data":7},"payloads":1})";
    QCOMPARE(QString::fromUtf8(json::memberValue(object, "payload")), QStringLiteral("{\"data\":7}"));
    QCOMPARE(QString::fromUtf8(json::memberValue(json::memberValue(object, "payload"), "data")), QStringLiteral("7"));
    QVERIFY(json::memberValue(object, "missing").isEmpty());
    QCOMPARE(json::keyText("a\\\"b"), QStringLiteral("a\"b"));
}

void TestJsonText::payloadText_stringsUnquotedOthersAsWritten()
{
    QCOMPARE(json::payloadText("\"h\\u00e9\"", QJsonValue(QStringLiteral("hé"))), QStringLiteral("hé"));
    QCOMPARE(json::payloadText("{\"b\":1,\"a\":2}", QJsonValue(QJsonObject())), QStringLiteral("{\"b\":1,\"a\":2}"));
}

void TestJsonText::compact_writesScalarsToo()
{
    QCOMPARE(json::compact(QJsonValue(3)), QByteArray("3"));
    QCOMPARE(json::compact(QJsonValue(true)), QByteArray("true"));
    QCOMPARE(json::compact(QJsonValue(QStringLiteral("x"))), QByteArray("\"x\""));
    QCOMPARE(json::compact(QJsonArray{1, 2}), QByteArray("[1,2]"));
}

void TestJsonText::anyBytes_neverReadOutOfBounds()
{
    // Bytes from JSON's own alphabet, cut anywhere: every piece lies inside the input, and valid arrays split into
    // as many elements as the parser sees.
    static const char alphabet[] = "[]{}\",:\\ 0a1tn-";
    QRandomGenerator random(12);
    for (int round = 0; round < 20000; ++round) {
        QByteArray text;
        const int size = random.bounded(24);
        for (int i = 0; i < size; ++i) {
            text += alphabet[random.bounded(int(sizeof alphabet - 1))];
        }
        for (QByteArrayView element : json::arrayElements(text)) {
            QVERIFY2(within(element, text), text.constData());
        }
        for (const auto &[key, value] : json::objectMembers(text)) {
            QVERIFY2(within(key, text) && within(value, text), text.constData());
        }
        const QJsonDocument parsed = QJsonDocument::fromJson(text);
        if (parsed.isArray()) {
            QCOMPARE(json::arrayElements(text).size(), parsed.array().size());
        }
    }
}

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_jsontext.moc"
