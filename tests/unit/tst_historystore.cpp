#include "store/HistoryStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#ifdef Q_OS_UNIX
#include <signal.h>
#include <sys/stat.h>
#endif

using herald::HistoryStore;
using herald::Message;
using herald::StoredMessage;

namespace {

Message message(const QString &feed, const QString &id, const QString &title, const QString &body = {})
{
    Message m;
    m.feed = feed;
    m.id = id;
    m.title = title;
    m.body = body;
    m.time = QDateTime::currentDateTimeUtc();
    return m;
}

QStringList titles(const QList<StoredMessage> &stored)
{
    QStringList out;
    for (const StoredMessage &s : stored) {
        out.append(s.message.title);
    }
    return out;
}

} // namespace

class TestHistoryStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void append_storesOnceAndReportsOnlyNewOnes();
    void dedupe_survivesReopening();
    void burst_isWrittenInFewTransactionsWithoutLoss();
    void writerThread_keepsOrderWhileThisThreadReadsAndMarks();
    void roundTrip_keepsEveryField();
    void roundTrip_keepsEmptyAndEveryCharacter();
    void search_data();
    void search();
    void search_indexCatchesUpAfterABurstAndForgetsWhatIsPruned();
    void filters_feedUnreadSince();
    void readState();
    void retention_keepsTheNewest();
    void retention_goesByArrivalNotTheServersDate();
    void rowIds_areNeverUsedTwice();
    void sizeCap_keepsTheHistoryUnderIt();
    void retention_keepsWhatIsNotSentYet();
    void lastEventId_survivesReopening();
    void olderSchema_isMigrated();
    void newerSchema_isRefusedWithClearError();
    void unwritableLocation_saysWhere();
    void files_arePrivateWhateverTheUmask();
    void brokenFile_isMovedAsideAndANewOneStarts();
    void killedWriter_leavesEveryCommittedMessage();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("history.sqlite")); }
    // One statement on a connection of its own, as another reader of the file; its first value, or an error text.
    QVariant scalar(const QString &sql) const;
    qint64 indexedUpto() const { return scalar(QStringLiteral("SELECT indexed_upto FROM search_state")).toLongLong(); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

QVariant TestHistoryStore::scalar(const QString &sql) const
{
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("scalar"));
        db.setDatabaseName(path());
        if (!db.open()) {
            return db.lastError().text();
        }
        QSqlQuery query(db);
        value = query.exec(sql) ? (query.next() ? query.value(0) : QVariant()) : QVariant(query.lastError().text());
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("scalar"));
    return value;
}

void TestHistoryStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestHistoryStore::cleanup()
{
    m_dir.reset();
}

void TestHistoryStore::append_storesOnceAndReportsOnlyNewOnes()
{
    HistoryStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    QCOMPARE(store.schemaVersion(), HistoryStore::kSchemaVersion);
    QSignalSpy stored(&store, &HistoryStore::stored);
    QSignalSpy duplicates(&store, &HistoryStore::duplicatesSkipped);
    store.append(message(QStringLiteral("ci"), QStringLiteral("1"), QStringLiteral("one")));
    store.append(message(QStringLiteral("ci"), QStringLiteral("1"), QStringLiteral("one again")));
    store.append(message(QStringLiteral("chat"), QStringLiteral("1"), QStringLiteral("same id, other feed")));
    store.append(message(QStringLiteral("ci"), {}, QStringLiteral("no id")));
    store.append(message(QStringLiteral("ci"), {}, QStringLiteral("no id")));
    QCOMPARE(store.pendingCount(), 5);
    QVERIFY(stored.wait(5000)); // written when the event loop is free, not inside append()
    const auto added = stored.at(0).at(0).value<QList<StoredMessage>>();
    QCOMPARE(titles(added), (QStringList{QStringLiteral("one"), QStringLiteral("same id, other feed"),
                                         QStringLiteral("no id"), QStringLiteral("no id")}));
    QVERIFY(added.at(0).rowId > 0);
    QCOMPARE(duplicates.value(0).value(0).toInt(), 1);
    QCOMPARE(store.count(), 4);
    QCOMPARE(store.count(QStringLiteral("ci")), 3);
}

