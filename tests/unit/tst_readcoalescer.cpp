// ReadCoalescer on a real loopback TCP connection: the receive low-water mark goes up while a stream flows and back
// to one byte within the window, so a lone message after a burst is never held back.
#include "net/ReadCoalescer.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

#ifdef Q_OS_LINUX
#include <sys/socket.h>
#endif

using herald::ReadCoalescer;

class TestReadCoalescer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void flowingReadRaisesTheMarkUntilTheWindowEnds();
    void smallReadLeavesTheMarkAlone();
    void smallReadsInQuickSuccessionRaiseTheMark();
    void stopPutsTheMarkBack();
    void loneMessageAfterBurstArrives();
    void sendingPutsTheMarkBackAtOnce();
    void readsAwaitingAReply_areNotCoalesced();

private:
    static int lowWater(const QTcpSocket &socket);

    QTcpServer m_server;
    std::unique_ptr<QTcpSocket> m_client;
    QTcpSocket *m_peer = nullptr; // the server's side, owned by m_server
};

int TestReadCoalescer::lowWater(const QTcpSocket &socket)
{
#ifdef Q_OS_LINUX
    int value = -1;
    socklen_t size = sizeof value;
    if (::getsockopt(int(socket.socketDescriptor()), SOL_SOCKET, SO_RCVLOWAT, &value, &size) != 0) {
        return -1;
    }
    return value;
#else
    Q_UNUSED(socket);
    return -1;
#endif
}

void TestReadCoalescer::init()
{
#ifndef Q_OS_LINUX
    QSKIP("the receive low-water mark is used on Linux only");
#endif
    QVERIFY(m_server.listen(QHostAddress::LocalHost));
    m_client = std::make_unique<QTcpSocket>();
    m_client->connectToHost(QHostAddress::LocalHost, m_server.serverPort());
    QVERIFY(m_client->waitForConnected(5000));
    QTRY_VERIFY(m_server.hasPendingConnections());
    m_peer = m_server.nextPendingConnection();
    QVERIFY(m_peer);
    QCOMPARE(lowWater(*m_client), 1);
}

void TestReadCoalescer::cleanup()
{
    m_client.reset();
    m_server.close();
    m_peer = nullptr;
}

void TestReadCoalescer::flowingReadRaisesTheMarkUntilTheWindowEnds()
{
    ReadCoalescer coalescer;
    coalescer.bytesRead(m_client.get(), ReadCoalescer::kFlowingFrom);
    QVERIFY(coalescer.coalescing());
    QCOMPARE(lowWater(*m_client), ReadCoalescer::kLowWater);
    QTRY_VERIFY(!coalescer.coalescing());
    QCOMPARE(lowWater(*m_client), 1);
}

void TestReadCoalescer::smallReadLeavesTheMarkAlone()
{
    ReadCoalescer coalescer;
    coalescer.bytesRead(m_client.get(), ReadCoalescer::kFlowingFrom - 1);
    QVERIFY(!coalescer.coalescing());
    QCOMPARE(lowWater(*m_client), 1);
}

void TestReadCoalescer::smallReadsInQuickSuccessionRaiseTheMark()
{
    // A server that writes each message on its own (Socket.IO's does) wakes a reader that keeps up with a few
    // hundred bytes at a time: together, within the window, they are a flowing stream.
    ReadCoalescer coalescer;
    QElapsedTimer clock;
    clock.start();
    coalescer.bytesRead(m_client.get(), ReadCoalescer::kFlowingFrom / 2);
    QVERIFY(!coalescer.coalescing());
    coalescer.bytesRead(m_client.get(), ReadCoalescer::kFlowingFrom / 2);
    if (clock.nsecsElapsed() > qint64(ReadCoalescer::kWindowMs) * 1000000) {
        QSKIP("this machine took longer than the window between two calls; nothing to conclude");
    }
    QVERIFY(coalescer.coalescing());
    QCOMPARE(lowWater(*m_client), ReadCoalescer::kLowWater);
    QTRY_VERIFY(!coalescer.coalescing());
    QCOMPARE(lowWater(*m_client), 1);
    // Once the window is over, they count from nothing again.
    coalescer.bytesRead(m_client.get(), ReadCoalescer::kFlowingFrom / 2);
    QVERIFY(!coalescer.coalescing());
}

void TestReadCoalescer::stopPutsTheMarkBack()
{
    ReadCoalescer coalescer;
    coalescer.bytesRead(m_client.get(), 64 * 1024);
    QCOMPARE(lowWater(*m_client), ReadCoalescer::kLowWater);
    coalescer.stop();
    QVERIFY(!coalescer.coalescing());
    QCOMPARE(lowWater(*m_client), 1);
}

void TestReadCoalescer::loneMessageAfterBurstArrives()
{
    // The reader raises the mark after each large read, as WebSocketConnection does; the server then sends a burst
    // followed by one short message, far below the mark: it must still arrive.
    ReadCoalescer coalescer;
    QByteArray received;
    bool raised = false;
    connect(m_client.get(), &QTcpSocket::readyRead, this, [&] {
        const QByteArray bytes = m_client->readAll();
        received += bytes;
        coalescer.bytesRead(m_client.get(), bytes.size());
        raised = raised || coalescer.coalescing();
    });
    const QByteArray burst(8 * 1024, 'b');
    m_peer->write(burst);
    QTRY_COMPARE(received.size(), burst.size());
    QVERIFY(raised);
    m_peer->write("last");
    QTRY_COMPARE(received.size(), burst.size() + 4);
    QVERIFY(received.endsWith("last"));
    QTRY_VERIFY(!coalescer.coalescing());
    QCOMPARE(lowWater(*m_client), 1);
}

void TestReadCoalescer::sendingPutsTheMarkBackAtOnce()
{
    // The reader answers while a stream flows: its answer's reply must not wait for the window.
    ReadCoalescer coalescer;
    coalescer.bytesRead(m_client.get(), 64 * 1024);
    QCOMPARE(lowWater(*m_client), ReadCoalescer::kLowWater);
    coalescer.messageSent();
    QVERIFY(!coalescer.coalescing());
    QCOMPARE(lowWater(*m_client), 1);
}

void TestReadCoalescer::readsAwaitingAReply_areNotCoalesced()
{
    ReadCoalescer coalescer;
    coalescer.messageSent();
    // A 4 KiB echo arrives in two reads: neither raises the mark while the reply is incomplete.
    coalescer.bytesRead(m_client.get(), 2048);
    QVERIFY(!coalescer.coalescing());
    coalescer.bytesRead(m_client.get(), 2048);
    QVERIFY(!coalescer.coalescing());
    QCOMPARE(lowWater(*m_client), 1);
    // The reply is whole: a stream that follows is coalesced again.
    coalescer.messageArrived();
    coalescer.bytesRead(m_client.get(), 64 * 1024);
    QVERIFY(coalescer.coalescing());
}

QTEST_GUILESS_MAIN(TestReadCoalescer)
#include "tst_readcoalescer.moc"
