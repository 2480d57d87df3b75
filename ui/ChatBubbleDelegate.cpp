#include "ChatBubbleDelegate.h"

#include "ChatModel.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>

namespace herald::ui {

namespace {

constexpr int kMargin = 8;
constexpr int kPadding = 8;
constexpr int kRadius = 10;

} // namespace

QString ChatBubbleDelegate::headerText(const QModelIndex &index)
{
    const bool outgoing = index.data(ChatModel::OutgoingRole).toBool();
    QString sender = index.data(ChatModel::SenderRole).toString();
    if (outgoing) {
        sender = tr("You");
    }
    const QString time =
        QLocale().toString(index.data(ChatModel::TimeRole).toDateTime().toLocalTime().time(), QLocale::ShortFormat);
    return sender.isEmpty() ? time : sender + QStringLiteral(" · ") + time;
}

QString ChatBubbleDelegate::footerText(const QModelIndex &index)
{
    switch (ChatModel::Delivery(index.data(ChatModel::StateRole).toInt())) {
    case ChatModel::Delivery::Pending:
        return tr("Waiting for the connection — sent as soon as it is back");
    case ChatModel::Delivery::Failed:
        return tr("Not sent: %1").arg(index.data(ChatModel::ErrorRole).toString());
    default:
        return {};
    }
}

ChatBubbleDelegate::Layout ChatBubbleDelegate::layoutFor(const QStyleOptionViewItem &option,
                                                         const QModelIndex &index) const
{
    Layout layout;
    const QFontMetrics metrics(option.font);
    QFont small = option.font;
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    const QFontMetrics smallMetrics(small);
    const int width = std::max(120, option.rect.width());
    const int maxBubble = std::max(80, width * 3 / 4);
    const bool outgoing = index.data(ChatModel::OutgoingRole).toBool();
    int y = option.rect.top() + kMargin / 2;

    if (index.data(ChatModel::FirstUnreadRole).toBool()) {
        layout.rule = QRect(option.rect.left() + kMargin, y, width - 2 * kMargin, smallMetrics.height());
        y += smallMetrics.height() + kMargin / 2;
    }
    const QString text = index.data(Qt::DisplayRole).toString();
    const QRect textBounds =
        metrics.boundingRect(QRect(0, 0, maxBubble - 2 * kPadding, 100000), Qt::TextWordWrap | Qt::TextWrapAnywhere,
                             text.isEmpty() ? QStringLiteral(" ") : text);
    const int headerWidth = smallMetrics.horizontalAdvance(headerText(index));
    const int bubbleWidth =
        std::min(maxBubble, std::max(textBounds.width() + 2 * kPadding, headerWidth + 2 * kPadding));
    const int left = outgoing ? option.rect.right() - kMargin - bubbleWidth : option.rect.left() + kMargin;
    layout.header = QRect(left + kPadding, y, bubbleWidth - 2 * kPadding, smallMetrics.height());
    y += smallMetrics.height() + 2;
    layout.bubble = QRect(left, y, bubbleWidth, textBounds.height() + 2 * kPadding);
    layout.text = layout.bubble.adjusted(kPadding, kPadding, -kPadding, -kPadding);
    y = layout.bubble.bottom() + 2;
    if (!footerText(index).isEmpty()) {
        layout.footer = QRect(option.rect.left() + kMargin, y, width - 2 * kMargin, smallMetrics.height());
        y += smallMetrics.height();
    }
    layout.height = y - option.rect.top() + kMargin / 2;
    return layout;
}

QSize ChatBubbleDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.rect = QRect(0, 0, option.widget ? option.widget->width() - 24 : 400, 0);
    return QSize(opt.rect.width(), layoutFor(opt, index).height);
}

void ChatBubbleDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const Layout layout = layoutFor(opt, index);
    const QPalette &palette = opt.palette;
    const bool outgoing = index.data(ChatModel::OutgoingRole).toBool();
    const auto delivery = ChatModel::Delivery(index.data(ChatModel::StateRole).toInt());
    QFont small = opt.font;
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (!layout.rule.isEmpty()) {
        painter->setFont(small);
        painter->setPen(QColor(0xd1, 0x24, 0x2f));
        const int mid = layout.rule.center().y();
        const QString label = tr("New messages");
        const int labelWidth = QFontMetrics(small).horizontalAdvance(label) + 16;
        painter->drawLine(layout.rule.left(), mid, layout.rule.center().x() - labelWidth / 2, mid);
        painter->drawLine(layout.rule.center().x() + labelWidth / 2, mid, layout.rule.right(), mid);
        painter->drawText(layout.rule, Qt::AlignCenter, label);
    }
    painter->setFont(small);
    painter->setPen(palette.color(QPalette::PlaceholderText));
    painter->drawText(layout.header, (outgoing ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter, headerText(index));

    QColor fill = outgoing ? palette.color(QPalette::Highlight) : palette.color(QPalette::AlternateBase);
    if (!outgoing && fill == palette.color(QPalette::Base)) {
        fill = palette.color(QPalette::Button);
    }
    if (outgoing && delivery != ChatModel::Delivery::Sent) {
        fill.setAlpha(120);
    }
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(layout.bubble, kRadius, kRadius);
    if (opt.state & QStyle::State_Selected) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(layout.bubble.adjusted(-2, -2, 2, 2), kRadius, kRadius);
    }
    painter->setFont(opt.font);
    painter->setPen(outgoing ? palette.color(QPalette::HighlightedText) : palette.color(QPalette::Text));
    // drawText never interprets markup: a body of <img src=…> is shown as those characters.
    painter->drawText(layout.text, Qt::TextWordWrap | Qt::TextWrapAnywhere, index.data(Qt::DisplayRole).toString());
    if (!layout.footer.isEmpty()) {
        painter->setFont(small);
        painter->setPen(delivery == ChatModel::Delivery::Failed ? QColor(0xd1, 0x24, 0x2f)
                                                                : palette.color(QPalette::PlaceholderText));
        painter->drawText(layout.footer, (outgoing ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                          footerText(index));
    }
    painter->restore();
}

} // namespace herald::ui
