#pragma once

#include "notify/Notifier.h"

#include <QPointer>
#include <QSystemTrayIcon>

namespace herald::ui {

// Popups as the tray icon's balloon messages (QSystemTrayIcon::showMessage): Windows toasts, macOS notifications,
// and Linux desktops without a notification server. One at a time and no buttons; a click opens the popup's entry.
class TrayNotifier final : public Notifier
{
    Q_OBJECT

public:
    explicit TrayNotifier(QSystemTrayIcon *tray, QObject *parent = nullptr);

    void show(const Popup &popup) override;
    void close(const QString &key) override;
    QString backendName() const override { return QStringLiteral("tray"); }

private:
    QPointer<QSystemTrayIcon> m_tray;
    QString m_lastKey;
};

} // namespace herald::ui
