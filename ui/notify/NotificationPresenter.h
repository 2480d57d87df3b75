#pragma once

#include "feed/Feed.h"
#include "message/Message.h"
#include "notify/Notifier.h"
#include "rules/StormControl.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QMultiHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include <deque>
#include <functional>

namespace herald {
class HistoryStore;
class HttpFetcher;
class ImageCache;
} // namespace herald

namespace herald::ui {

// Turns what the feed manager decided to notify into popups, and what the user does with a popup into actions:
// open its link (http and https only), mark it read, press a payload's button (a view opens a link; an http action
// is sent by Herald, and its result is shown), or reply to a chat. Do-not-disturb holds every popup back (the
// history still has everything).
class NotificationPresenter final : public QObject
{
    Q_OBJECT

public:
    using FeedCanSend = std::function<bool(const QString &feed)>;
    using UrlOpener = std::function<bool(const QUrl &url)>;

    // What a popup shows of a server's text at the most: the history keeps it whole. ntfy's own apps show three
    // actions; a server that sends 300 gets three buttons, not 600 D-Bus strings.
    static constexpr qsizetype kMaxTitle = 200;
    static constexpr qsizetype kMaxBody = 2000;
    static constexpr qsizetype kMaxActionLabel = 40;
    static constexpr qsizetype kMaxServerActions = 3;

    NotificationPresenter(Notifier *notifier, HistoryStore *history, QObject *parent = nullptr);
    ~NotificationPresenter() override;

    // Shows what follows through another backend, e.g. after the user changed the notification style.
    void setNotifier(Notifier *notifier);

    void setSoundsEnabled(bool enabled) { m_sounds = enabled; }
    // Where a message's icon and picture come from. A popup never waits for them: it shows at once, and again with
    // its pictures when they arrive within kPictureWaitMs while it is still on screen.
    void setImageCache(ImageCache *images);
    static constexpr int kPictureWaitMs = 15000;
    void setFeedCanSend(FeedCanSend canSend) { m_canSend = std::move(canSend); }
    // A room the person is reading in the chat window gets no popups: they see its messages arrive.
    void setFeedIsBeingRead(FeedCanSend reading) { m_isBeingRead = std::move(reading); }
    // Tests replace QDesktopServices.
    void setUrlOpener(UrlOpener opener) { m_openUrl = std::move(opener); }

    // An ntfy "http" action sends a request the server chose, perhaps to a service on this machine: the first time
    // for a feed and a host, the person is asked (the method, the host, the address). true: send it, and do not ask
    // again for that feed and host. Without a confirmer nothing unconfirmed is sent.
    using ActionConfirmer = std::function<bool(const QString &feed, const MessageAction &action)>;
    void setActionConfirmer(ActionConfirmer confirm) { m_confirmAction = std::move(confirm); }
    // Feed and host pairs confirmed earlier (kept by the caller, e.g. in the settings); actionHostTrusted adds one.
    void setTrustedActionHosts(const QStringList &pairs);
    static QString actionHostKey(const QString &feed, const QUrl &url);

    // Holds popups back until then (an invalid or past time: off). When it ends, by hand or on time, one popup says
    // how many messages arrived meanwhile and from which feeds.
    void setDoNotDisturbUntil(const QDateTime &until);
    // Messages do-not-disturb has held back so far, by feed.
    QMap<QString, int> heldBack() const { return m_heldBack; }
    QDateTime doNotDisturbUntil() const { return m_dndUntil; }
    bool doNotDisturb() const { return m_dndUntil.isValid() && QDateTime::currentDateTimeUtc() < m_dndUntil; }

    // The popup a notification becomes (exposed for tests).
    Popup popupFor(const Notification &notification) const;
    static bool isSafeToOpen(const QUrl &url);

public Q_SLOTS:
    void present(const herald::Notification &notification);
    // A feed that stops for good (a wrong URL, refused credentials, a secret command that fails) is worth a popup:
    // once, until it works again. Do-not-disturb holds it back like any other; the tray still turns red.
    void feedStateChanged(const QString &feed, herald::Feed::State state, const QString &error);
    // The history cannot be written (a full disk, a file gone read-only): said at most every ten minutes.
    void historyFailed(const QString &message);
    // Something the user asked for did not happen (a link no browser opened): said in a popup of Herald's own.
    void reportProblem(const QString &title, const QString &message);
    // Herald started with every feed paused, as it was left: one popup says so, with a Resume button.
    void noticeStartedPaused();
    // The demo started from the welcome window: what it does, and how to publish to it.
    void noticeDemoStarted(const QUrl &publishUrl);

Q_SIGNALS:
    void historyEntryRequested(qint64 rowId, const QString &feed);
    // A click on a popup about a feed that stopped.
    void feedsRequested();
    void resumeRequested();
    void replyRequested(const QString &feed, const QString &text);
    void chatRequested(const QString &feed);
    void doNotDisturbChanged(bool on);
    // An http action finished: ok, and what to tell the user.
    void actionFinished(bool ok, const QString &message);
    // The person allowed a feed's actions to reach a host (actionHostKey): worth remembering.
    void actionHostTrusted(const QString &pair);

private:
    void onActivated(const QString &key, const QString &actionId);
    void runHttpAction(const QString &feed, const MessageAction &action);
    void remember(const QString &key, const Message &message);
    // The message's pictures that are here already go in popup; with ask, the others are asked for.
    void addPictures(Popup &popup, const Message &message, bool ask = true);
    void pictureReady(const QUrl &url);
    void armDoNotDisturbEnd();
    void doNotDisturbEnded();
    // Closes the popups of messages that are gone from the history.
    void closeRemoved(const QList<qint64> &rowIds);
    // A popup of Herald's own (an action's result, a feed that stopped, a failing history).
    void showOwn(const QString &key, const QString &title, const QString &body, int priority,
                 const QList<PopupAction> &actions = {});

    Notifier *m_notifier;
    HistoryStore *m_history;
    std::unique_ptr<HttpFetcher> m_actions;
    bool m_sounds = false;
    FeedCanSend m_canSend;
    FeedCanSend m_isBeingRead;
    UrlOpener m_openUrl;
    ActionConfirmer m_confirmAction;
    QSet<QString> m_trustedActionHosts;
    QDateTime m_dndUntil;
    QTimer m_dndEnd;
    QMap<QString, int> m_heldBack;
    QHash<QString, Message> m_shown; // by popup key, bounded
    ImageCache *m_images = nullptr;
    struct AwaitingPicture
    {
        QString key;
        QElapsedTimer since;
    };
    QMultiHash<QUrl, AwaitingPicture> m_awaitingPictures;
    QSet<QString> m_onScreen; // keys shown and not closed since
    std::deque<QString> m_shownOrder;
    QSet<QString> m_failedFeeds; // reported as stopped, and not working since
    QElapsedTimer m_historyErrorShown;
};

} // namespace herald::ui
