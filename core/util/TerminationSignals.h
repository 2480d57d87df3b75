#pragma once

class QCoreApplication;

namespace herald {

// SIGINT and SIGTERM end app's event loop normally, so that destructors store what is pending and remove what they
// created (the tray app's local socket). Unix only; elsewhere a no-op.
void quitOnTerminationSignals(QCoreApplication &app);

} // namespace herald
