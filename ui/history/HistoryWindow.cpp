#include "history/HistoryWindow.h"

#include "MarkdownText.h"
#include "TimeText.h"
#include "WindowMemory.h"
#include "history/MessageView.h"
#include "net/ImageCache.h"
#include "notify/NotificationPresenter.h"
#include "store/HistoryStore.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QShortcut>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <cstdlib>

namespace herald::ui {

namespace {

constexpr int kRowIdRole = Qt::UserRole + 1;
constexpr int kUrlRole = Qt::UserRole + 2;
constexpr int kRawRole = Qt::UserRole + 3;
constexpr int kDetailRole = Qt::UserRole + 4;
constexpr int kReadRole = Qt::UserRole + 5;
constexpr int kTitleRole = Qt::UserRole + 6;
constexpr int kBodyRole = Qt::UserRole + 7;
constexpr int kMarkdownRole = Qt::UserRole + 8;
constexpr int kPictureRole = Qt::UserRole + 9;
constexpr int kQueryLimit = 500;

QString oneLine(const QString &text)
{
    QString line = text.simplified();
    return line.size() > 200 ? line.left(199) + QChar(0x2026) : line;
}

} // namespace

HistoryWindow::HistoryWindow(HistoryStore *history, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_history(history)
    , m_search(new QLineEdit(this))
    , m_feed(new QComboBox(this))
    , m_unreadOnly(new QCheckBox(tr("&Unread only"), this))
    , m_view(new QTreeView(this))
    , m_model(new QStandardItemModel(this))
    , m_detail(new MessageView(this))
    , m_status(new QLabel(this))
    , m_markRead(new QPushButton(tr("&Mark read"), this))
    , m_markUnread(new QPushButton(tr("Mark u&nread"), this))
    , m_openLink(new QPushButton(tr("&Open link"), this))
    , m_copyPayload(new QPushButton(tr("&Copy payload"), this))
{
    setWindowTitle(tr("History"));
    m_search->setPlaceholderText(tr("Search the history (words or pieces of words)"));
    m_search->setAccessibleName(tr("Search"));
    m_view->setAccessibleName(tr("Messages"));
    m_detail->setAccessibleName(tr("The message"));
    m_search->setClearButtonEnabled(true);
    m_feed->addItem(tr("All feeds"), QString());
    m_feed->setAccessibleName(tr("Feed"));
    auto *markAll = new QPushButton(tr("Mark &all read"), this);
    markAll->setToolTip(tr("Marks every message the search and filters find"));

    m_model->setHorizontalHeaderLabels({tr("Time"), tr("Feed"), tr("Title"), tr("Message")});
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->header()->setStretchLastSection(true);
    m_view->setColumnWidth(0, 130);
    m_view->setColumnWidth(1, 110);
    m_view->setColumnWidth(2, 200);
    m_detail->setPlaceholderText(tr("Select a message to read it whole."));
    connect(m_detail, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (NotificationPresenter::isSafeToOpen(url)) { // a Markdown link may say anything, javascript: included
            Q_EMIT openUrlRequested(url);
        }
    });

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    filters->addWidget(m_feed);
    filters->addWidget(m_unreadOnly);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_markRead);
    buttons->addWidget(m_markUnread);
    buttons->addWidget(markAll);
    buttons->addWidget(m_openLink);
    buttons->addWidget(m_copyPayload);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(150);
    connect(&m_refreshTimer, &QTimer::timeout, this, &HistoryWindow::refresh);
    connect(m_search, &QLineEdit::textChanged, this, &HistoryWindow::scheduleRefresh);
    connect(m_feed, &QComboBox::currentIndexChanged, this, &HistoryWindow::refresh);
    connect(m_unreadOnly, &QCheckBox::toggled, this, &HistoryWindow::refresh);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &HistoryWindow::showSelected);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) { openLink(index.row()); });
    connect(m_markRead, &QPushButton::clicked, this, [this] { m_history->markRead(selectedRowIds()); });
    connect(m_markUnread, &QPushButton::clicked, this, [this] { m_history->markRead(selectedRowIds(), false); });
    // What the filters show, not everything: the search, the feed and "unread only" all count.
    connect(markAll, &QPushButton::clicked, this, [this] { m_history->markMatching(currentQuery(), true); });
    connect(m_openLink, &QPushButton::clicked, this, [this] {
        const auto rows = m_view->selectionModel()->selectedRows();
        if (!rows.isEmpty()) {
            openLink(rows.first().row());
        }
    });
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &HistoryWindow::showContextMenu);
    auto *remove = new QShortcut(QKeySequence::Delete, m_view);
    remove->setContext(Qt::WidgetWithChildrenShortcut);
    connect(remove, &QShortcut::activated, this, &HistoryWindow::removeSelected);
    connect(m_copyPayload, &QPushButton::clicked, this, [this] {
        const auto rows = m_view->selectionModel()->selectedRows();
        if (!rows.isEmpty()) {
            QApplication::clipboard()->setText(m_model->item(rows.first().row(), 0)->data(kRawRole).toString());
            m_status->setText(tr("Payload copied."));
        }
    });
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, m_search, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    if (m_history) {
        connect(m_history, &HistoryStore::stored, this, &HistoryWindow::scheduleRefresh);
        connect(m_history, &HistoryStore::readStateChanged, this, &HistoryWindow::scheduleRefresh);
    }
    WindowMemory::track(this, QStringLiteral("history"), QSize(860, 560));
    showSelected();
    refresh();
}

