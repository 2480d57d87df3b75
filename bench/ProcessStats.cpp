#include "ProcessStats.h"

#include <QDir>
#include <QFile>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace herald::bench {

int threadCount()
{
#ifdef Q_OS_LINUX
    return int(QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
#else
    return -1;
#endif
}

qint64 residentBytes()
{
#ifdef Q_OS_LINUX
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.value(1).toLongLong() * sysconf(_SC_PAGESIZE);
#else
    return -1;
#endif
}

namespace {

// The number after "key:" in /proc/PID/<file>, or -1.
qint64 procField(qint64 pid, const char *file, const QByteArray &key)
{
#ifdef Q_OS_LINUX
    QFile proc(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(file)));
    if (!proc.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : proc.readAll().split('\n')) {
        if (line.startsWith(key + ':')) {
            return line.mid(key.size() + 1).trimmed().split(' ').value(0).toLongLong();
        }
    }
#else
    Q_UNUSED(pid);
    Q_UNUSED(file);
    Q_UNUSED(key);
#endif
    return -1;
}

} // namespace

qint64 peakResidentBytes(qint64 pid)
{
    const qint64 kibibytes = procField(pid, "status", "VmHWM");
    return kibibytes < 0 ? -1 : kibibytes * 1024;
}

qint64 readCalls(qint64 pid)
{
    return procField(pid, "io", "syscr");
}

} // namespace herald::bench
