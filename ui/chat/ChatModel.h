#pragma once

#include "MarkdownText.h"
#include "feed/Feed.h"
#include "store/HistoryStore.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QPair>

#include <limits>

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
        SerialRole,   // a number no other entry of this model has had: a key for what is worked out per message
        DayRole,      // the local date (a QDate), worked out once: a view asks for it on every layout
        TimeTextRole, // the local time of day as bubbles show it
    };
    enum class Delivery { Received, Pending, Sent, Failed };
    Q_ENUM(Delivery)

    struct Entry
    {
        qint64 rowId = 0;
        quint64 serial = 0;
        QString messageId;
        QString sender;
        QString text;
        QDateTime time;
        QDate day;
        QString timeText;
        bool outgoing = false;
        Delivery delivery = Delivery::Received;
        QString error;
        QString raw;
        bool unread = false;
        // A Markdown message: text is what it says, with these formats and links (otherwise links are found in it).
        bool formatted = false;
        QList<QTextLayout::FormatRange> formats;
        QList<markdown::Anchor> anchors;
        QUrl picture; // the message's own picture (ntfy's image attachment, gotify's bigImageUrl)
        QUrl icon;    // its sender's icon (ntfy's icon), drawn as the avatar
    };

    // What a room shows when opened, and each step back when the person scrolls up.
    static constexpr int kLoadLimit = 300;
    // A burst while the person reads the newest keeps this many: older ones come back from the history on scrolling.
    static constexpr int kKeepWhileFollowing = 500;
    // Of one batch from the history, while the person reads the newest, at most this many become rows: each new row
    // is a text the view lays out before it can paint (~30 us each here), and a burst's batches run to thousands.
    // When a batch brings more, the room starts again at its newest kNewestOfABurst (older ones: by scrolling up).
    static constexpr int kNewestOfABurst = 100;

    explicit ChatModel(QObject *parent = nullptr);

    void load(HistoryStore *history, const QString &feed);
    QString feed() const { return m_feed; }
    // Older messages of the room from the history, put before the first; how many came (0: the room starts here).
    int loadOlder(int count = kLoadLimit);
    bool hasOlder() const { return m_hasOlder; }
    // Forgets all but the newest keep entries (they stay in the history, and loadOlder() brings them back).
    void trimOldest(int keep = kKeepWhileFollowing);
    // New messages from the history (those of other feeds are ignored), inserted at once.
    void addStored(const QList<StoredMessage> &stored);
    // Messages deleted from the history (in History's window) leave the room too.
    void removeStored(const QList<qint64> &rowIds);
    void setDelivery(const QString &messageId, Feed::SendState state, const QString &error);
    // What the user just typed, shown at once (the history reports it a moment later).
    void addOwn(const QString &messageId, const QString &sender, const QString &text);
    const Entry &entry(int row) const { return m_entries.at(row); }
    // The picture at url is here now: the rows that show it are laid out again.
    void pictureArrived(const QUrl &url);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;

    // What to keep while the person follows the newest (the view at its bottom): a burst then replaces the oldest
    // entries instead of growing the view. Scrolled up, everything that arrives is kept.
    void setFollowing(bool following) { m_following = following; }

private:
    Entry entryFor(const StoredMessage &stored);
    void setTime(Entry &entry, const QDateTime &time);

    HistoryStore *m_history = nullptr;
    QString m_feed;
    quint64 m_nextSerial = 1;
    bool m_hasOlder = false;
    bool m_following = true;
    QList<Entry> m_entries;
    int m_firstUnread = -1;
    // The local day and time of day of the last second an entry was made for: a burst's messages share a handful of
    // seconds, and the conversion to local time and its formatting were most of what making an entry cost.
    qint64 m_timeSecond = std::numeric_limits<qint64>::min();
    QDate m_timeDay;
    QString m_timeText;
    // Delivery states reported before addOwn() (a send reports as it returns).
    QHash<QString, QPair<Feed::SendState, QString>> m_earlyStates;
};

} // namespace herald::ui
