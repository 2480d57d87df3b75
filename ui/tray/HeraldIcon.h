#pragma once

#include <QIcon>
#include <QPixmap>

namespace herald::ui {

// Herald's icon, drawn rather than loaded so that it needs no image plugin and can carry the overall state and the
// unread count: a bell on a round badge, a coloured dot for the state, a number for what is unread.
class HeraldIcon final
{
public:
    enum class State { Connected, Reconnecting, Failed, Quiet, Idle };

    static QPixmap pixmap(int size, State state = State::Idle, int unread = 0);
    static QIcon icon(State state = State::Idle, int unread = 0);
    // Writes the plain icon as a PNG (for the notification server and desktop files); the path, or empty.
    static QString writePng(const QString &path, int size = 128);
};

} // namespace herald::ui
