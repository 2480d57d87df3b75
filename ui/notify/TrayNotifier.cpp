#include "TrayNotifier.h"

#include <QIcon>

namespace herald::ui {

TrayNotifier::TrayNotifier(QSystemTrayIcon *tray, QObject *parent)
    : Notifier(parent)
    , m_tray(tray)
{
    if (m_tray) {
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (!m_lastKey.isEmpty()) {
                Q_EMIT activated(m_lastKey, QStringLiteral("default"));
            }
        });
    }
}

void TrayNotifier::show(const Popup &popup)
{
    if (!m_tray) {
        return;
    }
    m_lastKey = popup.key;
    const auto icon = popup.priority >= 5   ? QSystemTrayIcon::Critical
                      : popup.priority >= 4 ? QSystemTrayIcon::Warning
                                            : QSystemTrayIcon::Information;
    // Plain text: the balloon does not render markup on any platform.
    const int timeout = popup.priority >= 5 ? 0 : 10000;
    if (const QString picture = popup.iconFile.isEmpty() ? popup.imageFile : popup.iconFile; !picture.isEmpty()) {
        if (const QIcon pictureIcon(picture); !pictureIcon.isNull()) {
            m_tray->showMessage(popup.title, popup.body, pictureIcon, timeout);
            return;
        }
    }
    m_tray->showMessage(popup.title, popup.body, icon, timeout);
}

void TrayNotifier::close(const QString &key)
{
    if (key == m_lastKey && m_tray) {
        m_tray->showMessage(QString(), QString(), QSystemTrayIcon::NoIcon, 1);
        m_lastKey.clear();
    }
}

} // namespace herald::ui
