#include "WindowMemory.h"

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QKeySequence>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScreen>
#include <QSettings>
#include <QShortcut>
#include <QVBoxLayout>
#include <QWidget>

namespace herald::ui {

namespace {

class GeometrySaver final : public QObject
{
public:
    GeometrySaver(QWidget *window, QString key)
        : QObject(window)
        , m_key(std::move(key))
    {}

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        auto *window = static_cast<QWidget *>(watched);
        if (event->type() == QEvent::Hide || event->type() == QEvent::Close) {
            QSettings().setValue(m_key, window->saveGeometry());
        } else if (event->type() == QEvent::Show) {
            WindowMemory::fitToScreen(window);
        }
        return false;
    }

private:
    QString m_key;
};

} // namespace

void WindowMemory::track(QWidget *window, const QString &key, const QSize &defaultSize)
{
    const QString settingsKey = QStringLiteral("windows/%1/geometry").arg(key);
    const QByteArray saved = QSettings().value(settingsKey).toByteArray();
    if (saved.isEmpty() || !window->restoreGeometry(saved)) {
        window->resize(defaultSize);
    }
    window->installEventFilter(new GeometrySaver(window, settingsKey));
    // Esc and Ctrl+W close a window, as in every desktop app (a dialog has Esc of its own: it cancels).
    for (const QKeySequence &keys : {QKeySequence(QKeySequence::Close), QKeySequence(Qt::CTRL | Qt::Key_W)}) {
        auto *shortcut = new QShortcut(keys, window);
        shortcut->setContext(Qt::WindowShortcut);
        QObject::connect(shortcut, &QShortcut::activated, window, &QWidget::close);
    }
    if (!qobject_cast<QDialog *>(window)) {
        auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), window);
        escape->setContext(Qt::WindowShortcut);
        QObject::connect(escape, &QShortcut::activated, window, [window] {
            // In a search or filter box (a line edit with a clear button) Esc first clears what was typed, as
            // browsers and mail apps do; the next Esc closes the window.
            auto *edit = qobject_cast<QLineEdit *>(QApplication::focusWidget());
            if (edit && window->isAncestorOf(edit) && edit->isClearButtonEnabled() && !edit->text().isEmpty()) {
                edit->clear();
                return;
            }
            window->close();
        });
    }
}

void WindowMemory::fitToScreen(QWidget *window)
{
    const QScreen *screen = window->screen();
    if (!screen) {
        return;
    }
    const QRect available = screen->availableGeometry();
    // The frame is not known before the window manager has drawn it: leave room for a title bar and borders.
    const QMargins frame = window->isVisible() && window->frameGeometry() != window->geometry()
                               ? QMargins(window->geometry().left() - window->frameGeometry().left(),
                                          window->geometry().top() - window->frameGeometry().top(),
                                          window->frameGeometry().right() - window->geometry().right(),
                                          window->frameGeometry().bottom() - window->geometry().bottom())
                               : QMargins(8, 40, 8, 8);
    const QRect room = available.marginsRemoved(frame);
    if (room.isEmpty()) {
        return;
    }
    const QSize fitted = window->size().boundedTo(room.size()).expandedTo(window->minimumSize().boundedTo(room.size()));
    if (fitted != window->size()) {
        window->resize(fitted);
    }
    // In client coordinates: geometry(), not pos(), which a top-level window gives for its frame.
    QRect placed(window->geometry().topLeft(), fitted);
    if (!room.contains(placed)) {
        placed.moveLeft(std::clamp(placed.left(), room.left(), room.right() - fitted.width() + 1));
        placed.moveTop(std::clamp(placed.top(), room.top(), room.bottom() - fitted.height() + 1));
        window->move(placed.topLeft() - QPoint(frame.left(), frame.top()));
    }
}

void showPlainText(QWidget *parent, const QString &title, const QString &text)
{
    auto *dialog = new QDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    auto *view = new QPlainTextEdit(dialog);
    view->setReadOnly(true);
    view->setPlainText(text);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(view);
    layout->addWidget(buttons);
    dialog->resize(560, 360);
    dialog->show();
}

} // namespace herald::ui