void TestHistoryStore::dedupe_survivesReopening()
{
    {
        HistoryStore store;
        QVERIFY(store.open(path()));
        store.append(message(QStringLiteral("ci"), QStringLiteral("41"), QStringLiteral("before restart")));
        QVERIFY(store.flush());
    }
    HistoryStore store;
    QVERIFY(store.open(path()));
    QSignalSpy stored(&store, &HistoryStore::stored);
    store.append(message(QStringLiteral("ci"), QStringLiteral("41"), QStringLiteral("replayed")));
    store.append(message(QStringLiteral("ci"), QStringLiteral("42"), QStringLiteral("new")));
    QVERIFY(store.flush());
    QCOMPARE(stored.count(), 1);
    QCOMPARE(titles(stored.at(0).at(0).value<QList<StoredMessage>>()), QStringList{QStringLiteral("new")});
    QCOMPARE(store.count(), 2);
}

void TestHistoryStore::burst_isWrittenInFewTransactionsWithoutLoss()
{
    HistoryStore store;
    QVERIFY(store.open(path()));
    QSignalSpy stored(&store, &HistoryStore::stored);
    constexpr int kBurst = 10000;
    for (int i = 0; i < kBurst; ++i) {
        store.append(message(QStringLiteral("burst"), QString::number(i), QStringLiteral("event %1").arg(i)));
    }
    QTRY_COMPARE(store.pendingCount(), 0);
    int total = 0;
    for (const auto &call : stored) {
        total += int(call.at(0).value<QList<StoredMessage>>().size());
    }
    QCOMPARE(total, kBurst);
    // A batch once kBatchSize wait; what arrives while the writer's thread writes goes in the next, larger one.
    QVERIFY2(stored.count() >= 2 && stored.count() <= kBurst / HistoryStore::kBatchSize,
             qPrintable(QString::number(stored.count())));
    QCOMPARE(store.count(), kBurst);
}

void TestHistoryStore::writerThread_keepsOrderWhileThisThreadReadsAndMarks()
{
    HistoryStore store;
    QVERIFY(store.open(path()));
    QList<qint64> rowIds;
    QList<QString> ids;
    connect(&store, &HistoryStore::stored, this, [&](const QList<StoredMessage> &added) {
        QCOMPARE(QThread::currentThread(), thread()); // handed over on the store's thread
        for (const StoredMessage &stored : added) {
            rowIds.append(stored.rowId);
            ids.append(stored.message.id);
        }
    });
    constexpr int kMessages = 25000;
    int largestQueue = 0;
    for (int i = 0; i < kMessages; ++i) {
        store.append(message(QStringLiteral("feed%1").arg(i % 3), QString::number(i), QStringLiteral("m %1").arg(i)));
        largestQueue = std::max(largestQueue, store.pendingCount());
        if (i % 997 == 0) {
            QCoreApplication::processEvents(); // results come back; this thread marks and reads beside the writer
            if (!rowIds.isEmpty()) {
                QVERIFY(store.markRead({rowIds.last()}));
            }
            QVERIFY(store.count() <= i + 1);
        }
    }
    QTRY_COMPARE(store.pendingCount(), 0);
    QCOMPARE(rowIds.size(), kMessages);
    QVERIFY(std::is_sorted(rowIds.cbegin(), rowIds.cend()));
    for (int i = 0; i < kMessages; ++i) {
        QCOMPARE(ids.at(i), QString::number(i)); // in the order they came
    }
    // The writer keeps up or this thread waits for it: the queue stays bounded however fast messages come (one
    // batch being written, one waiting).
    QVERIFY2(largestQueue <= 2 * HistoryStore::kWaitForWriterAt, qPrintable(QString::number(largestQueue)));
    QCOMPARE(store.count(), kMessages);
    QVERIFY(store.unreadCount() < kMessages);
}

void TestHistoryStore::roundTrip_keepsEveryField()
{
    HistoryStore store;
    QVERIFY(store.open(path()));
    Message m = message(QStringLiteral("ntfy"), QStringLiteral("abc"), QStringLiteral("⚠️ Disk"),
                        QStringLiteral("<b>93%</b>"));
    m.priority = 5;
    m.tags = {QStringLiteral("warning"), QStringLiteral("nas")};
    m.clickUrl = QUrl(QStringLiteral("https://nas.local/"));
    m.eventType = QStringLiteral("message");
    m.iconUrl = QUrl(QStringLiteral("https://nas.local/icon.png"));
    m.imageUrl = QUrl(QStringLiteral("https://nas.local/graph.png"));
    m.markdown = true;
    m.raw = QStringLiteral(R"({"x":1})");
    m.note = QStringLiteral("a note");
    m.time = QDateTime(QDate(2026, 11, 24), QTime(12, 0, 0, 250), Qt::UTC);
    store.append(m);
    QVERIFY(store.flush());
    const auto all = store.query({});
    QCOMPARE(all.size(), 1);
    const Message &back = all.at(0).message;
    QCOMPARE(back.feed, m.feed);
    QCOMPARE(back.id, m.id);
    QCOMPARE(back.title, m.title);
    QCOMPARE(back.body, m.body);
    QCOMPARE(back.priority, 5);
    QCOMPARE(back.tags, m.tags);
    QCOMPARE(back.clickUrl, m.clickUrl);
    QCOMPARE(back.eventType, m.eventType);
    QCOMPARE(back.iconUrl, m.iconUrl);
    QCOMPARE(back.imageUrl, m.imageUrl);
    QVERIFY(back.markdown);
    QCOMPARE(back.raw, m.raw);
    QCOMPARE(back.note, m.note);
    QCOMPARE(back.time, m.time);
    QVERIFY(!all.at(0).read);
}

