#include "JsonLine.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <type_traits>
#include <utility>

using herald::cli::appendJsonLine;
using herald::cli::appendJsonString;
using herald::cli::JsonLine;
using herald::cli::OutputBuffer;

namespace {

// Whether JsonLine::add takes a value of type T.
template<typename T, typename = void>
struct Addable : std::false_type
{};
template<typename T>
struct Addable<T, std::void_t<decltype(std::declval<JsonLine &>().add("k", std::declval<T>()))>> : std::true_type
{};
// A char pointer (a `cond ? "a" : "b"` value) must not compile, as it once did, into true.
static_assert(!Addable<const char *>::value);
static_assert(Addable<bool>::value && Addable<int>::value && Addable<const char (&)[4]>::value);

} // namespace

class TestJsonLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsKeyOrder();
    void escapesString_data();
    void escapesString();
    void everyStringRoundTripsThroughAJsonParser();
    void specialCharactersAtEveryPositionOfABlock();
    void writesInPlaceIntoAnOutputBuffer();
    void aLineOfFixedHeadsIsWhatJsonLineWrites();
};

void TestJsonLine::keepsKeyOrder()
{
    const QByteArray line =
        JsonLine().add("kind", "state").add("state", "reconnecting").add("retryMs", 3000).add("reason", "x").toLine();
    QCOMPARE(line, QByteArray(R"({"kind":"state","state":"reconnecting","retryMs":3000,"reason":"x"})"
                              "\n"));
}

void TestJsonLine::escapesString_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("plain") << QStringLiteral("hello") << QByteArray(R"("hello")");
    QTest::newRow("empty") << QString() << QByteArray(R"("")");
    QTest::newRow("quote and backslash") << QStringLiteral("a\"b\\c") << QByteArray(R"("a\"b\\c")");
    QTest::newRow("named controls") << QStringLiteral("\n\r\t\b\f") << QByteArray(R"("\n\r\t\b\f")");
    QTest::newRow("other controls") << QString(QChar(0x01)) + QChar(0x1F) + QChar(0)
                                    << QByteArray(R"("\u0001\u001f\u0000")");
    QTest::newRow("slash and DEL stay") << QStringLiteral("/\x7F") << QByteArray("\"/\x7F\"");
    QTest::newRow("korean") << QStringLiteral("빌드") << QByteArray("\"\xEB\xB9\x8C\xEB\x93\x9C\"");
    QTest::newRow("astral") << QStringLiteral("😀") << QByteArray("\"\xF0\x9F\x98\x80\"");
    QTest::newRow("two-byte") << QStringLiteral("é") << QByteArray("\"\xC3\xA9\"");
    QTest::newRow("lone high surrogate") << QString(QChar(0xD83D)) + QLatin1Char('x')
                                         << QByteArray("\"\xEF\xBF\xBDx\"");
    QTest::newRow("lone low surrogate at end") << QString(QChar(0xDE00)) << QByteArray("\"\xEF\xBF\xBD\"");
}

void TestJsonLine::escapesString()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, json);
    QByteArray out = "prefix:";
    appendJsonString(out, value);
    QCOMPARE(out, "prefix:" + json);
}

void TestJsonLine::everyStringRoundTripsThroughAJsonParser()
{
    QString all;
    for (char16_t c = 1; c < 0x3000; ++c) {
        if (!QChar::isSurrogate(c)) {
            all += QChar(c);
        }
    }
    all += QStringLiteral("😀\u0000end");
    const QByteArray line = JsonLine().add("data", all).toLine();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(document.object().value(QStringLiteral("data")).toString(), all);
    QVERIFY(!line.trimmed().contains('\n'));
}

