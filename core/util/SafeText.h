#pragma once

#include <QString>
#include <QStringView>

namespace herald {

// Whether c is a control character (C0, DEL, C1) or an invisible one that can reorder or hide text: bidi
// embeddings, overrides, isolates and marks, zero-width spaces and joiners, the BOM.
bool isHiddenCharacter(char32_t c);

// text as a terminal may print it: every control and hidden character shown as a visible escape ("\e", "\r",
// "\x07", "\u202E"), so that a server cannot write to the clipboard (OSC 52), retitle the window, erase lines or
// reorder what is shown. Line breaks stay when keepLineBreaks; tabs always stay.
QString terminalSafe(QStringView text, bool keepLineBreaks = false);

// text as a popup or a window may show it: control and hidden characters removed (line breaks and tabs kept), and
// at most maxLength characters, the cut marked with "…".
QString displaySafe(QStringView text, qsizetype maxLength);

} // namespace herald
