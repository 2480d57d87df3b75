#pragma once

#include "message/PayloadMapper.h"

#include <QWidget>

namespace herald::ui {

// The first thing a new user sees when Herald has no feeds: what Herald does, a first feed to add (with the
// services people run offered by name), or the demo to try.
class WelcomeWindow final : public QWidget
{
    Q_OBJECT

public:
    explicit WelcomeWindow(QWidget *parent = nullptr);

Q_SIGNALS:
    // Add a feed, its form set up for this kind of server.
    void addFeedRequested(herald::PayloadMapper::Preset preset);
    void demoRequested();
};

} // namespace herald::ui
