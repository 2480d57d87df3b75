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
    // Restores geometry (or applies defaultSize the first time) and saves it whenever the window is hidden.
    static void track(QWidget *window, const QString &key, const QSize &defaultSize);
};

// Shows text exactly as it is, e.g. a raw payload: never as rich text, whatever it contains.
void showPlainText(QWidget *parent, const QString &title, const QString &text);

} // namespace herald::ui