void TestHistoryStore::roundTrip_keepsEmptyAndEveryCharacter()
{
    HistoryStore store;
    QVERIFY(store.open(path()));
    Message m = message(QStringLiteral("feed"), QStringLiteral("1"), QString(), QString());
    m.title = QString(); // null: stored as '', the column is NOT NULL
    m.body = QStringLiteral("");
    m.raw = QStringLiteral("한국어 😀 \u0001 é") + QChar(0x0000) + QStringLiteral("after a NUL");
    m.note = QStringLiteral("ends in half a pair ") + QChar(0xD83D); // what no UTF-8 can hold
    store.append(m);
    QVERIFY2(store.flush(), qPrintable(store.errorString()));
    const auto all = store.query({});
    QCOMPARE(all.size(), 1);
    const Message &back = all.at(0).message;
    QVERIFY(back.title.isEmpty());
    QVERIFY(back.body.isEmpty());
    QCOMPARE(back.raw, m.raw);
    QCOMPARE(back.note, QStringLiteral("ends in half a pair ") + QChar(QChar::ReplacementCharacter));
}

void TestHistoryStore::search_data()
{
    QTest::addColumn<bool>("indexed");
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("expected");
    const QStringList everything{
        QStringLiteral("한국어 안내"),    QStringLiteral("Café ouvert"),     QStringLiteral("빌드오류가 발생했습니다"),
        QStringLiteral("빌드 성공"),      QStringLiteral("Deploy finished"), QStringLiteral("Build 13 failed"),
        QStringLiteral("Build 12 passed")};
    const struct
    {
        const char *name;
        QString search;
        QStringList expected;
    } rows[] = {
        {"word in title", QStringLiteral("deploy"), {QStringLiteral("Deploy finished")}},
        {"word in body", QStringLiteral("alice"), {QStringLiteral("Build 12 passed")}},
        {"all words", QStringLiteral("build failed"), {QStringLiteral("Build 13 failed")}},
        {"start of a word", QStringLiteral("depl"), {QStringLiteral("Deploy finished")}},
        {"inside a word", QStringLiteral("ploy"), {QStringLiteral("Deploy finished")}},
        {"end of a word", QStringLiteral("ished"), {QStringLiteral("Deploy finished")}},
        {"one letter", QStringLiteral("V"), {QStringLiteral("Café ouvert")}},
        {"korean", QStringLiteral("빌드"), {QStringLiteral("빌드오류가 발생했습니다"), QStringLiteral("빌드 성공")}},
        {"korean inside a word", QStringLiteral("오류"), {QStringLiteral("빌드오류가 발생했습니다")}},
        {"korean two syllables", QStringLiteral("국어"), {QStringLiteral("한국어 안내")}},
        {"korean one syllable", QStringLiteral("공"), {QStringLiteral("빌드 성공")}},
        {"case folded", QStringLiteral("BUILD 12"), {QStringLiteral("Build 12 passed")}},
        {"accents folded", QStringLiteral("cafe"), {QStringLiteral("Café ouvert")}},
        {"accents typed", QStringLiteral("CAFÉ"), {QStringLiteral("Café ouvert")}},
        {"never across words", QStringLiteral("ldo"), {}},
        {"never from title into body", QStringLiteral("passedby"), {}},
        {"FTS syntax is just text", QStringLiteral("\"AND ( OR*"), {}},
        {"a quote inside", QStringLiteral("de\"ploy"), {QStringLiteral("Deploy finished")}},
        {"no match", QStringLiteral("zebra"), {}},
        // Found by tests/fuzz: a NUL ended the FTS5 string early ("unterminated string"), and one alone left no words.
        {"control characters separate words",
         QStringLiteral("deploy") + QChar(0) + QStringLiteral("fin"),
         {QStringLiteral("Deploy finished")}},
        {"only a control character: no filter", QString(QChar(0)), everything},
        {"only punctuation: no filter", QStringLiteral("-- !"), everything},
    };
    for (const bool indexed : {false, true}) {
        for (const auto &row : rows) {
            QTest::addRow("%s, %s", row.name, indexed ? "indexed" : "just written")
                << indexed << row.search << row.expected;
        }
    }
}

