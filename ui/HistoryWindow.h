#pragma once

#include "store/HistoryStore.h"

#include <QStringList>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;
class QTreeView;

namespace herald {
class HistoryStore;
}

namespace herald::ui {

// Everything Herald received: full-text search, filters by feed and unread, mark read, open a link, copy a payload.
// Updates live as messages are stored. All text is shown as plain text.
class HistoryWindow final : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryWindow(HistoryStore *history, QWidget *parent = nullptr);

    void setFeedNames(const QStringList &names);
    // Shows the entry (rowId > 0) or the feed (rowId 0) and brings the window up.
    void showEntry(qint64 rowId, const QString &feed);
    int visibleCount() const;
    QTreeView *view() const { return m_view; }
    QLineEdit *searchBox() const { return m_search; }

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void openUrlRequested(const QUrl &url);

private:
    // The search and filters as they are set, without a limit.
    HistoryStore::Query currentQuery() const;
    void scheduleRefresh();
    void showSelected();
    QList<qint64> selectedRowIds() const;

    HistoryStore *m_history;
    QLineEdit *m_search;
    QComboBox *m_feed;
    QCheckBox *m_unreadOnly;
    QTreeView *m_view;
    QStandardItemModel *m_model;
    QPlainTextEdit *m_detail;
    QLabel *m_status;
    QPushButton *m_markRead;
    QPushButton *m_markUnread;
    QPushButton *m_openLink;
    QPushButton *m_copyPayload;
    QTimer m_refreshTimer;
    qint64 m_wantedRowId = 0;
};

} // namespace herald::ui
