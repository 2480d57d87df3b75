#pragma once

#include "store/HistoryStore.h"

#include <QStringList>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QStandardItemModel;
class QTreeView;

namespace herald {
class HistoryStore;
class ImageCache;
} // namespace herald

namespace herald::ui {

class MessageView;

// Everything Herald received: search, filters by feed and unread, mark read (reading a message or opening its link
// does too), open a link, copy, delete (a context menu on rows).
// Updates live as messages are stored. All text is shown as plain text.
class HistoryWindow final : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryWindow(HistoryStore *history, QWidget *parent = nullptr);

    void setFeedNames(const QStringList &names);

    // What the person has set: kept when the window is built again (another language).
    struct Filters
    {
        QString search;
        QString feed;
        bool unreadOnly = false;
    };
    Filters filters() const;
    void setFilters(const Filters &filters);
    // Shows the entry (rowId > 0) or the feed (rowId 0) and brings the window up.
    void showEntry(qint64 rowId, const QString &feed);
    int visibleCount() const;
    QTreeView *view() const { return m_view; }
    MessageView *messageView() const { return m_detail; }
    // Where the pictures of messages come from (the reading pane shows them); none: no pictures.
    void setImageCache(ImageCache *images);
    QLineEdit *searchBox() const { return m_search; }
    // Tests: the row context menu while it is open (nullptr otherwise).
    QMenu *contextMenu() const { return m_contextMenu; }

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void openUrlRequested(const QUrl &url);

private:
    // The search and filters as they are set, without a limit.
    HistoryStore::Query currentQuery() const;
    void scheduleRefresh();
    void showSelected();
    void markRowRead(int row);
    void openLink(int row); // and marks it read
    void removeSelected();
    void showContextMenu(const QPoint &position);
    QList<qint64> selectedRowIds() const;

    HistoryStore *m_history;
    QLineEdit *m_search;
    QComboBox *m_feed;
    QCheckBox *m_unreadOnly;
    QTreeView *m_view;
    QStandardItemModel *m_model;
    MessageView *m_detail;
    ImageCache *m_images = nullptr;
    QLabel *m_status;
    bool m_refreshing = false;
    QPushButton *m_markRead;
    QPushButton *m_markUnread;
    QPushButton *m_openLink;
    QPushButton *m_copyPayload;
    QMenu *m_contextMenu = nullptr;
    QTimer m_refreshTimer;
    qint64 m_wantedRowId = 0;
};

} // namespace herald::ui
