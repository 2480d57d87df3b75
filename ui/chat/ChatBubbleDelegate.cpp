#include "chat/ChatBubbleDelegate.h"

#include "FormFields.h"
#include "TimeText.h"
#include "chat/ChatModel.h"
#include "net/ImageCache.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPixmapCache>
#include <QRegularExpression>
#include <QTextLine>

namespace herald::ui {

namespace {

constexpr int kMargin = 8;
constexpr int kPadding = 8;
constexpr int kRadius = 10;
constexpr int kAvatar = 28;
constexpr qint64 kGroupGapSeconds = 5 * 60; // a pause this long starts a new group, as chat apps do

QFont smallFont(const QFont &font)
{
    QFont small = font;
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    return small;
}

QColor avatarColour(const QString &name)
{
    static const QColor colours[] = {QColor(0x1f, 0x6f, 0xeb), QColor(0x8250df),         QColor(0xbf, 0x39, 0x89),
                                     QColor(0xcf, 0x22, 0x2e), QColor(0xbc, 0x4c, 0x00), QColor(0x1a, 0x7f, 0x37),
                                     QColor(0x0a, 0x7e, 0xa4), QColor(0x6e, 0x77, 0x81)};
    return colours[qHash(name) % std::size(colours)];
}

// Lays text out at width, wrapping at word boundaries and breaking only a word longer than a line; returns the
// width of the widest line and the height.
QSizeF layOut(QTextLayout &layout, qreal width)
{
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    qreal height = 0;
    qreal widest = 0;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, height));
        height += line.height();
        widest = std::max(widest, line.naturalTextWidth());
    }
    layout.endLayout();
    return {widest, height};
}

// QTextLayout breaks lines only at U+2028; a "\n" would join "line one" and "line two". Lengths stay the same, so
// link positions found in the text hold in the layout too.
QString withLineSeparators(QString text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n') {
            text[i] = QChar(0x200B); // a Windows line end is one break: the CR becomes a zero-width space
        } else if (text[i] == u'\n' || text[i] == u'\r') {
            text[i] = QChar::LineSeparator;
        }
    }
    return text;
}

} // namespace

