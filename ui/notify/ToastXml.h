#pragma once

#include "notify/Notifier.h"

#include <QString>

namespace herald::ui {

// The XML of a Windows toast (the ToastGeneric template) for a popup, and the arguments its clicks carry back. Kept
// apart from the WinRT calls so that it is built and tested on every platform: every text a server sent is escaped
// and cleared of what XML 1.0 cannot hold, so a message can neither add markup nor make the toast fail to load.
namespace toast {

// Windows shows at most five buttons, the reply box's Send among them.
inline constexpr int kMaxButtons = 5;
inline constexpr char kReplyInputId[] = "reply";

QString xml(const Popup &popup);

// What a click on a toast or one of its buttons carries: the popup's key and the action's id ("default" for the
// toast itself), percent-encoded into one query string.
QString arguments(const QString &key, const QString &actionId);

struct Activation
{
    QString key;
    QString actionId; // empty when the arguments are not Herald's
};
Activation parseArguments(const QString &arguments);

} // namespace toast
} // namespace herald::ui
