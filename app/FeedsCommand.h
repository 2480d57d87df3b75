#pragma once

#include <QStringList>

namespace herald::cli {

class ConsoleOutput;

// `herald feeds list|add|remove|enable|disable`: the feeds the tray app uses, in the same config file, with secrets
// in the keychain. Returns the exit code: 0 done, 1 failed, 2 usage error.
int runFeedsCommand(const QStringList &arguments, ConsoleOutput &out);

} // namespace herald::cli
