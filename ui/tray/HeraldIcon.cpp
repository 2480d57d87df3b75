#include "tray/HeraldIcon.h"

#include <QDir>
#include <QFileInfo>
#include <QPainter>
#include <QPainterPath>

namespace herald::ui {

namespace {

QColor stateColour(HeraldIcon::State state)
{
    switch (state) {
    case HeraldIcon::State::Connected:
        return QColor(0x2e, 0xa0, 0x43);
    case HeraldIcon::State::Reconnecting:
        return QColor(0xe0, 0x9b, 0x14);
    case HeraldIcon::State::Failed:
        return QColor(0xd1, 0x24, 0x2f);
    case HeraldIcon::State::Idle:
        break;
    }
    return QColor();
}

} // namespace

QString HeraldIcon::unreadText(int unread)
{
    return unread > 99 ? QStringLiteral("99+") : QString::number(unread);
}

QPixmap HeraldIcon::pixmap(int size, State state, int unread, bool quiet)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;

    // The badge.
    QLinearGradient gradient(0, 0, 0, s);
    gradient.setColorAt(0, QColor(0x4c, 0x6e, 0xf5));
    gradient.setColorAt(1, QColor(0x36, 0x4f, 0xc7));
    p.setPen(Qt::NoPen);
    p.setBrush(gradient);
    p.drawEllipse(QRectF(s * 0.04, s * 0.04, s * 0.92, s * 0.92));

    // The bell.
    QPainterPath bell;
    bell.moveTo(s * 0.50, s * 0.22);
    bell.cubicTo(s * 0.34, s * 0.22, s * 0.30, s * 0.36, s * 0.30, s * 0.48);
    bell.lineTo(s * 0.30, s * 0.60);
    bell.lineTo(s * 0.24, s * 0.68);
    bell.lineTo(s * 0.76, s * 0.68);
    bell.lineTo(s * 0.70, s * 0.60);
    bell.lineTo(s * 0.70, s * 0.48);
    bell.cubicTo(s * 0.70, s * 0.36, s * 0.66, s * 0.22, s * 0.50, s * 0.22);
    p.setBrush(Qt::white);
    p.drawPath(bell);
    p.drawEllipse(QPointF(s * 0.50, s * 0.74), s * 0.07, s * 0.07);

    if (quiet) {
        QPen slash(QColor(0x36, 0x4f, 0xc7), s * 0.06, Qt::SolidLine, Qt::RoundCap);
        p.setPen(slash);
        p.drawLine(QPointF(s * 0.26, s * 0.24), QPointF(s * 0.76, s * 0.78));
        p.setPen(Qt::NoPen);
    }
    if (const QColor colour = stateColour(state); colour.isValid()) {
        p.setBrush(colour);
        p.setPen(QPen(Qt::white, s * 0.05));
        p.drawEllipse(QPointF(s * 0.80, s * 0.80), s * 0.17, s * 0.17);
    }
    if (unread > 0) {
        // The number, as chat apps show it, at tray sizes too: there the badge takes the top half of the icon so
        // that its digits stay readable (8 px at 16 px).
        const bool small = size < 32;
        const QString text = unreadText(unread);
        QFont font = p.font();
        font.setBold(true);
        font.setPixelSize(
            std::max(6, int(s * (small ? (text.size() > 2 ? 0.40 : 0.52) : (text.size() > 2 ? 0.26 : 0.34)))));
        p.setFont(font);
        const qreal height = s * (small ? 0.60 : 0.42);
        const qreal width =
            std::min(s, std::max(height, QFontMetricsF(font).horizontalAdvance(text) + s * (small ? 0.10 : 0.16)));
        const QRectF badge(s - width, 0, width, height);
        p.setPen(small ? Qt::NoPen : QPen(Qt::white, s * 0.04));
        p.setBrush(QColor(0xd1, 0x24, 0x2f));
        p.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2);
        p.setPen(Qt::white);
        p.drawText(badge, Qt::AlignCenter, text);
    }
    return pixmap;
}

QIcon HeraldIcon::icon(State state, int unread, bool quiet)
{
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64, 128}) {
        icon.addPixmap(pixmap(size, state, unread, quiet));
    }
    return icon;
}

QString HeraldIcon::writePng(const QString &path, int size)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    return pixmap(size).save(path, "PNG") ? path : QString();
}

} // namespace herald::ui
