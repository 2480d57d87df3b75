// WakeDetector: a wall clock that ran ahead of the monotonic one means the machine slept.
#include "net/WakeDetector.h"

#include <QSignalSpy>
#include <QTest>

using herald::WakeDetector;

class TestWakeDetector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sleep_isNoticed();
};

void TestWakeDetector::sleep_isNoticed()
{
    qint64 wall = 1'700'000'000'000;
    qint64 monotonic = 5'000;
    WakeDetector detector([&] { return wall; }, [&] { return monotonic; });
    QSignalSpy woke(&detector, &WakeDetector::wokeUp);

    wall += 10'000; // an ordinary tick: both clocks moved alike
    monotonic += 10'000;
    detector.check();
    wall += 12'000; // a late tick on a busy machine is not a sleep
    monotonic += 10'000;
    detector.check();
    wall -= 3'600'000; // the clock set back an hour is not a sleep either
    monotonic += 10'000;
    detector.check();
    QCOMPARE(woke.count(), 0);

    wall += 10'000 + 45 * 60'000; // 45 minutes with the lid closed
    monotonic += 10'000;
    detector.check();
    QCOMPARE(woke.count(), 1);
    QCOMPARE(woke.at(0).at(0).toLongLong(), 45 * 60'000);

    wall += 10'000;
    monotonic += 10'000;
    detector.check();
    QCOMPARE(woke.count(), 1); // once per sleep
}

QTEST_GUILESS_MAIN(TestWakeDetector)
#include "tst_wakedetector.moc"
