#include "ChildRun.h"

#include "ProcessStats.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>

#include <algorithm>

namespace herald::bench {

ChildRun runChild(const QString &program, const QStringList &arguments)
{
    QProcess child;
    child.setProgram(program);
    child.setArguments(arguments);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    ChildRun run;
    QObject::connect(&child, &QProcess::readyReadStandardOutput, [&] {
        run.keep(child.readAllStandardOutput());
        // The high-water mark only grows, so the last reading before exit is the peak.
        run.peakResident = std::max(run.peakResident, peakResidentBytes(child.processId()));
        run.readCalls = std::max(run.readCalls, readCalls(child.processId()));
    });
    QEventLoop loop;
    QObject::connect(&child, &QProcess::finished, &loop, &QEventLoop::quit);
    QElapsedTimer timer;
    timer.start();
    child.start();
    if (!child.waitForStarted(10000)) {
        return run;
    }
    loop.exec();
    run.seconds = timer.nsecsElapsed() / 1e9;
    run.keep(child.readAllStandardOutput());
    run.exitCode = child.exitStatus() == QProcess::NormalExit ? child.exitCode() : -1;
    return run;
}

} // namespace herald::bench
