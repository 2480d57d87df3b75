#pragma once

namespace herald::app {

// Whether these arguments start the tray app (none, or only its own options) rather than a command-line verb.
bool isDesktopInvocation(int argc, char **argv);
// The tray app: `herald [--demo [--demo-port N]] [--show history|chat|feeds|settings]`.
int runDesktop(int argc, char **argv);

} // namespace herald::app
