#pragma once

#include "feed/Feed.h"

#include <QString>

namespace herald::ui {

// A feed's state in a word, the same in every window and menu.
QString feedStateText(Feed::State state);

} // namespace herald::ui
