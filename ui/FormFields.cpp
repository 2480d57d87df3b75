#include "FormFields.h"

#include <QFontMetrics>
#include <QSpinBox>
#include <QTimeEdit>
#include <QWidget>

#include <algorithm>
#include <functional>

namespace herald::ui {

QColor errorColour(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Window).lightnessF() < 0.5;
    return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xd1, 0x24, 0x2f);
}

void showAsError(QWidget *widget, bool error)
{
    if (!error) {
        widget->setPalette(QPalette()); // what the parent has, a theme change included
        return;
    }
    QPalette palette = widget->palette();
    const QColor red = errorColour(palette);
    for (const QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        palette.setColor(QPalette::Active, role, red);
        palette.setColor(QPalette::Inactive, role, red);
    }
    widget->setPalette(palette);
}

QStringList commaSeparated(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty()) {
            out.append(part.trimmed());
        }
    }
    return out;
}

void tidyFormFields(QWidget *form)
{
    for (QAbstractSpinBox *field : form->findChildren<QAbstractSpinBox *>()) {
        field->setSizePolicy(QSizePolicy::Fixed, field->sizePolicy().verticalPolicy());
        if (auto *time = qobject_cast<QTimeEdit *>(field)) {
            time->setDisplayFormat(QStringLiteral("HH:mm"));
        }
    }
}

PrioritySpinBox::PrioritySpinBox(QWidget *parent)
    : QSpinBox(parent)
{
    setRange(1, 5);
    setValue(3);
}

namespace {

int widthBeyondTheEnds(const QSpinBox &box, const std::function<QString(int)> &text)
{
    const QFontMetrics metrics(box.font());
    int widest = 0;
    for (int value = box.minimum(); value <= box.maximum(); ++value) {
        widest = std::max(widest, metrics.horizontalAdvance(text(value)));
    }
    const int ends =
        std::max(metrics.horizontalAdvance(text(box.minimum())), metrics.horizontalAdvance(text(box.maximum())));
    return std::max(0, widest - ends);
}

} // namespace

QSize PrioritySpinBox::sizeHint() const
{
    return QSpinBox::sizeHint() + QSize(widthBeyondTheEnds(*this, [this](int v) { return textFromValue(v); }), 0);
}

QSize PrioritySpinBox::minimumSizeHint() const
{
    return QSpinBox::minimumSizeHint() +
           QSize(widthBeyondTheEnds(*this, [this](int v) { return textFromValue(v); }), 0);
}

QString PrioritySpinBox::textFromValue(int value) const
{
    static const char *const names[] = {QT_TR_NOOP("min"), QT_TR_NOOP("low"), QT_TR_NOOP("default"), QT_TR_NOOP("high"),
                                        QT_TR_NOOP("max")};
    return value >= 1 && value <= 5 ? QStringLiteral("%1 (%2)").arg(value).arg(tr(names[value - 1]))
                                    : QString::number(value);
}

int PrioritySpinBox::valueFromText(const QString &text) const
{
    return text.trimmed().left(1).toInt();
}

QValidator::State PrioritySpinBox::validate(QString &text, int &) const
{
    const int value = valueFromText(text);
    return value >= 1 && value <= 5 ? QValidator::Acceptable : QValidator::Intermediate;
}

} // namespace herald::ui
