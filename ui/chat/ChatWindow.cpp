#include "chat/ChatWindow.h"

#include "MarkdownText.h"
#include "WindowMemory.h"
#include "chat/ChatBubbleDelegate.h"
#include "chat/ChatModel.h"
#include "feed/FeedManager.h"
#include "net/ImageCache.h"
#include "store/HistoryStore.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMouseEvent>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollBar>
#include <QSplitter>
#include <QVBoxLayout>

namespace herald::ui {

void SendBox::setHints(const QString &full, const QString &brief)
{
    m_fullHint = full;
    m_briefHint = brief;
    chooseHint();
}

void SendBox::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    chooseHint();
}

void SendBox::chooseHint()
{
    const int room = viewport()->width() - 2 * int(document()->documentMargin()) - 4;
    setPlaceholderText(fontMetrics().horizontalAdvance(m_fullHint) <= room ? m_fullHint : m_briefHint);
}

void SendBox::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        Q_EMIT sendRequested();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

ChatWindow::ChatWindow(FeedManager *feeds, HistoryStore *history, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_feeds(feeds)
    , m_history(history)
    , m_conversations(new QListWidget(this))
    , m_title(new QLabel(this))
    , m_connection(new QLabel(this))
    , m_view(new QListView(this))
    , m_model(new ChatModel(this))
    , m_input(new SendBox(this))
    , m_send(new QPushButton(tr("&Send"), this))
    , m_senderName(qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME")))
{
    setWindowTitle(tr("Chat"));
    m_conversations->setAccessibleName(tr("Conversations"));
    m_conversations->setMinimumWidth(90);
    m_conversations->setTextElideMode(Qt::ElideRight);
    m_conversations->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText);
    m_connection->setTextFormat(Qt::PlainText);
    // A long error wraps instead of widening the window.
    m_connection->setWordWrap(true);
    m_connection->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_view->setModel(m_model);
    auto *bubbles = new ChatBubbleDelegate(m_view);
    m_view->setItemDelegate(bubbles);
    connect(bubbles, &ChatBubbleDelegate::linkActivated, this, &ChatWindow::openUrlRequested);
    m_view->setMouseTracking(true);
    m_view->viewport()->installEventFilter(this);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setUniformItemSizes(false);
    m_view->setWordWrap(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAccessibleName(tr("Messages"));
    m_input->setFixedHeight(m_input->fontMetrics().lineSpacing() * 3 + 12);
    m_input->setTabChangesFocus(true);
    m_input->setAccessibleName(tr("Message"));

    auto *header = new QVBoxLayout;
    header->setSpacing(0);
    header->addWidget(m_title);
    header->addWidget(m_connection);
    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(m_send, 0, Qt::AlignBottom);
    auto *conversation = new QWidget(this);
    auto *right = new QVBoxLayout(conversation);
    right->setContentsMargins(0, 0, 0, 0);
    right->addLayout(header);
    right->addWidget(m_view, 1);
    right->addLayout(inputRow);
    m_splitter = new QSplitter(this);
    m_splitter->addWidget(m_conversations);
    m_splitter->addWidget(conversation);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setCollapsible(1, false);
    m_splitter->setSizes({170, 530});
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_splitter);
    m_input->setHints(tr("Write a message — Enter sends, Shift+Enter starts a new line"), tr("Write a message"));

    connect(m_input, &SendBox::sendRequested, this, &ChatWindow::sendTyped);
    connect(m_send, &QPushButton::clicked, this, &ChatWindow::sendTyped);
    connect(m_conversations, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item) {
            openFeed(item->data(Qt::UserRole).toString());
        }
    });
    connect(m_view, &QListView::customContextMenuRequested, this, &ChatWindow::showContextMenu);
    connect(m_model, &QAbstractItemModel::modelReset, bubbles, &ChatBubbleDelegate::clearCache);
    // Following the newest: while the view is at its bottom it stays there, whatever arrives or however the window
    // is resized; scrolled up, the person's place is kept. The scroll bar's range changes once the view has laid
    // itself out, so this costs nothing per message.
    QScrollBar *scroll = m_view->verticalScrollBar();
    connect(scroll, &QScrollBar::valueChanged, this, [this, scroll](int value) {
        m_followNewest = value >= scroll->maximum() - 4;
        m_model->setFollowing(m_followNewest);
        if (value == scroll->minimum() && scroll->maximum() > 0 && m_model->hasOlder()) {
            QTimer::singleShot(0, this, &ChatWindow::loadOlder); // not from inside the scroll bar's own signal
        }
    });
    connect(scroll, &QScrollBar::rangeChanged, this, [this, scroll](int, int maximum) {
        if (m_followNewest) {
            scroll->setValue(maximum);
        }
    });
    m_afterBurst.setSingleShot(true);
    connect(&m_afterBurst, &QTimer::timeout, this, [this] {
        if (m_followNewest) {
            m_view->scrollToBottom(); // the model kept its rows bounded while it was followed (addStored)
        }
        if (isActiveWindow()) {
            markSeen();
        }
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        if (first > 0 || last + 1 == m_model->rowCount()) { // new messages, not older ones brought back
            m_afterBurst.start();
        }
    });
    if (m_history) {
        connect(m_history, &HistoryStore::stored, m_model, &ChatModel::addStored);
        connect(m_history, &HistoryStore::removed, m_model, &ChatModel::removeStored);
        // The room list shows each room's unread count and last message as they change.
        m_roomsRefresh.setSingleShot(true);
        m_roomsRefresh.setInterval(100);
        connect(&m_roomsRefresh, &QTimer::timeout, this, &ChatWindow::refreshRooms);
        connect(m_history, &HistoryStore::stored, &m_roomsRefresh, qOverload<>(&QTimer::start));
        connect(m_history, &HistoryStore::readStateChanged, &m_roomsRefresh, qOverload<>(&QTimer::start));
    }
    if (m_feeds) {
        connect(m_feeds, &FeedManager::sendStateChanged, this,
                [this](const QString &feed, const QString &id, Feed::SendState state, const QString &error) {
                    if (feed == m_model->feed()) {
                        m_model->setDelivery(id, state, error);
                    }
                });
        connect(m_feeds, &FeedManager::feedStateChanged, this, [this](const QString &feed) {
            if (feed == m_model->feed()) {
                updateHeader();
            }
        });
    }
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &ChatWindow::updateHeader);
    m_countdown.start();
    WindowMemory::track(this, QStringLiteral("chat"), QSize(720, 520));
    updateHeader();
}

