#include "SqliteStatement.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QStringEncoder>
#include <QVariant>

#include <mutex>
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

void SqliteStatement::configureLibrary()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // SQLite's memory statistics take one process-wide lock for every allocation, which the history's writer
        // thread and the thread reading it then contend for; Herald never asks for them.
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    });
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
    if (text.isEmpty()) { // a null QString too: '', never NULL
        sqlite3_bind_text(m_statement, position, "", 0, SQLITE_STATIC);
        return;
    }
    if (m_text.size() < position) {
        m_text.resize(position);
    }
    QByteArray &utf8 = m_text[position - 1];
    utf8.resize(3 * text.size()); // enough for any UTF-16 text; the capacity stays for the next row
    QStringEncoder encoder(QStringEncoder::Utf8, QStringConverter::Flag::Stateless); // a lone surrogate: U+FFFD
    const char *end = encoder.appendToBuffer(utf8.data(), text);
    // SQLITE_STATIC: the bytes stay until this position is bound again, after run() has read them.
    sqlite3_bind_text(m_statement, position, utf8.constData(), int(end - utf8.constData()), SQLITE_STATIC);
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
