#include "FreedesktopNotifier.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusServiceWatcher>
#include <QLoggingCategory>
#include <QUrl>

#include <utility>

Q_LOGGING_CATEGORY(lcNotify, "herald.notify", QtInfoMsg)

namespace herald::ui {

namespace {

const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");

QDBusMessage call(const QString &method)
{
    return QDBusMessage::createMethodCall(QString::fromLatin1(FreedesktopNotifier::kService), kPath, kInterface,
                                          method);
}

uchar urgencyFor(int priority)
{
    return priority <= 2 ? 0 : priority >= 5 ? 2 : 1; // low, normal, critical
}

} // namespace

FreedesktopNotifier::FreedesktopNotifier(const QDBusConnection &bus, QObject *parent)
    : Notifier(parent)
    , m_bus(bus)
{
    const QString service = QString::fromLatin1(kService);
    m_bus.connect(service, kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                  SLOT(onActionInvoked(uint, QString)));
    m_bus.connect(service, kPath, kInterface, QStringLiteral("NotificationClosed"), this,
                  SLOT(onNotificationClosed(uint, uint)));
    m_bus.connect(service, kPath, kInterface, QStringLiteral("NotificationReplied"), this,
                  SLOT(onNotificationReplied(uint, QString)));

    // Another server may take the name (dunst restarted, a desktop's own one replacing it): what it renders is
    // read again, or markup from a feed would be drawn by a server that renders it while Herald thinks it does not.
    auto *owner = new QDBusServiceWatcher(service, m_bus, QDBusServiceWatcher::WatchForOwnerChange, this);
    connect(owner, &QDBusServiceWatcher::serviceOwnerChanged, this,
            [this](const QString &, const QString &, const QString &newOwner) {
                m_capabilitiesKnown = false;
                m_capabilities.clear();
                m_idsByKey.clear(); // ids were the old server's
                m_keysById.clear();
                if (!newOwner.isEmpty()) {
                    readCapabilities();
                }
            });
    readCapabilities();
}

void FreedesktopNotifier::readCapabilities()
{
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call(QStringLiteral("GetCapabilities"))), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *finished) {
        finished->deleteLater();
        const QDBusPendingReply<QStringList> reply = *finished;
        if (reply.isError()) {
            qCWarning(lcNotify).noquote()
                << "the notification server did not say what it can do:" << reply.error().message();
        } else {
            m_capabilities = reply.value();
        }
        m_capabilitiesKnown = true;
        qCDebug(lcNotify).noquote() << "notification server capabilities:" << m_capabilities.join(u' ');
        Q_EMIT capabilitiesRead();
        for (const Popup &popup : std::exchange(m_waiting, {})) {
            send(popup);
        }
    });
}

bool FreedesktopNotifier::isAvailable(const QDBusConnection &bus)
{
    if (!bus.isConnected() || !bus.interface()) {
        return false;
    }
    const QString service = QString::fromLatin1(kService);
    if (bus.interface()->isServiceRegistered(service)) {
        return true;
    }
    const QStringList activatable = bus.interface()->activatableServiceNames();
    return activatable.contains(service);
}

QString FreedesktopNotifier::escapeMarkup(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '&':
            escaped += QLatin1String("&amp;");
            break;
        case '<':
            escaped += QLatin1String("&lt;");
            break;
        case '>':
            escaped += QLatin1String("&gt;");
            break;
        default:
            escaped += c;
        }
    }
    return escaped;
}

void FreedesktopNotifier::show(const Popup &popup)
{
    if (!m_capabilitiesKnown) {
        m_waiting.append(popup);
        return;
    }
    send(popup);
}

