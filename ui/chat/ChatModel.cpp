#include "chat/ChatModel.h"

#include "TimeText.h"

#include <QSet>

#include <algorithm>
#include <limits>

namespace herald::ui {

ChatModel::ChatModel(QObject *parent)
    : QAbstractListModel(parent)
{}

ChatModel::Entry ChatModel::entryFor(const StoredMessage &stored)
{
    const Message &m = stored.message;
    Entry entry;
    entry.rowId = stored.rowId;
    entry.serial = m_nextSerial++;
    entry.messageId = m.id;
    entry.sender = m.title;
    entry.text = m.body;
    if (m.markdown) {
        markdown::Formatted formatted = markdown::formatted(m.body);
        entry.text = std::move(formatted.text);
        entry.formats = std::move(formatted.formats);
        entry.anchors = std::move(formatted.anchors);
        entry.formatted = true;
    }
    entry.picture = m.imageUrl;
    entry.icon = m.iconUrl;
    setTime(entry, m.received.isValid() ? m.received : m.time); // bubbles stand in the order they arrived
    entry.outgoing = m.outgoing;
    entry.delivery = m.pending ? Delivery::Pending : m.outgoing ? Delivery::Sent : Delivery::Received;
    entry.raw = m.raw;
    entry.unread = !stored.read && !m.outgoing;
    return entry;
}

void ChatModel::setTime(Entry &entry, const QDateTime &time)
{
    entry.time = time;
    const qint64 second = time.isValid() ? time.toSecsSinceEpoch() : std::numeric_limits<qint64>::min();
    if (!time.isValid() || second != m_timeSecond) {
        m_timeSecond = second;
        m_timeDay = time.toLocalTime().date();
        m_timeText = timeOfDay(time);
    }
    entry.day = m_timeDay;
    entry.timeText = m_timeText;
}

void ChatModel::load(HistoryStore *history, const QString &feed)
{
    beginResetModel();
    m_history = history;
    m_feed = feed;
    m_entries.clear();
    m_firstUnread = -1;
    m_hasOlder = false;
    if (history && history->isOpen() && !feed.isEmpty()) {
        HistoryStore::Query query;
        query.feed = feed;
        query.limit = kLoadLimit;
        auto stored = history->query(query); // newest first
        m_hasOlder = stored.size() == kLoadLimit;
        std::reverse(stored.begin(), stored.end());
        m_entries.reserve(stored.size());
        for (const StoredMessage &message : std::as_const(stored)) {
            m_entries.append(entryFor(message));
            if (m_firstUnread < 0 && m_entries.last().unread) {
                m_firstUnread = int(m_entries.size()) - 1;
            }
        }
    }
    endResetModel();
}

int ChatModel::loadOlder(int count)
{
    if (!m_hasOlder || !m_history || !m_history->isOpen() || m_feed.isEmpty()) {
        return 0;
    }
    const auto oldest = std::find_if(m_entries.cbegin(), m_entries.cend(), [](const Entry &e) { return e.rowId > 0; });
    if (oldest == m_entries.cend()) {
        return 0; // only what was just typed is shown: nothing to page back from (the newest would come twice)
    }
    HistoryStore::Query query;
    query.feed = m_feed;
    query.limit = count;
    query.beforeRowId = oldest->rowId;
    auto stored = m_history->query(query); // newest first
    m_hasOlder = stored.size() == count;
    if (stored.isEmpty()) {
        return 0;
    }
    std::reverse(stored.begin(), stored.end());
    QList<Entry> older;
    older.reserve(stored.size());
    for (const StoredMessage &message : std::as_const(stored)) {
        older.append(entryFor(message));
    }
    const int added = int(older.size());
    beginInsertRows(QModelIndex(), 0, added - 1);
    m_entries = older + m_entries;
    if (m_firstUnread >= 0) {
        m_firstUnread += added;
    }
    endInsertRows();
    return added;
}

void ChatModel::trimOldest(int keep)
{
    const int excess = int(m_entries.size()) - keep;
    if (excess <= 0) {
        return;
    }
    beginRemoveRows(QModelIndex(), 0, excess - 1);
    m_entries.remove(0, excess);
    m_firstUnread = m_firstUnread >= excess ? m_firstUnread - excess : -1;
    m_hasOlder = true;
    endRemoveRows();
}

void ChatModel::addStored(const QList<StoredMessage> &stored)
{
    // One insertion for the whole batch: a view lays itself out again once, not once per message.
    QList<Entry> added;
    // While the view follows the newest, a batch makes at most kNewestOfABurst rows: the view lays out every new
    // row before it paints, so that bounds how long the window ignores its person, whatever the burst. What was
    // skipped stays in the history, reachable by scrolling up; so that the room has no hole, the rows before it go
    // too (below).
    qsizetype from = 0;
    bool skipped = false;
    if (m_following) {
        int kept = 0;
        for (from = stored.size(); from > 0 && kept < kNewestOfABurst; --from) {
            kept += stored.at(from - 1).message.feed == m_feed ? 1 : 0;
        }
        skipped = std::any_of(stored.cbegin(), stored.cbegin() + from,
                              [&](const StoredMessage &m) { return m.message.feed == m_feed; });
    }
    for (const StoredMessage &message : stored.sliced(from)) {
        if (message.message.feed != m_feed) {
            continue;
        }
        // The user's own message is on screen since it was typed: it only gets its row now. It is one of the last.
        if (!message.message.id.isEmpty()) {
            const auto own = std::find_if(m_entries.rbegin(), m_entries.rend(), [&](const Entry &e) {
                return e.outgoing && e.rowId == 0 && e.messageId == message.message.id;
            });
            if (own != m_entries.rend()) {
                own->rowId = message.rowId;
                continue;
            }
        }
        added.append(entryFor(message));
    }
    if (added.isEmpty()) {
        return;
    }
    if (skipped) {
        trimOldest(0);
        m_hasOlder = true; // also in a room that was empty: what was skipped comes back by scrolling up
    } else if (m_following) {
        // The view lays out a bounded number of rows however long the stream; the rest stays in the history.
        trimOldest(kKeepWhileFollowing - int(added.size()));
    }
    const int first = int(m_entries.size());
    beginInsertRows(QModelIndex(), first, first + int(added.size()) - 1);
    m_entries.append(added);
    if (m_firstUnread < 0) {
        for (int row = first; row < m_entries.size(); ++row) {
            if (m_entries.at(row).unread) {
                m_firstUnread = row;
                break;
            }
        }
    }
    endInsertRows();
}

void ChatModel::pictureArrived(const QUrl &url)
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).picture == url || m_entries.at(row).icon == url) {
            const QModelIndex changed = index(row);
            Q_EMIT dataChanged(changed, changed);
        }
    }
}

