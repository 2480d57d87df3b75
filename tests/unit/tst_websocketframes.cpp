// Herald's WebSocket frame decoder, fed bytes directly: what the Autobahn|Testsuite checks in its sections 1-7
// and 12-13, case by case, without a network.
#include "WebSocketFrames.h"
#include "util/Utf8Validator.h"
#include "ws/PerMessageDeflate.h"
#include "ws/WebSocketFrames.h"

#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

using namespace herald::ws;
using herald::Utf8Validator;

namespace {

// A server frame: unmasked, any opcode and reserved bits the test wants (tests/support builds it).
QByteArray frame(quint8 opcode, QByteArrayView payload, bool fin = true, quint8 rsv = 0)
{
    return herald::test::ws::frame(herald::test::ws::Opcode(opcode), payload.toByteArray(), fin, rsv);
}

QByteArray closeFrame(int code, QByteArrayView reason = {})
{
    char bytes[2];
    qToBigEndian(quint16(code), bytes);
    return frame(0x8, QByteArray(bytes, 2) + reason.toByteArray());
}

struct Recorder final : FrameSink
{
    QList<QPair<char, QByteArray>> got; // 't' text, 'b' binary, 'p' ping, 'o' pong, 'c' close
    int closeCode = 0;
    void textMessage(QByteArrayView utf8) override { got.append({'t', utf8.toByteArray()}); }
    void binaryMessage(QByteArrayView bytes) override { got.append({'b', bytes.toByteArray()}); }
    void pingFrame(QByteArrayView payload) override { got.append({'p', payload.toByteArray()}); }
    void pongFrame(QByteArrayView payload) override { got.append({'o', payload.toByteArray()}); }
    void closeFrame(int code, const QString &reason) override
    {
        closeCode = code;
        got.append({'c', reason.toUtf8()});
    }
};

// Feeds bytes one piece at a time, split at `step` bytes, and reports whether the decoder is still going.
bool feedSplit(FrameDecoder &decoder, const QByteArray &bytes, qsizetype step)
{
    for (qsizetype at = 0; at < bytes.size(); at += step) {
        if (!decoder.feed(QByteArrayView(bytes).sliced(at, std::min(step, bytes.size() - at)))) {
            return false;
        }
    }
    return true;
}

QByteArray deflateRaw(QByteArrayView message)
{
    MessageDeflater deflater(15, false);
    return deflater.deflate(message);
}

const QByteArray kGreek = QByteArrayLiteral("\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5"); // κόσμε
const QByteArray kMixed = QByteArrayLiteral("Hello-\xc2\xb5@\xc3\x9f\xc3\xb6\xc3\xa4\xc3\xbc\xc3\xa0\xc3\xa1-UTF-8!!"
                                            "\xf0\x9f\x98\x80\xe2\x82\xac\xed\x9f\xbf\xee\x80\x80\xf4\x8f\xbf\xbf");

} // namespace

class TestWebSocketFrames : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void utf8Validator_agreesWithQtOnRandomBytes();
    void utf8Validator_longMostlyAsciiTexts_agreeWithQt();
    void utf8Validator_knownCases_data();
    void utf8Validator_knownCases();
    void fragmentedText_splitAtEveryOctet();
    void feedSplitAnywhere_givesTheSameMessages();
    void wholeSmallFrames_decodeAsWhenSplit();
    void invalidUtf8_failsAtTheFrameThatBreaksIt();
    void invalidUtf8_failsBeforeTheFrameEnds();
    void controlFramesInsideAFragmentedMessage();
    void closeCodes_data();
    void closeCodes();
    void closeFrame_shapes_data();
    void closeFrame_shapes();
    void protocolViolations_data();
    void protocolViolations();
    void payloadLengths_data();
    void payloadLengths();
    void messageOverLimit_isRefusedAtTheHeader();
    void nothingCountsAfterAClose();
    void compressed_messagesAndFragments();
    void compressed_contextTakeover_data();
    void compressed_contextTakeover();
    void compressed_bombStopsAtTheLimit();
    void compressed_corruptDataIsInvalid();
    void clientFrames_areMaskedAndRoundTrip_data();
    void clientFrames_areMaskedAndRoundTrip();
    void serverRole_unmasksSplitFramesAndRefusesUnmaskedOnes();
    void closePayload_cutsAtACharacter();
    void deflateAnswer_data();
    void deflateAnswer();
};

