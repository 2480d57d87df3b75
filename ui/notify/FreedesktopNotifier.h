#pragma once

#include "notify/Notifier.h"

#include <QDBusConnection>
#include <QHash>
#include <QList>
#include <QStringList>

namespace herald::ui {

// org.freedesktop.Notifications over D-Bus (Desktop Notifications Specification 1.2), asynchronously: the server's
// capabilities are read at start and whenever another server takes the name (popups wait for them, since markup must be
// escaped only where it would be rendered); urgency from priority as the byte the specification asks for; replaces_id
// so that a popup with the key of one on screen (the coalesced summary of a feed) replaces it; actions, ActionInvoked
// and NotificationClosed; KDE's inline reply (NotificationReplied) where the server offers it.
class FreedesktopNotifier final : public Notifier
{
    Q_OBJECT

public:
    static constexpr const char *kService = "org.freedesktop.Notifications";

    explicit FreedesktopNotifier(const QDBusConnection &bus = QDBusConnection::sessionBus(), QObject *parent = nullptr);

    // Whether a notification server is on this bus (or can be started by it).
    static bool isAvailable(const QDBusConnection &bus = QDBusConnection::sessionBus());

    void show(const Popup &popup) override;
    void close(const QString &key) override;
    QString backendName() const override { return QStringLiteral("freedesktop"); }
    bool supportsActions() const override { return m_capabilities.contains(QLatin1String("actions")); }
    bool supportsInlineReply() const override { return m_capabilities.contains(QLatin1String("inline-reply")); }
    bool capabilitiesKnown() const { return m_capabilitiesKnown; }
    QStringList capabilities() const { return m_capabilities; }

    // The application icon: a file path or an icon name; empty for none.
    void setAppIcon(const QString &icon) { m_appIcon = icon; }

    static QString escapeMarkup(const QString &text);

Q_SIGNALS:
    void capabilitiesRead();
    // The server took the popup and gave it this id.
    void shown(const QString &key, uint id);

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &actionKey);
    void onNotificationClosed(uint id, uint reason);
    void onNotificationReplied(uint id, const QString &text);

private:
    void readCapabilities();
    void send(const Popup &popup);

    QDBusConnection m_bus;
    QStringList m_capabilities;
    bool m_saidNobodyThere = false; // "no notification server answers" is logged once, not with every popup
    bool m_capabilitiesKnown = false;
    QList<Popup> m_waiting; // shown once the capabilities are known
    QHash<QString, uint> m_idsByKey;
    QHash<uint, QString> m_keysById;
    QString m_appIcon;
};

} // namespace herald::ui
