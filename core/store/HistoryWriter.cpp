#include "HistoryWriter.h"

#include "store/SearchFunctions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutexLocker>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>
#include <utility>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace herald {

HistoryWriter::HistoryWriter(QString connectionName)
    : m_connection(std::move(connectionName))
{}

HistoryWriter::~HistoryWriter() = default;

QString HistoryWriter::tagsJson(const QStringList &tags)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(tags)).toJson(QJsonDocument::Compact));
}

qint64 HistoryWriter::usedBytes(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT page_count - freelist_count, page_size FROM pragma_page_count, "
                                   "pragma_freelist_count, pragma_page_size")) ||
        !query.next()) {
        return 0;
    }
    return query.value(0).toLongLong() * query.value(1).toLongLong();
}

bool HistoryWriter::open(const QString &path, QString *error)
{
    if (!m_indexTimer) {
        m_indexTimer = new QTimer(this);
        m_indexTimer->setSingleShot(true);
        connect(m_indexTimer, &QTimer::timeout, this, &HistoryWriter::indexWhenDue);
    }
    bool opened = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        QString problem;
        if (!db.open()) {
            *error = db.lastError().text();
        } else if (!registerSearchFunctions(db, &problem)) {
            *error = problem; // retention's deletes run the index's trigger, which needs them
        } else {
            opened = QSqlQuery(db).exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        }
    }
    if (!opened) {
        close();
        return false;
    }
    m_rowCount = -1;
    m_indexTimer->start(0); // what an earlier run left unindexed
    return true;
}

void HistoryWriter::close()
{
    if (m_indexTimer) {
        m_indexTimer->stop();
    }
    m_insert.finalize(); // before the connection closes, or SQLite keeps it open
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QList<HistoryWriter::Result> HistoryWriter::takeResults()
{
    const QMutexLocker locker(&m_resultsLock);
    return std::exchange(m_results, {});
}

void HistoryWriter::write(const Batch &batch)
{
    Result result;
    writeBatch(batch, &result);
    if (result.written) {
        prune();
        if (!result.added.isEmpty()) {
            m_lastWrite.start();
            if (m_indexTimer && !m_indexTimer->isActive()) {
                m_indexTimer->start(kIndexQuietMs);
            }
        }
    } else {
        result.batch = batch;
    }
    {
        const QMutexLocker locker(&m_resultsLock);
        m_results.append(std::move(result));
    }
    Q_EMIT resultsReady();
}

void HistoryWriter::writeBatch(const Batch &batch, Result *result)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.isOpen()) {
        result->error = QStringLiteral("the history is not open");
        return;
    }
    if (!m_insert.isPrepared() &&
        !m_insert.prepare(
            SqliteStatement::connectionOf(db),
            "INSERT INTO messages (feed, event_id, time, received, title, body, priority, raw, tags, "
            "click_url, event_type, note, outgoing, read, pending, icon_url, image_url, markdown) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (feed, event_id) DO NOTHING")) {
        result->error = m_insert.errorString();
        return;
    }
    if (!db.transaction()) {
        result->error = db.lastError().text();
        return;
    }
    result->added.reserve(batch.messages.size());
    for (qsizetype index = 0; index < batch.messages.size(); ++index) {
        const Message &message = batch.messages.at(index);
        const QDateTime received = message.received.isValid() ? message.received : QDateTime::currentDateTimeUtc();
        const QDateTime time = message.time.isValid() ? message.time : received;
        // Only the event id may be NULL (no id: never a duplicate).
        m_insert.bind(1, message.feed);
        if (message.id.isEmpty()) {
            m_insert.bindNull(2);
        } else {
            m_insert.bind(2, message.id);
        }
        m_insert.bind(3, time.toMSecsSinceEpoch());
        m_insert.bind(4, received.toMSecsSinceEpoch());
        m_insert.bind(5, message.title);
        m_insert.bind(6, message.body);
        m_insert.bind(7, qint64(message.priority));
        m_insert.bind(8, message.raw);
        m_insert.bind(9, message.tags.isEmpty() ? QStringLiteral("[]") : tagsJson(message.tags));
        m_insert.bind(10, message.clickUrl.toString());
        m_insert.bind(11, message.eventType);
        m_insert.bind(12, message.note);
        m_insert.bind(13, qint64(message.outgoing ? 1 : 0));
        m_insert.bind(14, qint64(message.outgoing ? 1 : 0)); // what you said yourself is read
        m_insert.bind(15, qint64(message.pending ? 1 : 0));
        m_insert.bind(16, message.iconUrl.toString());
        m_insert.bind(17, message.imageUrl.toString());
        m_insert.bind(18, qint64(message.markdown ? 1 : 0));
        if (!m_insert.run()) {
            result->error = m_insert.errorString();
            result->added.clear();
            result->duplicates = 0;
            db.rollback();
            return; // everything stays queued for the next try
        }
        if (m_insert.changes() > 0) {
            const qint64 rowId = m_insert.lastInsertRowId();
            result->added.append(StoredMessage{rowId, message, message.outgoing, batch.announced.value(index)});
            Message &stored = result->added.last().message;
            stored.historyRowId = rowId;
            stored.time = time;
            stored.received = received;
        } else {
            ++result->duplicates;
        }
    }
    if (!db.commit()) {
        result->error = db.lastError().text();
        result->added.clear();
        result->duplicates = 0;
        db.rollback();
        return;
    }
    result->written = true;
    if (m_rowCount >= 0) {
        m_rowCount += std::count_if(result->added.cbegin(), result->added.cend(),
                                    [](const StoredMessage &stored) { return !stored.message.pending; });
    }
}