void TestWebSocketFrames::utf8Validator_agreesWithQtOnRandomBytes()
{
    QRandomGenerator random(6455);
    for (int round = 0; round < 20000; ++round) {
        QByteArray bytes(int(random.bounded(1, 12)), '\0');
        for (char &c : bytes) {
            // Mostly bytes around the interesting boundaries.
            static const quint8 pool[] = {0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1,
                                          0xC2, 0xDF, 0xE0, 0xED, 0xEE, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
            c = char(random.bounded(3) == 0 ? quint8(random.bounded(256)) : pool[random.bounded(int(sizeof pool))]);
        }
        // Qt replaces what is not UTF-8, so a round trip keeps exactly the valid texts.
        const bool valid = QString::fromUtf8(bytes).toUtf8() == bytes;
        Utf8Validator whole;
        const bool ours = whole.feed(bytes) && whole.atBoundary();
        QVERIFY2(ours == valid, bytes.toHex(' ').constData());
        Utf8Validator piecewise;
        bool ok = true;
        for (char c : bytes) {
            ok = ok && piecewise.feed(QByteArrayView(&c, 1));
        }
        QCOMPARE(ok && piecewise.atBoundary(), valid);
    }
}

void TestWebSocketFrames::utf8Validator_longMostlyAsciiTexts_agreeWithQt()
{
    // Long runs of ASCII are checked 16 bytes at a time, the last block where the text ends: a bad or multi-byte
    // sequence at any position, in texts around the block sizes, must be judged as byte by byte.
    QRandomGenerator random(3629);
    static const QByteArray inserts[] = {QByteArray("\xff"),
                                         QByteArray("\x80"),
                                         QByteArray("\xce"),
                                         kGreek.left(2),
                                         QByteArray("\xf0\x9f\x98\x80"),
                                         QByteArray("\xed\xa0\x80")};
    for (int round = 0; round < 20000; ++round) {
        QByteArray bytes(int(random.bounded(0, 100)), '\0');
        for (char &c : bytes) {
            c = char(random.bounded(0x20, 0x7F));
        }
        if (random.bounded(4) != 0) {
            const QByteArray &insert = inserts[random.bounded(int(std::size(inserts)))];
            bytes.insert(random.bounded(bytes.size() + 1), insert);
        }
        const bool valid = QString::fromUtf8(bytes).toUtf8() == bytes;
        Utf8Validator whole;
        QVERIFY2((whole.feed(bytes) && whole.atBoundary()) == valid, bytes.toHex(' ').constData());
        Utf8Validator halves;
        const qsizetype cut = random.bounded(bytes.size() + 1);
        const bool ok = halves.feed(QByteArrayView(bytes).first(cut)) && halves.feed(QByteArrayView(bytes).sliced(cut));
        QVERIFY2((ok && halves.atBoundary()) == valid, bytes.toHex(' ').constData());
    }
}

void TestWebSocketFrames::utf8Validator_knownCases_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::newRow("greek") << kGreek << true;
    QTest::newRow("mixed and astral") << kMixed << true;
    QTest::newRow("U+10FFFF") << QByteArray("\xf4\x8f\xbf\xbf") << true;
    QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false;
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << false;
    QTest::newRow("overlong three") << QByteArray("\xe0\x80\xaf") << false;
    QTest::newRow("overlong four") << QByteArray("\xf0\x80\x80\xaf") << false;
    QTest::newRow("lone continuation") << QByteArray("a\x80") << false;
    QTest::newRow("truncated at end") << QByteArray("\xce") << false;
    QTest::newRow("long ascii then bad") << QByteArray(37, 'a') + "\xff" << false;
}

void TestWebSocketFrames::utf8Validator_knownCases()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    Utf8Validator validator;
    QCOMPARE(validator.feed(bytes) && validator.atBoundary(), valid);
}