void ChatWindow::setImageCache(ImageCache *images)
{
    auto *bubbles = static_cast<ChatBubbleDelegate *>(m_view->itemDelegate());
    bubbles->setImageCache(images);
    if (!images) {
        return;
    }
    connect(images, &ImageCache::ready, this, [this, bubbles](const QUrl &url) {
        bool shown = false;
        for (int row = 0; row < m_model->rowCount(); ++row) {
            if (m_model->entry(row).picture == url || m_model->entry(row).icon == url) {
                bubbles->forget(m_model->entry(row).serial);
                shown = true;
            }
        }
        if (shown) {
            m_model->pictureArrived(url);
            m_view->doItemsLayout(); // the bubble grew
            if (m_followNewest) {
                m_view->scrollToBottom();
            }
        }
    });
}

void ChatWindow::setChatFeeds(const QStringList &names)
{
    const QString current = currentFeed();
    QSignalBlocker blocker(m_conversations);
    m_conversations->clear();
    for (const QString &name : names) {
        auto *item = new QListWidgetItem(name, m_conversations);
        item->setData(Qt::UserRole, name);
        if (name == current) {
            m_conversations->setCurrentItem(item);
        }
    }
    refreshRooms();
    if (current.isEmpty() && !names.isEmpty()) {
        blocker.unblock();
        m_conversations->setCurrentRow(0);
    } else if (!names.contains(current)) {
        m_model->load(m_history, QString());
        updateHeader();
    }
}

void ChatWindow::refreshRooms()
{
    for (int i = 0; i < m_conversations->count(); ++i) {
        QListWidgetItem *item = m_conversations->item(i);
        const QString name = item->data(Qt::UserRole).toString();
        QString text = name;
        int unread = 0;
        if (m_history && m_history->isOpen()) {
            unread = m_history->unreadCount(name);
            HistoryStore::Query last;
            last.feed = name;
            last.limit = 1;
            const auto newest = m_history->query(last);
            if (!newest.isEmpty()) {
                const Message &m = newest.first().message;
                const QString who = m.outgoing ? tr("You") : m.title;
                const QString body = m.markdown ? markdown::plainText(m.body) : m.body;
                QString line = (who.isEmpty() ? body : who + QStringLiteral(": ") + body).simplified();
                if (line.size() > 60) {
                    line = line.left(59) + QChar(0x2026);
                }
                text += u'\n' + line;
            }
        }
        if (unread > 0) {
            text.replace(0, name.size(), tr("%1 (%2)").arg(name).arg(unread));
        }
        item->setText(text);
        QFont font = m_conversations->font();
        font.setBold(unread > 0);
        item->setFont(font);
        item->setToolTip(unread > 0 ? tr("%n unread", nullptr, unread) : QString());
    }
}

bool ChatWindow::isReading(const QString &feed) const
{
    return isVisible() && isActiveWindow() && !isMinimized() && feed == m_model->feed();
}

void ChatWindow::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitToWidth();
}

void ChatWindow::fitToWidth()
{
    constexpr int kNarrowBelow = 560;
    const bool narrow = width() < kNarrowBelow;
    if (narrow != m_narrow) {
        // Only on crossing the line, so that a width the person dragged the divider to is left alone otherwise.
        m_narrow = narrow;
        const int total = m_splitter->width();
        const int list = narrow ? std::max(m_conversations->minimumWidth(), total / 4) : 170;
        m_splitter->setSizes({list, std::max(0, total - list)});
    }
}

