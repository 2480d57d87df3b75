#pragma once

#include <QStringList>

namespace herald::cli {

class ConsoleOutput;

// `herald history [--feed NAME] [--search TEXT] [--unread] [--limit N] [--json]`: what the history holds, newest
// first. Returns the exit code: 0 done, 1 failed, 2 usage error.
int runHistoryCommand(const QStringList &arguments, ConsoleOutput &out);

} // namespace herald::cli