void TestHistoryStore::search()
{
    QFETCH(bool, indexed);
    QFETCH(QString, search);
    QFETCH(QStringList, expected);
    HistoryStore store;
    QVERIFY(store.open(path()));
    store.append(message(QStringLiteral("ci"), QStringLiteral("1"), QStringLiteral("Build 12 passed"),
                         QStringLiteral("by alice")));
    store.append(message(QStringLiteral("ci"), QStringLiteral("2"), QStringLiteral("Build 13 failed"),
                         QStringLiteral("by bob")));
    store.append(
        message(QStringLiteral("cd"), QStringLiteral("3"), QStringLiteral("Deploy finished"), QStringLiteral("prod")));
    store.append(message(QStringLiteral("ko"), QStringLiteral("4"), QStringLiteral("빌드 성공"),
                         QStringLiteral("테스트 412개")));
    store.append(message(QStringLiteral("ko"), QStringLiteral("5"), QStringLiteral("빌드오류가 발생했습니다"),
                         QStringLiteral("")));
    store.append(message(QStringLiteral("fr"), QStringLiteral("6"), QStringLiteral("Café ouvert"), QString()));
    store.append(message(QStringLiteral("ko"), QStringLiteral("7"), QStringLiteral("한국어 안내"), QString()));
    QVERIFY(store.flush());
    if (indexed) {
        store.indexEverything();
    }
    HistoryStore::Query query;
    query.search = search;
    QCOMPARE(titles(store.query(query)), expected);
}

