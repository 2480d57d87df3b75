#pragma once

#include "notify/Notifier.h"

#include <memory>

namespace herald::ui {

// Popups as Windows 10/11 toasts (WinRT's ToastNotificationManager): title, body, the message's picture and icon,
// buttons for its actions, and a reply box on chat feeds. Windows shows a desktop app's toasts only under the
// AppUserModelID of a Start-menu shortcut: the installer's "Herald" shortcut gets Herald's on the first start. A click
// while Herald runs comes back through the toast's Activated event. Where toasts cannot be shown (a portable copy
// without the shortcut, Wine, a toast Windows refuses), the caller falls back to the tray's messages.
class WindowsToastNotifier final : public Notifier
{
    Q_OBJECT

public:
    static constexpr char kAppUserModelId[] = "Herald.Herald";

    // Empty, with why set, when toasts cannot be shown here.
    static std::unique_ptr<WindowsToastNotifier> create(QString *why);
    ~WindowsToastNotifier() override;

    void show(const Popup &popup) override;
    void close(const QString &key) override;
    QString backendName() const override { return QStringLiteral("windows-toast"); }
    bool supportsActions() const override { return true; }
    bool supportsInlineReply() const override { return true; }

private:
    struct Private;
    explicit WindowsToastNotifier(std::unique_ptr<Private> d);
    void onActivated(const QString &arguments, const QString &reply);
    void onDismissed(const QString &key, int reason);
    void onFailed(const QString &key, long error);
    void forget(const QString &key);
    void failLater(const Popup &popup, const QString &reason);

    std::unique_ptr<Private> d;
};

} // namespace herald::ui