void TestWebSocketFrames::fragmentedText_splitAtEveryOctet()
{
    // Autobahn 6.2.3/6.2.4: valid UTF-8 whose fragments split code points anywhere must be accepted.
    for (const QByteArray &text : {kGreek, kMixed}) {
        for (qsizetype cut = 0; cut <= text.size(); ++cut) {
            Recorder sink;
            FrameDecoder decoder(sink);
            const QByteArray bytes = frame(0x1, text.left(cut), false) + frame(0x0, text.mid(cut), true);
            QVERIFY2(decoder.feed(bytes), qPrintable(decoder.failureMessage()));
            QCOMPARE(sink.got.size(), 1);
            QCOMPARE(sink.got[0].second, text);
        }
        // And one octet per frame.
        Recorder sink;
        FrameDecoder decoder(sink);
        QByteArray bytes;
        for (qsizetype i = 0; i < text.size(); ++i) {
            bytes += frame(i == 0 ? 0x1 : 0x0, text.mid(i, 1), i == text.size() - 1);
        }
        QVERIFY(decoder.feed(bytes));
        QCOMPARE(sink.got.value(0).second, text);
    }
}

void TestWebSocketFrames::feedSplitAnywhere_givesTheSameMessages()
{
    const QByteArray stream = frame(0x1, kMixed) + frame(0x2, QByteArray(300, '\x07')) + frame(0x9, "ping!") +
                              frame(0x1, "frag", false) + frame(0x0, "mented", true) +
                              frame(0x1, QByteArray(70000, 'x'));
    for (qsizetype step : {1, 2, 3, 7, 13, 125, 4096, 100000}) {
        Recorder sink;
        FrameDecoder decoder(sink);
        QVERIFY(feedSplit(decoder, stream, step));
        QCOMPARE(sink.got.size(), 5);
        QCOMPARE(sink.got[0].second, kMixed);
        QCOMPARE(sink.got[1].first, 'b');
        QCOMPARE(sink.got[1].second.size(), 300);
        QCOMPARE(sink.got[2], qMakePair('p', QByteArray("ping!")));
        QCOMPARE(sink.got[3].second, QByteArray("fragmented"));
        QCOMPARE(sink.got[4].second.size(), 70000);
    }
}

void TestWebSocketFrames::wholeSmallFrames_decodeAsWhenSplit()
{
    // A small unfragmented frame that arrives whole takes a shorter path than one in pieces: both must deliver and
    // refuse alike. Each stream is decoded whole and one byte at a time, and the two must agree in every respect.
    QList<QPair<QByteArray, qint64>> streams; // the bytes, and the decoder's message size limit
    QByteArray many;
    for (int i = 0; i < 200; ++i) {
        many += frame(i % 3 == 0 ? 0x2 : 0x1, QByteArray(i % 126, char('a' + i % 26)));
    }
    streams << qMakePair(many, 1000);
    streams << qMakePair(frame(0x1, kMixed) + frame(0x1, "") + frame(0x2, QByteArray(1, '\0')), 1000);
    for (qsizetype at = 0; at < kMixed.size(); ++at) {
        QByteArray bad = kMixed;
        bad[at] = '\xff';
        streams << qMakePair(frame(0x1, "before") + frame(0x1, bad) + frame(0x1, "after"), 1000);
    }
    streams << qMakePair(frame(0x1, QByteArray(125, 'x')) + frame(0x1, QByteArray(126, 'y')), 1000); // 126: 2 more
    QByteArray rsv = frame(0x1, "reserved");
    rsv[0] = char(rsv[0] | 0x20);
    streams << qMakePair(frame(0x1, "ok") + rsv, 1000);
    QByteArray masked = frame(0x1, "masked");
    masked[1] = char(masked[1] | 0x80);
    streams << qMakePair(frame(0x1, "ok") + masked + QByteArray(4, '\0'), 1000);
    streams << qMakePair(frame(0x1, QByteArray(20, 'z')) + frame(0x1, QByteArray(40, 'z')), 30); // over the limit
    streams << qMakePair(frame(0x1, "start", false) + frame(0x1, "no continuation"), 1000);
    for (const auto &[stream, limit] : std::as_const(streams)) {
        Recorder wholeSink;
        FrameDecoder whole(wholeSink);
        whole.setMaxMessageSize(limit);
        Recorder splitSink;
        FrameDecoder split(splitSink);
        split.setMaxMessageSize(limit);
        QCOMPARE(whole.feed(stream), feedSplit(split, stream, 1));
        QCOMPARE(wholeSink.got, splitSink.got);
        QCOMPARE(whole.failureCode(), split.failureCode());
        QCOMPARE(whole.failureMessage(), split.failureMessage());
    }
}

