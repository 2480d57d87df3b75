#pragma once

#include <QByteArray>
#include <QString>
#include <QVarLengthArray>

struct sqlite3;
struct sqlite3_stmt;
class QSqlDatabase;

namespace herald {

// One prepared statement on the SQLite connection under a QSqlDatabase, bound and stepped without QVariant: for the
// history's insert, which runs for every message (Qt's binding cost a quarter of a burst's ingest). It runs inside
// whatever transaction the QSqlDatabase has open.
class SqliteStatement final
{
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    // The raw connection of db, or nullptr when it is no open SQLite database.
    static sqlite3 *connectionOf(const QSqlDatabase &db);
    // Settings of the SQLite library itself, which only hold when made before it opens its first database: call
    // before the first QSqlDatabase opens. Harmless later (SQLite then keeps what it has).
    static void configureLibrary();

    bool prepare(sqlite3 *connection, const char *sql);
    void finalize();
    bool isPrepared() const { return m_statement != nullptr; }

    // Positions count from 1, as in SQLite.
    void bind(int position, const QString &text); // a null QString binds as ''
    void bind(int position, qint64 value);
    void bindNull(int position);
    // Runs it to its end and resets it for the next binding; false with errorString() on failure.
    bool run();
    qint64 lastInsertRowId() const;
    int changes() const;
    QString errorString() const;

private:
    sqlite3 *m_connection = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    // Each text parameter as UTF-8, the database's encoding, kept until the next binding of its position: SQLite
    // would otherwise convert from UTF-16 itself, one character at a time.
    QVarLengthArray<QByteArray, 20> m_text;
};

} // namespace herald
