#include "SearchFunctions.h"

#include "SearchText.h"
#include "SqliteStatement.h"

#include <sqlite3.h>

namespace herald {

namespace {

QString textArgument(sqlite3_value *value)
{
    const auto *text = static_cast<const char16_t *>(sqlite3_value_text16(value));
    return text ? QString::fromUtf16(text, sqlite3_value_bytes16(value) / 2) : QString();
}

void resultText(sqlite3_context *context, const QString &text)
{
    sqlite3_result_text16(context, text.utf16(), int(text.size() * 2), SQLITE_TRANSIENT);
}

void gramsFunction(sqlite3_context *context, int, sqlite3_value **arguments)
{
    resultText(context, searchtext::grams(textArgument(arguments[0]), textArgument(arguments[1])));
}

void containsFunction(sqlite3_context *context, int, sqlite3_value **arguments)
{
    const QStringList runs = textArgument(arguments[2]).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    sqlite3_result_int(context,
                       searchtext::containsAll(textArgument(arguments[0]), textArgument(arguments[1]), runs) ? 1 : 0);
}

} // namespace

bool registerSearchFunctions(const QSqlDatabase &db, QString *error)
{
    sqlite3 *connection = SqliteStatement::connectionOf(db);
    if (!connection) {
        *error = QStringLiteral("the history's database driver is not SQLite");
        return false;
    }
    constexpr int kFlags = SQLITE_UTF16 | SQLITE_DETERMINISTIC;
    if (sqlite3_create_function_v2(connection, "herald_grams", 2, kFlags, nullptr, gramsFunction, nullptr, nullptr,
                                   nullptr) != SQLITE_OK ||
        sqlite3_create_function_v2(connection, "herald_contains", 3, kFlags, nullptr, containsFunction, nullptr,
                                   nullptr, nullptr) != SQLITE_OK) {
        *error = QString::fromUtf8(sqlite3_errmsg(connection));
        return false;
    }
    return true;
}

} // namespace herald