void TestWebSocketFrames::invalidUtf8_failsAtTheFrameThatBreaksIt()
{
    // Autobahn 6.4.x: in a fragmented message, the frame with the bad byte fails the connection at once, before
    // the message (or even the frame after it) arrives. Each position of a valid text gets a byte that breaks it.
    for (qsizetype at = 0; at < kMixed.size(); ++at) {
        QByteArray bad = kMixed;
        bad[at] = '\xff';
        Recorder sink;
        FrameDecoder decoder(sink);
        const QByteArray first = frame(0x1, bad.left(at + 1), false);
        QVERIFY(!decoder.feed(first));
        QCOMPARE(decoder.failureCode(), quint16(kCloseInvalidData));
        QVERIFY(sink.got.isEmpty());
    }
}

void TestWebSocketFrames::invalidUtf8_failsBeforeTheFrameEnds()
{
    // Autobahn 6.4.3/6.4.4: the bad byte comes in the middle of one frame that arrives in pieces.
    const QByteArray payload = kGreek + QByteArray("\xf4\x90\x80\x80") + QByteArray(50, 'a');
    const QByteArray bytes = frame(0x1, payload);
    Recorder sink;
    FrameDecoder decoder(sink);
    const qsizetype headerAndGoodPart = 2 + kGreek.size() + 2; // up to "\xf4\x90": already impossible
    QVERIFY(!decoder.feed(bytes.left(headerAndGoodPart)));
    QCOMPARE(decoder.failureCode(), quint16(kCloseInvalidData));
}

void TestWebSocketFrames::controlFramesInsideAFragmentedMessage()
{
    Recorder sink;
    FrameDecoder decoder(sink);
    QVERIFY(decoder.feed(frame(0x1, "one ", false) + frame(0x9, "p1") + frame(0x0, "two ", false) + frame(0xA, "o1") +
                         frame(0x0, "three", true)));
    QCOMPARE(sink.got.size(), 3);
    QCOMPARE(sink.got[0], qMakePair('p', QByteArray("p1")));
    QCOMPARE(sink.got[1], qMakePair('o', QByteArray("o1")));
    QCOMPARE(sink.got[2], qMakePair('t', QByteArray("one two three")));
}

void TestWebSocketFrames::closeCodes_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::newRow("0-999") << 0 << 999;
    QTest::newRow("1000-2999") << 1000 << 2999;
    QTest::newRow("3000-4999") << 3000 << 4999;
    QTest::newRow("5000-65535") << 5000 << 65535;
}

void TestWebSocketFrames::closeCodes()
{
    QFETCH(int, from);
    QFETCH(int, to);
    for (int code = from; code <= to; ++code) {
        // RFC 6455 7.4 and IANA: 1000-1003, 1007-1014 and 3000-4999; never 1004-1006, 1015 or anything else.
        const bool valid =
            (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
        QCOMPARE(isValidCloseCode(code), valid);
        Recorder sink;
        FrameDecoder decoder(sink);
        QVERIFY(!decoder.feed(closeFrame(code, "why")));
        if (valid) {
            QVERIFY(!decoder.failed());
            QCOMPARE(sink.closeCode, code);
            QCOMPARE(sink.got.value(0).second, QByteArray("why"));
        } else {
            QCOMPARE(decoder.failureCode(), quint16(kCloseProtocolError));
        }
    }
}

void TestWebSocketFrames::closeFrame_shapes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code");    // what the sink saw; 0 when the decoder failed
    QTest::addColumn<int>("failure"); // the close code the decoder fails with
    QTest::newRow("empty") << frame(0x8, {}) << int(kCloseNoStatus) << 0;
    QTest::newRow("one byte") << frame(0x8, "\x03") << 0 << int(kCloseProtocolError);
    QTest::newRow("reason 123 bytes") << closeFrame(1000, QByteArray(123, 'r')) << 1000 << 0;
    QTest::newRow("reason not UTF-8") << closeFrame(1000, "\xce\xba\xe1\xbd") << 0 << int(kCloseInvalidData);
    QTest::newRow("payload 126 bytes") << closeFrame(1000, QByteArray(124, 'r')) << 0 << int(kCloseProtocolError);
}

