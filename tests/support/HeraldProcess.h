#pragma once

#include <QByteArray>
#include <QList>
#include <QProcessEnvironment>
#include <QStringList>

namespace herald::test {

// The real herald executable, run as a person would, with the event loop spinning (so in-process servers answer).
struct HeraldRun
{
    int exitCode = -1;
    QList<QByteArray> lines; // stdout, one entry a line
    QByteArray stderrText;
};

HeraldRun runHerald(const QStringList &arguments, const QProcessEnvironment &environment = {},
                    const QByteArray &input = {}, int timeoutMs = 20000);

} // namespace herald::test
