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
    QByteArray stderrText;   // with Windows' CR LF line ends made LF, as stdout's lines are
};

// The system environment with Herald's config (<configHome>/Herald/herald.json) and data
// (<dataHome>/Herald/herald/history.sqlite) moved into test folders: through the XDG variables on Linux and through
// HERALD_CONFIG_DIR and HERALD_DATA_DIR, which Windows needs (its folders come from the shell, not the environment).
QProcessEnvironment isolatedEnvironment(const QString &configHome, const QString &dataHome);

HeraldRun runHerald(const QStringList &arguments, const QProcessEnvironment &environment = {},
                    const QByteArray &input = {}, int timeoutMs = 20000);

} // namespace herald::test