void TestHistoryStore::search_indexCatchesUpAfterABurstAndForgetsWhatIsPruned()
{
    HistoryStore store;
    QVERIFY(store.open(path()));
    for (int i = 0; i < 3000; ++i) {
        store.append(message(QStringLiteral("ci"), QString::number(i), QStringLiteral("event k%1q").arg(i)));
    }
    QVERIFY(store.flush());
    // Found while the index has not reached them, and after it has, on its own (no call from outside).
    HistoryStore::Query query;
    query.search = QStringLiteral("k2999q");
    QCOMPARE(store.query(query).size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(indexedUpto() == store.query({}).constFirst().rowId, 10000);
    QCOMPARE(store.query(query).size(), 1);
    query.search = QStringLiteral("k0q");
    QCOMPARE(store.query(query).size(), 1);

    // Pruning takes indexed messages out of the index too, and the index stays sound.
    store.setRetention(1000, 0);
    QCOMPARE(store.query(query).size(), 0);
    query.search = QStringLiteral("event");
    query.limit = 0;
    QCOMPARE(store.query(query).size(), 1000);
    QVERIFY(store.flush());
    store.close();
    QCOMPARE(scalar(QStringLiteral("INSERT INTO search_grams (search_grams, rank) VALUES ('integrity-check', 0)")),
             QVariant());
    QCOMPARE(scalar(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
}

void TestHistoryStore::filters_feedUnreadSince()
{
    HistoryStore store;
    QVERIFY(store.open(path()));
    Message old = message(QStringLiteral("ci"), QStringLiteral("1"), QStringLiteral("old"));
    old.received = QDateTime::currentDateTimeUtc().addDays(-3); // "since" asks when it arrived
    store.append(old);
    store.append(message(QStringLiteral("ci"), QStringLiteral("2"), QStringLiteral("recent")));
    store.append(message(QStringLiteral("chat"), QStringLiteral("3"), QStringLiteral("hi")));
    QVERIFY(store.flush());
    HistoryStore::Query query;
    query.feed = QStringLiteral("ci");
    QCOMPARE(titles(store.query(query)), (QStringList{QStringLiteral("recent"), QStringLiteral("old")}));
    query.since = QDateTime::currentDateTimeUtc().addDays(-1);
    QCOMPARE(titles(store.query(query)), QStringList{QStringLiteral("recent")});
    query = {};
    query.limit = 1;
    QCOMPARE(store.query(query).size(), 1);
}

void TestHistoryStore::readState()
{
    HistoryStore store;
    QVERIFY(store.open(path()));
    store.append(message(QStringLiteral("ci"), QStringLiteral("1"), QStringLiteral("a")));
    store.append(message(QStringLiteral("ci"), QStringLiteral("2"), QStringLiteral("b")));
    store.append(message(QStringLiteral("chat"), QStringLiteral("3"), QStringLiteral("c")));
    QVERIFY(store.flush());
    QCOMPARE(store.unreadCount(), 3);
    const auto all = store.query({});
    QVERIFY(store.markRead({all.at(0).rowId}));
    QCOMPARE(store.unreadCount(), 2);
    HistoryStore::Query unread;
    unread.unreadOnly = true;
    QCOMPARE(store.query(unread).size(), 2);
    QSignalSpy changed(&store, &HistoryStore::readStateChanged);
    store.append(message(QStringLiteral("ci"), QStringLiteral("4"), QStringLiteral("waiting still")));
    store.markAllRead(QStringLiteral("ci")); // on the writer's thread, after it has written what waits
    QVERIFY(changed.wait());
    QCOMPARE(store.unreadCount(QStringLiteral("ci")), 0);
    QCOMPARE(store.count(QStringLiteral("ci")), 3);
    QCOMPARE(store.unreadCount(), 0);
    QVERIFY(store.markRead({all.at(1).rowId}, false));
    QCOMPARE(store.unreadCount(), 1);
}

void TestHistoryStore::retention_keepsTheNewest()
{
    HistoryStore store;
    QVERIFY(store.open(path()));
    store.setRetention(5, 0);
    for (int i = 0; i < 8; ++i) {
        store.append(message(QStringLiteral("ci"), QString::number(i), QStringLiteral("event %1").arg(i)));
    }
    QVERIFY(store.flush());
    QCOMPARE(store.count(), 5);
    HistoryStore::Query query;
    query.search = QStringLiteral("event");
    QCOMPARE(store.query(query).size(), 5); // the search index forgot the pruned ones too
    QCOMPARE(titles(store.query({})).constLast(), QStringLiteral("event 3"));

    Message ancient = message(QStringLiteral("ci"), QStringLiteral("old"), QStringLiteral("ancient"));
    ancient.received = QDateTime::currentDateTimeUtc().addDays(-40); // as if it had waited here since then
    store.setRetention(0, 30);
    store.append(ancient);
    QVERIFY(store.flush());
    QVERIFY(!titles(store.query({})).contains(QStringLiteral("ancient")));
}

void TestHistoryStore::retention_goesByArrivalNotTheServersDate()
{
    HistoryStore store;
    QVERIFY(store.open(path()));
    store.setRetention(0, 30);
    QSignalSpy stored(&store, &HistoryStore::stored);
    store.append(message(QStringLiteral("ntfy"), QStringLiteral("a"), QStringLiteral("first to arrive")));
    QVERIFY(store.flush());
    // ntfy's "time" (and gotify's "date") come from the server: a message dated 2023 arrives now.
    Message dated = message(QStringLiteral("ntfy"), QStringLiteral("b"), QStringLiteral("dated 2023"));
    dated.time = QDateTime(QDate(2023, 1, 1), QTime(0, 0), Qt::UTC);
    const QDateTime before = QDateTime::currentDateTimeUtc();
    store.append(dated);
    QVERIFY(store.flush());

    QCOMPARE(store.count(), 2); // not pruned at once
    const auto found = store.query({});
    QCOMPARE(titles(found), (QStringList{QStringLiteral("dated 2023"), QStringLiteral("first to arrive")}));
    QCOMPARE(found.at(0).message.time, dated.time); // what the server said is kept as "sent"
    QVERIFY(found.at(0).message.received >= before.addMSecs(-1));
    QCOMPARE(stored.constLast().first().value<QList<StoredMessage>>().at(0).message.received,
             found.at(0).message.received);

    HistoryStore::Query recent;
    recent.since = before.addSecs(-60);
    QCOMPARE(store.query(recent).size(), 2); // "since" is arrival too
}

void TestHistoryStore::rowIds_areNeverUsedTwice()
{
    HistoryStore store;
    QVERIFY(store.open(path()));
    store.setRetention(0, 30);
    store.append(message(QStringLiteral("ci"), QStringLiteral("1"), QStringLiteral("kept")));
    Message old = message(QStringLiteral("ci"), QStringLiteral("2"), QStringLiteral("pruned at once"));
    old.received = QDateTime::currentDateTimeUtc().addDays(-31);
    store.append(old);
    QSignalSpy stored(&store, &HistoryStore::stored);
    QVERIFY(store.flush());
    const qint64 prunedRow = stored.constLast().first().value<QList<StoredMessage>>().at(1).rowId;
    QCOMPARE(store.count(), 1);

    // The highest row is gone: without AUTOINCREMENT SQLite would hand its id to the next message, and a popup,
    // chat line or selection that held the old id would now point at the new message.
    store.append(message(QStringLiteral("ci"), QStringLiteral("3"), QStringLiteral("next")));
    QVERIFY(store.flush());
    QVERIFY(stored.constLast().first().value<QList<StoredMessage>>().at(0).rowId > prunedRow);
    QVERIFY(store.markRead({prunedRow}));
    QCOMPARE(store.unreadCount(), 2); // the old id reaches nothing else
}

void TestHistoryStore::sizeCap_keepsTheHistoryUnderIt()
{
    HistoryStore store;
    QVERIFY(store.open(path()));
    store.setRetention(0, 0, 1); // 1 MiB
    const QString body = QStringLiteral("lorem ipsum dolor sit amet ").repeated(10);
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 2000; ++i) {
            store.append(message(QStringLiteral("ci"), QStringLiteral("%1-%2").arg(round).arg(i),
                                 QStringLiteral("message %1-%2").arg(round).arg(i), body));
        }
        QVERIFY(store.flush());
        QVERIFY2(store.usedBytes() <= 1024 * 1024, qPrintable(QString::number(store.usedBytes())));
    }
    const int kept = store.count();
    QVERIFY2(kept > 1000, qPrintable(QString::number(kept))); // it keeps what fits
    QVERIFY(kept < 6000);                                     // 6,000 messages of 300 bytes and their index do not
    HistoryStore::Query everything;
    everything.limit = 0;
    const auto all = store.query(everything);
    QCOMPARE(all.size(), kept);
    QCOMPARE(all.first().message.title, QStringLiteral("message 2-1999")); // the newest stay, without a gap
    QCOMPARE(
        all.last().message.title,
        QStringLiteral("message %1").arg(QStringLiteral("%1-%2").arg((6000 - kept) / 2000).arg((6000 - kept) % 2000)));
}

void TestHistoryStore::retention_keepsWhatIsNotSentYet()
{
    HistoryStore store;
    QVERIFY(store.open(path()));
    Message said = message(QStringLiteral("chat"), QStringLiteral("mine"), QStringLiteral("not sent yet"));
    said.outgoing = true;
    said.pending = true;
    store.append(said);
    for (int i = 0; i < 5; ++i) {
        store.append(message(QStringLiteral("chat"), QString::number(i), QStringLiteral("reply %1").arg(i)));
    }
    QVERIFY(store.flush());
    store.setRetention(2, 0, 0);
    const QList<Message> waiting = store.pendingOutgoing(QStringLiteral("chat"));
    QCOMPARE(waiting.size(), 1);
    QCOMPARE(waiting.at(0).title, QStringLiteral("not sent yet"));
    QCOMPARE(store.count(), 3); // the two newest, and what still waits for its server
}

void TestHistoryStore::lastEventId_survivesReopening()
{
    {
        HistoryStore store;
        QVERIFY(store.open(path()));
        QVERIFY(store.setLastEventId(QStringLiteral("ci"), QStringLiteral("41")));
        QVERIFY(store.setLastEventId(QStringLiteral("ci"), QStringLiteral("42")));
    }
    HistoryStore store;
    QVERIFY(store.open(path()));
    QCOMPARE(store.lastEventId(QStringLiteral("ci")), QStringLiteral("42"));
    QCOMPARE(store.lastEventId(QStringLiteral("other")), QString());
}

void TestHistoryStore::olderSchema_isMigrated()
{
    {
        // A history as the first schema left it.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral(
            "CREATE TABLE messages (id INTEGER PRIMARY KEY, feed TEXT NOT NULL, event_id TEXT, time INTEGER NOT NULL,"
            " title TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '', priority INTEGER NOT NULL DEFAULT 3,"
            " raw TEXT NOT NULL DEFAULT '', read INTEGER NOT NULL DEFAULT 0, UNIQUE (feed, event_id))")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO messages (feed, event_id, time, title, body, read) VALUES "
                                      "('ci', '7', 1732460000000, 'Kept from v1', 'old body', 1)")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version=1")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v1"));

    HistoryStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    QCOMPARE(store.schemaVersion(), HistoryStore::kSchemaVersion);
    QCOMPARE(store.pollKeys(QStringLiteral("ci")), QStringList()); // v4's column, on a feed it has never seen
    QVERIFY(store.setLastEventId(QStringLiteral("ci"), QStringLiteral("7")));
    QVERIFY(store.setPollKeys(QStringLiteral("ci"), {QStringLiteral("sha256:ab"), QStringLiteral("7")}));
    QCOMPARE(store.pollKeys(QStringLiteral("ci")), (QStringList{QStringLiteral("sha256:ab"), QStringLiteral("7")}));
    QCOMPARE(store.lastEventId(QStringLiteral("ci")), QStringLiteral("7")); // the two do not overwrite each other
    HistoryStore::Query query;
    query.search = QStringLiteral("kept");
    const auto found = store.query(query);
    QCOMPARE(titles(found), QStringList{QStringLiteral("Kept from v1")});
    QVERIFY(found.at(0).read);
    QCOMPARE(found.at(0).message.tags, QStringList());
    QVERIFY(!found.at(0).message.outgoing);
    QCOMPARE(found.at(0).message.received, QDateTime::fromMSecsSinceEpoch(1732460000000, Qt::UTC)); // v5: its time
    QCOMPARE(found.at(0).rowId, 1);
    // Deduplication still holds against rows from the old schema.
    store.append(message(QStringLiteral("ci"), QStringLiteral("7"), QStringLiteral("replay")));
    QVERIFY(store.flush());
    QCOMPARE(store.count(), 1);
}