void TestWebSocketFrames::closeFrame_shapes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    QFETCH(int, failure);
    Recorder sink;
    FrameDecoder decoder(sink);
    QVERIFY(!decoder.feed(bytes));
    QCOMPARE(int(decoder.failureCode()), failure);
    QCOMPARE(sink.closeCode, code);
}

void TestWebSocketFrames::protocolViolations_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("failure");
    const int protocol = kCloseProtocolError;
    for (quint8 rsv = 1; rsv < 8; ++rsv) {
        // RSV1 too: no extension was agreed in this decoder.
        QTest::addRow("RSV %d on text", rsv) << frame(0x1, "x", true, rsv) << protocol;
        QTest::addRow("RSV %d on ping", rsv) << frame(0x9, "x", true, rsv) << protocol;
    }
    for (quint8 opcode : {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
        QTest::addRow("reserved opcode %d", opcode) << frame(opcode, "x") << protocol;
        QTest::addRow("reserved opcode %d inside a fragmented message", opcode)
            << frame(0x1, "a", false) + frame(opcode, "x") << protocol;
    }
    QTest::newRow("fragmented ping") << frame(0x9, "x", false) << protocol;
    QTest::newRow("ping of 126 bytes") << frame(0x9, QByteArray(126, 'p')) << protocol;
    QTest::newRow("close of 126 bytes") << frame(0x8, QByteArray(126, 'p')) << protocol;
    QTest::newRow("masked by the server") << QByteArray("\x81\x81\x01\x02\x03\x04\x60", 7) << protocol;
    QTest::newRow("continuation with nothing to continue") << frame(0x0, "x") << protocol;
    QTest::newRow("text while a message is open") << frame(0x1, "a", false) + frame(0x1, "b") << protocol;
    QTest::newRow("binary while a message is open") << frame(0x2, "a", false) + frame(0x2, "b") << protocol;
    QTest::newRow("64-bit length with the top bit set")
        << QByteArray("\x82\x7f\x80\x00\x00\x00\x00\x00\x00\x01", 10) << protocol;
}

void TestWebSocketFrames::protocolViolations()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, failure);
    Recorder sink;
    FrameDecoder decoder(sink);
    QVERIFY(!decoder.feed(bytes));
    QCOMPARE(int(decoder.failureCode()), failure);
    QVERIFY(!decoder.failureMessage().isEmpty());
}

void TestWebSocketFrames::payloadLengths_data()
{
    QTest::addColumn<int>("length");
    for (int length : {0, 1, 125, 126, 127, 128, 65535, 65536, 65537, 1 << 20}) {
        QTest::addRow("%d", length) << length;
    }
}

void TestWebSocketFrames::payloadLengths()
{
    QFETCH(int, length);
    for (quint8 opcode : {0x1, 0x2}) {
        const QByteArray payload(length, 'z');
        for (qsizetype step : {qsizetype(1) << 30, qsizetype(1000)}) {
            Recorder sink;
            FrameDecoder decoder(sink);
            QVERIFY(feedSplit(decoder, frame(opcode, payload), step));
            QCOMPARE(sink.got.size(), 1);
            QCOMPARE(sink.got[0].second.size(), length);
        }
    }
}

void TestWebSocketFrames::messageOverLimit_isRefusedAtTheHeader()
{
    Recorder sink;
    FrameDecoder decoder(sink);
    decoder.setMaxMessageSize(1000);
    QVERIFY(decoder.feed(frame(0x1, QByteArray(600, 'a'), false)));
    // Only the header of a frame that would pass the limit: refused before its payload comes.
    QVERIFY(!decoder.feed(frame(0x0, QByteArray(500, 'a')).left(4)));
    QCOMPARE(decoder.failureCode(), quint16(kCloseMessageTooBig));
}

