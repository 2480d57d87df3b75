#include "HistoryStore.h"

#include "net/HttpFields.h"
#include "store/HistoryWriter.h"
#include "store/PrivateFiles.h"
#include "store/SearchFunctions.h"
#include "store/SearchText.h"
#include "store/StoragePaths.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <utility>

Q_LOGGING_CATEGORY(lcStore, "herald.store", QtInfoMsg)

namespace herald {

namespace {

// Schemas 2 to 5 kept a word index (unicode61) in step with the table through these; schema 6 replaces it.
constexpr const char *kWordIndexInsert =
    "CREATE TRIGGER messages_ai AFTER INSERT ON messages BEGIN"
    "  INSERT INTO messages_fts (rowid, title, body) VALUES (new.id, new.title, new.body); END";
constexpr const char *kWordIndexDelete =
    "CREATE TRIGGER messages_ad AFTER DELETE ON messages BEGIN"
    "  INSERT INTO messages_fts (messages_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);"
    "  END";
constexpr const char *kWordIndexUpdate =
    "CREATE TRIGGER messages_au AFTER UPDATE OF title, body ON messages BEGIN"
    "  INSERT INTO messages_fts (messages_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);"
    "  INSERT INTO messages_fts (rowid, title, body) VALUES (new.id, new.title, new.body); END";

// Schema 6: the search index (see SearchText.h) is filled after the writes, not inside them: an FTS5 insert per row
// in the write made SQLite flush the index at every statement, most of a burst's cost. search_state says how far it
// has come; a message past that is searched by herald_contains instead. Only indexed messages are taken out again.
constexpr const char *kSearchDelete = "CREATE TRIGGER messages_ad AFTER DELETE ON messages"
                                      "  WHEN old.id <= (SELECT indexed_upto FROM search_state) BEGIN"
                                      "  INSERT INTO search_grams (search_grams, rowid, grams)"
                                      "  VALUES ('delete', old.id, herald_grams(old.title, old.body)); END";
constexpr const char *kSearchUpdate =
    "CREATE TRIGGER messages_au AFTER UPDATE OF title, body ON messages"
    "  WHEN old.id <= (SELECT indexed_upto FROM search_state) BEGIN"
    "  INSERT INTO search_grams (search_grams, rowid, grams)"
    "  VALUES ('delete', old.id, herald_grams(old.title, old.body));"
    "  INSERT INTO search_grams (rowid, grams) VALUES (new.id, herald_grams(new.title, new.body)); END";

// Each step takes the schema from its version to the next, one statement per entry; a database of any older
// version walks the rest.
const std::initializer_list<const char *> kMigrations[] = {
    // 0 -> 1: the first Herald history.
    {"CREATE TABLE messages ("
     "  id INTEGER PRIMARY KEY,"
     "  feed TEXT NOT NULL,"
     "  event_id TEXT,"
     "  time INTEGER NOT NULL,"
     "  title TEXT NOT NULL DEFAULT '',"
     "  body TEXT NOT NULL DEFAULT '',"
     "  priority INTEGER NOT NULL DEFAULT 3,"
     "  raw TEXT NOT NULL DEFAULT '',"
     "  read INTEGER NOT NULL DEFAULT 0,"
     "  UNIQUE (feed, event_id))"},
    // 1 -> 2: links, tags and notes; full-text search; where each feed stopped.
    {"ALTER TABLE messages ADD COLUMN tags TEXT NOT NULL DEFAULT '[]'",
     "ALTER TABLE messages ADD COLUMN click_url TEXT NOT NULL DEFAULT ''",
     "ALTER TABLE messages ADD COLUMN event_type TEXT NOT NULL DEFAULT ''",
     "ALTER TABLE messages ADD COLUMN note TEXT NOT NULL DEFAULT ''",
     "CREATE INDEX messages_feed_time ON messages (feed, time)",
     "CREATE VIRTUAL TABLE messages_fts USING fts5(title, body, content='messages', content_rowid='id',"
     "  tokenize='unicode61')",
     kWordIndexInsert, kWordIndexDelete, kWordIndexUpdate, "INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')",
     "CREATE TABLE feed_state (feed TEXT PRIMARY KEY, last_event_id TEXT NOT NULL)"},
    // 2 -> 3: what the user said in a chat is history too.
    {"ALTER TABLE messages ADD COLUMN outgoing INTEGER NOT NULL DEFAULT 0",
     "ALTER TABLE messages ADD COLUMN pending INTEGER NOT NULL DEFAULT 0"},
    // 3 -> 4: what a polled feed's last answer held, so that retention never makes an old item new again.
    {"ALTER TABLE feed_state ADD COLUMN poll_keys TEXT NOT NULL DEFAULT '[]'"},
    // 4 -> 5: when each message arrived, beside the time its server claims: order and retention go by arrival, which
    // a server cannot choose (a message dated 2023 was pruned as soon as it was stored). Row ids are never used twice
    // (AUTOINCREMENT), so that a popup, a chat line or a selection can never point at a later message. SQLite adds
    // AUTOINCREMENT only to a new table: copy into one, keeping every id, which the search index is keyed by.
    {"CREATE TABLE messages_v5 ("
     "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
     "  feed TEXT NOT NULL,"
     "  event_id TEXT,"
     "  time INTEGER NOT NULL,"
     "  received INTEGER NOT NULL,"
     "  title TEXT NOT NULL DEFAULT '',"
     "  body TEXT NOT NULL DEFAULT '',"
     "  priority INTEGER NOT NULL DEFAULT 3,"
     "  raw TEXT NOT NULL DEFAULT '',"
     "  read INTEGER NOT NULL DEFAULT 0,"
     "  tags TEXT NOT NULL DEFAULT '[]',"
     "  click_url TEXT NOT NULL DEFAULT '',"
     "  event_type TEXT NOT NULL DEFAULT '',"
     "  note TEXT NOT NULL DEFAULT '',"
     "  outgoing INTEGER NOT NULL DEFAULT 0,"
     "  pending INTEGER NOT NULL DEFAULT 0,"
     "  UNIQUE (feed, event_id))",
     // Older rows arrived in id order; their stored time is the best guess there is.
     "INSERT INTO messages_v5 (id, feed, event_id, time, received, title, body, priority, raw, read, tags, click_url,"
     "  event_type, note, outgoing, pending)"
     "  SELECT id, feed, event_id, time, time, title, body, priority, raw, read, tags, click_url, event_type, note,"
     "  outgoing, pending FROM messages",
     "DROP TABLE messages", "ALTER TABLE messages_v5 RENAME TO messages",
     // One feed's messages come in id (arrival) order through this index; retention by age uses the other.
     "CREATE INDEX messages_feed ON messages (feed)", "CREATE INDEX messages_received ON messages (received)",
     kWordIndexInsert, kWordIndexDelete, kWordIndexUpdate},
    // 5 -> 6: search inside words, in every language, indexed after the write (see kSearchDelete); what was indexed
    // before is indexed again from the start, after the migration.
    {"DROP TRIGGER messages_ai", "DROP TRIGGER messages_ad", "DROP TRIGGER messages_au", "DROP TABLE messages_fts",
     "CREATE VIRTUAL TABLE search_grams USING fts5(grams, content='', columnsize=0,"
     "  tokenize='unicode61 remove_diacritics 0')",
     "CREATE TABLE search_state (id INTEGER PRIMARY KEY CHECK (id = 0), indexed_upto INTEGER NOT NULL)",
     "INSERT INTO search_state VALUES (0, 0)", kSearchDelete, kSearchUpdate},
    // 6 -> 7: pictures and formatting, for History and Chat to show as ntfy's and gotify's apps do.
    {"ALTER TABLE messages ADD COLUMN icon_url TEXT NOT NULL DEFAULT ''",
     "ALTER TABLE messages ADD COLUMN image_url TEXT NOT NULL DEFAULT ''",
     "ALTER TABLE messages ADD COLUMN markdown INTEGER NOT NULL DEFAULT 0"},
};
static_assert(std::size(kMigrations) == HistoryStore::kSchemaVersion);

QStringList tagsFromJson(const QString &json)
{
    QStringList tags;
    for (const QJsonValue &tag : QJsonDocument::fromJson(json.toUtf8()).array()) {
        tags.append(tag.toString());
    }
    return tags;
}

} // namespace

HistoryStore::HistoryStore(QObject *parent)
    : QObject(parent)
    , m_connection(QStringLiteral("herald-history-%1").arg(reinterpret_cast<quintptr>(this)))
{
    qRegisterMetaType<StoredMessage>();
    qRegisterMetaType<QList<StoredMessage>>(); // by name too, for queued connections and QSignalSpy
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0);
    connect(&m_flushTimer, &QTimer::timeout, this, &HistoryStore::onFlushDue);
}

