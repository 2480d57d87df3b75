#pragma once

namespace herald {

// Raises the soft limit on open files to the hard one, as servers do: every feed holds a socket, and a thread with
// its own event loop holds more. With the default 1024 about 850 feeds exhausted it, and GLib aborts the process when
// it cannot make a wake-up pipe. Returns the soft limit in force afterwards (-1 where there is none to read).
long raiseOpenFileLimit();

// How many more feeds this process can run before it nears its open-file limit: each feed holds a socket (two while
// it reconnects), and a reserve stays for threads' wake-up handles, the history, D-Bus and what the user opens.
// -1 where there is no such limit (Windows) or it cannot be read.
struct FileBudget
{
    static constexpr int kFilesPerFeed = 2;
    static constexpr int kReserved = 128;
    long limit = -1; // the soft limit in force
    int open = 0;    // files open when it was measured
    int feeds = -1;  // feeds that fit; -1: no limit known
};
FileBudget measureFileBudget();

} // namespace herald
