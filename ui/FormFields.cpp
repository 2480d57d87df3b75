#include "FormFields.h"

#include <QSpinBox>
#include <QTimeEdit>

namespace herald::ui {

void tidyFormFields(QWidget *form)
{
    for (QAbstractSpinBox *field : form->findChildren<QAbstractSpinBox *>()) {
        field->setSizePolicy(QSizePolicy::Fixed, field->sizePolicy().verticalPolicy());
        if (auto *time = qobject_cast<QTimeEdit *>(field)) {
            time->setDisplayFormat(QStringLiteral("HH:mm"));
        }
    }
}

} // namespace herald::ui
