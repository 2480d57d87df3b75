#pragma once

#include "message/Message.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

class QThread;

namespace herald {

class HistoryWriter;

struct StoredMessage
{
    qint64 rowId = 0;
    Message message;
    bool read = false;
    bool announcedUnsaved = false; // shown already, while the history could not be written (see unsaved())
};

} // namespace herald

Q_DECLARE_TYPEINFO(herald::StoredMessage, Q_RELOCATABLE_TYPE); // as Message

namespace herald {

// Every message Herald receives, in SQLite (WAL): stored before anything is shown, deduplicated on (feed, event id)
// so that a replay after a reconnect or a restart never shows twice, searchable (FTS5), with read state, retention,
// and the last event id of each feed so that a restart resumes where it stopped.
//
// append() only queues: messages go to disk in one transaction as soon as the event loop is free (or at once when
// kBatchSize are waiting), so a burst of thousands costs a few transactions, not thousands. The writes, retention
// and the search index run on a thread of their own (HistoryWriter), so a burst never holds up the windows; stored()
// then names the new ones, on this object's thread; that is the moment to notify.
class HistoryStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryStore)

public:
    static constexpr int kSchemaVersion = 7;
    static constexpr int kBatchSize = 500;
    static constexpr int kDefaultMaxMessages = 100000;
    static constexpr int kDefaultMaxAgeDays = 365;
    static constexpr int kDefaultMaxMegabytes = 1024;
    // What may wait in memory while the history cannot be written; past either, the oldest waiting messages go.
    static constexpr int kMaxPending = 20000;
    static constexpr qsizetype kMaxPendingBytes = 64 * 1024 * 1024;
    // While the writer writes one batch, append() waits for it once this many more are waiting, then hands those
    // over: messages that arrive faster than the disk takes them slow their reader down rather than fill memory
    // (at most twice this many in memory), and reading and writing still go on side by side.
    static constexpr int kWaitForWriterAt = 10000;

    struct Query
    {
        QString feed;   // empty: every feed
        QString search; // pieces of words, each of which must appear in title or body, in any case or accent
        bool unreadOnly = false;
        QDateTime since;        // invalid: any time
        qint64 beforeRowId = 0; // only messages that arrived before this one (paging back); 0: any
        int limit = 100;
    };

    explicit HistoryStore(QObject *parent = nullptr);
    ~HistoryStore() override;

    // The platform's place for application data, e.g. ~/.local/share/Herald/herald/history.sqlite.
    static QString defaultPath();

    // Opens (creating or migrating as needed) the database at path; false with errorString() on failure.
    bool open(const QString &path);
    // open(), and when the file is no database at all (garbage, a folder in its place, a malformed image): moves it
    // aside to path.broken-<time>, says where in movedAside, and starts a new history. Anything else (a newer
    // schema, no rights) fails as open() does, touching nothing.
    bool openOrRecover(const QString &path, QString *movedAside);
    // Tests: makes every write fail as on a full disk or a file gone read-only, or undoes it.
    void simulateFullDiskForTests(bool full);
    void close();
    bool isOpen() const;
    QString errorString() const { return m_errorString; }
    int schemaVersion() const;

    void append(const Message &message);
    void append(Message &&message);
    // Writes everything queued now (waiting for the writer's thread); false when the write failed (the messages stay
    // queued, nothing is lost).
    bool flush();
    int pendingCount() const { return int(m_pending.size() + m_inFlight); }

    QList<StoredMessage> query(const Query &query) const;
    int count(const QString &feed = {}) const;
    int unreadCount(const QString &feed = {}) const;
    bool markRead(const QList<qint64> &rowIds, bool read = true);
    // Every message of feed (every feed when empty) read, including what waits to be written now; done on the
    // writer's thread after its writes, so that a chat marking its room read during a burst never waits for them.
    // readStateChanged() follows when it changed anything.
    void markAllRead(const QString &feed = {});
    // Marks every message the filter finds (its limit aside) read or unread: what a filtered view shows.
    bool markMatching(const Query &filter, bool read = true);
    // Deletes these messages for good (and from the search index); emits removed() and readStateChanged().
    bool remove(const QList<qint64> &rowIds);

    // 0 means no limit. Applied after every write, by arrival (a server's date moves nothing), oldest first; a chat
    // message not yet handed to its server is kept whatever the limits. maxMegabytes counts the pages the history
    // uses (messages and search index); freed pages are used again, so the file stops growing there.
    void setRetention(int maxMessages, int maxAgeDays, int maxMegabytes = 0);
    // The same from the config's settings ("retention": {"maxMessages", "maxAgeDays", "maxMegabytes"}), with the
    // defaults every mode uses: the tray app and run --headless alike.
    void setRetention(const QJsonObject &settings);
    // The bytes the history's pages hold now (free pages aside).
    qint64 usedBytes() const;

    // Chat: what the user sent on feed that has not reached the server yet, oldest first; and marking one as
    // handed over. Both write out the pending batch first.
    QList<Message> pendingOutgoing(const QString &feed);
    bool setDelivered(const QString &feed, const QString &id);

    QString lastEventId(const QString &feed) const;
    bool setLastEventId(const QString &feed, const QString &id);
    // A polled feed: the keys of the items its last answer held (see Feed).
    QStringList pollKeys(const QString &feed) const;
    bool setPollKeys(const QString &feed, const QStringList &keys);

    // The search index is brought up to date after the writes (see SearchText.h), on the writer's thread in short
    // steps while writes pause; a search finds every message meanwhile. Tests and tools: brings it up to date now.
    void indexEverything();