QList<ChatBubbleDelegate::Link> ChatBubbleDelegate::findLinks(const QString &text)
{
    static const QRegularExpression url(QStringLiteral(R"((?:https?://|www\.)[^\s<>"']+)"),
                                        QRegularExpression::CaseInsensitiveOption);
    QList<Link> links;
    for (auto it = url.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        QString found = match.captured();
        // Punctuation that ends a sentence ends the link too; a closing bracket only when the link has no opening.
        while (!found.isEmpty() && QStringLiteral(".,;:!?").contains(found.back())) {
            found.chop(1);
        }
        if (found.endsWith(u')') && !found.contains(u'(')) {
            found.chop(1);
        }
        const QUrl target = QUrl::fromUserInput(found);
        if (target.isValid() && !target.host().isEmpty()) {
            links.append({int(match.capturedStart()), int(found.size()), target});
        }
    }
    return links;
}

QStringList ChatBubbleDelegate::wrappedLines(const QString &text, const QFont &font, int width)
{
    QTextLayout layout(withLineSeparators(text), font);
    layOut(layout, width);
    QStringList lines;
    for (int i = 0; i < layout.lineCount(); ++i) {
        const QTextLine line = layout.lineAt(i);
        lines.append(text.mid(line.textStart(), line.textLength()));
    }
    return lines;
}

QString ChatBubbleDelegate::initials(const QString &name)
{
    QString out;
    for (const QString &word : name.split(QRegularExpression(QStringLiteral(R"([\s._@-]+)")), Qt::SkipEmptyParts)) {
        out += word.front().toUpper();
        if (out.size() == 2) {
            break;
        }
    }
    return out.isEmpty() ? QStringLiteral("?") : out;
}

bool ChatBubbleDelegate::startsDay(const QModelIndex &index)
{
    const QModelIndex previous = index.sibling(index.row() - 1, 0);
    return !previous.isValid() || previous.data(ChatModel::DayRole).toDate() != index.data(ChatModel::DayRole).toDate();
}

bool ChatBubbleDelegate::startsGroup(const QModelIndex &index)
{
    const QModelIndex previous = index.sibling(index.row() - 1, 0);
    if (!previous.isValid() || startsDay(index) || index.data(ChatModel::FirstUnreadRole).toBool()) {
        return true;
    }
    const bool outgoing = index.data(ChatModel::OutgoingRole).toBool();
    return previous.data(ChatModel::OutgoingRole).toBool() != outgoing ||
           (!outgoing &&
            previous.data(ChatModel::SenderRole).toString() != index.data(ChatModel::SenderRole).toString()) ||
           previous.data(ChatModel::TimeRole).toDateTime().secsTo(index.data(ChatModel::TimeRole).toDateTime()) >
               kGroupGapSeconds;
}

QString ChatBubbleDelegate::headerText(const QModelIndex &index)
{
    const bool outgoing = index.data(ChatModel::OutgoingRole).toBool();
    const QString sender = outgoing ? tr("You") : index.data(ChatModel::SenderRole).toString();
    const QString time = index.data(ChatModel::TimeTextRole).toString();
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

ChatBubbleDelegate::Layout ChatBubbleDelegate::layoutFor(const QStyleOptionViewItem &option, const QModelIndex &index,
                                                         bool forPainting) const
{
    Layout layout;
    const QFont small = smallFont(option.font);
    const QFontMetrics smallMetrics(small);
    const int width = std::max(160, option.rect.width());
    const bool outgoing = index.data(ChatModel::OutgoingRole).toBool();
    const bool groupStart = startsGroup(index);
    const int indent = outgoing ? 0 : kAvatar + kMargin; // incoming bubbles line up beside their avatar
    const int maxBubble = std::max(80, (width - indent) * 3 / 4);
    int y = option.rect.top() + (groupStart ? kMargin / 2 : 1);

    if (startsDay(index)) {
        layout.day = QRect(option.rect.left() + kMargin, y, width - 2 * kMargin, smallMetrics.height() + 4);
        y += layout.day.height() + kMargin / 2;
    }
    if (index.data(ChatModel::FirstUnreadRole).toBool()) {
        layout.rule = QRect(option.rect.left() + kMargin, y, width - 2 * kMargin, smallMetrics.height());
        y += smallMetrics.height() + kMargin / 2;
    }
    // Sizing asks only how large the text is, which is worked out once per message and width; painting and
    // hit-testing need the layout itself, for the few messages on screen.
    const int textWidth = maxBubble - 2 * kPadding;
    const quint64 serial = index.data(ChatModel::SerialRole).toULongLong();
    const auto cached = m_textSizes.constFind(serial);
    QSizeF textSize;
    QSize picture;
    if (!forPainting && serial != 0 && cached != m_textSizes.cend() && cached->width == textWidth) {
        textSize = cached->size;
        picture = cached->picture;
    } else {
        QString text = withLineSeparators(index.data(Qt::DisplayRole).toString());
        if (text.isEmpty()) {
            text = QStringLiteral(" ");
        }
        layout.textLayout = std::make_shared<QTextLayout>(text, option.font);
        const auto *chat = qobject_cast<const ChatModel *>(index.model());
        const ChatModel::Entry *entry = chat ? &chat->entry(index.row()) : nullptr;
        QList<QTextLayout::FormatRange> formats;
        if (entry && entry->formatted) {
            // Markdown: its own formats and links; an address written in its text is no link unless it says so.
            formats = entry->formats;
            for (const markdown::Anchor &anchor : entry->anchors) {
                layout.links.append({anchor.start, anchor.length, anchor.url});
            }
        } else {
            layout.links = findLinks(text);
        }
        if (!layout.links.isEmpty() || !formats.isEmpty()) {
            for (const Link &link : std::as_const(layout.links)) {
                QTextCharFormat format;
                format.setFontUnderline(true);
                format.setForeground(outgoing ? option.palette.color(QPalette::HighlightedText)
                                              : option.palette.color(QPalette::Link));
                formats.append({link.start, link.length, format});
            }
            layout.textLayout->setFormats(formats);
        }
        textSize = layOut(*layout.textLayout, textWidth);
        picture = pictureSize(index, textWidth, &layout.pictureFile);
        if (serial != 0) {
            m_textSizes.insert(serial, {textWidth, textSize, picture});
        }
    }
    if (!picture.isEmpty()) {
        textSize.setWidth(std::max(textSize.width(), qreal(picture.width())));
    }
    const int headerWidth = groupStart ? smallMetrics.horizontalAdvance(headerText(index)) : 0;
    const int bubbleWidth =
        std::min(maxBubble, std::max(int(std::ceil(textSize.width())) + 2 * kPadding, headerWidth + 2 * kPadding));
    const int left = outgoing ? option.rect.right() - kMargin - bubbleWidth : option.rect.left() + kMargin + indent;
    if (groupStart) {
        layout.header = QRect(left + kPadding, y, bubbleWidth - 2 * kPadding, smallMetrics.height());
        y += smallMetrics.height() + 2;
        if (!outgoing) {
            layout.avatar = QRect(option.rect.left() + kMargin, y, kAvatar, kAvatar);
        }
    }
    const int pictureHeight = picture.isEmpty() ? 0 : picture.height() + kPadding;
    layout.bubble = QRect(left, y, bubbleWidth, int(std::ceil(textSize.height())) + 2 * kPadding + pictureHeight);
    layout.text = layout.bubble.adjusted(kPadding, kPadding, -kPadding, -kPadding - pictureHeight);
    if (!picture.isEmpty()) {
        layout.picture = QRect(QPoint(layout.text.left(), layout.text.bottom() + 1 + kPadding), picture);
    }
    y = std::max(layout.bubble.bottom(), layout.avatar.isEmpty() ? 0 : layout.avatar.bottom()) + 2;
    if (!footerText(index).isEmpty()) {
        layout.footer = QRect(option.rect.left() + kMargin, y, width - 2 * kMargin, smallMetrics.height());
        y += smallMetrics.height();
    }
    layout.height = y - option.rect.top() + 1;
    return layout;
}

QSize ChatBubbleDelegate::pictureSize(const QModelIndex &index, int maxWidth, QString *file) const
{
    const auto *chat = qobject_cast<const ChatModel *>(index.model());
    if (!chat || !m_images) {
        return {};
    }
    const QUrl url = chat->entry(index.row()).picture;
    if (url.isEmpty()) {
        return {};
    }
    *file = m_images->cachedFile(url);
    if (file->isEmpty()) {
        if (!m_images->hasFailed(url)) {
            m_images->fetch(url); // asked once; ChatWindow lays the row out again when it comes
        }
        return {};
    }
    QPixmap pixmap;
    if (!QPixmapCache::find(*file, &pixmap)) {
        const QImage image(*file);
        if (image.isNull()) {
            file->clear();
            return {};
        }
        pixmap = QPixmap::fromImage(
            image.scaled(kMaxPictureWidth, kMaxPictureHeight, Qt::KeepAspectRatio, Qt::SmoothTransformation));
        QPixmapCache::insert(*file, pixmap);
    }
    const QSize size = pixmap.size();
    return size.width() > maxWidth ? size.scaled(maxWidth, kMaxPictureHeight, Qt::KeepAspectRatio) : size;
}

QSize ChatBubbleDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // The view's options carry its font, which is all sizing needs: a view asks this of every row on every layout.
    QStyleOptionViewItem opt = option;
    const auto *view = qobject_cast<const QAbstractItemView *>(option.widget);
    const int width = view ? view->viewport()->width() : (option.widget ? option.widget->width() - 24 : 400);
    opt.rect = QRect(0, 0, width, 0);
    return QSize(opt.rect.width(), layoutFor(opt, index, false).height);
}

QUrl ChatBubbleDelegate::linkAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                                const QPoint &position) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const Layout layout = layoutFor(opt, index);
    if (layout.links.isEmpty() || !layout.text.contains(position)) {
        return {};
    }
    const QPointF inText = position - layout.text.topLeft();
    for (int i = 0; i < layout.textLayout->lineCount(); ++i) {
        const QTextLine line = layout.textLayout->lineAt(i);
        if (inText.y() < line.y() || inText.y() >= line.y() + line.height() || inText.x() > line.naturalTextWidth()) {
            continue;
        }
        const int cursor = line.xToCursor(inText.x(), QTextLine::CursorOnCharacter);
        for (const Link &link : layout.links) {
            if (cursor >= link.start && cursor < link.start + link.length) {
                return link.url;
            }
        }
    }
    return {};
}

