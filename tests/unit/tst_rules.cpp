#include "rules/RuleFilter.h"
#include "rules/RulesJson.h"

#include <QJsonDocument>
#include <QTest>

using herald::Message;
using herald::RuleFilter;
using herald::Rules;

namespace {

Message message(const QString &feed, const QString &title, int priority = 3, const QString &type = {})
{
    Message m;
    m.feed = feed;
    m.title = title;
    m.body = QStringLiteral("body of ") + title;
    m.priority = priority;
    m.eventType = type;
    return m;
}

QDateTime at(int hour, int minute, int second = 0, int ms = 0)
{
    return QDateTime(QDate(2026, 11, 24), QTime(hour, minute, second, ms)); // local time, as quiet hours are
}

} // namespace

Q_DECLARE_METATYPE(herald::Rules)
Q_DECLARE_METATYPE(herald::Message)

class TestRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filter_data();
    void filter();
    void quietHours_acrossMidnight_data();
    void quietHours_acrossMidnight();
    void globalRules_comeFirst();
    void rulesFromTheConfigFile_apply();
};

void TestRules::filter_data()
{
    QTest::addColumn<Rules>("rules");
    QTest::addColumn<Message>("message");
    QTest::addColumn<bool>("notify");
    QTest::addColumn<QString>("reasonPart");

    const Message plain = message(QStringLiteral("ci"), QStringLiteral("Build 12 passed"), 3, QStringLiteral("build"));
    Rules none;
    QTest::newRow("no rules") << none << plain << true << QString();

    Rules include;
    include.includeTypes = {QStringLiteral("deploy")};
    QTest::newRow("type not included") << include << plain << false << QStringLiteral("event type \"build\"");
    include.includeTypes = {QStringLiteral("build"), QStringLiteral("deploy")};
    QTest::newRow("type included") << include << plain << true << QString();

    Rules exclude;
    exclude.excludeTypes = {QStringLiteral("build")};
    QTest::newRow("type excluded") << exclude << plain << false << QStringLiteral("is excluded");

    Rules untyped;
    untyped.includeTypes = {QStringLiteral("message")};
    QTest::newRow("no type counts as message")
        << untyped << message(QStringLiteral("ci"), QStringLiteral("x")) << true << QString();

    Rules pattern;
    pattern.includePattern =
        QRegularExpression(QStringLiteral("fail|error"), QRegularExpression::CaseInsensitiveOption);
    QTest::newRow("pattern not matched") << pattern << plain << false << QStringLiteral("does not match /fail|error/");
    Message failed = message(QStringLiteral("ci"), QStringLiteral("Build 13"));
    failed.body = QStringLiteral("3 tests FAILED");
    QTest::newRow("pattern matched in body") << pattern << failed << true << QString();

    Rules excludePattern;
    excludePattern.excludePattern =
        QRegularExpression(QStringLiteral("^Build \\d+ passed$"), QRegularExpression::MultilineOption);
    QTest::newRow("excluded pattern") << excludePattern << plain << false << QStringLiteral("matches the excluded");

    Rules field;
    field.fieldPointer = QStringLiteral("/branch");
    field.fieldPattern = QRegularExpression(QStringLiteral("^main$"));
    Message onMain = plain;
    onMain.raw = QStringLiteral("{\"branch\":\"main\"}");
    Message onFeature = plain;
    onFeature.raw = QStringLiteral("{\"branch\":\"feature/x\"}");
    Message notJson = plain;
    notJson.raw = QStringLiteral("plain text");
    QTest::newRow("field matches") << field << onMain << true << QString();
    QTest::newRow("field differs") << field << onFeature << false << QStringLiteral("/branch does not match /^main$/");
    QTest::newRow("field absent") << field << notJson << false << QStringLiteral("/branch does not match");

    Rules priority;
    priority.minPriority = 4;
    QTest::newRow("below min priority") << priority << plain << false << QStringLiteral("priority 3 is below 4");
    QTest::newRow("at min priority") << priority << message(QStringLiteral("ci"), QStringLiteral("x"), 4) << true
                                     << QString();

    Rules muted;
    muted.mutedUntil = at(13, 0);
    QTest::newRow("muted") << muted << plain << false << QStringLiteral("muted until 2026-11-24 13:00");
    muted.mutedUntil = at(11, 0);
    QTest::newRow("mute over") << muted << plain << true << QString();
}

