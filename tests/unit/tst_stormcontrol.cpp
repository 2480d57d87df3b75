#include "rules/StormControl.h"

#include <QJsonObject>
#include <QTest>

using herald::Message;
using herald::Notification;
using herald::StormControl;
using herald::StormSettings;
using herald::Summary;

namespace {

Message message(const QString &feed, const QString &title, int priority = 3)
{
    Message m;
    m.feed = feed;
    m.title = title;
    m.priority = priority;
    return m;
}

const QDateTime kStart(QDate(2026, 11, 24), QTime(12, 0));

// What popped up and when, as the feed manager would show it: submit at each arrival, due() at every deadline.
struct Shown
{
    qint64 atMs;
    Notification notification;
};

class Timeline
{
public:
    explicit Timeline(StormSettings settings = {}) { m_storm.setSettings(settings); }

    void arrive(qint64 atMs, const Message &m)
    {
        runUntil(atMs);
        for (const Notification &n : m_storm.submit(m, kStart.addMSecs(atMs))) {
            m_shown.append({atMs, n});
        }
    }
    void runUntil(qint64 atMs)
    {
        for (QDateTime next = m_storm.nextDeadline(); next.isValid() && kStart.msecsTo(next) <= atMs;
             next = m_storm.nextDeadline()) {
            const qint64 when = kStart.msecsTo(next);
            const auto out = m_storm.due(next);
            for (const Notification &n : out) {
                m_shown.append({when, n});
            }
            if (out.isEmpty() && m_storm.nextDeadline() == next) {
                QFAIL("nextDeadline() does not move after due()");
            }
        }
    }
    const QList<Shown> &shown() const { return m_shown; }
    int popupsBetween(qint64 fromMs, qint64 untilMs) const
    {
        return int(std::count_if(m_shown.cbegin(), m_shown.cend(),
                                 [&](const Shown &s) { return s.atMs >= fromMs && s.atMs <= untilMs; }));
    }

private:
    StormControl m_storm;
    QList<Shown> m_shown;
};

QString titleOf(const Notification &n)
{
    return std::holds_alternative<Message>(n) ? std::get<Message>(n).title : QStringLiteral("summary");
}

} // namespace

class TestStormControl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void personsPace_everyMessagePopsUpAtOnce_data();
    void personsPace_everyMessagePopsUpAtOnce();
    void storm_ofTwoHundred_givesAFewPopupsAndOneSummary();
    void longStorm_summaryIsUpdatedNotStacked();
    void urgentMessage_isNeverHiddenInASummary();
    void summary_namesTheMostUrgent();
    void afterABurst_theNextMessageShowsAtOnce();
    void singleHeldMessage_showsAsItself();
    void feedsAreIndependent();
    void rateLimit_holdsTheRestForTheNextMinute();
    void burstSizeZero_neverSummarises();
    void settings_readFromTheConfigFile();
};

void TestStormControl::personsPace_everyMessagePopsUpAtOnce_data()
{
    QTest::addColumn<int>("gapMs");
    QTest::addColumn<int>("count");
    QTest::newRow("two, 3 s apart") << 3000 << 2;
    QTest::newRow("five, 2 s apart") << 2000 << 5;
    QTest::newRow("demo: one every 6 s") << 6000 << 20;
    QTest::newRow("one a second, a minute long") << 1000 << 60;
    QTest::newRow("three at once") << 0 << 3;
}

void TestStormControl::personsPace_everyMessagePopsUpAtOnce()
{
    QFETCH(int, gapMs);
    QFETCH(int, count);
    Timeline timeline;
    for (int i = 0; i < count; ++i) {
        timeline.arrive(qint64(i) * gapMs, message(QStringLiteral("ci"), QStringLiteral("m%1").arg(i)));
    }
    timeline.runUntil(qint64(count) * gapMs + 60000);
    QCOMPARE(timeline.shown().size(), count);
    for (int i = 0; i < count; ++i) {
        QCOMPARE(timeline.shown().at(i).atMs, qint64(i) * gapMs); // at once, not a millisecond later
        QCOMPARE(titleOf(timeline.shown().at(i).notification), QStringLiteral("m%1").arg(i));
    }
}

