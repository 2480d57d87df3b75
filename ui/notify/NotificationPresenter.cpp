#include "notify/NotificationPresenter.h"

#include "MarkdownText.h"
#include "net/HttpFetcher.h"
#include "net/ImageCache.h"
#include "net/UrlText.h"
#include "store/HistoryStore.h"
#include "util/SafeText.h"

#include <QDesktopServices>
#include <QLoggingCategory>

#include <limits>
#include <utility>

namespace herald::ui {

namespace {

constexpr int kRememberedPopups = 200;

QString actionId(int index)
{
    return QStringLiteral("action-%1").arg(index);
}

} // namespace

NotificationPresenter::NotificationPresenter(Notifier *notifier, HistoryStore *history, QObject *parent)
    : QObject(parent)
    , m_notifier(nullptr)
    , m_history(history)
    , m_actions(std::make_unique<HttpFetcher>())
    , m_openUrl([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    setNotifier(notifier);
    m_dndEnd.setSingleShot(true);
    m_dndEnd.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_dndEnd, &QTimer::timeout, this, [this] {
        if (doNotDisturb()) {
            armDoNotDisturbEnd(); // a timer's longest wait is 24 days, or the clock moved
            return;
        }
        setDoNotDisturbUntil(QDateTime());
    });
    if (history) {
        connect(history, &HistoryStore::removed, this, &NotificationPresenter::closeRemoved);
    }
    connect(this, &NotificationPresenter::actionFinished, this, [this](bool ok, const QString &message) {
        showOwn(QStringLiteral("action-result"), ok ? tr("Action done") : tr("Action failed"), message, ok ? 2 : 4);
    });
}

NotificationPresenter::~NotificationPresenter() = default;

void NotificationPresenter::setNotifier(Notifier *notifier)
{
    if (m_notifier) {
        disconnect(m_notifier, nullptr, this, nullptr);
    }
    m_notifier = notifier;
    connect(m_notifier, &Notifier::activated, this, &NotificationPresenter::onActivated);
    connect(m_notifier, &Notifier::closed, this, [this](const QString &key) { m_onScreen.remove(key); });
    connect(m_notifier, &Notifier::replied, this, [this](const QString &key, const QString &text) {
        const auto it = m_shown.constFind(key);
        if (it != m_shown.cend() && !text.trimmed().isEmpty()) {
            Q_EMIT replyRequested(it->feed, text);
        }
    });
}

bool NotificationPresenter::isSafeToOpen(const QUrl &url)
{
    return url.isValid() && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http")) &&
           !url.host().isEmpty();
}

void NotificationPresenter::setDoNotDisturbUntil(const QDateTime &until)
{
    if (until == m_dndUntil) {
        return;
    }
    const bool wasOn = m_dndUntil.isValid(); // kept valid only while on, until its end has been seen to
    m_dndUntil = until;
    const bool on = doNotDisturb();
    if (on) {
        armDoNotDisturbEnd();
    } else {
        m_dndEnd.stop();
        m_dndUntil = QDateTime();
    }
    Q_EMIT doNotDisturbChanged(on); // also when only the end moved: the tray and the saved state follow
    if (wasOn && !on) {
        doNotDisturbEnded();
    }
}

void NotificationPresenter::armDoNotDisturbEnd()
{
    // A second after the end, so that doNotDisturb() is false when it fires.
    m_dndEnd.start(int(
        std::min<qint64>(QDateTime::currentDateTimeUtc().msecsTo(m_dndUntil) + 1000, std::numeric_limits<int>::max())));
}

void NotificationPresenter::doNotDisturbEnded()
{
    const QMap<QString, int> held = std::exchange(m_heldBack, {});
    int total = 0;
    QStringList perFeed;
    for (auto it = held.cbegin(); it != held.cend(); ++it) {
        total += it.value();
        perFeed.append(
            tr("%1: %2", "a feed and how many of its messages do-not-disturb held back").arg(it.key()).arg(it.value()));
    }
    if (total == 0) {
        return;
    }
    showOwn(QStringLiteral("dnd-ended"), tr("Do not disturb is over: %n message(s) arrived meanwhile", nullptr, total),
            perFeed.join(QStringLiteral(", ")), 3, {{QStringLiteral("default"), tr("Show")}});
}

void NotificationPresenter::closeRemoved(const QList<qint64> &rowIds)
{
    const QSet<qint64> gone(rowIds.cbegin(), rowIds.cend());
    QStringList keys;
    for (auto it = m_shown.cbegin(); it != m_shown.cend(); ++it) {
        if (it.key().startsWith(QLatin1String("message:")) && gone.contains(it->historyRowId)) {
            keys.append(it.key());
        }
    }
    for (const QString &key : std::as_const(keys)) {
        m_notifier->close(key);
        m_shown.remove(key);
    }
}

void NotificationPresenter::feedStateChanged(const QString &feed, Feed::State state, const QString &error)
{
    if (state == Feed::State::Open || state == Feed::State::Stopped || state == Feed::State::Paused) {
        m_failedFeeds.remove(feed);
        return;
    }
    if (state != Feed::State::Failed || m_failedFeeds.contains(feed)) {
        return;
    }
    m_failedFeeds.insert(feed);
    if (doNotDisturb()) {
        return;
    }
    showOwn(QStringLiteral("feed-failed:") + feed, tr("“%1” stopped").arg(feed),
            error.isEmpty() ? tr("It will not reconnect by itself; see Feeds.") : error, 4,
            {{QStringLiteral("feeds"), tr("Open Feeds")}});
}

void NotificationPresenter::historyFailed(const QString &message)
{
    // The store retries with a growing pause and says so each time; once every ten minutes is enough for a person.
    if (m_historyErrorShown.isValid() && m_historyErrorShown.elapsed() < 10 * 60 * 1000) {
        return;
    }
    m_historyErrorShown.start();
    showOwn(QStringLiteral("history-error"), tr("Herald cannot save messages"), message, 4);
}

void NotificationPresenter::reportProblem(const QString &title, const QString &message)
{
    showOwn(QStringLiteral("problem"), title, message, 4);
}

void NotificationPresenter::noticeStartedPaused()
{
    showOwn(QStringLiteral("started-paused"), tr("Herald's feeds are paused"),
            tr("They were paused when Herald last quit, so nothing arrives. Resume them here, from the tray menu, or "
               "with herald --resume."),
            3, {PopupAction{QStringLiteral("resume"), tr("Resume")}});
}

void NotificationPresenter::noticeDemoStarted(const QUrl &publishUrl)
{
    showOwn(QStringLiteral("demo-started"), tr("The demo is running"),
            tr("Sample notifications come every few seconds, and Chat in the tray menu joins its room. Publish your "
               "own: curl -d 'hello' %1")
                .arg(publishUrl.toString()),
            3, {});
}

void NotificationPresenter::showOwn(const QString &key, const QString &title, const QString &body, int priority,
                                    const QList<PopupAction> &actions)
{
    Popup popup;
    popup.key = key;
    popup.title = displaySafe(title, kMaxTitle + 100);
    popup.body = displaySafe(body, kMaxBody); // it may quote a server (a reason phrase, a close reason)
    popup.priority = priority;
    popup.actions = actions;
    m_notifier->show(popup);
}

Popup NotificationPresenter::popupFor(const Notification &notification) const
{
    Popup popup;
    const Message *message = nullptr;
    if (const auto *summary = std::get_if<Summary>(&notification)) {
        message = &summary->latest;
        // One key per feed: a newer summary replaces the one on screen instead of stacking beside it.
        popup.key = QStringLiteral("summary:") + summary->feed;
        popup.title = tr("%n new messages from %1", nullptr, summary->count).arg(summary->feed);
        const auto line = [](const Message &m) {
            return m.title.isEmpty() ? m.body : m.body.isEmpty() ? m.title : m.title + QStringLiteral(": ") + m.body;
        };
        popup.body = tr("Latest: %1").arg(line(*message));
        if (summary->priority > message->priority && !summary->mostUrgent.feed.isEmpty()) {
            popup.body = tr("Most urgent: %1").arg(line(summary->mostUrgent)) + u'\n' + popup.body;
        }
        // Never critical: a critical popup stays until dismissed, and a summary is replaced in place while a burst
        // goes on; the messages that were urgent enough popped up on their own.
        popup.priority = std::min(summary->priority, 4);
        popup.actions.append({QStringLiteral("default"), tr("Show")});
    } else {
        message = &std::get<Message>(notification);
        popup.key = QStringLiteral("message:%1:%2").arg(message->feed).arg(message->historyRowId);
        popup.offerReply = m_canSend && m_canSend(message->feed);
        // The feed's name is on every popup: a payload's title cannot pass for another feed, or for Herald.
        const QString title = displaySafe(message->title, kMaxTitle);
        popup.title =
            title.isEmpty() ? message->feed
            : popup.offerReply
                ? tr("%1 in %2", "a chat message: sender in room").arg(title, message->feed)
                : tr("%1: %2", "a message popup: the feed's name, then the message's title").arg(message->feed, title);
        popup.body = message->markdown ? markdown::plainText(message->body) : message->body;
        popup.priority = message->priority;
        popup.actions.append({QStringLiteral("default"), isSafeToOpen(message->clickUrl) ? tr("Open") : tr("Show")});
        for (int i = 0; i < std::min<qsizetype>(message->actions.size(), kMaxServerActions); ++i) {
            const MessageAction &action = message->actions.at(i);
            const QString label = displaySafe(action.label, kMaxActionLabel);
            // A button that sends a request says which and where: "Dismiss" may be DELETE on a local service.
            popup.actions.append(
                {actionId(i), action.kind == MessageAction::Kind::Http
                                  ? tr("%1 (%2 %3)", "an HTTP action button: label, method, host")
                                        .arg(label, QString::fromLatin1(action.method), hostForMessages(action.url))
                                  : label});
        }
        if (message->historyRowId > 0) {
            popup.actions.append({QStringLiteral("mark-read"), tr("Mark read")});
        }
    }
    popup.sound = m_sounds;
    popup.title = displaySafe(popup.title, kMaxTitle + 100);
    popup.body = displaySafe(popup.body, kMaxBody);
    return popup;
}

void NotificationPresenter::present(const Notification &notification)
{
    if (doNotDisturb()) {
        // The history has it and the tray shows it as unread; the end of do-not-disturb says how many came.
        if (const auto *summary = std::get_if<Summary>(&notification)) {
            m_heldBack[summary->feed] += summary->count;
        } else {
            m_heldBack[std::get<Message>(notification).feed] += 1;
        }
        return;
    }
    if (const auto *single = std::get_if<Message>(&notification);
        single && m_isBeingRead && m_isBeingRead(single->feed)) {
        return; // on screen in the chat window already
    }
    Popup popup = popupFor(notification);
    const Message &message = std::holds_alternative<Summary>(notification) ? std::get<Summary>(notification).latest
                                                                           : std::get<Message>(notification);
    if (std::holds_alternative<Message>(notification)) {
        addPictures(popup, message);
    }
    remember(popup.key, message);
    m_onScreen.insert(popup.key);
    m_notifier->show(popup);
}

void NotificationPresenter::setImageCache(ImageCache *images)
{
    if (m_images) {
        disconnect(m_images, nullptr, this, nullptr);
    }
    m_images = images;
    if (m_images) {
        connect(m_images, &ImageCache::ready, this, &NotificationPresenter::pictureReady);
        connect(m_images, &ImageCache::failed, this, [this](const QUrl &url) { m_awaitingPictures.remove(url); });
    }
}

void NotificationPresenter::addPictures(Popup &popup, const Message &message, bool ask)
{
    if (!m_images) {
        return;
    }
    for (const auto &[url, file] :
         {std::pair{message.imageUrl, &popup.imageFile}, {message.iconUrl, &popup.iconFile}}) {
        if (url.isEmpty()) {
            continue;
        }
        *file = m_images->cachedFile(url);
        if (file->isEmpty() && ask) {
            QElapsedTimer since;
            since.start();
            m_awaitingPictures.insert(url, {popup.key, since});
            m_images->fetch(url);
        }
    }
}

void NotificationPresenter::pictureReady(const QUrl &url)
{
    const QList<AwaitingPicture> waiting = m_awaitingPictures.values(url);
    m_awaitingPictures.remove(url);
    for (const AwaitingPicture &awaiting : waiting) {
        const auto shown = m_shown.constFind(awaiting.key);
        // Shown again only while it is on screen, and soon: a picture an hour late would pop the message up anew.
        if (shown == m_shown.cend() || !m_onScreen.contains(awaiting.key) ||
            awaiting.since.hasExpired(kPictureWaitMs)) {
            continue;
        }
        Popup popup = popupFor(*shown);
        addPictures(popup, *shown, false); // the other picture, if still coming, brings it up once more
        popup.sound = false;               // it sounded when it first came
        m_notifier->show(popup);
    }
}

void NotificationPresenter::remember(const QString &key, const Message &message)
{
    if (!m_shown.contains(key)) {
        m_shownOrder.push_back(key);
    }
    m_shown.insert(key, message);
    while (m_shownOrder.size() > kRememberedPopups) {
        m_shown.remove(m_shownOrder.front());
        m_onScreen.remove(m_shownOrder.front()); // bounded with the rest, where a backend never says closed
        m_shownOrder.pop_front();
    }
}

void NotificationPresenter::onActivated(const QString &key, const QString &actionId)
{
    if (key.startsWith(QLatin1String("feed-failed:"))) {
        Q_EMIT feedsRequested(); // a click anywhere on it, or its button
        return;
    }
    if (key == QLatin1String("started-paused")) {
        if (actionId == QLatin1String("resume")) {
            Q_EMIT resumeRequested();
            m_notifier->close(key);
        }
        return;
    }
    if (key == QLatin1String("dnd-ended")) {
        Q_EMIT historyEntryRequested(0, QString());
        return;
    }
    const auto it = m_shown.constFind(key);
    if (it == m_shown.cend()) {
        return;
    }
    const Message message = *it;
    if (actionId == QLatin1String("default")) {
        if (key.startsWith(QLatin1String("summary:"))) {
            Q_EMIT historyEntryRequested(0, message.feed);
        } else if (isSafeToOpen(message.clickUrl)) {
            m_openUrl(message.clickUrl);
        } else if (m_canSend && m_canSend(message.feed)) {
            Q_EMIT chatRequested(message.feed);
        } else {
            Q_EMIT historyEntryRequested(message.historyRowId, message.feed);
        }
        if (m_history && message.historyRowId > 0) {
            m_history->markRead({message.historyRowId});
        }
        return;
    }
    if (actionId == QLatin1String("mark-read")) {
        if (m_history && message.historyRowId > 0) {
            m_history->markRead({message.historyRowId});
        }
        // Done with: a critical popup would otherwise stay (servers close a popup on an action only if they wish).
        m_notifier->close(key);
        return;
    }
    if (actionId.startsWith(QLatin1String("action-"))) {
        const int index = actionId.mid(7).toInt();
        if (index < 0 || index >= message.actions.size()) {
            return;
        }
        const MessageAction &action = message.actions.at(index);
        if (action.kind == MessageAction::Kind::View) {
            if (isSafeToOpen(action.url)) {
                m_openUrl(action.url);
            } else {
                Q_EMIT actionFinished(
                    false, tr("Herald opens only http and https links, not %1").arg(action.url.toDisplayString()));
            }
        } else {
            runHttpAction(message.feed, action);
        }
    }
}

void NotificationPresenter::setTrustedActionHosts(const QStringList &pairs)
{
    m_trustedActionHosts = QSet<QString>(pairs.cbegin(), pairs.cend());
}

QString NotificationPresenter::actionHostKey(const QString &feed, const QUrl &url)
{
    return feed + u'\n' + url.scheme() + QStringLiteral("://") + hostForMessages(url);
}

void NotificationPresenter::runHttpAction(const QString &feed, const MessageAction &action)
{
    if (!isSafeToOpen(action.url)) {
        Q_EMIT actionFinished(false, tr("The action \"%1\" has no http or https URL").arg(action.label));
        return;
    }
    const QString trustKey = actionHostKey(feed, action.url);
    if (!m_trustedActionHosts.contains(trustKey)) {
        if (!m_confirmAction || !m_confirmAction(feed, action)) {
            Q_EMIT actionFinished(false, tr("%1: not sent; %2 was not allowed to send requests to %3")
                                             .arg(action.label, feed, hostForMessages(action.url)));
            return;
        }
        m_trustedActionHosts.insert(trustKey);
        Q_EMIT actionHostTrusted(trustKey);
    }
    const QString label = action.label;
    m_actions->send(
        action.method, action.url, action.body,
        [this, label](const HttpFetcher::Result &result) {
            if (result.error.isEmpty()) {
                Q_EMIT actionFinished(true, tr("%1: the server answered HTTP %2").arg(label).arg(result.status));
            } else {
                Q_EMIT actionFinished(false, tr("%1: %2").arg(label, result.error));
            }
        },
        action.headers);
}

} // namespace herald::ui
