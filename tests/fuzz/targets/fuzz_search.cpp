// History's search on any text: every piece cut out of a message's title (a server's text) is found in it, both by
// the index (a real FTS5 table in memory, as the history keeps it) and by the reading of rows not yet indexed; and no
// search, whatever its characters, makes a query SQLite refuses.
#include "FuzzSupport.h"
#include "store/SearchFunctions.h"
#include "store/SearchText.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

using namespace herald;

namespace {

QSqlDatabase &database()
{
    static QSqlDatabase db = [] {
        QSqlDatabase opened = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fuzz"));
        opened.setDatabaseName(QStringLiteral(":memory:"));
        QString error;
        fuzz::check(opened.open() && registerSearchFunctions(opened, &error));
        QSqlQuery create(opened);
        fuzz::check(create.exec(QStringLiteral("CREATE VIRTUAL TABLE search_grams USING fts5(grams, content='', "
                                               "columnsize=0, tokenize='unicode61 remove_diacritics 0')")));
        return opened;
    }();
    return db;
}

bool indexFinds(const QString &title, const QString &search)
{
    const QString match = searchtext::matchQuery(search);
    if (match.isEmpty()) {
        return true; // no letter or digit in it: no filter at all
    }
    QSqlQuery query(database());
    query.prepare(QStringLiteral("INSERT INTO search_grams (rowid, grams) VALUES (1, herald_grams(?, ''))"));
    query.addBindValue(title);
    fuzz::check(query.exec());
    query.prepare(QStringLiteral("SELECT count(*) FROM search_grams WHERE search_grams MATCH ?"));
    query.addBindValue(match);
    fuzz::check(query.exec() && query.next()); // never malformed
    const bool found = query.value(0).toInt() == 1;
    query.prepare(QStringLiteral(
        "INSERT INTO search_grams (search_grams, rowid, grams) VALUES ('delete', 1, herald_grams(?, ''))"));
    query.addBindValue(title);
    fuzz::check(query.exec());
    return found;
}

} // namespace

HERALD_FUZZ_TARGET
{
    fuzz::ensureApplication();
    if (size < 2) {
        return 0;
    }
    // The first two bytes choose the piece; the rest is the title.
    const QString title = QString::fromUtf8(HERALD_FUZZ_BYTES.sliced(2));
    const qsizetype from = title.isEmpty() ? 0 : data[0] % title.size();
    const QString piece = title.mid(from, 1 + data[1] % 16);
    fuzz::check(searchtext::containsAll(title, QString(), searchtext::searchRuns(piece)));
    fuzz::check(indexFinds(title, piece));
    // Any text as a search, the title included: SQLite accepts the query.
    indexFinds(piece, title);
    return 0;
}