void TestStormControl::storm_ofTwoHundred_givesAFewPopupsAndOneSummary()
{
    Timeline timeline;
    for (int i = 0; i < 200; ++i) {
        timeline.arrive(i * 10, message(QStringLiteral("ci"), QStringLiteral("m%1").arg(i))); // 2 s of storm
    }
    timeline.runUntil(17000);
    QVERIFY2(timeline.popupsBetween(0, 17000) <= 5, qPrintable(QString::number(timeline.shown().size())));
    const Shown &last = timeline.shown().constLast();
    const Summary summary = std::get<Summary>(last.notification);
    QCOMPARE(summary.feed, QStringLiteral("ci"));
    QCOMPARE(summary.count + timeline.shown().size() - 1, 200); // every message is either shown or counted
    QCOMPARE(summary.latest.title, QStringLiteral("m199"));
    QCOMPARE(last.atMs, 1990 + StormSettings().quietMs); // as soon as the storm calms down
}

void TestStormControl::longStorm_summaryIsUpdatedNotStacked()
{
    Timeline timeline;
    for (int i = 0; i < 300; ++i) {
        timeline.arrive(i * 100, message(QStringLiteral("ci"), QStringLiteral("m%1").arg(i))); // 30 s
    }
    timeline.runUntil(40000);
    QList<int> counts;
    for (const Shown &s : timeline.shown()) {
        if (const auto *summary = std::get_if<Summary>(&s.notification)) {
            counts.append(summary->count);
        }
    }
    // Every ten seconds, then at the end; each a growing count of the same burst (one popup, replaced in place).
    QCOMPARE(counts.size(), 3); // at 10.3 s, 20.3 s and 30.3 s: the last is due before the storm has been quiet long
    QVERIFY(std::is_sorted(counts.cbegin(), counts.cend()));
    QCOMPARE(counts.constLast(), 297);
}

void TestStormControl::urgentMessage_isNeverHiddenInASummary()
{
    Timeline timeline;
    for (int i = 0; i < 50; ++i) {
        const bool failure = i == 30 || i == 40;
        timeline.arrive(i * 20, message(QStringLiteral("ci"),
                                        failure ? QStringLiteral("FAILED %1").arg(i) : QStringLiteral("ok %1").arg(i),
                                        failure ? 5 : 3));
    }
    timeline.runUntil(10000);
    QStringList titles;
    for (const Shown &s : timeline.shown()) {
        titles.append(titleOf(s.notification));
    }
    // The first failure pops up the moment it comes; the second is no more urgent than the first: summarised.
    QVERIFY2(titles.contains(QStringLiteral("FAILED 30")), qPrintable(titles.join(u',')));
    QVERIFY(!titles.contains(QStringLiteral("FAILED 40")));
    const auto failed = std::find_if(timeline.shown().cbegin(), timeline.shown().cend(), [](const Shown &s) {
        return titleOf(s.notification) == QLatin1String("FAILED 30");
    });
    QCOMPARE(failed->atMs, 600);
    // The summary stands for the rest: "FAILED 30" popped up on its own and is not counted again.
    const Summary summary = std::get<Summary>(timeline.shown().constLast().notification);
    QCOMPARE(summary.count + timeline.shown().size() - 1, 50);
    QCOMPARE(summary.mostUrgent.title, QStringLiteral("FAILED 40"));
}

void TestStormControl::summary_namesTheMostUrgent()
{
    Timeline timeline;
    for (int i = 0; i < 20; ++i) {
        timeline.arrive(i * 20,
                        message(QStringLiteral("ci"), QStringLiteral("m%1").arg(i), i == 10 || i == 12 ? 4 : 3));
    }
    timeline.runUntil(10000);
    // m10 popped up on its own (more urgent than the burst so far); m12 is no more urgent than it: held, and named.
    const Summary summary = std::get<Summary>(timeline.shown().constLast().notification);
    QCOMPARE(summary.priority, 4);
    QCOMPARE(summary.mostUrgent.title, QStringLiteral("m12"));
    QCOMPARE(summary.latest.title, QStringLiteral("m19"));
}