// The writer takes eight code units at a time; a character that needs care may fall at any lane of a block, in runs,
// or straddle the end of the text. Every placement must give what a JSON parser reads back as the same text.
void TestJsonLine::specialCharactersAtEveryPositionOfABlock()
{
    const QString specials[] = {
        QStringLiteral("\""),     QStringLiteral("\\"),
        QStringLiteral("\n"),     QString(QChar(0x01)),
        QStringLiteral("\u00e9"), QStringLiteral("\u8fd0"),
        QStringLiteral("😀"),      QString(QChar(0x7F)),
        QStringLiteral("\"\\\""), QStringLiteral("{\"id\":7,\"t\":\"x\"}")}; // a JSON payload: quotes in both halves
    for (const QString &special : specials) {
        for (int length = 0; length <= 40; ++length) {
            for (int at = 0; at <= length; ++at) {
                QString text(length, QLatin1Char('a'));
                text.insert(at, special);
                if (at % 3 == 0) {
                    text.insert(0, special); // two of them in one text
                }
                // From UTF-16 (SSE events) and from UTF-8 as it came (WebSocket text): the same line.
                const QByteArray line = JsonLine().add("t", text).toLine();
                QCOMPARE(JsonLine().addUtf8("t", text.toUtf8()).toLine(), line);
                const QJsonDocument document = QJsonDocument::fromJson(line);
                QVERIFY2(document.isObject(), line.constData());
                QCOMPARE(document.object().value(QStringLiteral("t")).toString(), text);
            }
        }
    }
}

void TestJsonLine::writesInPlaceIntoAnOutputBuffer()
{
    OutputBuffer out;
    out.append("before\n");
    JsonLine(out).add("kind", "event").add("data", QStringLiteral("x\"y")).add("n", 3).add("ok", true).end();
    JsonLine(out).add("kind", "message").end();
    QCOMPARE(out.view(), QByteArrayView("before\n{\"kind\":\"event\",\"data\":\"x\\\"y\",\"n\":3,\"ok\":true}\n"
                                        "{\"kind\":\"message\"}\n"));

    // Lines longer than the room the buffer had, fields past it, and a line left without end(): the buffer holds
    // exactly what was written, never the room behind it.
    out.clear();
    const QByteArray longText(5000, '"');
    JsonLine(out).add("a", "1").addUtf8("long", longText).add("b", qint64(-2)).addUtf8("long2", longText).end();
    QCOMPARE(out.size(), 2 * (2 * 5000 + 2) + 34); // {"a":"1","long":,"b":-2,"long2":}\n
    QVERIFY(out.view().endsWith("}\n"));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(out.view().toByteArray(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(document.object().value(QStringLiteral("long2")).toString(), QString::fromLatin1(longText));
    const qsizetype ended = out.size();
    {
        JsonLine unfinished(out);
        unfinished.add("kind", "event");
    }
    QCOMPARE(out.view().sliced(ended), QByteArrayView("{\"kind\":\"event\""));
}

void TestJsonLine::aLineOfFixedHeadsIsWhatJsonLineWrites()
{
    // Texts of every length around a block's, with what needs escaping at both ends and in the middle, one line
    // after another into one buffer that starts small: each line as JsonLine writes it, nothing of the room behind.
    OutputBuffer fast;
    OutputBuffer chained;
    const QByteArray pieces[] = {
        "\"", "\\", "\n", QByteArray(1, '\0'), "\x7F", "\xC3\xA9", "\xF0\x9F\x98\x80", R"({"id":7,"t":"x"})"};
    int lines = 0;
    for (const QByteArray &piece : pieces) {
        for (int length = 0; length <= 70; ++length) {
            const QByteArray text = piece + QByteArray(length, 'a') + piece + QByteArray(length / 2, 'b') + piece;
            appendJsonLine(fast, {{R"({"kind":"message","text":)", text}});
            JsonLine(chained).add("kind", "message").addUtf8("text", text).end();
            const QByteArray id = QByteArray::number(length) + piece;
            appendJsonLine(fast, {{R"({"kind":"event","type":)", piece}, {R"(,"data":)", text}, {R"(,"id":)", id}});
            JsonLine(chained).add("kind", "event").addUtf8("type", piece).addUtf8("data", text).addUtf8("id", id).end();
            lines += 2;
        }
    }
    appendJsonLine(fast, {{R"({"kind":"message","text":)", {}}});
    JsonLine(chained).add("kind", "message").addUtf8("text", QByteArrayView()).end();
    QCOMPARE(fast.view(), chained.view());
    QCOMPARE(fast.view().count('\n'), lines + 1);
    QVERIFY(fast.view().endsWith(R"({"kind":"message","text":""})"
                                 "\n"));
}

QTEST_GUILESS_MAIN(TestJsonLine)
#include "tst_jsonline.moc"
