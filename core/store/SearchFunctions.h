#pragma once

#include <QString>

class QSqlDatabase;

namespace herald {

// Registers History's search functions on an open SQLite connection: herald_grams(title, body), what the search
// index holds for a message (its triggers need it to take a message out again), and herald_contains(title, body,
// runs), the same search over messages the index has not reached yet. False with error when the connection is no
// SQLite one.
bool registerSearchFunctions(const QSqlDatabase &db, QString *error);

} // namespace herald
