#pragma once

class QWidget;

namespace herald::ui {

// Number and time fields in a form as wide as what they hold, not the whole row, and times as hours and
// minutes (quiet hours are not set to the second). Call once a form is built.
void tidyFormFields(QWidget *form);

} // namespace herald::ui