void TestWebSocketFrames::nothingCountsAfterAClose()
{
    Recorder sink;
    FrameDecoder decoder(sink);
    QVERIFY(!decoder.feed(closeFrame(1000) + frame(0x1, "after") + QByteArray("\xff\xff garbage")));
    QVERIFY(!decoder.failed());
    QCOMPARE(sink.got.size(), 1);
    QCOMPARE(sink.got[0].first, 'c');
}

void TestWebSocketFrames::compressed_messagesAndFragments()
{
    Recorder sink;
    FrameDecoder decoder(sink);
    decoder.enableDeflate(false);
    const QByteArray text = QByteArray("{\"title\":\"Build passed\",\"body\":\"") + kMixed + "\"}";
    const QByteArray compressed = deflateRaw(text);
    const QByteArray second = deflateRaw(QByteArray(5000, 'y'));
    // One message whole, one split in three frames (RSV1 on the first only), one empty, one not compressed.
    const QByteArray bytes = frame(0x1, compressed, true, 4) + frame(0x2, second.left(3), false, 4) +
                             frame(0x0, second.mid(3, 5), false) + frame(0x0, second.mid(8), true) +
                             frame(0x1, deflateRaw({}), true, 4) + frame(0x1, "plain");
    for (qsizetype step : {qsizetype(1), qsizetype(5), qsizetype(1) << 20}) {
        Recorder each;
        FrameDecoder splitDecoder(each);
        splitDecoder.enableDeflate(false);
        QVERIFY2(feedSplit(splitDecoder, bytes, step), qPrintable(splitDecoder.failureMessage()));
        QCOMPARE(each.got.size(), 4);
        QCOMPARE(each.got[0].second, text);
        QCOMPARE(each.got[1], qMakePair('b', QByteArray(5000, 'y')));
        QCOMPARE(each.got[2], qMakePair('t', QByteArray()));
        QCOMPARE(each.got[3], qMakePair('t', QByteArray("plain")));
    }
    QVERIFY(!decoder.feed(frame(0x1, compressed, false, 4) + frame(0x0, "x", true, 4)));
    QCOMPARE(decoder.failureCode(), quint16(kCloseProtocolError)); // RSV1 on a continuation frame
}

void TestWebSocketFrames::compressed_contextTakeover_data()
{
    QTest::addColumn<bool>("noContextTakeover");
    QTest::addColumn<int>("windowBits");
    for (int bits = 9; bits <= 15; ++bits) {
        QTest::addRow("takeover, %d bits", bits) << false << bits;
        QTest::addRow("no takeover, %d bits", bits) << true << bits;
    }
}

void TestWebSocketFrames::compressed_contextTakeover()
{
    QFETCH(bool, noContextTakeover);
    QFETCH(int, windowBits);
    // The server's deflater keeps its window across messages unless no_context_takeover; our inflater must match.
    MessageDeflater server(windowBits, noContextTakeover);
    Recorder sink;
    FrameDecoder decoder(sink);
    decoder.enableDeflate(noContextTakeover);
    QList<QByteArray> sent;
    for (int i = 0; i < 50; ++i) {
        sent.append(QByteArray("{\"id\":") + QByteArray::number(i) + ",\"title\":\"Deploy to production done\"}");
        QVERIFY(decoder.feed(frame(0x1, server.deflate(sent.last()), true, 4)));
    }
    QCOMPARE(sink.got.size(), sent.size());
    for (int i = 0; i < sent.size(); ++i) {
        QCOMPARE(sink.got[i].second, sent[i]);
    }
}

void TestWebSocketFrames::compressed_bombStopsAtTheLimit()
{
    // 64 MB of zeros deflate to about 64 KB; with a 1 MB limit the inflater must stop at the limit, not after.
    const QByteArray bomb = deflateRaw(QByteArray(64 * 1024 * 1024, '\0'));
    QVERIFY(bomb.size() < 100 * 1024);
    Recorder sink;
    FrameDecoder decoder(sink);
    decoder.setMaxMessageSize(1024 * 1024);
    decoder.enableDeflate(false);
    QVERIFY(!decoder.feed(frame(0x2, bomb, true, 4)));
    QCOMPARE(decoder.failureCode(), quint16(kCloseMessageTooBig));
    QVERIFY(decoder.failureMessage().contains(QLatin1String("inflates to more than")));
    QVERIFY(sink.got.isEmpty());

    // The inflater itself never holds more than the limit and one byte.
    MessageInflater inflater(false);
    QByteArray out;
    QVERIFY(!inflater.inflate(bomb, true, 4096, out));
    QVERIFY(out.size() <= 4097);
}

