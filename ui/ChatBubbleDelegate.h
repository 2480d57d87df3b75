#pragma once

#include <QStyledItemDelegate>

namespace herald::ui {

// Draws a chat message as a bubble: the sender and time above, the text (always plain) inside, the user's own on
// the right in the accent colour, a delivery note under pending and failed ones, a "new messages" rule above the
// first unread one.
class ChatBubbleDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    struct Layout
    {
        QRect rule;   // the "new messages" line, or empty
        QRect header; // sender and time
        QRect bubble;
        QRect text;
        QRect footer; // delivery note, or empty
        int height = 0;
    };
    Layout layoutFor(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    static QString headerText(const QModelIndex &index);
    static QString footerText(const QModelIndex &index);
};

} // namespace herald::ui
