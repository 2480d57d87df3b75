#pragma once

#include "feed/Feed.h"
#include "store/HistoryStore.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QPair>

namespace herald::ui {

// One conversation: what the history holds for a feed, plus the user's own messages with their delivery state.
class ChatModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        SenderRole = Qt::UserRole + 1,
        TimeRole,
        OutgoingRole,
        StateRole, // ChatModel::Delivery
        ErrorRole,
        RawRole,
        UnreadRole,
        FirstUnreadRole, // the "new messages" line goes above this one
        RowIdRole,
    };
    enum class Delivery { Received, Pending, Sent, Failed };
    Q_ENUM(Delivery)

    struct Entry
    {
        qint64 rowId = 0;
        QString messageId;
        QString sender;
        QString text;
        QDateTime time;
        bool outgoing = false;
        Delivery delivery = Delivery::Received;
        QString error;
        QString raw;
        bool unread = false;
    };

    static constexpr int kLoadLimit = 300;

    explicit ChatModel(QObject *parent = nullptr);

    void load(HistoryStore *history, const QString &feed);
    QString feed() const { return m_feed; }
    // New messages from the history (those of other feeds are ignored).
    void addStored(const QList<StoredMessage> &stored);
    void setDelivery(const QString &messageId, Feed::SendState state, const QString &error);
    // What the user just typed, shown at once (the history reports it a moment later).
    void addOwn(const QString &messageId, const QString &sender, const QString &text);
    // Rows that are unread, for marking read.
    QList<qint64> unreadRowIds() const;
    void markAllSeen();
    const Entry &entry(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    Entry entryFor(const StoredMessage &stored) const;

    QString m_feed;
    QList<Entry> m_entries;
    int m_firstUnread = -1;
    // Delivery states reported before addOwn() (a send reports as it returns).
    QHash<QString, QPair<Feed::SendState, QString>> m_earlyStates;
};

} // namespace herald::ui
