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
    if (!finished.wait(timeoutMs)) {
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
    return run;
}

} // namespace herald::test
