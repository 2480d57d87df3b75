#pragma once

#include <functional>

class QCoreApplication;
class QObject;

namespace herald {

// SIGINT and SIGTERM end app's event loop normally, so that destructors store what is pending and remove what they
// created (the tray app's local socket). On Windows, Ctrl+C, Ctrl+Break and closing the console do the same.
void quitOnTerminationSignals(QCoreApplication &app);
// The same signals call handler on context's thread (through the event loop, never inside the signal handler), once
// per signal: a command leaves politely on the first and at once on the second.
void onTerminationSignals(QObject *context, std::function<void()> handler);

} // namespace herald