bool ChatBubbleDelegate::editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                                     const QModelIndex &index)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton) {
            const QUrl url = linkAt(option, index, mouse->position().toPoint());
            if (url.isValid()) {
                Q_EMIT linkActivated(url);
                return true;
            }
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

void ChatBubbleDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const Layout layout = layoutFor(opt, index);
    const QPalette &palette = opt.palette;
    const bool outgoing = index.data(ChatModel::OutgoingRole).toBool();
    const auto delivery = ChatModel::Delivery(index.data(ChatModel::StateRole).toInt());
    const QFont small = smallFont(opt.font);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const auto drawRule = [&](const QRect &rect, const QString &label, const QColor &colour) {
        painter->setFont(small);
        painter->setPen(colour);
        const int mid = rect.center().y();
        const int labelWidth = QFontMetrics(small).horizontalAdvance(label) + 16;
        painter->drawLine(rect.left(), mid, rect.center().x() - labelWidth / 2, mid);
        painter->drawLine(rect.center().x() + labelWidth / 2, mid, rect.right(), mid);
        painter->drawText(rect, Qt::AlignCenter, label);
    };
    if (!layout.day.isEmpty()) {
        drawRule(layout.day, dayText(index.data(ChatModel::DayRole).toDate()),
                 palette.color(QPalette::PlaceholderText));
    }
    if (!layout.rule.isEmpty()) {
        drawRule(layout.rule, tr("New messages"), errorColour(option.palette));
    }
    if (!layout.header.isEmpty()) {
        painter->setFont(small);
        painter->setPen(palette.color(QPalette::PlaceholderText));
        painter->drawText(layout.header, (outgoing ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                          headerText(index));
    }
    const auto *chat = qobject_cast<const ChatModel *>(index.model());
    const QUrl iconUrl = chat ? chat->entry(index.row()).icon : QUrl();
    const QString iconFile = m_images && !iconUrl.isEmpty() ? m_images->cachedFile(iconUrl) : QString();
    QPixmap icon;
    if (!layout.avatar.isEmpty() && !iconFile.isEmpty() &&
        !QPixmapCache::find(iconFile + QStringLiteral("#avatar"), &icon)) {
        const QImage image(iconFile);
        if (!image.isNull()) {
            icon = QPixmap::fromImage(
                image.scaled(kAvatar, kAvatar, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation));
            QPixmapCache::insert(iconFile + QStringLiteral("#avatar"), icon);
        }
    } else if (!layout.avatar.isEmpty() && !iconUrl.isEmpty() && iconFile.isEmpty() && m_images &&
               !m_images->hasFailed(iconUrl)) {
        m_images->fetch(iconUrl); // the initials meanwhile; ChatWindow repaints when it comes
    }
    if (!layout.avatar.isEmpty() && !icon.isNull()) {
        // The sender's own icon (ntfy's "icon"), round like the initials it replaces.
        QPainterPath circle;
        circle.addEllipse(QRectF(layout.avatar));
        painter->save();
        painter->setClipPath(circle);
        painter->drawPixmap(
            layout.avatar, icon,
            QRect(QPoint((icon.width() - kAvatar) / 2, (icon.height() - kAvatar) / 2), QSize(kAvatar, kAvatar)));
        painter->restore();
    } else if (!layout.avatar.isEmpty()) {
        const QString sender = index.data(ChatModel::SenderRole).toString();
        painter->setPen(Qt::NoPen);
        painter->setBrush(avatarColour(sender));
        painter->drawEllipse(layout.avatar);
        QFont bold = small;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(Qt::white);
        painter->drawText(layout.avatar, Qt::AlignCenter, initials(sender));
    }

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
    // A text layout never interprets markup: a body of <img src=…> is shown as those characters.
    painter->setPen(outgoing ? palette.color(QPalette::HighlightedText) : palette.color(QPalette::Text));
    layout.textLayout->draw(painter, layout.text.topLeft());
    if (!layout.picture.isEmpty()) {
        QPixmap pixmap;
        if (QPixmapCache::find(layout.pictureFile, &pixmap)) {
            painter->drawPixmap(layout.picture, pixmap);
        }
    }
    if (!layout.footer.isEmpty()) {
        painter->setFont(small);
        painter->setPen(delivery == ChatModel::Delivery::Failed ? errorColour(palette)
                                                                : palette.color(QPalette::PlaceholderText));
        painter->drawText(layout.footer, (outgoing ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                          footerText(index));
    }
    painter->restore();
}

} // namespace herald::ui
