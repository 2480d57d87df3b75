#include "HeraldProcess.h"

#include <QProcess>
#include <QSignalSpy>

namespace herald::test {

QProcessEnvironment isolatedEnvironment(const QString &configHome, const QString &dataHome)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    environment.insert(QStringLiteral("HERALD_CONFIG_DIR"), configHome + QStringLiteral("/Herald"));
    environment.insert(QStringLiteral("HERALD_DATA_DIR"), dataHome + QStringLiteral("/Herald/herald"));
    return environment;
}

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
#ifdef Q_OS_WIN
    for (QByteArray &line : run.lines) {
        if (line.endsWith('\r')) {
            line.chop(1); // a Windows program's text output ends its lines with CR LF
        }
    }
#endif
    run.stderrText = process.readAllStandardError();
#ifdef Q_OS_WIN
    run.stderrText.replace("\r\n", "\n");
#endif
    if (finishedInTime && process.exitStatus() == QProcess::CrashExit) {
        // What a failing comparison of exit codes cannot say: the signal and the last words.
        qWarning("herald %s crashed (signal %d); it printed:\n%s\nand on stderr:\n%s",
                 qPrintable(arguments.join(QLatin1Char(' '))), process.exitCode(),
                 run.lines.join('\n').right(2000).constData(), run.stderrText.right(2000).constData());
    }
    return run;
}

} // namespace herald::test
