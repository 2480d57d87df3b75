#include "BenchSize.h"

#include <QtGlobal>

#include <algorithm>
#include <cstdio>

namespace herald::bench {

bool isSmokeRun()
{
    static const bool smoke = qEnvironmentVariableIntValue("HERALD_BENCH_SMOKE") != 0;
    return smoke;
}

int sized(int full)
{
    return isSmokeRun() ? std::max(1, full / 100) : full;
}

int rounds(int full)
{
    return isSmokeRun() ? 1 : full;
}

std::vector<int> steps(std::initializer_list<int> full)
{
    std::vector<int> all(full);
    if (isSmokeRun() && all.size() > 2) {
        all.resize(2);
    }
    return all;
}

void announceSmokeRun()
{
    if (isSmokeRun()) {
        std::printf("smoke run (HERALD_BENCH_SMOKE): a hundredth of the size, one round; the figures mean nothing\n");
    }
}

} // namespace herald::bench