HistoryStore::~HistoryStore()
{
    close();
}

QString HistoryStore::defaultPath()
{
    return paths::dataFolder() + QStringLiteral("/history.sqlite");
}

bool HistoryStore::isOpen() const
{
    return m_writer && QSqlDatabase::contains(m_connection) && QSqlDatabase::database(m_connection, false).isOpen();
}

void HistoryStore::fail(const QString &what) const
{
    m_errorString = what;
    qCWarning(lcStore).noquote() << what;
}

bool HistoryStore::open(const QString &path)
{
    close();
    m_path = path;
    const QFileInfo file(path);
    if (!privatefiles::makeFolder(file.absolutePath())) {
        fail(QStringLiteral("cannot create the folder %1 for the history").arg(file.absolutePath()));
        return false;
    }
    // 0600 before SQLite opens it: the -wal and -shm files take the database's mode.
    for (const QString &part : {path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
        privatefiles::tighten(part);
    }
    privatefiles::create(path); // or tightened, when it exists
    bool opened = false;
    SqliteStatement::configureLibrary();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        opened = db.open();
        QString problem;
        if (!opened) {
            fail(QStringLiteral("cannot open the history %1: %2").arg(path, db.lastError().text()));
        } else if (!registerSearchFunctions(db, &problem)) {
            fail(QStringLiteral("cannot open the history %1: %2").arg(path, problem));
            opened = false;
        }
    }
    if (!opened) {
        close();
        return false;
    }
    // WAL: readers never wait for the writer, and a crash loses at most the transaction under way.
    if (!exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !exec(QStringLiteral("PRAGMA synchronous=NORMAL")) ||
        !migrate()) {
        m_errorString = QStringLiteral("the history %1 cannot be used: %2").arg(path, m_errorString);
        close();
        return false;
    }
    if (!startWriter(path)) {
        close();
        return false;
    }
    m_errorString.clear();
    return true;
}