HistoryWindow::Filters HistoryWindow::filters() const
{
    return {m_search->text(), m_feed->currentData().toString(), m_unreadOnly->isChecked()};
}

void HistoryWindow::setFilters(const Filters &filters)
{
    m_search->setText(filters.search);
    m_feed->setCurrentIndex(std::max(0, m_feed->findData(filters.feed)));
    m_unreadOnly->setChecked(filters.unreadOnly);
    refresh();
}

void HistoryWindow::setFeedNames(const QStringList &names)
{
    const QString current = m_feed->currentData().toString();
    QSignalBlocker blocker(m_feed);
    while (m_feed->count() > 1) {
        m_feed->removeItem(1);
    }
    for (const QString &name : names) {
        m_feed->addItem(name, name);
    }
    m_feed->setCurrentIndex(std::max(0, m_feed->findData(current)));
}

void HistoryWindow::scheduleRefresh()
{
    m_refreshTimer.start();
}

int HistoryWindow::visibleCount() const
{
    return m_model->rowCount();
}

QList<qint64> HistoryWindow::selectedRowIds() const
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows()) {
        ids.append(m_model->item(index.row(), 0)->data(kRowIdRole).toLongLong());
    }
    return ids;
}

HistoryStore::Query HistoryWindow::currentQuery() const
{
    HistoryStore::Query query;
    query.search = m_search->text().trimmed();
    query.feed = m_feed->currentData().toString();
    query.unreadOnly = m_unreadOnly->isChecked();
    query.limit = 0;
    return query;
}