void TestWebSocketFrames::compressed_corruptDataIsInvalid()
{
    Recorder sink;
    FrameDecoder decoder(sink);
    decoder.enableDeflate(false);
    QVERIFY(!decoder.feed(frame(0x1, QByteArray("\xff\xff\xff\xff not deflate"), true, 4)));
    QCOMPARE(decoder.failureCode(), quint16(kCloseInvalidData));
}

void TestWebSocketFrames::clientFrames_areMaskedAndRoundTrip_data()
{
    QTest::addColumn<int>("length");
    for (int length : {0, 1, 7, 8, 9, 125, 126, 65535, 65536}) {
        QTest::addRow("%d", length) << length;
    }
}

void TestWebSocketFrames::clientFrames_areMaskedAndRoundTrip()
{
    QFETCH(int, length);
    QByteArray payload(length, '\0');
    for (int i = 0; i < length; ++i) {
        payload[i] = char(i * 7);
    }
    QByteArray out;
    appendClientFrame(out, Opcode::Binary, payload);
    const auto *h = reinterpret_cast<const unsigned char *>(out.constData());
    QCOMPARE(h[0], quint8(0x82));
    QVERIFY(h[1] & 0x80); // masked
    const int lengthBytes = length < 126 ? 0 : length <= 0xFFFF ? 2 : 8;
    QCOMPARE(out.size(), 2 + lengthBytes + 4 + length);
    // Unmask by hand.
    const qsizetype keyAt = 2 + lengthBytes;
    QByteArray unmasked = out.mid(keyAt + 4);
    for (qsizetype i = 0; i < unmasked.size(); ++i) {
        unmasked[i] = char(unmasked[i] ^ out[keyAt + (i % 4)]);
    }
    QCOMPARE(unmasked, payload);
}

void TestWebSocketFrames::serverRole_unmasksSplitFramesAndRefusesUnmaskedOnes()
{
    // What a client sends, fragmented and masked, with a ping between the fragments: the server's decoder gets it
    // back whole however the bytes are cut (the key's phase carries across pieces).
    QByteArray wire;
    QByteArray big(70000, '\0');
    for (int i = 0; i < big.size(); ++i) {
        big[i] = char('a' + i % 26);
    }
    appendClientFrame(wire, Opcode::Text, kGreek.first(5), false);
    appendClientFrame(wire, Opcode::Ping, "are you there");
    appendClientFrame(wire, Opcode::Continuation, kGreek.sliced(5), true);
    appendClientFrame(wire, Opcode::Binary, big);
    appendClientFrame(wire, Opcode::Close, closePayload(1000, QStringLiteral("bye")));
    for (const qsizetype step : {qsizetype(1), qsizetype(3), qsizetype(7), qsizetype(4096), wire.size()}) {
        Recorder got;
        FrameDecoder decoder(got, Role::Server);
        feedSplit(decoder, wire, step);
        QVERIFY2(!decoder.failed(), qPrintable(decoder.failureMessage()));
        QCOMPARE(got.got.size(), 4);
        QCOMPARE(got.got[0], qMakePair('p', QByteArray("are you there")));
        QCOMPARE(got.got[1], qMakePair('t', kGreek));
        QCOMPARE(got.got[2], qMakePair('b', big));
        QCOMPARE(got.got[3].first, 'c');
        QCOMPARE(got.closeCode, 1000);
    }

    // A server frame is unmasked, and a client decoder reads it.
    QByteArray fromServer;
    appendServerFrame(fromServer, Opcode::Text, kMixed);
    QCOMPARE(quint8(fromServer[1]) & 0x80, 0);
    Recorder client;
    FrameDecoder clientDecoder(client);
    QVERIFY(clientDecoder.feed(fromServer));
    QCOMPARE(client.got.value(0), qMakePair('t', kMixed));

    // The server refuses an unmasked frame, and says so from its own side.
    Recorder server;
    FrameDecoder serverDecoder(server, Role::Server);
    QVERIFY(!serverDecoder.feed(fromServer));
    QCOMPARE(serverDecoder.failureCode(), quint16(kCloseProtocolError));
    QVERIFY2(serverDecoder.failureMessage().startsWith(QLatin1String("the client sent an unmasked frame")),
             qPrintable(serverDecoder.failureMessage()));
    QVERIFY(server.got.isEmpty());
}

