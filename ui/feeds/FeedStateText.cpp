#include "feeds/FeedStateText.h"

#include <QCoreApplication>

namespace herald::ui {

QString feedStateText(Feed::State state)
{
    switch (state) {
    case Feed::State::Open:
        return QCoreApplication::translate("FeedState", "connected");
    case Feed::State::Connecting:
        return QCoreApplication::translate("FeedState", "reconnecting");
    case Feed::State::Failed:
        return QCoreApplication::translate("FeedState", "failed");
    case Feed::State::Paused:
        return QCoreApplication::translate("FeedState", "paused");
    case Feed::State::Stopped:
        break;
    }
    return QCoreApplication::translate("FeedState", "stopped");
}

} // namespace herald::ui