void TestRules::filter()
{
    QFETCH(Rules, rules);
    QFETCH(Message, message);
    QFETCH(bool, notify);
    QFETCH(QString, reasonPart);
    const auto verdict = RuleFilter::evaluate(message, rules, at(12, 0));
    QCOMPARE(verdict.notify, notify);
    QVERIFY2(verdict.reason.contains(reasonPart), qPrintable(verdict.reason));
    QCOMPARE(verdict.reason.isEmpty(), notify);
}

void TestRules::quietHours_acrossMidnight_data()
{
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<int>("priority");
    QTest::addColumn<bool>("notify");
    QTest::newRow("21:59 before") << at(21, 59) << 3 << true;
    QTest::newRow("22:00 starts") << at(22, 0) << 3 << false;
    QTest::newRow("23:30 quiet") << at(23, 30) << 4 << false;
    QTest::newRow("23:30 urgent gets through") << at(23, 30) << 5 << true;
    QTest::newRow("00:00 quiet") << at(0, 0) << 3 << false;
    QTest::newRow("06:59 quiet") << at(6, 59) << 3 << false;
    QTest::newRow("07:00 over") << at(7, 0) << 3 << true;
    QTest::newRow("12:00 day") << at(12, 0) << 1 << true;
}

void TestRules::quietHours_acrossMidnight()
{
    QFETCH(QDateTime, now);
    QFETCH(int, priority);
    QFETCH(bool, notify);
    Rules rules;
    rules.quietHoursEnabled = true;
    rules.quietFrom = QTime(22, 0);
    rules.quietUntil = QTime(7, 0);
    rules.quietMinPriority = 5;
    const auto verdict = RuleFilter::evaluate(message(QStringLiteral("ci"), QStringLiteral("x"), priority), rules, now);
    QCOMPARE(verdict.notify, notify);
    if (!notify) {
        QVERIFY2(verdict.reason.contains(QStringLiteral("quiet hours (22:00 to 07:00)")), qPrintable(verdict.reason));
    }
    // The same within one day.
    rules.quietFrom = QTime(13, 0);
    rules.quietUntil = QTime(14, 0);
    QVERIFY(RuleFilter::inQuietHours(rules, QTime(13, 30)));
    QVERIFY(!RuleFilter::inQuietHours(rules, QTime(14, 0)));
    QVERIFY(!RuleFilter::inQuietHours(rules, QTime(23, 0)));
}

void TestRules::globalRules_comeFirst()
{
    Rules global;
    global.minPriority = 2;
    Rules feed;
    feed.excludeTypes = {QStringLiteral("noise")};
    QCOMPARE(
        RuleFilter::evaluate(message(QStringLiteral("ci"), QStringLiteral("x"), 1), global, feed, at(12, 0)).reason,
        QStringLiteral("priority 1 is below 2"));
    QVERIFY(!RuleFilter::evaluate(message(QStringLiteral("ci"), QStringLiteral("x"), 3, QStringLiteral("noise")),
                                  global, feed, at(12, 0))
                 .notify);
    QVERIFY(
        RuleFilter::evaluate(message(QStringLiteral("ci"), QStringLiteral("x"), 3), global, feed, at(12, 0)).notify);
}

void TestRules::rulesFromTheConfigFile_apply()
{
    // As a person writes them in herald.json: patterns ignore case, quiet hours run past midnight.
    const QJsonObject json =
        QJsonDocument::fromJson("{\"include\": \"deploy|release\", \"minPriority\": 2,"
                                " \"quietHours\": {\"from\": \"22:00\", \"until\": \"07:00\", \"minPriority\": 5}}")
            .object();
    QString problem;
    const auto rules = herald::rulesFromJson(json, &problem);
    QVERIFY2(rules, qPrintable(problem));
    QVERIFY(
        RuleFilter::evaluate(message(QStringLiteral("ci"), QStringLiteral("Deploy done")), *rules, at(12, 0)).notify);
    QCOMPARE(RuleFilter::evaluate(message(QStringLiteral("ci"), QStringLiteral("lint")), *rules, at(12, 0)).reason,
             QStringLiteral("does not match /deploy|release/"));
    QVERIFY(
        !RuleFilter::evaluate(message(QStringLiteral("ci"), QStringLiteral("release"), 4), *rules, at(23, 0)).notify);
    QVERIFY(
        RuleFilter::evaluate(message(QStringLiteral("ci"), QStringLiteral("release"), 5), *rules, at(6, 59)).notify);
    QCOMPARE(herald::rulesToJson(*rules), json);
}

QTEST_GUILESS_MAIN(TestRules)
#include "tst_rules.moc"
