#include "StoragePaths.h"

#include <QDir>
#include <QStandardPaths>

namespace herald::paths {

namespace {

QString fromEnvironment(const char *name)
{
    const QString folder = qEnvironmentVariable(name);
    return folder.isEmpty() ? QString() : QDir::cleanPath(QDir(folder).absolutePath());
}

} // namespace

bool configFolderOverridden()
{
    return !fromEnvironment("HERALD_CONFIG_DIR").isEmpty();
}

QString configFolder()
{
    const QString chosen = fromEnvironment("HERALD_CONFIG_DIR");
    // AppConfigLocation is <config>/<organisation>/<application>, "Herald/herald": one folder too many.
    return chosen.isEmpty()
               ? QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/Herald")
               : chosen;
}

QString dataFolder()
{
    const QString chosen = fromEnvironment("HERALD_DATA_DIR");
    return chosen.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : chosen;
}

} // namespace herald::paths
