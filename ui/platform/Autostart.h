#pragma once

#include <QString>

namespace herald::ui {

// Start at login, behind one interface: an XDG autostart entry on Linux, the Run key of the registry on Windows, a
// LaunchAgent on macOS.
class Autostart final
{
public:
    static bool isEnabled();
    // false with error when the platform refused.
    static bool setEnabled(bool enabled, QString *error);
    // Where the entry lives (for messages and tests).
    static QString location();
};

} // namespace herald::ui