bool HistoryStore::startWriter(const QString &path)
{
    m_writerThread = new QThread;
    m_writerThread->setObjectName(QStringLiteral("herald history"));
    m_writer = new HistoryWriter(m_connection + QStringLiteral("-writer"));
    m_writer->moveToThread(m_writerThread);
    connect(m_writer, &HistoryWriter::resultsReady, this, &HistoryStore::takeResults, Qt::QueuedConnection);
    connect(m_writer, &HistoryWriter::readStateChanged, this, &HistoryStore::readStateChanged, Qt::QueuedConnection);
    m_writerThread->start();
    bool opened = false;
    QString problem;
    QMetaObject::invokeMethod(
        m_writer,
        [&] {
            opened = m_writer->open(path, &problem);
            m_writer->setRetention(m_maxMessages, m_maxAgeDays, m_maxBytes);
        },
        Qt::BlockingQueuedConnection);
    if (!opened) {
        fail(QStringLiteral("cannot open the history %1 for writing: %2").arg(path, problem));
        return false;
    }
    return true;
}

void HistoryStore::stopWriter()
{
    if (!m_writer) {
        return;
    }
    QMetaObject::invokeMethod(m_writer, &HistoryWriter::close, Qt::BlockingQueuedConnection);
    m_writerThread->quit();
    m_writerThread->wait();
    delete m_writer; // its thread has ended: nothing of it runs any more
    delete m_writerThread;
    m_writer = nullptr;
    m_writerThread = nullptr;
    m_inFlight = 0;
}