void HistoryWindow::refresh()
{
    if (!m_history || !m_history->isOpen()) {
        m_status->setText(tr("The history is not available."));
        return;
    }
    const QList<qint64> selected = selectedRowIds();
    m_refreshing = true; // selecting again what was selected is not reading it
    const auto done = qScopeGuard([this] { m_refreshing = false; });
    HistoryStore::Query query = currentQuery();
    query.limit = kQueryLimit;
    const auto found = m_history->query(query);
    m_model->removeRows(0, m_model->rowCount());
    QFont unreadFont = font();
    unreadFont.setBold(true);
    for (const StoredMessage &stored : found) {
        const Message &m = stored.message;
        QList<QStandardItem *> row{
            new QStandardItem(shortTime(m.received.isValid() ? m.received : m.time)),
            new QStandardItem(m.feed),
            new QStandardItem(m.outgoing ? tr("You") : oneLine(m.title)),
            new QStandardItem(oneLine(m.markdown ? markdown::plainText(m.body) : m.body)),
        };
        row[0]->setData(stored.rowId, kRowIdRole);
        row[0]->setData(m.clickUrl, kUrlRole);
        row[0]->setData(m.raw, kRawRole);
        QStringList after; // below the message: its link, why it was read as it was, its dates
        if (m.clickUrl.isValid()) {
            after.append(m.clickUrl.toString());
        }
        if (!m.note.isEmpty()) {
            after.append(u'(' + m.note + u')');
        }
        // The list shows when it arrived; a server's own date, when it says another, is worth knowing too.
        if (m.received.isValid() && std::abs(m.time.secsTo(m.received)) > 60) {
            const QString sent = tr("Sent %1 (the server's date); arrived %2.")
                                     .arg(QLocale().toString(m.time.toLocalTime(), QLocale::ShortFormat),
                                          QLocale().toString(m.received.toLocalTime(), QLocale::ShortFormat));
            after.append(sent);
            row[0]->setToolTip(sent);
        }
        row[0]->setData(after.join(QStringLiteral("\n\n")), kDetailRole);
        row[0]->setData(m.title, kTitleRole);
        row[0]->setData(m.body, kBodyRole);
        row[0]->setData(m.markdown, kMarkdownRole);
        row[0]->setData(m.imageUrl.isEmpty() ? m.iconUrl : m.imageUrl, kPictureRole);
        row[0]->setData(stored.read, kReadRole);
        for (QStandardItem *item : row) {
            if (!stored.read) {
                item->setFont(unreadFont);
            }
        }
        m_model->appendRow(row);
        if (selected.contains(stored.rowId) || stored.rowId == m_wantedRowId) {
            m_view->selectionModel()->select(m_model->index(m_model->rowCount() - 1, 0),
                                             QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
    }
    if (m_wantedRowId > 0) {
        const auto rows = m_view->selectionModel()->selectedRows();
        if (!rows.isEmpty()) {
            m_view->scrollTo(rows.first());
            m_view->setCurrentIndex(rows.first());
        }
        m_wantedRowId = 0;
    }
    m_status->setText(found.size() >= kQueryLimit ? tr("Showing the newest %1 matches.").arg(found.size())
                                                  : tr("%n message(s)", nullptr, int(found.size())));
}

void HistoryWindow::showSelected()
{
    const auto rows = m_view->selectionModel()->selectedRows();
    const bool one = !rows.isEmpty();
    const auto anyRead = [&](bool read) {
        return std::any_of(rows.cbegin(), rows.cend(), [&](const QModelIndex &row) {
            return m_model->item(row.row(), 0)->data(kReadRole).toBool() == read;
        });
    };
    m_markRead->setEnabled(anyRead(false));
    m_markUnread->setEnabled(anyRead(true));
    m_copyPayload->setEnabled(one);
    m_openLink->setEnabled(one && m_model->item(rows.first().row(), 0)->data(kUrlRole).toUrl().isValid());
    if (one) {
        const QStandardItem *item = m_model->item(rows.first().row(), 0);
        const QUrl picture = item->data(kPictureRole).toUrl();
        QString pictureFile;
        if (m_images && !picture.isEmpty()) {
            pictureFile = m_images->cachedFile(picture);
            if (pictureFile.isEmpty()) {
                m_images->fetch(picture); // shown when it comes, if this message is still the one read
            }
        }
        m_detail->showMessage(item->data(kTitleRole).toString(), item->data(kBodyRole).toString(),
                              item->data(kMarkdownRole).toBool(), item->data(kDetailRole).toString(), pictureFile);
    } else {
        m_detail->clearMessage();
    }
    // One message picked to read is read, as in a mail app; the selection a refresh restores is not.
    if (rows.size() == 1 && !m_refreshing && m_history) {
        markRowRead(rows.first().row());
    }
}

void HistoryWindow::setImageCache(ImageCache *images)
{
    if (m_images) {
        disconnect(m_images, nullptr, this, nullptr);
    }
    m_images = images;
    if (m_images) {
        connect(m_images, &ImageCache::ready, this, [this](const QUrl &url) {
            const auto rows = m_view->selectionModel()->selectedRows();
            if (rows.size() == 1 && m_model->item(rows.first().row(), 0)->data(kPictureRole).toUrl() == url) {
                showSelected();
            }
        });
    }
}

void HistoryWindow::markRowRead(int row)
{
    QStandardItem *item = m_model->item(row, 0);
    if (!item || item->data(kReadRole).toBool() || !m_history->markRead({item->data(kRowIdRole).toLongLong()})) {
        return;
    }
    // Shown at once, before the refresh the store's signal brings: a context menu opened now must agree.
    item->setData(true, kReadRole);
    for (int column = 0; column < m_model->columnCount(); ++column) {
        m_model->item(row, column)->setFont(font());
    }
    showSelected();
}

void HistoryWindow::openLink(int row)
{
    const QUrl url = m_model->item(row, 0)->data(kUrlRole).toUrl();
    if (url.isValid()) {
        markRowRead(row);
        Q_EMIT openUrlRequested(url);
    }
}

void HistoryWindow::removeSelected()
{
    const QList<qint64> ids = selectedRowIds();
    if (!ids.isEmpty() && m_history && m_history->remove(ids)) {
        m_status->setText(tr("%n message(s) deleted.", nullptr, int(ids.size())));
    }
}

void HistoryWindow::showContextMenu(const QPoint &position)
{
    const QModelIndex under = m_view->indexAt(position);
    if (!under.isValid()) {
        return;
    }
    if (!m_view->selectionModel()->isRowSelected(under.row(), QModelIndex())) {
        m_view->selectionModel()->select(under, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    QMenu menu(this);
    QAction *copy = menu.addAction(tr("&Copy text"));
    connect(copy, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(m_detail->toPlainText()); });
    QAction *open = menu.addAction(tr("&Open link"));
    open->setEnabled(m_openLink->isEnabled());
    connect(open, &QAction::triggered, m_openLink, &QPushButton::click);
    menu.addSeparator();
    QAction *read = menu.addAction(tr("&Mark read"));
    read->setEnabled(m_markRead->isEnabled());
    connect(read, &QAction::triggered, m_markRead, &QPushButton::click);
    QAction *unread = menu.addAction(tr("Mark u&nread"));
    unread->setEnabled(m_markUnread->isEnabled());
    connect(unread, &QAction::triggered, m_markUnread, &QPushButton::click);
    menu.addSeparator();
    QAction *remove = menu.addAction(tr("&Delete"));
    remove->setShortcut(QKeySequence::Delete);
    connect(remove, &QAction::triggered, this, &HistoryWindow::removeSelected);
    m_contextMenu = &menu;
    menu.exec(m_view->viewport()->mapToGlobal(position));
    m_contextMenu = nullptr;
}

void HistoryWindow::showEntry(qint64 rowId, const QString &feed)
{
    m_search->clear();
    m_unreadOnly->setChecked(false);
    m_feed->setCurrentIndex(std::max(0, m_feed->findData(feed)));
    m_wantedRowId = rowId;
    refresh();
    show();
    raise();
    activateWindow();
}

} // namespace herald::ui
