#pragma once

#include <QHash>
#include <QSizeF>
#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QUrl>

#include <memory>

namespace herald {
class ImageCache;
}

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
    // The lines text is wrapped into at width, as a bubble shows them: line breaks in the text start new lines.
    static QStringList wrappedLines(const QString &text, const QFont &font, int width);
    // Forgets the text sizes worked out so far (the font or the model changed), or one message's.
    void clearCache() { m_textSizes.clear(); }
    void forget(quint64 serial) { m_textSizes.remove(serial); }
    // Where messages' pictures come from; none: no pictures. A picture not here yet is asked for.
    void setImageCache(ImageCache *images) { m_images = images; }
    static constexpr int kMaxPictureWidth = 260;
    static constexpr int kMaxPictureHeight = 200;

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
        QRect footer;  // delivery note, or empty
        QRect picture; // the message's picture, under its text, or empty
        QString pictureFile;
        int height = 0;
        std::shared_ptr<QTextLayout> textLayout; // laid out at text's width, positioned at (0, 0)
        QList<Link> links;
    };
    // forPainting: with the text's layout and links; otherwise only the sizes (cached per message).
    Layout layoutFor(const QStyleOptionViewItem &option, const QModelIndex &index, bool forPainting = true) const;
    static bool startsDay(const QModelIndex &index);
    static bool startsGroup(const QModelIndex &index);
    static QString headerText(const QModelIndex &index);
    static QString footerText(const QModelIndex &index);

    // A message's text laid out at a width, by the model's serial: a view asks every row's size whenever it lays
    // itself out (each burst in an open room), and laying out text is what that costs.
    struct TextSize
    {
        int width = -1;
        QSizeF size;
        QSize picture; // as shown; empty without one
    };
    // The picture of the message at index as it is shown at most maxWidth wide, and its file; empty when it has none
    // or it is not here (yet).
    QSize pictureSize(const QModelIndex &index, int maxWidth, QString *file) const;
    ImageCache *m_images = nullptr;
    mutable QHash<quint64, TextSize> m_textSizes;
};

} // namespace herald::ui