void HistoryStore::simulateFullDiskForTests(bool full)
{
    // query_only refuses every write as a read-only file would; a page limit would not, while rows fit free pages.
    QSqlQuery(QSqlDatabase::database(m_connection, false))
        .exec(QStringLiteral("PRAGMA query_only = %1").arg(full ? 1 : 0));
    if (m_writer) {
        QMetaObject::invokeMethod(
            m_writer, [writer = m_writer, full] { writer->setReadOnlyForTests(full); }, Qt::BlockingQueuedConnection);
    }
}

bool HistoryStore::openOrRecover(const QString &path, QString *movedAside)
{
    if (open(path)) {
        return true;
    }
    // Only a file that is not a database at all (or a folder where the file should be) is moved: a newer schema, a
    // locked file or a folder without rights are errors to report, with the history left as it is.
    const QFileInfo info(path);
    bool broken = info.isDir() || m_errorString.contains(QLatin1String("malformed"));
    if (!broken && info.isFile() && info.size() > 0) {
        QFile file(path);
        broken = file.open(QIODevice::ReadOnly) && file.read(16) != QByteArrayView("SQLite format 3\0", 16);
    }
    if (!broken) {
        return false;
    }
    const QString aside =
        path + QStringLiteral(".broken-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    if (!QFile::rename(path, aside) && !QDir().rename(path, aside)) {
        return false;
    }
    for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile::rename(path + suffix, aside + suffix);
    }
    qCWarning(lcStore).noquote() << path << "could not be read; moved to" << aside << "and started anew";
    if (movedAside) {
        *movedAside = aside;
    }
    return open(path);
}

void HistoryStore::close()
{
    if (isOpen() && pendingCount() > 0) {
        flush();
    }
    stopWriter();
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
}

bool HistoryStore::exec(const QString &sql) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(sql)) {
        fail(query.lastError().text());
        return false;
    }
    return true;
}

int HistoryStore::schemaVersion() const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    return query.exec(QStringLiteral("PRAGMA user_version")) && query.next() ? query.value(0).toInt() : -1;
}

