#include "sse/SseParser.h"
#include "util/Utf8.h"
#include "util/Utf8Validator.h"

#include <QRandomGenerator>
#include <QTest>

using herald::SseEvent;
using herald::SseParser;

namespace {

struct ParseResult
{
    QList<SseEvent> events;
    QList<int> retries;
    QString lastEventId;
};

enum class Split { Whole, ByteByByte, Random };

// How the events are taken: decoded (the event handler), or as UTF-8 (the UTF-8 handler, decoded here to compare).
enum class Delivery { Decoded, Utf8 };

ParseResult parse(const QByteArray &stream, Split split, quint32 seed = 1, Delivery delivery = Delivery::Decoded)
{
    ParseResult result;
    SseParser parser([&](const SseEvent &e) { result.events.append(e); }, [&](int ms) { result.retries.append(ms); });
    if (delivery == Delivery::Utf8) {
        parser.setUtf8EventHandler([&](const herald::SseUtf8Event &e) {
            for (const QByteArrayView field : {e.type, e.data, e.lastEventId}) {
                herald::Utf8Validator validator;
                if (!validator.feed(field) || !validator.atBoundary()) {
                    qWarning("the UTF-8 handler was given ill-formed UTF-8");
                    result.events.append(SseEvent{QStringLiteral("<ill-formed>"), {}, {}});
                    return;
                }
            }
            result.events.append(
                SseEvent{herald::decodeUtf8(e.type), herald::decodeUtf8(e.data), herald::decodeUtf8(e.lastEventId)});
        });
    }
    parser.startStream();
    switch (split) {
    case Split::Whole:
        parser.feed(stream);
        break;
    case Split::ByteByByte:
        for (qsizetype i = 0; i < stream.size(); ++i) {
            parser.feed(QByteArrayView(stream).sliced(i, 1));
        }
        break;
    case Split::Random: {
        QRandomGenerator random(seed);
        qsizetype at = 0;
        while (at < stream.size()) {
            const qsizetype n = std::min<qsizetype>(stream.size() - at, random.bounded(1, 8));
            // Copy each piece so that nothing can read past it.
            const QByteArray piece = stream.mid(at, n);
            parser.feed(piece);
            at += n;
        }
        break;
    }
    }
    result.lastEventId = parser.lastEventId();
    return result;
}

SseEvent ev(const QString &data, const QString &id = {}, const QString &type = QStringLiteral("message"))
{
    return SseEvent{type, data, id};
}

// Not QString::fromUtf16: it would take a leading U+FEFF for a byte order mark and drop it.
QString u(const char16_t *text)
{
    return QString(reinterpret_cast<const QChar *>(text), qsizetype(std::char_traits<char16_t>::length(text)));
}

} // namespace

namespace QTest {
template<>
char *toString(const SseEvent &e)
{
    return qstrdup(QStringLiteral("{type=%1 data=%2 id=%3}")
                       .arg(e.type, QString::fromLatin1(e.data.toUtf8().toPercentEncoding(" {}:,\"")), e.lastEventId)
                       .toUtf8()
                       .constData());
}
} // namespace QTest

class TestSseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesStreamExactly_data();
    void parsesStreamExactly();
    void oversizedEvent_isRefused();
    void oversizedLineWithoutEnd_isRefused();
    void oversizedLine_isRefusedHoweverSplit();
    void eventsWithinLimit_areDispatched();
    void startStream_dropsPartialEventAndKeepsLastId();
    void startStream_expectsByteOrderMarkAgain();
    void setLastEventId_appliesToEventsWithoutId();
    void idOnlyBlock_updatesLastEventIdWithoutEvent();
    void largeRetryValue_isClamped();
};