void TestHistoryStore::newerSchema_isRefusedWithClearError()
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version=99"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("future"));
    HistoryStore store;
    QVERIFY(!store.open(path()));
    QVERIFY2(store.errorString().contains(QStringLiteral("written by a newer Herald (schema 99")),
             qPrintable(store.errorString()));
    QVERIFY(store.errorString().contains(path()));
    QString aside;
    QVERIFY(!store.openOrRecover(path(), &aside)); // a newer Herald's history is never moved aside
    QVERIFY(aside.isEmpty());
    QVERIFY(QFileInfo::exists(path()));
}

void TestHistoryStore::files_arePrivateWhateverTheUmask()
{
#ifndef Q_OS_UNIX
    QSKIP("Windows keeps files in the user's own profile; no modes to check");
#else
    const mode_t saved = ::umask(022);
    auto restore = qScopeGuard([saved] { ::umask(saved); });
    const QString file = m_dir->filePath(QStringLiteral("data/herald/history.sqlite"));
    const auto ownerOnly = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser;
    const auto ownerFolder = ownerOnly | QFile::ExeOwner | QFile::ExeUser;
    {
        HistoryStore store;
        QVERIFY2(store.open(file), qPrintable(store.errorString()));
        store.append(message(QStringLiteral("ops"), QStringLiteral("1"), QStringLiteral("token rotated")));
        QVERIFY(store.flush());
        for (const QString &part : {file, file + QStringLiteral("-wal"), file + QStringLiteral("-shm")}) {
            QVERIFY2(QFileInfo::exists(part), qPrintable(part));
            QCOMPARE(QFile::permissions(part), ownerOnly);
        }
        QCOMPARE(QFile::permissions(m_dir->filePath(QStringLiteral("data/herald"))), ownerFolder);
        QCOMPARE(QFile::permissions(m_dir->filePath(QStringLiteral("data"))), ownerFolder); // created here too
    }
    // Left open to everyone by an older Herald: tightened when it is opened again.
    QVERIFY(QFile::setPermissions(file, ownerOnly | QFile::ReadGroup | QFile::ReadOther));
    HistoryStore store;
    QVERIFY2(store.open(file), qPrintable(store.errorString()));
    QCOMPARE(QFile::permissions(file), ownerOnly);
#endif
}