bool HistoryStore::migrate()
{
    const int from = schemaVersion();
    if (from > kSchemaVersion) {
        fail(QStringLiteral("it was written by a newer Herald (schema %1, this one knows %2); update Herald")
                 .arg(from)
                 .arg(kSchemaVersion));
        return false;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    for (int version = from; version < kSchemaVersion; ++version) {
        db.transaction();
        bool ok = true;
        for (const char *statement : kMigrations[version]) {
            if (!exec(QString::fromUtf8(statement))) {
                ok = false;
                break;
            }
        }
        if (!ok || !exec(QStringLiteral("PRAGMA user_version=%1").arg(version + 1))) {
            db.rollback();
            return false;
        }
        db.commit();
        qCInfo(lcStore) << "history schema" << version << "->" << version + 1;
    }
    return true;
}

namespace {

qsizetype approximateSize(const Message &message)
{
    return (message.raw.size() + message.body.size() + message.title.size()) * qsizetype(sizeof(QChar)) + 256;
}

} // namespace

void HistoryStore::append(const Message &message)
{
    append(Message(message));
}

void HistoryStore::append(Message &&message)
{
    if (m_retryDelay == 0 && m_inFlight > 0 && m_pending.size() >= kWaitForWriterAt) {
        // The writer is behind: wait here for the batch it has rather than let the queue grow, then hand it what
        // waits and go back to reading while it writes (waiting for that one too would leave a core idle).
        if (waitForWriter() && m_retryDelay == 0 && m_inFlight == 0 && !m_pending.isEmpty() && isOpen()) {
            dispatch();
        }
    }
    // Waiting messages are normally gone within a turn of the event loop. When the history cannot be written
    // (a full disk, a file gone read-only) they would pile up for ever: past a bound, the oldest go, and the user
    // hears why. Those are lost, unless Herald restarts before writing works again: a feed's resume point moves
    // only with what reached the disk, so a server with a backlog then sends them again.
    while (!m_pending.isEmpty() && (m_pending.size() >= kMaxPending || m_pendingBytes >= kMaxPendingBytes)) {
        m_pendingBytes -= approximateSize(m_pending.takeFirst());
        m_pendingAnnounced.removeFirst();
        if (m_droppedWhileFailing++ % 1000 == 0) {
            fail(QStringLiteral("messages cannot be written to the history (see the error before), so the oldest "
                                "waiting ones are dropped to keep memory bounded: %1 so far. Free disk space or "
                                "check that %2 is writable.")
                     .arg(m_droppedWhileFailing)
                     .arg(m_path.isEmpty() ? QStringLiteral("the history file") : m_path));
            Q_EMIT errorOccurred(m_errorString);
        }
    }
    if (m_pending.isEmpty()) { // Qt before 6.5 gives the capacity back on clear()
        m_pending.reserve(kBatchSize);
        m_pendingAnnounced.reserve(kBatchSize);
    }
    m_pendingBytes += approximateSize(message);
    if (!message.received.isValid()) {
        message.received = QDateTime::currentDateTimeUtc();
    }
    m_pending.append(std::move(message));
    m_pendingAnnounced.append(false);
    if (m_pending.size() >= kBatchSize && m_retryDelay == 0 && m_inFlight == 0 && isOpen()) {
        dispatch();
    } else if (!m_flushTimer.isActive()) {
        m_flushTimer.start();
    }
}

void HistoryStore::dispatch()
{
    m_flushTimer.stop();
    HistoryWriter::Batch batch{std::exchange(m_pending, {}), std::exchange(m_pendingAnnounced, {})};
    m_inFlight = batch.messages.size();
    m_pendingBytes = 0;
    QMetaObject::invokeMethod(
        m_writer, [writer = m_writer, batch = std::move(batch)] { writer->write(batch); }, Qt::QueuedConnection);
}

void HistoryStore::onFlushDue()
{
    if (m_pending.isEmpty() || m_inFlight > 0) {
        return; // what is in flight comes back through takeResults(), which starts the next batch
    }
    if (!isOpen()) {
        flush(); // says why nothing is written, and tries again later
        return;
    }
    dispatch();
}

bool HistoryStore::waitForWriter()
{
    // Everything handed over before this is done when this runs: the writer takes its work in order.
    QMetaObject::invokeMethod(
        m_writer, [] {}, Qt::BlockingQueuedConnection);
    return takeResults();
}

bool HistoryStore::takeResults()
{
    if (!m_writer) {
        return true;
    }
    bool allWritten = true;
    const QList<HistoryWriter::Result> results = m_writer->takeResults();
    for (const HistoryWriter::Result &result : results) {
        m_inFlight = 0;
        if (!result.written) {
            // Back in front of what arrived meanwhile, in the order they came.
            m_pending = result.batch.messages + m_pending;
            m_pendingAnnounced = result.batch.announced + m_pendingAnnounced;
            for (const Message &message : result.batch.messages) {
                m_pendingBytes += approximateSize(message);
            }
            fail(QStringLiteral("could not write to the history: %1").arg(result.error));
            writeFailed();
            allWritten = false;
            continue;
        }
        m_announcedKeys.clear(); // from here on the table's own (feed, event id) key keeps replays out
        m_droppedWhileFailing = 0;
        if (m_retryDelay > 0) {
            m_retryDelay = 0;
            m_flushTimer.setInterval(0);
        }
        if (!result.added.isEmpty()) {
            Q_EMIT stored(result.added);
        }
        if (result.duplicates > 0) {
            Q_EMIT duplicatesSkipped(result.duplicates);
        }
        Q_EMIT flushed();
    }
    if (m_inFlight == 0 && !m_pending.isEmpty() && !m_flushTimer.isActive()) {
        m_flushTimer.start(); // what arrived during the write, after what arrives in this turn
    }
    return allWritten;
}

bool HistoryStore::flush()
{
    m_flushTimer.stop();
    if (!isOpen()) {
        if (m_pending.isEmpty()) {
            return true;
        }
        fail(QStringLiteral("the history is not open; %1 messages are waiting").arg(m_pending.size()));
        writeFailed();
        return false;
    }
    bool written = m_inFlight > 0 ? waitForWriter() : true;
    if (!m_pending.isEmpty()) {
        dispatch();
        written = waitForWriter();
    }
    return written && m_pending.isEmpty();
}

void HistoryStore::writeFailed()
{
    Q_EMIT errorOccurred(m_errorString);
    // Each message once: a server that replays (the resume point moves only with what is on disk) sends the same
    // ids again while the disk stays full, and what was stored before it filled was shown back then.
    QList<Message> unannounced;
    QSqlQuery known(QSqlDatabase::database(m_connection, false));
    known.prepare(QStringLiteral("SELECT 1 FROM messages WHERE feed = ? AND event_id = ?"));
    for (qsizetype i = 0; i < m_pending.size(); ++i) {
        const Message &message = m_pending.at(i);
        if (m_pendingAnnounced.at(i) || message.outgoing) {
            continue;
        }
        m_pendingAnnounced[i] = true;
        if (!message.id.isEmpty()) {
            const QString key = message.feed + u'\n' + message.id;
            if (m_announcedKeys.contains(key)) {
                continue;
            }
            m_announcedKeys.insert(key);
            known.bindValue(0, message.feed);
            known.bindValue(1, message.id);
            if (known.exec() && known.next()) {
                continue; // stored, and shown, before the disk filled
            }
        }
        unannounced.append(message);
    }
    if (!unannounced.isEmpty()) {
        Q_EMIT unsaved(unannounced);
    }
    // Try again on a timer that slows down (1 s, 2 s, ... 30 s), not with every message that arrives: a full disk
    // does not empty itself within a burst, and each try would log its error again.
    m_retryDelay = std::clamp(m_retryDelay * 2, 1000, 30000);
    m_flushTimer.setInterval(m_retryDelay);
    m_flushTimer.start();
}

void HistoryStore::setRetention(int maxMessages, int maxAgeDays, int maxMegabytes)
{
    m_maxMessages = std::max(0, maxMessages);
    m_maxAgeDays = std::max(0, maxAgeDays);
    m_maxBytes = qint64(std::max(0, maxMegabytes)) * 1024 * 1024;
    if (m_writer) {
        QMetaObject::invokeMethod(
            m_writer,
            [writer = m_writer, messages = m_maxMessages, days = m_maxAgeDays, bytes = m_maxBytes] {
                writer->setRetention(messages, days, bytes);
            },
            Qt::BlockingQueuedConnection);
    }
}

void HistoryStore::setRetention(const QJsonObject &settings)
{
    const QJsonObject retention = settings.value(QStringLiteral("retention")).toObject();
    setRetention(retention.value(QStringLiteral("maxMessages")).toInt(kDefaultMaxMessages),
                 retention.value(QStringLiteral("maxAgeDays")).toInt(kDefaultMaxAgeDays),
                 retention.value(QStringLiteral("maxMegabytes")).toInt(kDefaultMaxMegabytes));
}

void HistoryStore::indexEverything()
{
    if (m_writer) {
        QMetaObject::invokeMethod(m_writer, &HistoryWriter::indexEverything, Qt::BlockingQueuedConnection);
    }
}

qint64 HistoryStore::usedBytes() const
{
    return HistoryWriter::usedBytes(QSqlDatabase::database(m_connection, false));
}

QString HistoryStore::filterSql(const Query &filter, QVariantList *values)
{
    QStringList where;
    const QString from = QStringLiteral("messages");
    if (const QString match = searchtext::matchQuery(filter.search); !match.isEmpty()) {
        // The index for what it has reached, the rest (a burst that just arrived) read row by row.
        where.append(QStringLiteral("messages.id IN (SELECT rowid FROM search_grams WHERE search_grams MATCH ? "
                                    "UNION ALL SELECT id FROM messages WHERE id > "
                                    "(SELECT indexed_upto FROM search_state) AND herald_contains(title, body, ?))"));
        values->append(match);
        values->append(searchtext::searchRuns(filter.search).join(QLatin1Char(' ')));
    }
    if (!filter.feed.isEmpty()) {
        where.append(QStringLiteral("messages.feed = ?"));
        values->append(filter.feed);
    }
    if (filter.unreadOnly) {
        where.append(QStringLiteral("messages.read = 0"));
    }
    if (filter.since.isValid()) {
        where.append(QStringLiteral("messages.received >= ?"));
        values->append(filter.since.toMSecsSinceEpoch());
    }
    if (filter.beforeRowId > 0) {
        where.append(QStringLiteral("messages.id < ?"));
        values->append(filter.beforeRowId);
    }
    return from + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QLatin1String(" AND ")));
}

