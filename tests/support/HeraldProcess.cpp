#include "HeraldProcess.h"

#include <QProcess>
#include <QSignalSpy>

namespace herald::test {

HeraldRun runHerald(const QStringList &arguments, const QProcessEnvironment &environment, const QByteArray &input,
                    int timeoutMs)
{
    QProcess process;
    process.setProgram(QStringLiteral(HERALD_EXECUTABLE));
    process.setArguments(arguments);
    if (!environment.isEmpty()) {
        process.setProcessEnvironment(environment);
    }
    QSignalSpy finished(&process, &QProcess::finished);
    process.start();
    process.write(input);
    process.closeWriteChannel();
    const bool finishedInTime = finished.wait(timeoutMs);
    if (!finishedInTime) {
        process.kill();
        process.waitForFinished();
        qWarning("herald did not finish in time");
    }
    HeraldRun run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.lines = process.readAllStandardOutput().split('\n');
    if (!run.lines.isEmpty() && run.lines.last().isEmpty()) {
        run.lines.removeLast();
    }
    run.stderrText = process.readAllStandardError();
    if (finishedInTime && process.exitStatus() == QProcess::CrashExit) {
        // What a failing comparison of exit codes cannot say: the signal and the last words.
        qWarning("herald %s crashed (signal %d); it printed:\n%s\nand on stderr:\n%s",
                 qPrintable(arguments.join(QLatin1Char(' '))), process.exitCode(),
                 run.lines.join('\n').right(2000).constData(), run.stderrText.right(2000).constData());
    }
    return run;
}

} // namespace herald::test
