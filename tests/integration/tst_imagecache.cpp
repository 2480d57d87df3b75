// ImageCache against a real HTTP server on 127.0.0.1: pictures are fetched once and kept private; everything a
// hostile server could send instead (a page, an SVG, something huge, a redirect to a file) is refused and said.
#include "TestHttpServer.h"
#include "net/ImageCache.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using herald::HttpRequest;
using herald::ImageCache;
using herald::test::TestHttpServer;

namespace {

QByteArray png(int extraBytes = 0)
{
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(extraBytes + 40, 'p');
}

} // namespace

class TestImageCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void picture_isFetchedOnceAndKeptPrivate();
    void notAPicture_isRefused_data();
    void notAPicture_isRefused();
    void folder_staysUnderItsCap();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString folder() const { return m_dir->filePath(QStringLiteral("images")); }
};

void TestImageCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestImageCache::picture_isFetchedOnceAndKeptPrivate()
{
    TestHttpServer server;
    server.route("/icon.png", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 200, png(), {}, "image/png");
    });
    ImageCache cache(folder());
    QSignalSpy ready(&cache, &ImageCache::ready);
    const QUrl url = server.url(QStringLiteral("/icon.png"));
    QVERIFY(cache.cachedFile(url).isEmpty());
    cache.fetch(url);
    cache.fetch(url); // already on its way: asked once
    QVERIFY(ready.wait());
    QCOMPARE(ready.size(), 1);
    const QString file = ready.at(0).at(1).toString();
    QCOMPARE(cache.cachedFile(url), file);
    QFile stored(file);
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QCOMPARE(stored.readAll(), png());
#ifdef Q_OS_UNIX
    struct stat info = {};
    QCOMPARE(::stat(QFile::encodeName(file).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);
    QCOMPARE(::stat(QFile::encodeName(folder()).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0700u);
#endif
    QVERIFY(!QFileInfo::exists(file + QStringLiteral(".part")));
    // Asked again, it comes from the disk.
    cache.fetch(url);
    QVERIFY(ready.wait());
    QCOMPARE(ready.at(1).at(1).toString(), file);
    QCOMPARE(server.requests("/icon.png").size(), 1);
}

void TestImageCache::notAPicture_isRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("reason");
    QTest::newRow("a page") << "/page"
                            << "is no PNG, JPEG, GIF or WebP picture";
    QTest::newRow("an SVG") << "/drawing.svg"
                            << "is no PNG, JPEG, GIF or WebP picture";
    QTest::newRow("too large") << "/huge.png"
                               << "larger than 4096 KiB";
    QTest::newRow("not found") << "/missing.png"
                               << "404";
    QTest::newRow("redirect to a file") << "/to-file"
                                        << "file";
    QTest::newRow("not http") << "file:///etc/passwd"
                              << "no http or https address";
}

void TestImageCache::notAPicture_isRefused()
{
    QFETCH(QString, path);
    QFETCH(QString, reason);
    TestHttpServer server;
    server.route("/page", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 200, "<html>hello</html>", {}, "image/png"); // its type lies
    });
    server.route("/drawing.svg", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 200, "<svg xmlns='http://www.w3.org/2000/svg'><script>x()</script></svg>", {},
                                "image/svg+xml");
    });
    server.route("/huge.png", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 200, png(int(ImageCache::kMaxImageBytes)), {}, "image/png");
    });
    server.route("/to-file", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 302, {}, "Location: file:///etc/passwd\r\n");
    });
    const QUrl url = path.startsWith(u'/') ? server.url(path) : QUrl(path);
    ImageCache cache(folder());
    QSignalSpy failed(&cache, &ImageCache::failed);
    QSignalSpy ready(&cache, &ImageCache::ready);
    cache.fetch(url);
    QVERIFY(failed.wait(ImageCache::kTimeoutMs + 5000));
    QVERIFY2(failed.at(0).at(1).toString().contains(reason), qPrintable(failed.at(0).at(1).toString()));
    QCOMPARE(ready.size(), 0);
    QVERIFY(cache.cachedFile(url).isEmpty());
    const QStringList kept = QDir(folder()).entryList(QDir::Files);
    QVERIFY2(kept.isEmpty(), qPrintable(kept.join(u' ')));
    // Not asked again while Herald runs: a broken picture in every message costs one request.
    const qsizetype asked = server.requests().size();
    cache.fetch(url);
    QVERIFY(failed.wait());
    QCOMPARE(server.requests().size(), asked);
}

void TestImageCache::folder_staysUnderItsCap()
{
    TestHttpServer server;
    server.route("/a.png", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 200, png(1000), {}, "image/png");
    });
    server.route("/b.png", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 200, png(1000), {}, "image/png");
    });
    server.route("/c.png", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 200, png(1000), {}, "image/png");
    });
    ImageCache cache(folder());
    cache.setMaxCacheBytes(2500); // two pictures
    QSignalSpy ready(&cache, &ImageCache::ready);
    for (const char *path : {"/a.png", "/b.png", "/c.png"}) {
        cache.fetch(server.url(QString::fromLatin1(path)));
        QVERIFY(ready.wait());
        QTest::qWait(20); // distinct modification times
    }
    QCOMPARE(QDir(folder()).entryList(QDir::Files).size(), 2);
    QVERIFY(cache.cachedFile(server.url(QStringLiteral("/a.png"))).isEmpty()); // the least recently used went
    QVERIFY(!cache.cachedFile(server.url(QStringLiteral("/c.png"))).isEmpty());
}

QTEST_GUILESS_MAIN(TestImageCache)
#include "tst_imagecache.moc"