void HistoryWriter::setRetention(int maxMessages, int maxAgeDays, qint64 maxBytes)
{
    m_maxMessages = maxMessages;
    m_maxAgeDays = maxAgeDays;
    m_maxBytes = maxBytes;
    if (QSqlDatabase::contains(m_connection)) {
        prune();
    }
}

void HistoryWriter::setReadOnlyForTests(bool readOnly)
{
    // query_only refuses every write as a read-only file would; a page limit would not, while rows fit free pages.
    QSqlQuery(QSqlDatabase::database(m_connection, false))
        .exec(QStringLiteral("PRAGMA query_only = %1").arg(readOnly ? 1 : 0));
}

void HistoryWriter::markAllRead(const QString &feed)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(feed.isEmpty() ? QStringLiteral("UPDATE messages SET read = 1 WHERE read = 0")
                                 : QStringLiteral("UPDATE messages SET read = 1 WHERE read = 0 AND feed = ?"));
    if (!feed.isEmpty()) {
        query.addBindValue(feed);
    }
    if (!query.exec()) {
        qCWarning(lcStore).noquote() << "could not mark" << feed << "read:" << query.lastError().text();
        return;
    }
    if (query.numRowsAffected() > 0) { // a chat marks its room read with every burst: most change nothing
        Q_EMIT readStateChanged();
    }
}

int HistoryWriter::countKept() const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    return query.exec(QStringLiteral("SELECT count(*) FROM messages WHERE pending = 0")) && query.next()
               ? query.value(0).toInt()
               : 0;
}

void HistoryWriter::prune()
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    // Ids grow with arrival (AUTOINCREMENT), so "the oldest" are the lowest ids. The rows are counted once and then
    // followed, so that a write removes only what went over the limit: finding the limit's row anew each time read
    // as many rows as the limit, after every batch (a third of a burst's ingest). Counted again each minute, for
    // another Herald that writes the same history (run --headless beside the tray app), and when told to.
    if (m_maxMessages > 0) {
        if (m_recount.exchange(false) || m_rowCount < 0 || !m_rowsCounted.isValid() ||
            m_rowsCounted.hasExpired(60000)) {
            m_rowCount = countKept();
            m_rowsCounted.start();
        }
        if (const qint64 excess = m_rowCount - m_maxMessages; excess > 0) {
            query.prepare(QStringLiteral("DELETE FROM messages WHERE id IN "
                                         "(SELECT id FROM messages WHERE pending = 0 ORDER BY id LIMIT ?)"));
            query.addBindValue(excess);
            if (query.exec()) {
                forgetRows(query.numRowsAffected());
            }
        }
    }
    if (m_maxAgeDays > 0) {
        query.prepare(QStringLiteral("DELETE FROM messages WHERE pending = 0 AND received < ?"));
        query.addBindValue(QDateTime::currentDateTimeUtc().addDays(-m_maxAgeDays).toMSecsSinceEpoch());
        if (query.exec()) {
            forgetRows(query.numRowsAffected());
        }
    }
    pruneToSize();
}

void HistoryWriter::forgetRows(qint64 removed)
{
    if (m_rowCount >= 0 && removed > 0) {
        m_rowCount = std::max<qint64>(0, m_rowCount - removed);
    }
}