QList<StoredMessage> HistoryStore::query(const Query &filter) const
{
    QVariantList values;
    const QString fromWhere = filterSql(filter, &values);
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT messages.id, feed, event_id, time, messages.title, messages.body, priority, "
                                 "raw, read, tags, click_url, event_type, note, outgoing, pending, received, "
                                 "icon_url, image_url, markdown FROM %1 "
                                 "ORDER BY messages.id DESC LIMIT ?")
                      .arg(fromWhere));
    for (const QVariant &value : std::as_const(values)) {
        query.addBindValue(value);
    }
    query.addBindValue(filter.limit > 0 ? filter.limit : -1);
    QList<StoredMessage> results;
    if (!query.exec()) {
        fail(QStringLiteral("could not read the history: %1").arg(query.lastError().text()));
        return results;
    }
    while (query.next()) {
        StoredMessage stored;
        stored.rowId = query.value(0).toLongLong();
        Message &m = stored.message;
        m.feed = query.value(1).toString();
        m.id = query.value(2).toString();
        m.time = QDateTime::fromMSecsSinceEpoch(query.value(3).toLongLong(), Qt::UTC);
        m.title = query.value(4).toString();
        m.body = query.value(5).toString();
        m.priority = query.value(6).toInt();
        m.raw = query.value(7).toString();
        stored.read = query.value(8).toBool();
        m.tags = tagsFromJson(query.value(9).toString());
        m.clickUrl = QUrl(query.value(10).toString());
        m.eventType = query.value(11).toString();
        m.note = query.value(12).toString();
        m.outgoing = query.value(13).toBool();
        m.pending = query.value(14).toBool();
        m.received = QDateTime::fromMSecsSinceEpoch(query.value(15).toLongLong(), Qt::UTC);
        m.iconUrl = QUrl(query.value(16).toString());
        m.imageUrl = QUrl(query.value(17).toString());
        m.markdown = query.value(18).toBool();
        m.historyRowId = stored.rowId;
        results.append(stored);
    }
    return results;
}

