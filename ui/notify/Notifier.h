#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QSystemTrayIcon;

namespace herald::ui {

// A button on a popup.
struct PopupAction
{
    QString id;
    QString label;
};

// What one desktop notification shows. Text is plain: a backend that speaks markup escapes it.
struct Popup
{
    QString key; // ours; showing a popup with the key of one still on screen replaces it
    QString title;
    QString body;
    int priority = 3; // 1..5, picks the urgency
    QList<PopupAction> actions;
    bool sound = false;
    bool offerReply = false; // a chat feed: an inline reply box where the notification server has one
    // Pictures on this machine (ImageCache's files): the message's own picture, and its icon. Either may be empty.
    QString imageFile;
    QString iconFile;
};

// Shows popups on the desktop, one backend per platform (createNotifier picks). Everything is asynchronous.
class Notifier : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual void show(const Popup &popup) = 0;
    virtual void close(const QString &key) = 0;
    virtual QString backendName() const = 0;
    virtual bool supportsActions() const { return false; }
    virtual bool supportsInlineReply() const { return false; }

Q_SIGNALS:
    // actionId "default" is a click on the popup itself.
    void activated(const QString &key, const QString &actionId);
    void replied(const QString &key, const QString &text);
    void closed(const QString &key);
    // The backend could not show popup at all (no notification server answers): the caller may show it otherwise.
    void unavailable(const herald::ui::Popup &popup, const QString &reason);
};

enum class NotifierStyle { Native, Tray };

// The one place that knows platforms: freedesktop D-Bus notifications on Linux when a notification server runs
// (or asked for Native), the tray icon's messages everywhere else.
std::unique_ptr<Notifier> createNotifier(QSystemTrayIcon *tray, NotifierStyle style = NotifierStyle::Native);

} // namespace herald::ui

Q_DECLARE_METATYPE(herald::ui::Popup)
