#include "SqliteStatement.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

namespace herald {

SqliteStatement::~SqliteStatement()
{
    finalize();
}

sqlite3 *SqliteStatement::connectionOf(const QSqlDatabase &db)
{
    const QVariant handle = db.isOpen() && db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
        return nullptr;
    }
    return *static_cast<sqlite3 *const *>(handle.constData());
}

bool SqliteStatement::prepare(sqlite3 *connection, const char *sql)
{
    finalize();
    m_connection = connection;
    return connection &&
           sqlite3_prepare_v3(connection, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr) == SQLITE_OK;
}

void SqliteStatement::finalize()
{
    sqlite3_finalize(m_statement); // a no-op on nullptr
    m_statement = nullptr;
}

void SqliteStatement::bind(int position, const QString &text)
{
    // SQLITE_STATIC: the strings outlive run(), which is where SQLite reads them.
    static const char16_t empty[] = u"";
    const void *characters = text.isNull() ? static_cast<const void *>(empty) : text.utf16();
    sqlite3_bind_text16(m_statement, position, characters, int(text.size() * 2), SQLITE_STATIC);
}

void SqliteStatement::bind(int position, qint64 value)
{
    sqlite3_bind_int64(m_statement, position, value);
}

void SqliteStatement::bindNull(int position)
{
    sqlite3_bind_null(m_statement, position);
}

bool SqliteStatement::run()
{
    int result = SQLITE_ROW;
    while (result == SQLITE_ROW) {
        result = sqlite3_step(m_statement);
    }
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    return result == SQLITE_DONE;
}

qint64 SqliteStatement::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_connection);
}

int SqliteStatement::changes() const
{
    return sqlite3_changes(m_connection);
}

QString SqliteStatement::errorString() const
{
    return m_connection ? QString::fromUtf8(sqlite3_errmsg(m_connection)) : QStringLiteral("no database");
}

} // namespace herald