int HistoryStore::count(const QString &feed) const
{
    return countWhere(QString(), feed);
}

int HistoryStore::unreadCount(const QString &feed) const
{
    return countWhere(QStringLiteral("read = 0"), feed);
}

int HistoryStore::countWhere(const QString &condition, const QString &feed) const
{
    QStringList where;
    if (!condition.isEmpty()) {
        where.append(condition);
    }
    if (!feed.isEmpty()) {
        where.append(QStringLiteral("feed = ?"));
    }
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(
        QStringLiteral("SELECT count(*) FROM messages%1")
            .arg(where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QLatin1String(" AND "))));
    if (!feed.isEmpty()) {
        query.addBindValue(feed);
    }
    return query.exec() && query.next() ? query.value(0).toInt() : 0;
}

bool HistoryStore::markRead(const QList<qint64> &rowIds, bool read)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    db.transaction();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE messages SET read = ? WHERE id = ?"));
    for (const qint64 id : rowIds) {
        query.bindValue(0, read ? 1 : 0);
        query.bindValue(1, id);
        if (!query.exec()) {
            db.rollback();
            fail(query.lastError().text());
            return false;
        }
    }
    const bool committed = db.commit();
    if (committed) {
        Q_EMIT readStateChanged();
    }
    return committed;
}

void HistoryStore::markAllRead(const QString &feed)
{
    if (!m_writer) {
        return;
    }
    if (!m_pending.isEmpty() && m_inFlight == 0 && m_retryDelay == 0) {
        dispatch(); // the writer marks after it has written these
    }
    QMetaObject::invokeMethod(
        m_writer, [writer = m_writer, feed] { writer->markAllRead(feed); }, Qt::QueuedConnection);
}

