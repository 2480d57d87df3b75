#pragma once

namespace herald {

// Raises the soft limit on open files to the hard one, as servers do: every feed holds a socket, and a thread with
// its own event loop holds more. With the default 1024 about 850 feeds exhausted it, and GLib aborts the process when
// it cannot make a wake-up pipe. Returns the soft limit in force afterwards (-1 where there is none to read).
long raiseOpenFileLimit();

} // namespace herald
