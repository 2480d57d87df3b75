#include "WindowMemory.h"

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QKeySequence>
#include <QLineEdit>
#include <QPlainTextEdit>
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
        if (event->type() == QEvent::Hide || event->type() == QEvent::Close) {
            QSettings().setValue(m_key, static_cast<QWidget *>(watched)->saveGeometry());
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