bool HistoryStore::remove(const QList<qint64> &rowIds)
{
    flush();
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    db.transaction();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM messages WHERE id = ?"));
    for (const qint64 id : rowIds) {
        query.bindValue(0, id);
        if (!query.exec()) {
            fail(QStringLiteral("could not delete from the history: %1").arg(query.lastError().text()));
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        fail(QStringLiteral("could not delete from the history: %1").arg(db.lastError().text()));
        db.rollback();
        return false;
    }
    if (m_writer) {
        m_writer->recountRows(); // some may have been waiting for their server
    }
    Q_EMIT removed(rowIds);
    Q_EMIT readStateChanged();
    return true;
}

bool HistoryStore::markMatching(const Query &filter, bool read)
{
    flush(); // what is still queued is shown too
    QVariantList values;
    const QString fromWhere = filterSql(filter, &values);
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("UPDATE messages SET read = ? WHERE read != ? AND id IN (SELECT messages.id FROM %1)")
                      .arg(fromWhere));
    query.addBindValue(read ? 1 : 0);
    query.addBindValue(read ? 1 : 0);
    for (const QVariant &value : std::as_const(values)) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        fail(query.lastError().text());
        return false;
    }
    if (query.numRowsAffected() > 0) { // a chat marks its room read with every burst: most change nothing
        Q_EMIT readStateChanged();
    }
    return true;
}

QList<Message> HistoryStore::pendingOutgoing(const QString &feed)
{
    flush();
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT id, event_id, time, title, body, raw, received FROM messages "
                                 "WHERE feed = ? AND outgoing = 1 AND pending = 1 ORDER BY id"));
    query.addBindValue(feed);
    QList<Message> out;
    if (!query.exec()) {
        fail(query.lastError().text());
        return out;
    }
    while (query.next()) {
        Message m;
        m.feed = feed;
        m.historyRowId = query.value(0).toLongLong();
        m.id = query.value(1).toString();
        m.time = QDateTime::fromMSecsSinceEpoch(query.value(2).toLongLong(), Qt::UTC);
        m.title = query.value(3).toString();
        m.body = query.value(4).toString();
        m.raw = query.value(5).toString();
        m.received = QDateTime::fromMSecsSinceEpoch(query.value(6).toLongLong(), Qt::UTC);
        m.outgoing = true;
        m.pending = true;
        out.append(m);
    }
    return out;
}

bool HistoryStore::setDelivered(const QString &feed, const QString &id)
{
    flush(); // the message may still be waiting in the batch
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("UPDATE messages SET pending = 0 WHERE feed = ? AND event_id = ? AND pending = 1"));
    query.addBindValue(feed);
    query.addBindValue(id);
    if (!query.exec()) {
        fail(query.lastError().text());
        return false;
    }
    if (query.numRowsAffected() > 0 && m_writer) {
        m_writer->recountRows(); // retention may take it now
    }
    return true;
}

QString HistoryStore::lastEventId(const QString &feed) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT last_event_id FROM feed_state WHERE feed = ?"));
    query.addBindValue(feed);
    const QString id = query.exec() && query.next() ? query.value(0).toString() : QString();
    if (!http::isFieldValue(id)) {
        // Stored by a version that took any id; sent again it would add headers of a server's choosing.
        qCWarning(lcStore).noquote() << feed << "had a resume id with a line break or NUL in it; it was dropped";
        return {};
    }
    return id;
}

QStringList HistoryStore::pollKeys(const QString &feed) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT poll_keys FROM feed_state WHERE feed = ?"));
    query.addBindValue(feed);
    return query.exec() && query.next() ? tagsFromJson(query.value(0).toString()) : QStringList();
}

bool HistoryStore::setPollKeys(const QString &feed, const QStringList &keys)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("INSERT INTO feed_state (feed, last_event_id, poll_keys) VALUES (?, '', ?) "
                                 "ON CONFLICT (feed) DO UPDATE SET poll_keys = excluded.poll_keys"));
    query.addBindValue(feed);
    query.addBindValue(HistoryWriter::tagsJson(keys)); // a JSON array of strings, like the tags
    return query.exec();
}

bool HistoryStore::setLastEventId(const QString &feed, const QString &id)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("INSERT INTO feed_state (feed, last_event_id) VALUES (?, ?) "
                                 "ON CONFLICT (feed) DO UPDATE SET last_event_id = excluded.last_event_id"));
    query.addBindValue(feed);
    query.addBindValue(id);
    return query.exec();
}

} // namespace herald

#include "moc_HistoryStore.cpp"