void TestStormControl::afterABurst_theNextMessageShowsAtOnce()
{
    Timeline timeline;
    for (int i = 0; i < 10; ++i) {
        timeline.arrive(i * 10, message(QStringLiteral("ci"), QStringLiteral("burst")));
    }
    timeline.arrive(5000, message(QStringLiteral("ci"), QStringLiteral("later")));
    QCOMPARE(titleOf(timeline.shown().constLast().notification), QStringLiteral("later"));
    QCOMPARE(timeline.shown().constLast().atMs, 5000);
}

void TestStormControl::singleHeldMessage_showsAsItself()
{
    Timeline timeline;
    for (int i = 0; i < 4; ++i) {
        timeline.arrive(i, message(QStringLiteral("chat"), QStringLiteral("line %1").arg(i)));
    }
    timeline.runUntil(10000);
    QCOMPARE(timeline.shown().size(), 4);
    QCOMPARE(titleOf(timeline.shown().constLast().notification), QStringLiteral("line 3"));
    QCOMPARE(timeline.shown().constLast().atMs, 3 + StormSettings().quietMs);
}

void TestStormControl::feedsAreIndependent()
{
    Timeline timeline;
    for (int i = 0; i < 10; ++i) {
        timeline.arrive(i, message(QStringLiteral("ci"), QStringLiteral("ci %1").arg(i)));
    }
    timeline.arrive(20, message(QStringLiteral("chat"), QStringLiteral("hello")));
    QCOMPARE(titleOf(timeline.shown().constLast().notification), QStringLiteral("hello"));
}

void TestStormControl::rateLimit_holdsTheRestForTheNextMinute()
{
    StormSettings settings;
    settings.maxPerMinute = 3;
    Timeline timeline(settings);
    for (int i = 0; i < 5; ++i) {
        timeline.arrive(i * 1000, message(QStringLiteral("feed %1").arg(i), QStringLiteral("m")));
    }
    QCOMPARE(timeline.shown().size(), 3);
    timeline.runUntil(59999);
    QCOMPARE(timeline.shown().size(), 3);
    timeline.runUntil(70000);
    QCOMPARE(timeline.shown().size(), 5); // room again: the first ones left the minute
    QCOMPARE(timeline.shown().at(3).atMs, 60000);
}

void TestStormControl::burstSizeZero_neverSummarises()
{
    StormSettings settings;
    settings.burstSize = 0;
    settings.maxPerMinute = 0;
    Timeline timeline(settings);
    for (int i = 0; i < 50; ++i) {
        timeline.arrive(i, message(QStringLiteral("ci"), QStringLiteral("m%1").arg(i)));
    }
    QCOMPARE(timeline.shown().size(), 50);
}

void TestStormControl::settings_readFromTheConfigFile()
{
    StormSettings defaults;
    const StormSettings fromEmpty = StormSettings::fromJson({});
    QCOMPARE(fromEmpty.burstSize, defaults.burstSize);
    QCOMPARE(fromEmpty.maxPerMinute, defaults.maxPerMinute);

    StormSettings custom;
    custom.burstSize = 5;
    custom.refillMs = 2500;
    custom.quietMs = 3000;
    custom.summaryIntervalMs = 30000;
    custom.maxPerMinute = 12;
    QJsonObject json{{QStringLiteral("stormWindowSeconds"), 10}, {QStringLiteral("sounds"), true}};
    custom.toJson(json);
    QVERIFY(!json.contains(QStringLiteral("stormWindowSeconds")));
    QCOMPARE(json.value(QStringLiteral("sounds")), QJsonValue(true)); // other settings stay
    const StormSettings back = StormSettings::fromJson(json);
    QCOMPARE(back.burstSize, 5);
    QCOMPARE(back.refillMs, 2500);
    QCOMPARE(back.quietMs, 3000);
    QCOMPARE(back.summaryIntervalMs, 30000);
    QCOMPARE(back.maxPerMinute, 12);

    // Older files: stormWindowSeconds is the summary interval, and 0 there meant no coalescing.
    QCOMPARE(StormSettings::fromJson({{QStringLiteral("stormWindowSeconds"), 0}}).burstSize, 0);
    QCOMPARE(StormSettings::fromJson({{QStringLiteral("stormWindowSeconds"), 20}}).summaryIntervalMs, 20000);
}

QTEST_GUILESS_MAIN(TestStormControl)
#include "tst_stormcontrol.moc"