Q_SIGNALS:
    void stored(const QList<herald::StoredMessage> &added);
    void duplicatesSkipped(int count);
    // After every successful write: what was appended before it is on disk now.
    // A write failed (a full disk, a file gone read-only): these waiting messages, each once, so that a person is
    // still told what arrives. They stay queued; stored() brings them again, marked announcedUnsaved, once written.
    void unsaved(const QList<herald::Message> &messages);
    void flushed();
    // markRead() or markAllRead() changed what is unread.
    void readStateChanged();
    void removed(const QList<qint64> &rowIds);
    void errorOccurred(const QString &message);

private:
    // The FROM and WHERE of a query for filter, with the values to bind in order.
    static QString filterSql(const Query &filter, QVariantList *values);
    bool migrate();
    bool startWriter(const QString &path);
    void stopWriter();
    // Hands what waits to the writer's thread; one batch is in flight at a time, so results come back in order.
    void dispatch();
    void onFlushDue();
    // Takes the writer's results: stored() for what was written, another try later for what was not. False when a
    // write failed.
    bool takeResults();
    // Until the writer has done everything handed to it, then takeResults().
    bool waitForWriter();
    bool exec(const QString &sql) const;
    int countWhere(const QString &condition, const QString &feed) const;
    void fail(const QString &what) const;
    void writeFailed();

    QString m_connection;
    QString m_path;
    QThread *m_writerThread = nullptr;
    HistoryWriter *m_writer = nullptr; // lives on m_writerThread
    QList<Message> m_pending;
    qsizetype m_pendingBytes = 0;
    qsizetype m_inFlight = 0; // messages handed to the writer, not back yet
    qint64 m_droppedWhileFailing = 0;
    int m_retryDelay = 0; // while writes fail: the wait before the next try
    QTimer m_flushTimer;
    QList<bool> m_pendingAnnounced; // beside m_pending: given out through unsaved() already
    QSet<QString> m_announcedKeys;  // feed and event id of what unsaved() gave out, until a write succeeds
    int m_maxMessages = 0;
    int m_maxAgeDays = 0;
    qint64 m_maxBytes = 0;
    mutable QString m_errorString;
};

} // namespace herald

Q_DECLARE_METATYPE(herald::StoredMessage)
