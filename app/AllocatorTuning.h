#pragma once

namespace herald::cli {

// For the verbs that stream (listen, connect): keeps the C allocator from giving each network chunk back to the
// system and faulting it in again. With glibc's defaults, a fast stream spends a quarter of its CPU time on page
// faults (bench_listen, `perf stat`); elsewhere this does nothing.
void tuneAllocatorForStreaming();
// The first thing main() does, before anything is allocated: the heap's padding for the same verbs.
void padHeapForStreaming(int argc, char **argv);

} // namespace herald::cli
