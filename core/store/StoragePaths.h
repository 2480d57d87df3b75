#pragma once

#include <QString>

namespace herald::paths {

// Where Herald keeps its files. The platform's places (QStandardPaths) unless HERALD_CONFIG_DIR or HERALD_DATA_DIR
// names a folder: for a portable copy on a USB stick, a second profile, and tests on Windows, where
// QStandardPaths asks the shell and no environment variable moves it.
QString configFolder(); // herald.json
QString dataFolder();   // history.sqlite
// Whether the person chose the folder through the environment (no migration from older places then).
bool configFolderOverridden();

} // namespace herald::paths
