// What Herald makes of the body of a refused request: one short, safe line of what the server said, and advice when
// that line shows a TLS client certificate was the problem.
#include "net/HttpRefusal.h"

#include <QTest>

using namespace herald;

class TestHttpRefusal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusalText_data();
    void refusalText();
    void refusalText_isShortAndPrintable();
    void clientCertificateAdvice_data();
    void clientCertificateAdvice();
    void describeRefusal_quotesOnlyWhatAddsToTheStatus();
};

void TestHttpRefusal::refusalText_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("expected");

    QTest::newRow("nginx 400 page") << QByteArray("<html>\r\n<head><title>400 No required SSL certificate was sent"
                                                  "</title></head>\r\n<body><center><h1>400 Bad Request</h1></center>"
                                                  "</body></html>")
                                    << QByteArray("text/html")
                                    << QStringLiteral("No required SSL certificate was sent");
    QTest::newRow("page without a title")
        << QByteArray("<!doctype html><html><head><style>p{color:red}</style><script>var x = '<b>';</script></head>"
                      "<body><h1>Gone</h1>\n<p>This   topic &amp; its&nbsp;messages were &lt;removed&gt;.</p></body>")
        << QByteArray("text/html; charset=utf-8") << QStringLiteral("Gone This topic & its messages were <removed>.");
    QTest::newRow("numeric entities") << QByteArray("<title>caf&#233; &#x2615; &#0; &bogus;</title>")
                                      << QByteArray("text/html") << QStringLiteral("caf\u00e9 \u2615 &#0; &bogus;");
    QTest::newRow("ntfy") << QByteArray(R"({"code":40401,"http":404,"error":"page not found","link":"https://x"})")
                          << QByteArray("application/json") << QStringLiteral("page not found");
    QTest::newRow("gotify") << QByteArray(R"({"error":"Unauthorized","errorCode":401,"errorDescription":"you need to )"
                                          R"(provide a valid access token"})")
                            << QByteArray("application/json")
                            << QStringLiteral("you need to provide a valid access token");
    QTest::newRow("nested error") << QByteArray(R"({"error":{"code":7,"message":"quota exceeded"}})")
                                  << QByteArray("application/problem+json") << QStringLiteral("quota exceeded");
    QTest::newRow("json without a message")
        << QByteArray(R"({"ok":false})") << QByteArray("application/json") << QString();
    QTest::newRow("plain") << QByteArray("Forbidden: token expired\n\nsee the docs\n") << QByteArray("text/plain")
                           << QStringLiteral("Forbidden: token expired see the docs");
    QTest::newRow("no content type, html")
        << QByteArray("  <html><title>Nope</title></html>") << QByteArray() << QStringLiteral("Nope");
    QTest::newRow("no content type, text") << QByteArray("just no") << QByteArray() << QStringLiteral("just no");
    QTest::newRow("picture") << QByteArray("\x89PNG\r\n\x1a\n", 8) << QByteArray("image/png") << QString();
    QTest::newRow("not utf-8") << QByteArray("caf\xe9 au lait") << QByteArray("text/plain") << QString();
    QTest::newRow("empty") << QByteArray(" \r\n") << QByteArray("text/plain") << QString();
    QTest::newRow("escapes and bidi") << QByteArray("\x1b]52;c;ZXZpbA==\x07ok \xe2\x80\xae"
                                                    "exe.txt\x1b[0m")
                                      << QByteArray("text/plain") << QStringLiteral("]52;c;ZXZpbA==ok exe.txt[0m");
    QTest::newRow("unclosed tag") << QByteArray("<html><body>fine <b") << QByteArray("text/html")
                                  << QStringLiteral("fine");
}

void TestHttpRefusal::refusalText()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, expected);
    QCOMPARE(http::refusalText(body, contentType), expected);
}

void TestHttpRefusal::refusalText_isShortAndPrintable()
{
    const QString text = http::refusalText(QByteArray(1 << 20, 'x'), "text/plain");
    QCOMPARE(text.size(), 160);
    QVERIFY(text.endsWith(QChar(0x2026)));
    // Only the first few KiB are looked at: a page's title past them is not found.
    const QByteArray late = "<html>" + QByteArray(http::kMaxRefusalBody, ' ') + "<title>late</title></html>";
    QVERIFY(!http::refusalText(late, "text/html").contains(QLatin1String("late")));
}

void TestHttpRefusal::clientCertificateAdvice_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("said");
    QTest::addColumn<bool>("certificateGiven");
    QTest::addColumn<QString>("advicePart"); // empty: no advice

    QTest::newRow("nginx, none sent") << 400 << QStringLiteral("No required SSL certificate was sent") << false
                                      << QStringLiteral("wants a TLS client certificate");
    QTest::newRow("nginx 496") << 496 << QString() << false << QStringLiteral("--client-cert");
    QTest::newRow("none came though set")
        << 400 << QStringLiteral("No required SSL certificate was sent") << true << QStringLiteral("though one is set");
    QTest::newRow("nginx, refused") << 400 << QStringLiteral("The SSL certificate error") << true
                                    << QStringLiteral("did not accept the client certificate");
    QTest::newRow("nginx 495") << 495 << QString() << true << QStringLiteral("a CA it trusts");
    QTest::newRow("other 400") << 400 << QStringLiteral("Bad JSON") << false << QString();
    QTest::newRow("403") << 403 << QStringLiteral("token expired") << true << QString();
}

void TestHttpRefusal::clientCertificateAdvice()
{
    QFETCH(int, status);
    QFETCH(QString, said);
    QFETCH(bool, certificateGiven);
    QFETCH(QString, advicePart);
    const QString advice = http::clientCertificateAdvice(status, said, certificateGiven);
    if (advicePart.isEmpty()) {
        QVERIFY2(advice.isEmpty(), qPrintable(advice));
    } else {
        QVERIFY2(advice.contains(advicePart), qPrintable(advice));
    }
}

void TestHttpRefusal::describeRefusal_quotesOnlyWhatAddsToTheStatus()
{
    const QString advice = QStringLiteral("check the URL");
    QCOMPARE(http::describeRefusal(404, "Not Found", QStringLiteral("not found"), false, advice),
             QStringLiteral("HTTP 404 Not Found: check the URL"));
    // HTTP/2 has no reason phrase: the standard one is what a page would repeat.
    QCOMPARE(http::describeRefusal(404, {}, QStringLiteral("Not Found"), false, advice),
             QStringLiteral("HTTP 404: check the URL"));
    QCOMPARE(http::describeRefusal(404, "Not Found", QStringLiteral("page not found"), false, advice),
             QStringLiteral("HTTP 404 Not Found (\"page not found\"): check the URL"));
    QCOMPARE(http::describeRefusal(404, "Not Found", {}, false, advice, QStringLiteral("ntfy.sh")),
             QStringLiteral("HTTP 404 Not Found from ntfy.sh: check the URL"));
    QCOMPARE(http::describeRefusal(400, {}, QStringLiteral("No required SSL certificate was sent"), false, advice),
             QStringLiteral("HTTP 400 (\"No required SSL certificate was sent\"): the server wants a TLS client "
                            "certificate; give it one (herald listen --client-cert FILE.p12, or the feed's Client "
                            "certificate)"));
}

QTEST_GUILESS_MAIN(TestHttpRefusal)
#include "tst_httprefusal.moc"
