#include "JsonLine.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using herald::cli::appendJsonString;
using herald::cli::JsonLine;

class TestJsonLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsKeyOrder();
    void escapesString_data();
    void escapesString();
    void everyStringRoundTripsThroughAJsonParser();
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

QTEST_GUILESS_MAIN(TestJsonLine)
#include "tst_jsonline.moc"
