// The small rules that keep what a server sends from becoming control: header values that cannot end their line,
// redirects that keep credentials with their origin, text that cannot drive a terminal or disguise a popup, reconnect
// delays that a server cannot shrink to nothing or stretch to weeks, and secret commands read as a shell reads them.
#include "net/Backoff.h"
#include "net/HttpFields.h"
#include "protocol/PlainProtocol.h"
#include "store/SecretCommand.h"
#include "util/SafeText.h"

#include <QTest>

using namespace herald;

class TestHostileInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fieldValue_refusesLineBreaksAndNul_data();
    void fieldValue_refusesLineBreaksAndNul();
    void sendableHeaders_dropsWhatCannotBeSent();
    void redirect_followsOnlyHttpAndKeepsCredentialsAtHome_data();
    void redirect_followsOnlyHttpAndKeepsCredentialsAtHome();
    void terminalSafe_showsControlsAsEscapes_data();
    void terminalSafe_showsControlsAsEscapes();
    void displaySafe_dropsHiddenCharactersAndCaps();
    void backoff_emptyConnectionsGrowAndTheCapHolds();
    void backoff_floorHoldsUnderAServersRetry();
    void backoff_jitterNeverPassesTheCap();
    void secretCommandWords_areReadAsAShellReadsThem_data();
    void secretCommandWords_areReadAsAShellReadsThem();
    void autoAnswer_neverExpandsWhatTheServerSent();
};

void TestHostileInput::fieldValue_refusesLineBreaksAndNul_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("sendable");
    QTest::newRow("plain") << QByteArray("Bearer abc.def") << true;
    QTest::newRow("utf-8") << QByteArray("값") << true;
    QTest::newRow("tab") << QByteArray("a\tb") << true;
    QTest::newRow("crlf") << QByteArray("x\r\nX-Injected: yes") << false;
    QTest::newRow("lf") << QByteArray("x\nX-Injected: yes") << false;
    QTest::newRow("cr") << QByteArray("x\rX") << false;
    QTest::newRow("nul") << QByteArray("x\0y", 3) << false;
    QTest::newRow("split") << QByteArray("1\r\n\r\nGET http://attacker.example/ HTTP/1.1") << false;
}

void TestHostileInput::fieldValue_refusesLineBreaksAndNul()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, sendable);
    QCOMPARE(http::isFieldValue(value), sendable);
    QCOMPARE(http::fieldProblem("Last-Event-ID", value).isEmpty(), sendable);
}

void TestHostileInput::sendableHeaders_dropsWhatCannotBeSent()
{
    QStringList dropped;
    const http::Headers kept = http::sendableHeaders(
        {{"Authorization", "Bearer t"}, {"X-Bad", "a\r\nX-Injected: 1"}, {"Bad Name", "v"}, {"X-Ok", "1"}}, &dropped);
    QCOMPARE(kept, (http::Headers{{"Authorization", "Bearer t"}, {"X-Ok", "1"}}));
    QCOMPARE(dropped.size(), 2);
    QVERIFY(!http::fieldProblem("X:Y", "v").isEmpty());
    QVERIFY(http::isCredentialField("authorization"));
    QVERIFY(http::isCredentialField("Cookie"));
    QVERIFY(http::isCredentialField("Proxy-Authorization"));
    QVERIFY(!http::isCredentialField("X-Api-Version"));
}

void TestHostileInput::redirect_followsOnlyHttpAndKeepsCredentialsAtHome_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("location");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("to"); // empty: refused
    QTest::addColumn<bool>("crossesOrigin");
    QTest::addColumn<QByteArray>("nextMethod");

    const QString home = QStringLiteral("http://127.0.0.1:8080/events?auth=QUERY-TOKEN");
    QTest::newRow("same origin, relative") << home << 302 << QByteArray("/v2/events") << QByteArray("GET")
                                           << "http://127.0.0.1:8080/v2/events" << false << QByteArray("GET");
    QTest::newRow("another host") << home << 302 << QByteArray("http://127.0.0.2:8080/events") << QByteArray("GET")
                                  << "http://127.0.0.2:8080/events" << true << QByteArray("GET");
    QTest::newRow("another port") << home << 307 << QByteArray("http://127.0.0.1:9090/events") << QByteArray("GET")
                                  << "http://127.0.0.1:9090/events" << true << QByteArray("GET");
    QTest::newRow("to https") << home << 301 << QByteArray("https://127.0.0.1:8080/events") << QByteArray("GET")
                              << "https://127.0.0.1:8080/events" << true << QByteArray("GET");
    QTest::newRow("default port spelled")
        << QStringLiteral("https://a.example/x") << 302 << QByteArray("https://A.example:443/y") << QByteArray("GET")
        << "https://A.example:443/y" << false << QByteArray("GET");
    QTest::newRow("303 after POST") << home << 303 << QByteArray("/done") << QByteArray("POST")
                                    << "http://127.0.0.1:8080/done" << false << QByteArray("GET");
    QTest::newRow("307 keeps POST") << home << 307 << QByteArray("/again") << QByteArray("POST")
                                    << "http://127.0.0.1:8080/again" << false << QByteArray("POST");
    QTest::newRow("file") << home << 302 << QByteArray("file:///etc/passwd") << QByteArray("GET") << QString() << false
                          << QByteArray();
    QTest::newRow("data") << home << 302 << QByteArray("data:text/plain,hi") << QByteArray("GET") << QString() << false
                          << QByteArray();
    QTest::newRow("ftp") << home << 302 << QByteArray("ftp://127.0.0.1/x") << QByteArray("GET") << QString() << false
                         << QByteArray();
    QTest::newRow("https to http") << QStringLiteral("https://a.example/x") << 302 << QByteArray("http://a.example/x")
                                   << QByteArray("GET") << QString() << false << QByteArray();
    QTest::newRow("no location") << home << 302 << QByteArray() << QByteArray("GET") << QString() << false
                                 << QByteArray();
}

