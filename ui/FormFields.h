#pragma once

#include <QColor>
#include <QPalette>
#include <QSpinBox>
#include <QStringList>

class QWidget;

namespace herald::ui {

// A red that reads as an error on this palette, at a contrast of at least 4.5:1 with its window colour: dark on
// light themes, light on dark ones.
QColor errorColour(const QPalette &palette);
// Shows a label's or a button's text in that red, or as the palette has it again.
void showAsError(QWidget *widget, bool error = true);

// The items of a comma-separated field, trimmed, empty ones left out ("a, b,, c" → a, b, c).
QStringList commaSeparated(const QString &text);

// Number and time fields in a form as wide as what they hold, not the whole row, and times as hours and
// minutes (quiet hours are not set to the second). Call once a form is built.
void tidyFormFields(QWidget *form);

// A priority from 1 to 5 shown with its name, as ntfy names them: "1 (min)" ... "3 (default)" ... "5 (max)".
class PrioritySpinBox final : public QSpinBox
{
    Q_OBJECT

public:
    explicit PrioritySpinBox(QWidget *parent = nullptr);
    // Wide enough for every name, not only those of the ends ("3 (default)" is the longest in English).
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    QString textFromValue(int value) const override;
    int valueFromText(const QString &text) const override;
    QValidator::State validate(QString &text, int &position) const override;
};

} // namespace herald::ui
