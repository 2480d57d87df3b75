#include "ProcessLimits.h"

#include <QDir>
#include <QtGlobal>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

namespace herald {

long raiseOpenFileLimit()
{
#ifdef Q_OS_UNIX
    struct rlimit limit = {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        return -1;
    }
#ifdef Q_OS_MACOS
    // macOS refuses RLIM_INFINITY here; OPEN_MAX is what it takes.
    if (limit.rlim_max == RLIM_INFINITY || limit.rlim_max > 10240) {
        limit.rlim_max = 10240;
    }
#endif
    if (limit.rlim_cur < limit.rlim_max) {
        struct rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) {
            return long(raised.rlim_cur);
        }
    }
    return long(limit.rlim_cur);
#else
    return -1; // Windows has no such per-process limit on sockets
#endif
}

FileBudget measureFileBudget()
{
    FileBudget budget;
#ifdef Q_OS_UNIX
    struct rlimit limit = {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) {
        return budget;
    }
    budget.limit = long(limit.rlim_cur);
    // Linux lists what is open; elsewhere assume what a started Qt application holds.
    const QDir open(QStringLiteral("/proc/self/fd"));
    budget.open =
        open.exists() ? int(open.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot).size()) : 16;
    budget.feeds = int(std::max(0L, (budget.limit - budget.open - FileBudget::kReserved) / FileBudget::kFilesPerFeed));
#endif
    return budget;
}

} // namespace herald