void TestHostileInput::redirect_followsOnlyHttpAndKeepsCredentialsAtHome()
{
    QFETCH(QString, from);
    QFETCH(int, status);
    QFETCH(QByteArray, location);
    QFETCH(QByteArray, method);
    QFETCH(QString, to);
    QFETCH(bool, crossesOrigin);
    QFETCH(QByteArray, nextMethod);
    const http::Redirect redirect = http::followRedirect(QUrl(from), status, location, method);
    if (to.isEmpty()) {
        QVERIFY(redirect.url.isEmpty());
        QVERIFY(!redirect.problem.isEmpty());
        QVERIFY2(!redirect.problem.contains(QLatin1String("QUERY-TOKEN")), qPrintable(redirect.problem));
        return;
    }
    QVERIFY2(redirect.problem.isEmpty(), qPrintable(redirect.problem));
    QCOMPARE(redirect.url, QUrl(to));
    QCOMPARE(redirect.crossesOrigin, crossesOrigin);
    QCOMPARE(redirect.method, nextMethod);
    QCOMPARE(redirect.dropBody, nextMethod != method);
}

void TestHostileInput::terminalSafe_showsControlsAsEscapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("keepLineBreaks");
    QTest::addColumn<QString>("shown");
    QTest::newRow("plain") << QStringLiteral("deploy 완료 ✓") << false << QStringLiteral("deploy 완료 ✓");
    QTest::newRow("osc 52") << QStringLiteral("\x1b]52;c;SGVsbG8=\x07") << false
                            << QStringLiteral("\\e]52;c;SGVsbG8=\\x07");
    QTest::newRow("title") << QStringLiteral("\x1b]0;pwned\x1b\\") << false << QStringLiteral("\\e]0;pwned\\e\\");
    QTest::newRow("cr and erase") << QStringLiteral("ok\r\x1b[2Kfake") << false << QStringLiteral("ok\\r\\e[2Kfake");
    QTest::newRow("c1 csi") << QStringLiteral(u"a\u009b31mb") << false << QStringLiteral("a\\x9B31mb");
    QTest::newRow("rlo") << QStringLiteral(u"invoice\u202Efdp.exe") << false << QStringLiteral("invoice\\u202Efdp.exe");
    QTest::newRow("zero width") << QStringLiteral(u"pay\u200Bpal") << false << QStringLiteral("pay\\u200Bpal");
    QTest::newRow("line breaks kept") << QStringLiteral("one\ntwo\r\n") << true << QStringLiteral("one\ntwo\\r\n");
    QTest::newRow("line breaks shown") << QStringLiteral("one\ntwo") << false << QStringLiteral("one\\ntwo");
    QTest::newRow("emoji") << QStringLiteral(u"🚀 go") << false << QStringLiteral(u"🚀 go");
}

void TestHostileInput::terminalSafe_showsControlsAsEscapes()
{
    QFETCH(QString, text);
    QFETCH(bool, keepLineBreaks);
    QFETCH(QString, shown);
    QCOMPARE(terminalSafe(text, keepLineBreaks), shown);
}

void TestHostileInput::displaySafe_dropsHiddenCharactersAndCaps()
{
    QCOMPARE(displaySafe(QStringLiteral(u"a\u202Eb\u200Bc\x07\x1b[1md\r\ne"), 100), QStringLiteral("abc[1md\ne"));
    const QString capped = displaySafe(QString(5000, QLatin1Char('x')), 256);
    QCOMPARE(capped.size(), 256);
    QVERIFY(capped.endsWith(QChar(0x2026)));
    // A cut never splits a surrogate pair.
    const QString emoji = displaySafe(QString::fromUtf8("🚀🚀🚀🚀"), 3);
    QVERIFY(!emoji.at(emoji.size() - 2).isHighSurrogate());
}

void TestHostileInput::backoff_emptyConnectionsGrowAndTheCapHolds()
{
    Backoff backoff;
    backoff.setJitterFraction(0);
    backoff.setInitialDelay(0); // retry: 0
    backoff.setMaxDelay(1000);
    QList<int> delays;
    for (int i = 0; i < 10; ++i) {
        delays.append(backoff.nextDelay());
    }
    QCOMPARE(delays, (QList<int>{0, 20, 40, 80, 160, 320, 640, 1000, 1000, 1000}));
    backoff.reset();
    backoff.setInitialDelay(std::numeric_limits<int>::max()); // retry: 2147483647
    QCOMPARE(backoff.nextDelay(), 1000);
    QCOMPARE(backoff.capDelay(), 1000);
}

