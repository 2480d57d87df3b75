#pragma once

#include "feed/Feed.h"

#include <QPlainTextEdit>
#include <QTimer>
#include <QWidget>

class QLabel;
class QListView;
class QListWidget;
class QSplitter;
class QPushButton;

namespace herald {
class ImageCache;
class FeedManager;
class HistoryStore;
} // namespace herald

namespace herald::ui {

class ChatModel;

// The text box of a chat: Enter sends, Shift+Enter starts a new line. Its hint is the long one where it fits, else
// the short one.
class SendBox final : public QPlainTextEdit
{
    Q_OBJECT

public:
    using QPlainTextEdit::QPlainTextEdit;
    void setHints(const QString &full, const QString &brief);

Q_SIGNALS:
    void sendRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void chooseHint();
    QString m_fullHint;
    QString m_briefHint;
};

// One conversation per feed that can talk back (WebSocket, or SSE with a publish URL): messages with time and
// sender, the user's own on the other side, connection state with a reconnect countdown, pending messages that go
// out when the connection is back, an unread marker, and each message's raw payload on request.
class ChatWindow final : public QWidget
{
    Q_OBJECT

public:
    ChatWindow(FeedManager *feeds, HistoryStore *history, QWidget *parent = nullptr);

    void setSenderName(const QString &name) { m_senderName = name; }
    // Where messages' pictures come from (shown in their bubbles); none: no pictures.
    void setImageCache(ImageCache *images);
    // Feeds that can chat, in the order to list them.
    void setChatFeeds(const QStringList &names);
    void openFeed(const QString &name);
    QString currentFeed() const;
    ChatModel *model() const { return m_model; }
    SendBox *sendBox() const { return m_input; }
    QString connectionText() const;
    QListWidget *roomList() const { return m_conversations; }
    QListView *messageView() const { return m_view; }
    // The person is looking at this room now: its messages need no popup.
    bool isReading(const QString &feed) const;

public Q_SLOTS:
    void sendTyped();

Q_SIGNALS:
    void openUrlRequested(const QUrl &url);

protected:
    bool event(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    // A narrow window gives the conversation the room: the list keeps a sliver.
    void fitToWidth();
    void updateHeader();
    void refreshRooms();
    void markSeen();
    void loadOlder();
    void showContextMenu(const QPoint &position);

    FeedManager *m_feeds;
    HistoryStore *m_history;
    QListWidget *m_conversations;
    QSplitter *m_splitter;
    bool m_narrow = false;
    QLabel *m_title;
    QLabel *m_connection;
    QListView *m_view;
    ChatModel *m_model;
    SendBox *m_input;
    QPushButton *m_send;
    QTimer m_countdown;
    QTimer m_roomsRefresh;
    QTimer m_afterBurst; // once per turn of the event loop in which messages arrived, not once per message
    bool m_followNewest = true;
    QString m_senderName;
};

} // namespace herald::ui