void FreedesktopNotifier::send(const Popup &popup)
{
    const bool markup = m_capabilities.contains(QLatin1String("body-markup"));
    QStringList actions;
    if (supportsActions()) {
        for (const PopupAction &action : popup.actions) {
            actions << action.id << action.label;
        }
        if (popup.offerReply && supportsInlineReply()) {
            actions << QStringLiteral("inline-reply") << tr("Reply");
        }
    }
    QVariantMap hints;
    hints.insert(QStringLiteral("urgency"), QVariant::fromValue(urgencyFor(popup.priority)));
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("herald"));
    hints.insert(QStringLiteral("category"),
                 popup.offerReply ? QStringLiteral("im.received") : QStringLiteral("x-herald.notification"));
    if (popup.sound && m_capabilities.contains(QLatin1String("sound"))) {
        hints.insert(QStringLiteral("sound-name"),
                     popup.priority >= 5 ? QStringLiteral("dialog-warning") : QStringLiteral("message-new-instant"));
    } else if (!popup.sound) {
        hints.insert(QStringLiteral("suppress-sound"), true);
    }
    // The message's picture large where the server shows one (image-path), its icon in the app icon's place.
    if (const QString picture = popup.imageFile.isEmpty() ? popup.iconFile : popup.imageFile; !picture.isEmpty()) {
        hints.insert(QStringLiteral("image-path"), QUrl::fromLocalFile(picture).toString());
    }
    const QString appIcon = popup.iconFile.isEmpty() ? m_appIcon : QUrl::fromLocalFile(popup.iconFile).toString();
    const uint replaces = m_idsByKey.value(popup.key, 0);
    QDBusMessage message = call(QStringLiteral("Notify"));
    // Summaries are plain text by the specification; bodies may be markup, so escape them where it would be.
    message << QStringLiteral("Herald") << replaces << appIcon << popup.title
            << (markup ? escapeMarkup(popup.body) : popup.body) << actions << hints
            << int(popup.priority >= 5 ? 0 : -1); // critical stays until dismissed
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(message), this);
    const QString key = popup.key;
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, key, popup](QDBusPendingCallWatcher *finished) {
        finished->deleteLater();
        const QDBusPendingReply<uint> reply = *finished;
        if (reply.isError()) {
            const QDBusError error = reply.error();
            // Nobody there (gone, or a daemon that could not start): a reason to show it some other way. Anything
            // else is this one notification refused.
            const bool nobodyThere = error.type() == QDBusError::ServiceUnknown ||
                                     error.type() == QDBusError::NoReply || error.type() == QDBusError::Timeout ||
                                     error.type() == QDBusError::Disconnected ||
                                     error.name().startsWith(QLatin1String("org.freedesktop.DBus.Error.Spawn"));
            if (!nobodyThere) {
                qCWarning(lcNotify).noquote() << "the notification server refused a notification:" << error.message();
            } else if (!std::exchange(m_saidNobodyThere, true)) {
                qCWarning(lcNotify).noquote() << "no notification server answers:" << error.message();
            }
            if (nobodyThere) {
                Q_EMIT unavailable(popup, error.message());
            }
            return;
        }
        m_saidNobodyThere = false; // said again if the server goes away again
        const uint id = reply.value();
        if (const uint previous = m_idsByKey.value(key, 0); previous != 0 && previous != id) {
            m_keysById.remove(previous);
        }
        m_idsByKey.insert(key, id);
        m_keysById.insert(id, key);
        Q_EMIT shown(key, id);
    });
}

void FreedesktopNotifier::close(const QString &key)
{
    const uint id = m_idsByKey.value(key, 0);
    if (id == 0) {
        return;
    }
    QDBusMessage message = call(QStringLiteral("CloseNotification"));
    message << id;
    m_bus.asyncCall(message);
}

void FreedesktopNotifier::onActionInvoked(uint id, const QString &actionKey)
{
    const QString key = m_keysById.value(id);
    if (!key.isEmpty() && actionKey != QLatin1String("inline-reply")) {
        Q_EMIT activated(key, actionKey);
    }
}

void FreedesktopNotifier::onNotificationClosed(uint id, uint)
{
    const QString key = m_keysById.take(id);
    if (!key.isEmpty()) {
        m_idsByKey.remove(key);
        Q_EMIT closed(key);
    }
}

void FreedesktopNotifier::onNotificationReplied(uint id, const QString &text)
{
    const QString key = m_keysById.value(id);
    if (!key.isEmpty()) {
        Q_EMIT replied(key, text);
    }
}

} // namespace herald::ui
