#include "StoreVerbs.h"

#include "ConsoleOutput.h"
#include "FeedsCommand.h"
#include "HistoryCommand.h"
#include "RunCommand.h"

#include <QCoreApplication>

namespace herald::app {

int runStoreVerbHere(QCoreApplication &app, const QString &verb, const QStringList &arguments)
{
    if (verb == QLatin1String("run")) {
        return cli::runHeadless(app, arguments);
    }
    cli::ConsoleOutput out;
    return verb == QLatin1String("feeds") ? cli::runFeedsCommand(arguments, out)
                                          : cli::runHistoryCommand(arguments, out);
}

} // namespace herald::app

// The entry point the herald executable looks up when it loads this module (see ModuleLauncher.cpp).
extern "C" Q_DECL_EXPORT int herald_store_main(QCoreApplication *app, const QString *verb, const QStringList *arguments)
{
    return herald::app::runStoreVerbHere(*app, *verb, *arguments);
}
