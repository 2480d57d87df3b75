#pragma once

#include "store/HistoryStore.h"
#include "store/SqliteStatement.h"

#include <QElapsedTimer>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>

class QSqlDatabase;

namespace herald {

// The history's writes, on a thread of their own (HistoryStore starts it): each batch of messages in one transaction,
// retention after it, and the search index brought up to date in the pauses between batches. It has its own SQLite
// connection; the store's thread reads and marks read through another (WAL lets readers go on beside a writer), so
// a burst being written, pruned and indexed never holds up a window.
//
// Every function runs on the writer's thread (the store calls them queued or blocking); takeResults() and the
// atomics are the only parts another thread touches.
class HistoryWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryWriter)

public:
    struct Batch
    {
        QList<Message> messages;
        QList<bool> announced; // beside messages: shown already while the history could not be written
    };
    struct Result
    {
        Batch batch; // as given, for another try when the write failed
        bool written = false;
        QString error;
        QList<StoredMessage> added;
        int duplicates = 0;
    };

    explicit HistoryWriter(QString connectionName);
    ~HistoryWriter() override;

    // How tags are kept in the table: a JSON array of strings.
    static QString tagsJson(const QStringList &tags);
    // The bytes the history's pages hold (free pages aside).
    static qint64 usedBytes(const QSqlDatabase &db);

    // The history at path, which the store has opened and migrated already.
    bool open(const QString &path, QString *error);
    void close();
    void write(const herald::HistoryWriter::Batch &batch);
    void setRetention(int maxMessages, int maxAgeDays, qint64 maxBytes);
    void setReadOnlyForTests(bool readOnly);
    void indexEverything();
    void markAllRead(const QString &feed);

    // Any thread: the results of the writes done since the last call, in order.
    QList<Result> takeResults();
    // Any thread: rows came or went behind the writer's back (a delete, a chat message handed over): count again.
    void recountRows() { m_recount.store(true); }

Q_SIGNALS:
    // Results are waiting (queued to the store's thread).
    void resultsReady();
    // markAllRead() changed what is unread.
    void readStateChanged();

private:
    void writeBatch(const Batch &batch, Result *result);
    void prune();
    void pruneToSize();
    void forgetRows(qint64 removed);
    int countKept() const;
    void indexWhenDue();
    int indexSome(); // the rows it indexed

    QString m_connection;
    SqliteStatement m_insert; // prepared at the first write
    QMutex m_resultsLock;
    QList<Result> m_results;
    std::atomic<bool> m_recount{true};

    int m_maxMessages = 0;
    int m_maxAgeDays = 0;
    qint64 m_maxBytes = 0;
    qint64 m_rowCount = -1; // rows retention may take (not waiting for their server), once counted
    QElapsedTimer m_rowsCounted;

    static constexpr int kIndexQuietMs = 200;
    static constexpr int kIndexStepMs = 20;
    static constexpr int kIndexPatienceMs = 2000;
    QTimer *m_indexTimer = nullptr; // created on the writer's thread
    QElapsedTimer m_indexWaiting;   // since the index fell behind
    QElapsedTimer m_lastWrite;
    QElapsedTimer m_lastIndexStep;
    qint64 m_lastIndexCostMs = 1;
    int m_indexBatch = 1000;
};

} // namespace herald