void TestHistoryStore::brokenFile_isMovedAsideAndANewOneStarts()
{
    // Garbage where the history should be: kept (someone may want it), moved aside, and a new history works.
    {
        QFile garbage(path());
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(8192, 'x'));
    }
    HistoryStore store;
    QString aside;
    QVERIFY2(store.openOrRecover(path(), &aside), qPrintable(store.errorString()));
    QVERIFY(aside.startsWith(path() + QStringLiteral(".broken-")));
    QFile kept(aside);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray(8192, 'x'));
    store.append(message(QStringLiteral("ops"), QStringLiteral("1"), QStringLiteral("works")));
    QVERIFY(store.flush());
    QCOMPARE(store.count(), 1);
    store.close();

    // A folder in its place.
    QTemporaryDir other;
    const QString folder = other.filePath(QStringLiteral("history.sqlite"));
    QVERIFY(QDir().mkpath(folder + QStringLiteral("/inside")));
    aside.clear();
    QVERIFY2(store.openOrRecover(folder, &aside), qPrintable(store.errorString()));
    QVERIFY(QFileInfo(aside).isDir());
    QVERIFY(QFileInfo(folder).isFile());
    store.close();

    // A healthy history is never moved.
    aside.clear();
    QVERIFY(store.openOrRecover(path(), &aside));
    QVERIFY(aside.isEmpty());
    QCOMPARE(store.count(), 1);
}

