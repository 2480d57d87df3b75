// The thread's shared network objects go while the application object still exists, and a stream still open at
// exit, owned by the application object itself, does not touch its reply after its manager took it along.

#include "TestHttpServer.h"
#include "net/PerThread.h"
#include "net/StreamingNetworkPool.h"
#include "sse/EventSource.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <cstdio>

using herald::EventSource;
using herald::HttpRequest;
using herald::test::TestHttpServer;

namespace {

struct Teardown
{
    int probesDeleted = 0;
    bool applicationAliveAtEachDelete = true;
};

Teardown g_teardown;

class Probe
{
public:
    ~Probe()
    {
        ++g_teardown.probesDeleted;
        g_teardown.applicationAliveAtEachDelete &= QCoreApplication::instance() != nullptr;
    }
};

} // namespace

class TestNetworkTeardown : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameThread_getsTheSameInstance();
    void otherThread_getsItsOwn_deletedWhenItEnds();
    void openStream_isLeftForTheApplicationToEnd();
};

void TestNetworkTeardown::sameThread_getsTheSameInstance()
{
    const auto make = [] { return new Probe; };
    Probe *first = herald::perThread<Probe>(make);
    QVERIFY(first);
    QCOMPARE(herald::perThread<Probe>(make), first);
}

void TestNetworkTeardown::otherThread_getsItsOwn_deletedWhenItEnds()
{
    const auto make = [] { return new Probe; };
    Probe *main = herald::perThread<Probe>(make);
    Probe *other = nullptr;
    std::unique_ptr<QThread> thread(QThread::create([&] { other = herald::perThread<Probe>(make); }));
    const int deletedBefore = g_teardown.probesDeleted;
    thread->start();
    QVERIFY(thread->wait(10000));
    QVERIFY(other);
    QVERIFY(other != main);
    QCOMPARE(g_teardown.probesDeleted, deletedBefore + 1);
}

void TestNetworkTeardown::openStream_isLeftForTheApplicationToEnd()
{
    auto *server = new TestHttpServer;
    server->setParent(QCoreApplication::instance());
    server->route("/events", [](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::startStream(socket, "text/event-stream", true);
        TestHttpServer::send(socket, "data: hello\n\n");
    });
    // Owned by the application: deleted with its children, after the post routines took the shared pool.
    auto *source = new EventSource(server->url(QStringLiteral("/events")), QCoreApplication::instance());
    QSignalSpy events(source, &EventSource::eventReceived);
    source->open();
    QVERIFY(events.wait(10000));
    QVERIFY(herald::StreamingNetworkPool::forCurrentThread()->activeStreams() == 1);
}

int main(int argc, char *argv[])
{
    int failures = 0;
    {
        QCoreApplication application(argc, argv);
        TestNetworkTeardown test;
        failures = QTest::qExec(&test, argc, argv);
    }
    // Checked after the application object is gone: what QTest cannot see.
    if (g_teardown.probesDeleted != 2 || !g_teardown.applicationAliveAtEachDelete) {
        std::fprintf(stderr,
                     "FAIL!  : teardown: %d probes deleted (expected 2: the other thread's and the main "
                     "thread's), %s\n",
                     g_teardown.probesDeleted,
                     g_teardown.applicationAliveAtEachDelete ? "each while the application existed"
                                                             : "some after the application object was gone");
        ++failures;
    } else {
        std::fprintf(stdout, "PASS   : teardown: the main thread's instance went while the application existed\n");
    }
    return failures;
}

#include "tst_networkteardown.moc"