bool ChatWindow::eventFilter(QObject *watched, QEvent *event)
{
    // A pointing hand over a link, as in a browser.
    if (watched == m_view->viewport() && event->type() == QEvent::MouseMove) {
        const QPoint position = static_cast<QMouseEvent *>(event)->position().toPoint();
        const QModelIndex index = m_view->indexAt(position);
        auto *bubbles = static_cast<ChatBubbleDelegate *>(m_view->itemDelegate());
        QStyleOptionViewItem option;
        option.initFrom(m_view);
        option.rect = m_view->visualRect(index);
        option.font = m_view->font();
        const bool overLink = index.isValid() && bubbles->linkAt(option, index, position).isValid();
        m_view->viewport()->setCursor(overLink ? Qt::PointingHandCursor : Qt::ArrowCursor);
    }
    return QWidget::eventFilter(watched, event);
}

QString ChatWindow::currentFeed() const
{
    return m_model->feed();
}

void ChatWindow::openFeed(const QString &name)
{
    if (name != m_model->feed()) {
        m_model->load(m_history, name);
        m_followNewest = true;
        m_model->setFollowing(true);
        m_view->scrollToBottom();
        if (isActiveWindow()) {
            markSeen(); // opening a room is reading it
        }
    }
    for (int i = 0; i < m_conversations->count(); ++i) {
        if (m_conversations->item(i)->data(Qt::UserRole).toString() == name) {
            QSignalBlocker blocker(m_conversations);
            m_conversations->setCurrentRow(i);
        }
    }
    updateHeader();
    m_input->setFocus();
}

QString ChatWindow::connectionText() const
{
    const QString feedName = m_model->feed();
    if (feedName.isEmpty()) {
        return tr("No conversation: add a WebSocket feed, or give a feed a publish URL.");
    }
    Feed *feed = m_feeds ? m_feeds->feed(feedName) : nullptr;
    if (!feed) {
        return tr("Not running (the feed is disabled)");
    }
    switch (feed->state()) {
    case Feed::State::Open:
        return tr("Connected");
    case Feed::State::Connecting: {
        const int remaining = feed->pendingReconnectDelay();
        if (remaining >= 0) {
            const QString why = feed->lastError().isEmpty() ? QString() : QStringLiteral(" — ") + feed->lastError();
            return tr("Reconnecting in %n s", nullptr, (remaining + 999) / 1000) + why;
        }
        return tr("Connecting…");
    }
    case Feed::State::Failed:
        return tr("Failed: %1").arg(feed->lastError());
    case Feed::State::Paused:
        return tr("Paused: messages you send wait until you resume the feeds");
    case Feed::State::Stopped:
        break;
    }
    return tr("Stopped");
}

void ChatWindow::updateHeader()
{
    const QString feedName = m_model->feed();
    m_title->setText(feedName.isEmpty() ? tr("Chat") : feedName);
    m_connection->setText(connectionText());
    const bool canType = !feedName.isEmpty() && m_feeds && m_feeds->feed(feedName);
    m_input->setEnabled(canType);
    m_send->setEnabled(canType);
}

void ChatWindow::sendTyped()
{
    const QString text = m_input->toPlainText().trimmed();
    const QString feed = m_model->feed();
    if (text.isEmpty() || feed.isEmpty() || !m_feeds) {
        return;
    }
    const QString id = m_feeds->send(feed, text, m_senderName);
    if (id.isEmpty()) {
        return;
    }
    m_model->addOwn(id, m_senderName, text);
    m_input->clear();
}

void ChatWindow::markSeen()
{
    // The whole room, not only what the view holds: a burst may have brought more than it keeps.
    if (m_history && !m_model->feed().isEmpty()) {
        m_history->markAllRead(m_model->feed());
    }
}

void ChatWindow::loadOlder()
{
    QScrollBar *scroll = m_view->verticalScrollBar();
    if (scroll->value() != scroll->minimum()) {
        return;
    }
    const int added = m_model->loadOlder();
    if (added > 0) {
        // The message that was at the top stays there; the older ones are above it.
        m_view->scrollTo(m_model->index(added, 0), QAbstractItemView::PositionAtTop);
    }
}

bool ChatWindow::event(QEvent *event)
{
    if (event->type() == QEvent::WindowActivate) {
        markSeen();
    }
    return QWidget::event(event);
}

void ChatWindow::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_view->indexAt(position);
    if (!index.isValid()) {
        return;
    }
    QMenu menu(this);
    menu.addAction(tr("Copy text"), this,
                   [index] { QApplication::clipboard()->setText(index.data(Qt::DisplayRole).toString()); });
    menu.addAction(tr("Show raw payload"), this, [this, index] {
        showPlainText(this, tr("Raw payload"), index.data(ChatModel::RawRole).toString());
    });
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

} // namespace herald::ui
