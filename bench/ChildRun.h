#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace herald::bench {

struct ChildRun
{
    double seconds = 0;     // process start to exit
    qint64 outputBytes = 0; // stdout, read and dropped as it comes
    qint64 peakResident = 0;
    qint64 readCalls = -1; // as of its last output (Linux; -1 elsewhere)
    int exitCode = -1;
    QByteArray outputHead; // the first kOutputHead bytes of stdout
    static constexpr qsizetype kOutputHead = 4096;

    void keep(const QByteArray &bytes)
    {
        outputBytes += bytes.size();
        if (outputHead.size() < kOutputHead) {
            outputHead += bytes.left(kOutputHead - outputHead.size());
        }
    }
};

// Runs a program to its end with the event loop spinning (so in-process servers keep serving).
ChildRun runChild(const QString &program, const QStringList &arguments);

} // namespace herald::bench