void ChatModel::removeStored(const QList<qint64> &rowIds)
{
    const QSet<qint64> gone(rowIds.cbegin(), rowIds.cend());
    for (int row = int(m_entries.size()) - 1; row >= 0; --row) {
        if (m_entries.at(row).rowId <= 0 || !gone.contains(m_entries.at(row).rowId)) {
            continue;
        }
        beginRemoveRows(QModelIndex(), row, row);
        m_entries.remove(row);
        if (m_firstUnread > row) {
            --m_firstUnread;
        } else if (m_firstUnread == row) {
            m_firstUnread = -1;
            for (int next = row; next < m_entries.size(); ++next) {
                if (m_entries.at(next).unread) {
                    m_firstUnread = next;
                    break;
                }
            }
        }
        endRemoveRows();
    }
}

void ChatModel::setDelivery(const QString &messageId, Feed::SendState state, const QString &error)
{
    auto it = std::find_if(m_entries.begin(), m_entries.end(),
                           [&](const Entry &e) { return e.outgoing && e.messageId == messageId; });
    if (it == m_entries.end()) {
        if (m_earlyStates.size() > 100) {
            m_earlyStates.clear(); // states of messages sent elsewhere (a reply from a notification)
        }
        m_earlyStates.insert(messageId, {state, error});
        return;
    }
    it->delivery = state == Feed::SendState::Sent      ? Delivery::Sent
                   : state == Feed::SendState::Pending ? Delivery::Pending
                                                       : Delivery::Failed;
    it->error = error;
    const QModelIndex changed = index(int(it - m_entries.begin()));
    Q_EMIT dataChanged(changed, changed);
}

void ChatModel::addOwn(const QString &messageId, const QString &sender, const QString &text)
{
    // Sending may have written it out already (a message handed over at once is marked so on disk), in which
    // case the history reported it before this call.
    if (std::any_of(m_entries.cbegin(), m_entries.cend(),
                    [&](const Entry &e) { return e.outgoing && e.messageId == messageId; })) {
        m_earlyStates.remove(messageId);
        return;
    }
    Entry entry;
    entry.serial = m_nextSerial++;
    entry.messageId = messageId;
    entry.sender = sender;
    entry.text = text;
    setTime(entry, QDateTime::currentDateTimeUtc());
    entry.outgoing = true;
    entry.delivery = Delivery::Pending;
    const int row = int(m_entries.size());
    beginInsertRows(QModelIndex(), row, row);
    m_entries.append(entry);
    endInsertRows();
    const auto early = m_earlyStates.constFind(messageId);
    if (early != m_earlyStates.cend()) {
        const auto [state, error] = *early;
        m_earlyStates.erase(early);
        setDelivery(messageId, state, error);
    }
}

int ChatModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant ChatModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size()) {
        return {};
    }
    const Entry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return e.text;
    case SenderRole:
        return e.sender;
    case TimeRole:
        return e.time;
    case OutgoingRole:
        return e.outgoing;
    case StateRole:
        return int(e.delivery);
    case ErrorRole:
        return e.error;
    case RawRole:
        return e.raw;
    case UnreadRole:
        return e.unread;
    case FirstUnreadRole:
        return index.row() == m_firstUnread && e.unread;
    case RowIdRole:
        return e.rowId;
    case SerialRole:
        return e.serial;
    case DayRole:
        return e.day;
    case TimeTextRole:
        return e.timeText;
    default:
        return {};
    }
}

} // namespace herald::ui
