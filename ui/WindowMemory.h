#pragma once

#include <QSize>
#include <QString>

class QWidget;

namespace herald::ui {

// Every window comes back where the user left it (geometry kept in QSettings under a key of its own), and closes
// with Esc and Ctrl+W.
class WindowMemory final
{
public:
    // Restores geometry (or applies defaultSize the first time) and saves it whenever the window is hidden. Each
    // time it is shown, the window fits on its screen.
    static void track(QWidget *window, const QString &key, const QSize &defaultSize);
    // Shrinks the window to its screen's free area (no taller than the screen less the title bar, so that a
    // dialog's buttons stay reachable) and moves it onto it: a size remembered on a larger screen, or a default
    // at a scale factor of 2 on a small one.
    static void fitToScreen(QWidget *window);
};

// Shows text exactly as it is, e.g. a raw payload: never as rich text, whatever it contains.
void showPlainText(QWidget *parent, const QString &title, const QString &text);

} // namespace herald::ui
