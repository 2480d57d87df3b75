#pragma once

#include <QtGlobal>

namespace herald::bench {

// Figures about the running process, where the platform tells them (Linux /proc); -1 elsewhere.
int threadCount();
qint64 residentBytes();
// Peak resident size so far (VmHWM) of a running process, in bytes. (getrusage's figure for children is no use
// here: it counts the forked copy of the parent before exec.)
qint64 peakResidentBytes(qint64 pid);
// Read system calls a running process made so far (syscr in /proc/PID/io): how often it woke to read.
qint64 readCalls(qint64 pid);

} // namespace herald::bench
