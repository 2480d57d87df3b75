#pragma once

namespace herald::app {

// Whether these arguments start the tray app (none, or only its own options) rather than a command-line verb.
bool isDesktopInvocation(int argc, char **argv);
// The tray app: `herald [--demo [--demo-port N]] [--show history|chat|feeds|settings]`. It lives in a module of
// its own (herald-desktop, with QtWidgets and QtGui), loaded only then: the command-line verbs start without
// loading the GUI libraries, a third of their start-up time. Prints what is wrong when the module is missing.
int runDesktop(int argc, char **argv);
// Inside the module: what runDesktop() runs.
int runDesktopApp(int argc, char **argv);

} // namespace herald::app
