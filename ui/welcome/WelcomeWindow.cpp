#include "welcome/WelcomeWindow.h"

#include "WindowMemory.h"
#include "tray/HeraldIcon.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace herald::ui {

WelcomeWindow::WelcomeWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
{
    setWindowTitle(tr("Welcome to Herald"));
    auto *icon = new QLabel(this);
    icon->setPixmap(HeraldIcon::pixmap(64));
    auto *heading = new QLabel(tr("Notifications from the servers you run"), this);
    QFont big = heading->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    heading->setFont(big);
    auto *about = new QLabel(
        tr("Herald follows Server-Sent Events and WebSocket feeds (build pipelines, chat, price tickers, home "
           "automation, ntfy, gotify and Mercure hubs, your own apps) and shows what arrives as desktop "
           "notifications. Everything is kept in a searchable history, and feeds that talk both ways open in a "
           "chat window. Herald waits in the tray; its icon shows whether every feed is connected."),
        this);
    about->setWordWrap(true);
    auto *title = new QHBoxLayout;
    title->addWidget(icon);
    title->addWidget(heading, 1);

    auto *addLabel = new QLabel(tr("Add your first feed:"), this);
    auto *services = new QGridLayout;
    const struct
    {
        PayloadMapper::Preset preset;
        QString label;
        QString hint;
    } choices[] = {
        {PayloadMapper::Preset::Ntfy, tr("&ntfy topic…"), tr("ntfy.sh or your own ntfy server")},
        {PayloadMapper::Preset::Gotify, tr("&gotify server…"), tr("a gotify stream, with its client token")},
        {PayloadMapper::Preset::Mercure, tr("&Mercure hub…"), tr("a topic on a Mercure hub")},
        {PayloadMapper::Preset::Auto, tr("Any &SSE or WebSocket address…"),
         tr("what arrives is read as JSON or text, as it comes")},
    };
    int row = 0;
    for (const auto &choice : choices) {
        auto *button = new QPushButton(choice.label, this);
        const PayloadMapper::Preset preset = choice.preset;
        connect(button, &QPushButton::clicked, this, [this, preset] {
            Q_EMIT addFeedRequested(preset);
            close();
        });
        auto *hint = new QLabel(choice.hint, this);
        hint->setTextFormat(Qt::PlainText);
        hint->setWordWrap(true); // in the text's own colour: a greyed label read too faintly
        services->addWidget(button, row, 0);
        services->addWidget(hint, row, 1);
        ++row;
    }
    services->setColumnStretch(1, 1);

    auto *demo = new QPushButton(tr("&Try the demo"), this);
    demo->setToolTip(tr("A demo server inside Herald: sample notifications every few seconds and a chat room"));
    connect(demo, &QPushButton::clicked, this, [this] {
        Q_EMIT demoRequested();
        close();
    });
    auto *later = new QPushButton(tr("&Later"), this);
    connect(later, &QPushButton::clicked, this, &QWidget::close);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(new QLabel(tr("Or see it work first:"), this));
    bottom->addWidget(demo);
    bottom->addStretch(1);
    bottom->addWidget(later);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(title);
    layout->addWidget(about);
    layout->addSpacing(8);
    layout->addWidget(addLabel);
    layout->addLayout(services);
    layout->addSpacing(8);
    layout->addLayout(bottom);
    // As tall as what it says at its width: a fixed 420 left an empty band under the buttons.
    constexpr int kWidth = 560;
    WindowMemory::track(this, QStringLiteral("welcome"), QSize(kWidth, layout->totalHeightForWidth(kWidth)));
}

} // namespace herald::ui