void HistoryWriter::pruneToSize()
{
    if (m_maxBytes <= 0) {
        return;
    }
    const QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const qint64 used = usedBytes(db);
    if (used <= m_maxBytes) {
        return;
    }
    const int rows = countKept();
    if (rows == 0) {
        return;
    }
    // Rows differ in size: remove the oldest share that should leave about 80 % of the cap. The table's pages are
    // free at once; the search index keeps what it deleted until its segments are merged, so merge them now, or the
    // next write would still see the history over the cap and remove more than it must. This rewrites the index, once
    // per fifth of the cap that arrives: paid for over many writes.
    const double keep = 0.8 * double(m_maxBytes) / double(used);
    const qint64 remove = std::clamp<qint64>(qint64(std::ceil(rows * (1.0 - keep))), 1, rows);
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "DELETE FROM messages WHERE id IN (SELECT id FROM messages WHERE pending = 0 ORDER BY id LIMIT ?)"));
    query.addBindValue(remove);
    if (!query.exec()) {
        qCWarning(lcStore).noquote() << "retention by size failed:" << query.lastError().text();
        return;
    }
    forgetRows(query.numRowsAffected());
    query.exec(QStringLiteral("INSERT INTO search_grams (search_grams) VALUES ('optimize')"));
    qCInfo(lcStore) << "history over" << m_maxBytes / (1024 * 1024) << "MiB: removed the oldest" << remove
                    << "messages; now" << usedBytes(db) / 1024 << "KiB";
}

void HistoryWriter::indexWhenDue()
{
    if (!QSqlDatabase::contains(m_connection)) {
        return;
    }
    // Once writes pause, the index takes all it needs. While they go on (a burst takes a second or two) it waits,
    // the search reading the newest rows itself meanwhile; a stream that never pauses gives it a fifth of the time
    // after kIndexPatienceMs.
    const bool quiet = !m_lastWrite.isValid() || m_lastWrite.hasExpired(kIndexQuietMs);
    if (!m_indexWaiting.isValid()) {
        m_indexWaiting.start();
    }
    const bool owed = m_indexWaiting.hasExpired(kIndexPatienceMs) &&
                      (!m_lastIndexStep.isValid() || m_lastIndexStep.elapsed() >= 4 * m_lastIndexCostMs);
    if (!quiet && !owed) {
        m_indexTimer->start(kIndexQuietMs);
        return;
    }
    if (indexSome() > 0) {
        m_indexTimer->start(quiet ? 0 : kIndexQuietMs);
    } else {
        m_indexWaiting.invalidate(); // caught up
    }
}

int HistoryWriter::indexSome()
{
    QElapsedTimer took;
    took.start();
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.isOpen() || !db.transaction()) {
        return 0;
    }
    QSqlQuery query(db);
    qint64 from = 0;
    qint64 upto = 0;
    if (query.exec(QStringLiteral("SELECT indexed_upto FROM search_state")) && query.next()) {
        from = query.value(0).toLongLong();
    }
    query.prepare(QStringLiteral("SELECT max(id), count(*) FROM (SELECT id FROM messages WHERE id > ? ORDER BY id "
                                 "LIMIT ?)"));
    query.addBindValue(from);
    query.addBindValue(m_indexBatch);
    int rows = 0;
    if (query.exec() && query.next()) {
        upto = query.value(0).toLongLong();
        rows = query.value(1).toInt();
    }
    if (rows == 0) {
        db.rollback();
        return 0;
    }
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO search_grams (rowid, grams) SELECT id, herald_grams(title, body) FROM "
                                  "messages WHERE id > ? AND id <= ?"));
    insert.addBindValue(from);
    insert.addBindValue(upto);
    QSqlQuery state(db);
    state.prepare(QStringLiteral("UPDATE search_state SET indexed_upto = ?"));
    state.addBindValue(upto);
    if (!insert.exec() || !state.exec() || !db.commit()) {
        // Another Herald writing the same history, or a full disk: the next write tries again.
        qCDebug(lcStore) << "search index step failed:" << insert.lastError().text() << state.lastError().text();
        db.rollback();
        return 0;
    }
    // Steps of about kIndexStepMs: the store's thread may be waiting to mark something read meanwhile.
    m_lastIndexCostMs = std::max<qint64>(1, took.elapsed());
    m_lastIndexStep.start();
    m_indexBatch = int(std::clamp<qint64>(qint64(m_indexBatch) * kIndexStepMs / m_lastIndexCostMs, 100, 20000));
    return rows;
}

void HistoryWriter::indexEverything()
{
    while (indexSome() > 0) {
    }
}

} // namespace herald

#include "moc_HistoryWriter.cpp"
