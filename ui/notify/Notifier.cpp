#include "Notifier.h"

#include "TrayNotifier.h"
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
#include "FreedesktopNotifier.h"
#endif

namespace herald::ui {

std::unique_ptr<Notifier> createNotifier(QSystemTrayIcon *tray, NotifierStyle style)
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    if (style == NotifierStyle::Native && FreedesktopNotifier::isAvailable()) {
        return std::make_unique<FreedesktopNotifier>();
    }
#else
    Q_UNUSED(style)
#endif
    // Windows and macOS: the tray's messages are their native toasts and notifications. (A WinRT toast and a
    // UserNotifications backend, with buttons, would each be one more branch here.)
    return std::make_unique<TrayNotifier>(tray);
}

} // namespace herald::ui
