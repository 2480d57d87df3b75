#include "Notifier.h"

#include "TrayNotifier.h"
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
#include "FreedesktopNotifier.h"
#elif defined(Q_OS_WIN)
#include "WindowsToastNotifier.h"

#include <QLoggingCategory>
Q_DECLARE_LOGGING_CATEGORY(lcToast)
#endif

namespace herald::ui {

std::unique_ptr<Notifier> createNotifier(QSystemTrayIcon *tray, NotifierStyle style)
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    if (style == NotifierStyle::Native && FreedesktopNotifier::isAvailable()) {
        return std::make_unique<FreedesktopNotifier>();
    }
#elif defined(Q_OS_WIN)
    if (style == NotifierStyle::Native) {
        QString why;
        if (auto toasts = WindowsToastNotifier::create(&why)) {
            return toasts;
        }
        qCInfo(lcToast).noquote() << "no toasts:" << why << "- the tray's messages are used";
    }
#else
    Q_UNUSED(style)
#endif
    // macOS, and wherever the native kind is not there: the tray's messages. (A UserNotifications backend, with
    // buttons, would be one more branch here.)
    return std::make_unique<TrayNotifier>(tray);
}

} // namespace herald::ui
