#pragma once

#include <initializer_list>
#include <vector>

namespace herald::bench {

// `make bench` runs every benchmark at its full size. With HERALD_BENCH_SMOKE=1, as the bench_smoke_* CTest tests
// run them, a benchmark runs at a hundredth of its size and once: the test suite then checks that each still runs
// to its end against its peers (a renamed option or a peer that no longer starts fails it), never its figures.
bool isSmokeRun();

// full, or full / 100 (at least 1) in a smoke run.
int sized(int full);

// full, or 1 in a smoke run.
int rounds(int full);

// Every step of a series such as {1, 10, 100, 300} feeds, or only its first two in a smoke run.
std::vector<int> steps(std::initializer_list<int> full);

// Prints the line that says a run is a smoke run, whose figures mean nothing.
void announceSmokeRun();

} // namespace herald::bench
