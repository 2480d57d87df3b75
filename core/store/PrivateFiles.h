#pragma once

#include <QString>

namespace herald::privatefiles {

// Everything Herald writes may hold a secret (tokens in the config, what feeds said in the history): files are 0600
// and their folders 0700, whatever the umask. No-ops where the platform has no such modes (Windows keeps files in
// the user's own profile).

// Creates folder and any missing parents; the folder itself and every parent created here become 0700. False when
// the folder cannot be created.
bool makeFolder(const QString &folder);
// Makes an existing file 0600 and its folder 0700 (files an older Herald or a wide umask left open); true when they
// are, or when the file does not exist.
bool tighten(const QString &file);
// Creates file empty with mode 0600 when it does not exist yet, so that nothing ever sees it with wider rights.
// SQLite gives its -wal and -shm files the database file's mode, so this covers them too.
bool create(const QString &file);

} // namespace herald::privatefiles
