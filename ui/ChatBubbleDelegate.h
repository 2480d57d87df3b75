#pragma once

#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QUrl>

#include <memory>

namespace herald::ui {

// Draws a chat message as a bubble, as chat apps do: a separator above each new day, consecutive messages of one
// sender grouped under one header (sender and time) with an initials avatar beside the group, the text (always
// plain) wrapped at word boundaries and broken only inside a word longer than the bubble, links underlined and
// clickable, the user's own on the right in the accent colour, a delivery note under pending and failed ones, a
// "new messages" rule above the first unread one.
class ChatBubbleDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

    // The link under a point of the view, if any (tests, and the pointing-hand cursor).
    QUrl linkAt(const QStyleOptionViewItem &option, const QModelIndex &index, const QPoint &position) const;
    // Initials for an avatar: the first letters of the first two words.
    static QString initials(const QString &name);
    // Where links are in a text: [start, length) with the URL.
    struct Link
    {
        int start = 0;
        int length = 0;
        QUrl url;
    };
    static QList<Link> findLinks(const QString &text);
    // The lines text is wrapped into at width, as a bubble shows them.
    static QStringList wrappedLines(const QString &text, const QFont &font, int width);

Q_SIGNALS:
    void linkActivated(const QUrl &url);

private:
    struct Layout
    {
        QRect day;    // the day separator, or empty
        QRect rule;   // the "new messages" line, or empty
        QRect header; // sender and time, or empty inside a group
        QRect avatar; // or empty
        QRect bubble;
        QRect text;
        QRect footer; // delivery note, or empty
        int height = 0;
        std::shared_ptr<QTextLayout> textLayout; // laid out at text's width, positioned at (0, 0)
        QList<Link> links;
    };
    Layout layoutFor(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    static bool startsDay(const QModelIndex &index);
    static bool startsGroup(const QModelIndex &index);
    static QString headerText(const QModelIndex &index);
    static QString footerText(const QModelIndex &index);
};

} // namespace herald::ui