void TestSseParser::parsesStreamExactly_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QList<SseEvent>>("events");
    QTest::addColumn<QList<int>>("retries");
    QTest::addColumn<QString>("lastEventId");

    using Events = QList<SseEvent>;
    using Retries = QList<int>;

    QTest::newRow("single event") << QByteArray("data: hello\n\n") << Events{ev("hello")} << Retries{} << QString();
    QTest::newRow("multi-line data joined with LF")
        << QByteArray("data: YHOO\ndata: +2\ndata: 10\n\n") << Events{ev("YHOO\n+2\n10")} << Retries{} << QString();
    QTest::newRow("event type") << QByteArray("event: add\ndata: 73857293\n\n") << Events{ev("73857293", {}, "add")}
                                << Retries{} << QString();
    QTest::newRow("event type resets after dispatch") << QByteArray("event: a\ndata: 1\n\ndata: 2\n\n")
                                                      << Events{ev("1", {}, "a"), ev("2")} << Retries{} << QString();
    QTest::newRow("empty event type means message")
        << QByteArray("event:\ndata: x\n\n") << Events{ev("x")} << Retries{} << QString();
    QTest::newRow("id persists across events")
        << QByteArray("id: 1\ndata: a\n\ndata: b\n\n") << Events{ev("a", "1"), ev("b", "1")} << Retries{} << "1";
    QTest::newRow("id containing NUL is ignored") << QByteArray("id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n", 32)
                                                  << Events{ev("a", "1"), ev("b", "1")} << Retries{} << "1";
    QTest::newRow("empty id resets the last event id") << QByteArray("id: 1\ndata: a\n\nid\ndata: b\n\n")
                                                       << Events{ev("a", "1"), ev("b", "")} << Retries{} << QString();
    QTest::newRow("retry with digits") << QByteArray("retry: 1500\n\n") << Events{} << Retries{1500} << QString();
    QTest::newRow("retry zero") << QByteArray("retry: 0\n") << Events{} << Retries{0} << QString();
    QTest::newRow("retry with letters ignored")
        << QByteArray("retry: 15a\nretry: -1\nretry: 1.5\nretry:\nretry:  20\nretry\n") << Events{} << Retries{}
        << QString();
    QTest::newRow("retry does not need a blank line")
        << QByteArray("retry: 10\ndata: x\n\n") << Events{ev("x")} << Retries{10} << QString();
    QTest::newRow("comments") << QByteArray(": hello\n:\ndata: x\n: between\n\n") << Events{ev("x")} << Retries{}
                              << QString();
    QTest::newRow("line without colon is a field with empty value")
        << QByteArray("data\n\ndata\ndata\n\ndata:\n") << Events{ev(""), ev("\n")} << Retries{} << QString();
    QTest::newRow("only one leading space stripped")
        << QByteArray("data:  two\n\ndata:none\n\ndata:\tx\n\n") << Events{ev(" two"), ev("none"), ev("\tx")}
        << Retries{} << QString();
    QTest::newRow("value keeps later colons")
        << QByteArray("data: a:b: c\n\n") << Events{ev("a:b: c")} << Retries{} << QString();
    QTest::newRow("space before colon is part of the name")
        << QByteArray("data : x\n\n") << Events{} << Retries{} << QString();
    QTest::newRow("field names are case-sensitive")
        << QByteArray("Data: x\nID: 3\n\n") << Events{} << Retries{} << QString();
    QTest::newRow("unknown fields ignored")
        << QByteArray("foo: bar\ndata: x\nbar\n\n") << Events{ev("x")} << Retries{} << QString();
    QTest::newRow("CRLF line ends") << QByteArray("id: 7\r\ndata: a\r\ndata: b\r\n\r\n") << Events{ev("a\nb", "7")}
                                    << Retries{} << "7";
    QTest::newRow("CR line ends") << QByteArray("data: a\rdata: b\r\rdata: c\r\r") << Events{ev("a\nb"), ev("c")}
                                  << Retries{} << QString();
    QTest::newRow("mixed line ends") << QByteArray("data: a\r\ndata: b\ndata: c\r\r\ndata: d\n\r\n")
                                     << Events{ev("a\nb\nc"), ev("d")} << Retries{} << QString();
    QTest::newRow("CR CR LF is two line ends")
        << QByteArray("data: a\r\r\ndata: b\n\n") << Events{ev("a"), ev("b")} << Retries{} << QString();
    QTest::newRow("empty data buffer dispatches nothing")
        << QByteArray("event: x\n\n\n\n") << Events{} << Retries{} << QString();
    QTest::newRow("extra blank lines dispatch once")
        << QByteArray("data: a\n\n\n\n") << Events{ev("a")} << Retries{} << QString();
    QTest::newRow("unterminated event at end is dropped")
        << QByteArray("data: a\n\ndata: b\n") << Events{ev("a")} << Retries{} << QString();
    QTest::newRow("unterminated line at end is dropped")
        << QByteArray("data: a\n\ndata: b") << Events{ev("a")} << Retries{} << QString();
    QTest::newRow("id of an undispatched event does not count")
        << QByteArray("id: 1\ndata: a\n\nid: 2\ndata: b\n") << Events{ev("a", "1")} << Retries{} << "1";
    QTest::newRow("leading BOM stripped") << QByteArray("\xEF\xBB\xBF"
                                                        "data: x\n\n")
                                          << Events{ev("x")} << Retries{} << QString();
    QTest::newRow("only the first BOM is stripped") << QByteArray("\xEF\xBB\xBF\xEF\xBB\xBF"
                                                                  "data: x\n\ndata: y\n\n")
                                                    << Events{ev("y")} << Retries{} << QString();
    QTest::newRow("BOM inside data is kept")
        << QByteArray("data: \xEF\xBB\xBFx\n\n") << Events{ev(u(u"\uFEFFx"))} << Retries{} << QString();
    QTest::newRow("partial BOM is content") << QByteArray("\xEF\xBB"
                                                          "data: x\n\ndata: y\n\n")
                                            << Events{ev("y")} << Retries{} << QString();
    QTest::newRow("UTF-8 text") << QByteArray("event: \xEC\x95\x8C\xEB\xA6\xBC\ndata: \xEB\xB9\x8C\xEB\x93\x9C "
                                              "\xEC\x84\xB1\xEA\xB3\xB5 \xF0\x9F\x98\x80\n\n")
                                << Events{ev(u(u"빌드 성공 😀"), {}, u(u"알림"))} << Retries{} << QString();
    QTest::newRow("UTF-8 id") << QByteArray("id: \xEC\x95\x84\ndata: x\n\n") << Events{ev("x", u(u"아"))} << Retries{}
                              << u(u"아");
    QTest::newRow("truncated sequence is one replacement")
        << QByteArray("data: \xE2\x82\ndata: \xF0\x9F\x98"
                      "x\n\n")
        << Events{ev(u(u"\uFFFD\n\uFFFDx"))} << Retries{} << QString();
    QTest::newRow("invalid bytes are replacements")
        << QByteArray("data: a\xFF"
                      "b\x80\xC0\x80\n\n")
        << Events{ev(u(u"a\uFFFDb\uFFFD\uFFFD\uFFFD"))} << Retries{} << QString();
    QTest::newRow("ill-formed type and id are repaired")
        << QByteArray("id: 7\xFF\nevent: a\xC0\x80\ndata: x\n\n") << Events{ev("x", u(u"7\uFFFD"), u(u"a\uFFFD\uFFFD"))}
        << Retries{} << u(u"7\uFFFD");
    QTest::newRow("the last id holds until changed")
        << QByteArray("id: 1\ndata: a\n\ndata: b\n\nid: 2\n\nevent: t\ndata: c\n\nid\ndata: d\n\n")
        << Events{ev("a", "1"), ev("b", "1"), ev("c", "2", "t"), ev("d")} << Retries{} << QString();
    QTest::newRow("surrogate code points are invalid")
        << QByteArray("data: \xED\xA0\x80\n\n") << Events{ev(u(u"\uFFFD\uFFFD\uFFFD"))} << Retries{} << QString();
    QTest::newRow("long ASCII data") << QByteArray("data: " + QByteArray(1000, 'x') + "\n\n")
                                     << Events{ev(QString(1000, QLatin1Char('x')))} << Retries{} << QString();
    QTest::newRow("JSON payload")
        << QByteArray("id: 42\nevent: notification\ndata: {\"title\":\"Build #12\",\"body\":\"passed\"}\n\n")
        << Events{ev(R"({"title":"Build #12","body":"passed"})", "42", "notification")} << Retries{} << "42";
}

void TestSseParser::parsesStreamExactly()
{
    QFETCH(QByteArray, stream);
    QFETCH(QList<SseEvent>, events);
    QFETCH(QList<int>, retries);
    QFETCH(QString, lastEventId);

    const auto check = [&](const ParseResult &result, const char *how) {
        if (result.events != events || result.retries != retries || result.lastEventId != lastEventId) {
            qWarning("mismatch when fed %s", how);
        }
        QCOMPARE(result.events, events);
        QCOMPARE(result.retries, retries);
        QCOMPARE(result.lastEventId, lastEventId);
    };
    check(parse(stream, Split::Whole), "whole");
    if (QTest::currentTestFailed()) {
        return;
    }
    check(parse(stream, Split::ByteByByte), "byte by byte");
    if (QTest::currentTestFailed()) {
        return;
    }
    for (quint32 seed = 1; seed <= 25; ++seed) {
        check(parse(stream, Split::Random, seed), "in random pieces");
        if (QTest::currentTestFailed()) {
            return;
        }
    }
    // The UTF-8 handler (herald listen's) must see the same events: the same bytes when they are well-formed, and
    // what decoding gives when they are not.
    check(parse(stream, Split::Whole, 1, Delivery::Utf8), "whole, as UTF-8");
    if (QTest::currentTestFailed()) {
        return;
    }
    check(parse(stream, Split::ByteByByte, 1, Delivery::Utf8), "byte by byte, as UTF-8");
    for (quint32 seed = 1; seed <= 5 && !QTest::currentTestFailed(); ++seed) {
        check(parse(stream, Split::Random, seed, Delivery::Utf8), "in random pieces, as UTF-8");
    }
}

void TestSseParser::oversizedEvent_isRefused()
{
    int count = 0;
    SseParser parser([&](const SseEvent &) { ++count; });
    parser.setMaxEventSize(100);
    parser.startStream();
    QVERIFY(parser.feed("data: " + QByteArray(60, 'a') + "\n"));
    QVERIFY(!parser.feed("data: " + QByteArray(60, 'b') + "\n\n"));
    QCOMPARE(count, 0);
    QVERIFY2(!parser.feed("data: c\n\n"), "a parser that overflowed stays stopped until a new stream");
    parser.startStream();
    QVERIFY(parser.feed("data: c\n\n"));
    QCOMPARE(count, 1);
}

void TestSseParser::oversizedLineWithoutEnd_isRefused()
{
    SseParser parser([](const SseEvent &) {});
    parser.setMaxEventSize(1000);
    parser.startStream();
    bool ok = true;
    int chunks = 0;
    // A stream that never ends its line must be refused long before memory grows.
    while (ok && chunks < 1000) {
        ok = parser.feed(QByteArray(64, 'z'));
        ++chunks;
    }
    QVERIFY(!ok);
    QVERIFY(chunks <= 16);
}

void TestSseParser::oversizedLine_isRefusedHoweverSplit()
{
    // Found by tests/fuzz: a long comment (or any non-data line) passed when it came in one piece and overflowed
    // when it was split, because only the unfinished piece was counted.
    const QByteArray stream = ": " + QByteArray(150, 'k') + "\ndata: after\n\n";
    for (const qsizetype split : {qsizetype(0), qsizetype(20), qsizetype(151)}) {
        QList<SseEvent> events;
        SseParser parser([&](const SseEvent &event) { events.append(event); });
        parser.setMaxEventSize(100);
        parser.startStream();
        bool ok = split == 0 || parser.feed(QByteArrayView(stream).first(split));
        ok = ok && parser.feed(QByteArrayView(stream).sliced(split));
        QVERIFY2(!ok, qPrintable(QStringLiteral("split at %1").arg(split)));
        QVERIFY(events.isEmpty());
    }
}

void TestSseParser::eventsWithinLimit_areDispatched()
{
    int count = 0;
    SseParser parser([&](const SseEvent &) { ++count; });
    parser.setMaxEventSize(100);
    parser.startStream();
    for (int i = 0; i < 50; ++i) {
        QVERIFY(parser.feed("data: " + QByteArray(80, 'a') + "\n\n"));
    }
    QCOMPARE(count, 50);
}

void TestSseParser::startStream_dropsPartialEventAndKeepsLastId()
{
    QList<SseEvent> events;
    SseParser parser([&](const SseEvent &e) { events.append(e); });
    parser.startStream();
    parser.feed("id: 5\ndata: one\n\nid: 6\ndata: half");
    parser.startStream();
    parser.feed("data: two\n\n");
    QCOMPARE(events, (QList<SseEvent>{ev("one", "5"), ev("two", "5")}));
    QCOMPARE(parser.lastEventId(), QStringLiteral("5"));
}

void TestSseParser::startStream_expectsByteOrderMarkAgain()
{
    QList<SseEvent> events;
    SseParser parser([&](const SseEvent &e) { events.append(e); });
    parser.startStream();
    parser.feed("\xEF\xBB\xBF"
                "data: a\n\n");
    parser.startStream();
    parser.feed("\xEF\xBB\xBF"
                "data: b\n\n");
    QCOMPARE(events, (QList<SseEvent>{ev("a"), ev("b")}));
}

void TestSseParser::setLastEventId_appliesToEventsWithoutId()
{
    QList<SseEvent> events;
    SseParser parser([&](const SseEvent &e) { events.append(e); });
    parser.setLastEventId(QStringLiteral("resume-9"));
    parser.startStream();
    parser.feed("data: x\n\n");
    QCOMPARE(events, (QList<SseEvent>{ev("x", "resume-9")}));
}

void TestSseParser::idOnlyBlock_updatesLastEventIdWithoutEvent()
{
    int count = 0;
    SseParser parser([&](const SseEvent &) { ++count; });
    parser.startStream();
    parser.feed("id: 77\n\n");
    QCOMPARE(count, 0);
    QCOMPARE(parser.lastEventId(), QStringLiteral("77"));
}

void TestSseParser::largeRetryValue_isClamped()
{
    QList<int> retries;
    SseParser parser([](const SseEvent &) {}, [&](int ms) { retries.append(ms); });
    parser.startStream();
    parser.feed("retry: 99999999999999999999999\n");
    QCOMPARE(retries, QList<int>{std::numeric_limits<int>::max()});
}

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"
