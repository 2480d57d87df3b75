// LineSplitter: the framing of newline-delimited JSON streams, with bytes split anywhere.
#include "util/LineSplitter.h"

#include <QTest>

using herald::LineSplitter;

class TestLineSplitter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitsAnywhere_data();
    void splitsAnywhere();
    void unterminatedLastLine_isNotDispatched();
    void overlongLine_stopsTheStream();
};

void TestLineSplitter::splitsAnywhere_data()
{
    QTest::addColumn<int>("chunk");
    for (int chunk : {1, 2, 3, 7, 1000}) {
        QTest::addRow("%d bytes at a time", chunk) << chunk;
    }
}

void TestLineSplitter::splitsAnywhere()
{
    QFETCH(int, chunk);
    const QByteArray stream = "\xEF\xBB\xBF{\"a\":1}\r\n\n   \n{\"b\":\"\xED\x95\x9C\"}\n\xFF\n";
    QStringList lines;
    LineSplitter splitter([&](const QString &line) { lines.append(line); });
    for (qsizetype i = 0; i < stream.size(); i += chunk) {
        QVERIFY(splitter.feed(QByteArrayView(stream).sliced(i, std::min<qsizetype>(chunk, stream.size() - i))));
    }
    // BOM stripped, CRLF and LF, blank keepalive lines skipped, bad bytes as U+FFFD.
    QCOMPARE(lines,
             (QStringList{QStringLiteral("{\"a\":1}"), QStringLiteral("{\"b\":\"한\"}"), QStringLiteral("\uFFFD")}));
}

void TestLineSplitter::unterminatedLastLine_isNotDispatched()
{
    QStringList lines;
    LineSplitter splitter([&](const QString &line) { lines.append(line); });
    splitter.feed("one\ntw");
    splitter.reset();
    splitter.feed("o\n");
    QCOMPARE(lines, (QStringList{QStringLiteral("one"), QStringLiteral("o")}));
}

void TestLineSplitter::overlongLine_stopsTheStream()
{
    QStringList lines;
    LineSplitter splitter([&](const QString &line) { lines.append(line); });
    splitter.setMaxLineSize(8);
    QVERIFY(splitter.feed("12345678\n"));
    // Exactly at the bound, split before its CRLF: what a line does not count (the CR) is not held against it.
    QVERIFY(splitter.feed("abcdefgh\r"));
    QVERIFY(splitter.feed("\n"));
    QVERIFY(!splitter.feed("123456789abcd")); // growing well past the bound without a line end
    QVERIFY(!splitter.feed("\nshort\n"));     // unusable until reset
    splitter.reset();
    QVERIFY(!splitter.feed("123456789\nnext\n")); // a complete line over the bound too
    QCOMPARE(lines, (QStringList{QStringLiteral("12345678"), QStringLiteral("abcdefgh")}));
}

QTEST_GUILESS_MAIN(TestLineSplitter)
#include "tst_linesplitter.moc"