void TestHostileInput::backoff_floorHoldsUnderAServersRetry()
{
    Backoff backoff;
    backoff.setJitterFraction(0);
    backoff.setMaxDelay(60000);
    backoff.setMinDelay(30000); // the feed's own --reconnect-delay 30
    backoff.setInitialDelay(0);
    QCOMPARE(backoff.nextDelay(), 30000);
    QCOMPARE(backoff.nextDelay(), 60000);
    QCOMPARE(backoff.nextDelay(), 60000);
}

void TestHostileInput::backoff_jitterNeverPassesTheCap()
{
    Backoff backoff;
    backoff.setJitterFraction(0.2);
    double next = 0.999;
    backoff.setRandomSource([&next] { return next; });
    backoff.setInitialDelay(3000);
    backoff.setMaxDelay(60000);
    int largest = 0;
    int smallestAtCap = 60000;
    for (int i = 0; i < 12; ++i) {
        next = i % 2 ? 0.999 : 0.5;
        const int delay = backoff.nextDelay();
        largest = std::max(largest, delay);
        if (i > 6) {
            smallestAtCap = std::min(smallestAtCap, delay);
        }
    }
    QVERIFY2(largest <= 60000, qPrintable(QString::number(largest)));
    QVERIFY2(smallestAtCap < 60000, "clients at the cap still spread out");
    QVERIFY(backoff.capDelay() <= 60000);
}

void TestHostileInput::secretCommandWords_areReadAsAShellReadsThem_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("plain") << QStringLiteral("pass show herald/ntfy")
                           << QStringList{QStringLiteral("pass"), QStringLiteral("show"),
                                          QStringLiteral("herald/ntfy")};
    QTest::newRow("single quotes") << QStringLiteral("op read 'op://Private/ntfy token/password'")
                                   << QStringList{QStringLiteral("op"), QStringLiteral("read"),
                                                  QStringLiteral("op://Private/ntfy token/password")};
    QTest::newRow("backslash in single quotes")
        << QStringLiteral(R"(printf '%s\n' x)")
        << QStringList{QStringLiteral("printf"), QStringLiteral(R"(%s\n)"), QStringLiteral("x")};
    QTest::newRow("double quotes") << QStringLiteral(R"(echo "a \"b\" \$HOME \n")")
                                   << QStringList{QStringLiteral("echo"), QStringLiteral(R"(a "b" $HOME \n)")};
    QTest::newRow("escaped space") << QStringLiteral(R"(cat my\ file)")
                                   << QStringList{QStringLiteral("cat"), QStringLiteral("my file")};
    QTest::newRow("glued") << QStringLiteral(R"(a'b c'"d")") << QStringList{QStringLiteral("ab cd")};
    QTest::newRow("empty quotes") << QStringLiteral("cmd ''") << QStringList{QStringLiteral("cmd"), QString()};
    QTest::newRow("nothing expanded") << QStringLiteral("echo $(id) `id` $HOME ~")
                                      << QStringList{QStringLiteral("echo"), QStringLiteral("$(id)"),
                                                     QStringLiteral("`id`"), QStringLiteral("$HOME"),
                                                     QStringLiteral("~")};
}

void TestHostileInput::secretCommandWords_areReadAsAShellReadsThem()
{
    QFETCH(QString, command);
    QFETCH(QStringList, words);
    QString error;
    const auto split = SecretCommand::splitWords(command, &error);
    QVERIFY2(split, qPrintable(error));
    QCOMPARE(*split, words);
    QVERIFY(!SecretCommand::splitWords(QStringLiteral("op read 'op://x"), &error));
    QVERIFY2(error.contains(QLatin1String("single quote")), qPrintable(error));
}

void TestHostileInput::autoAnswer_neverExpandsWhatTheServerSent()
{
    // A server's ping that holds the placeholder gets its own text back, never the token.
    const QString reply =
        protocol::PlainProtocol::expand(QStringLiteral("{\"pong\":\"${1}\"}"), QStringLiteral("tk_S3CRET"), nullptr);
    QCOMPARE(reply, QStringLiteral("{\"pong\":\"${1}\"}"));
    const QRegularExpression ping(QStringLiteral("\\{\"ping\":\"(.*)\"\\}"));
    const QRegularExpressionMatch match = ping.match(QStringLiteral("{\"ping\":\"${secret} ${1}\"}"));
    QVERIFY(match.hasMatch());
    const QString answer = protocol::PlainProtocol::expand(QStringLiteral("{\"pong\":\"${1}\",\"auth\":\"${secret}\"}"),
                                                           QStringLiteral("tk_S3CRET"), &match);
    QCOMPARE(answer, QStringLiteral("{\"pong\":\"${secret} ${1}\",\"auth\":\"tk_S3CRET\"}"));
}

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostileinput.moc"
