#pragma once

#include <QIcon>
#include <QPixmap>

namespace herald::ui {

// Herald's icon, drawn rather than loaded so that it needs no image plugin and can carry the overall state and the
// unread count: a bell on a round badge, a coloured dot for the feeds' state, a number for what is unread, and a
// slash across the bell while notifications are held back (do not disturb, quiet hours). The slash never hides the
// state: a feed reconnecting during quiet hours still shows amber.
class HeraldIcon final
{
public:
    enum class State { Connected, Reconnecting, Failed, Idle };

    static QPixmap pixmap(int size, State state = State::Idle, int unread = 0, bool quiet = false);
    static QIcon icon(State state = State::Idle, int unread = 0, bool quiet = false);
    // What the unread badge says: the number, or "99+" past 99.
    static QString unreadText(int unread);
    // Writes the plain icon as a PNG (for the notification server and desktop files); the path, or empty.
    static QString writePng(const QString &path, int size = 128);
};

} // namespace herald::ui