void TestWebSocketFrames::closePayload_cutsAtACharacter()
{
    const QString reason = QString(60, QChar(0xAC00)); // 180 bytes of Hangul
    const QByteArray payload = closePayload(1000, reason);
    QVERIFY(payload.size() <= 125);
    Utf8Validator validator;
    QVERIFY(validator.feed(payload.mid(2)) && validator.atBoundary());
    QCOMPARE(payload.size(), 2 + 123);
}

void TestWebSocketFrames::deflateAnswer_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<bool>("error");
    QTest::addColumn<bool>("serverNoTakeover");
    QTest::addColumn<bool>("clientNoTakeover");
    QTest::addColumn<int>("serverBits");
    QTest::addColumn<int>("clientBits");
    QTest::newRow("none") << QByteArray() << false << false << false << false << 15 << 15;
    QTest::newRow("plain") << QByteArray("permessage-deflate") << true << false << false << false << 15 << 15;
    QTest::newRow("all parameters")
        << QByteArray("permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
                      "server_max_window_bits=10; client_max_window_bits=\"9\"")
        << true << false << true << true << 10 << 9;
    QTest::newRow("window bits 8") << QByteArray("permessage-deflate; client_max_window_bits=8") << true << false
                                   << false << false << 15 << 8;
    QTest::newRow("window bits 16") << QByteArray("permessage-deflate; server_max_window_bits=16") << false << true
                                    << false << false << 15 << 15;
    QTest::newRow("window bits missing") << QByteArray("permessage-deflate; server_max_window_bits") << false << true
                                         << false << false << 15 << 15;
    QTest::newRow("window bits 010") << QByteArray("permessage-deflate; server_max_window_bits=010") << false << true
                                     << false << false << 15 << 15;
    QTest::newRow("unknown parameter") << QByteArray("permessage-deflate; foo") << false << true << false << false << 15
                                       << 15;
    QTest::newRow("duplicate parameter")
        << QByteArray("permessage-deflate; server_no_context_takeover; server_no_context_takeover") << false << true
        << false << false << 15 << 15;
    QTest::newRow("value on a flag") << QByteArray("permessage-deflate; client_no_context_takeover=1") << false << true
                                     << false << false << 15 << 15;
    QTest::newRow("twice") << QByteArray("permessage-deflate, permessage-deflate") << false << true << false << false
                           << 15 << 15;
    QTest::newRow("not offered") << QByteArray("x-webkit-deflate-frame") << false << true << false << false << 15 << 15;
}

void TestWebSocketFrames::deflateAnswer()
{
    QFETCH(QByteArray, header);
    QFETCH(bool, accepted);
    QFETCH(bool, error);
    QFETCH(bool, serverNoTakeover);
    QFETCH(bool, clientNoTakeover);
    QFETCH(int, serverBits);
    QFETCH(int, clientBits);
    const DeflateAnswer answer = parseDeflateAnswer(header);
    QCOMPARE(answer.parameters.has_value(), accepted);
    QCOMPARE(!answer.error.isEmpty(), error);
    if (accepted) {
        QCOMPARE(answer.parameters->serverNoContextTakeover, serverNoTakeover);
        QCOMPARE(answer.parameters->clientNoContextTakeover, clientNoTakeover);
        QCOMPARE(answer.parameters->serverMaxWindowBits, serverBits);
        QCOMPARE(answer.parameters->clientMaxWindowBits, clientBits);
    }
}

QTEST_GUILESS_MAIN(TestWebSocketFrames)
#include "tst_websocketframes.moc"
