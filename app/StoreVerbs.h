#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace herald::app {

// The verbs that open Herald's own files: feeds (the config and the keychain), run (the history too) and history.
// They live in a module of their own (herald-store, with QtSql, SQLite and QtKeychain and what those load), loaded
// only for them: listen, connect and send start without loading those libraries, a fifth of their start-up.
bool isStoreVerb(const QString &verb);
// Loads the module and runs the verb there. Prints what is wrong when the module is missing.
int runStoreVerb(QCoreApplication &app, const char *argv0, const QString &verb, const QStringList &arguments);

// Inside the module: what runStoreVerb() runs.
int runStoreVerbHere(QCoreApplication &app, const QString &verb, const QStringList &arguments);
using StoreVerbEntry = int (*)(QCoreApplication *, const QString *, const QStringList *);

} // namespace herald::app