void TestHistoryStore::unwritableLocation_saysWhere()
{
    QFile blocker(m_dir->filePath(QStringLiteral("not-a-folder")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    HistoryStore store;
    QVERIFY(!store.open(m_dir->filePath(QStringLiteral("not-a-folder/history.sqlite"))));
    QVERIFY2(store.errorString().contains(QStringLiteral("not-a-folder")), qPrintable(store.errorString()));
    // Nothing is lost while the store cannot write: messages stay queued.
    store.append(message(QStringLiteral("ci"), QStringLiteral("1"), QStringLiteral("kept in memory")));
    QVERIFY(!store.flush());
    QCOMPARE(store.pendingCount(), 1);
    // ... up to a bound: memory must not grow for ever while the disk stays unusable. The oldest go, and the
    // store says so.
    QSignalSpy errors(&store, &HistoryStore::errorOccurred);
    for (int i = 2; i <= HistoryStore::kMaxPending + 5; ++i) {
        store.append(message(QStringLiteral("ci"), QString::number(i), QStringLiteral("waiting")));
    }
    QCOMPARE(store.pendingCount(), HistoryStore::kMaxPending);
    QVERIFY(!errors.isEmpty());
    QVERIFY2(errors.last().at(0).toString().contains(QStringLiteral("dropped to keep memory bounded")),
             qPrintable(errors.last().at(0).toString()));
    QVERIFY2(errors.last().at(0).toString().contains(QStringLiteral("not-a-folder")),
             qPrintable(errors.last().at(0).toString()));
}

void TestHistoryStore::killedWriter_leavesEveryCommittedMessage()
{
#ifndef Q_OS_UNIX
    QSKIP("SIGKILL is a Unix signal");
#else
    QProcess writer;
    writer.start(QStringLiteral(HERALD_HISTORY_WRITER), {path()});
    qint64 committed = 0;
    QObject::connect(&writer, &QProcess::readyReadStandardOutput, [&] {
        while (writer.canReadLine()) {
            const QByteArray line = writer.readLine().trimmed();
            if (line.startsWith("committed ")) {
                committed = line.mid(10).toLongLong();
            }
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(committed >= 3000, 20000);
    ::kill(pid_t(writer.processId()), SIGKILL); // mid-burst: no chance to flush, close or checkpoint
    QVERIFY(writer.waitForFinished(5000));
    QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
    const qint64 reported = committed;

    HistoryStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery integrity(db);
        QVERIFY(integrity.exec(QStringLiteral("PRAGMA integrity_check")) && integrity.next());
        QCOMPARE(integrity.value(0).toString(), QStringLiteral("ok"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    // Every write the writer saw committed is there; at most the one under way when it died is not.
    QVERIFY2(store.count() >= reported, qPrintable(QStringLiteral("%1 < %2").arg(store.count()).arg(reported)));
    QVERIFY(store.count() <= reported + HistoryStore::kBatchSize);
    // The search index (filled beside the writes, and perhaps mid-step when the writer died) finds every message,
    // and is sound.
    HistoryStore::Query query;
    query.search = QStringLiteral("event 2999");
    QVERIFY(titles(store.query(query)).contains(QStringLiteral("Event 2999")));
    store.indexEverything();
    QVERIFY(titles(store.query(query)).contains(QStringLiteral("Event 2999")));
    query.search = QStringLiteral("빌드 payload");
    query.limit = 0;
    QCOMPARE(store.query(query).size(), store.count());
    store.close();
    QCOMPARE(scalar(QStringLiteral("INSERT INTO search_grams (search_grams, rank) VALUES ('integrity-check', 0)")),
             QVariant());
#endif
}

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
