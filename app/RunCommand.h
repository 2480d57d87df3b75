#pragma once

#include <QStringList>

class QCoreApplication;

namespace herald::cli {

// `herald run --headless [--json] [--exec CMD]`: every configured feed without a GUI, rules applied, history stored,
// one line per notification. Runs until SIGINT or SIGTERM, then stores what is pending and exits 0.
int runHeadless(QCoreApplication &app, const QStringList &arguments);

} // namespace herald::cli
