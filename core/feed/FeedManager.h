#pragma once

#include "feed/Feed.h"
#include "feed/FeedConfig.h"
#include "net/WakeDetector.h"
#include "rules/RuleFilter.h"
#include "rules/StormControl.h"
#include "store/HistoryStore.h"
#include "util/ProcessLimits.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

namespace herald {

class SecretStore;

// Runs every enabled feed in one event loop and turns what they store into notifications: history first (a message
// is notified only once it is on disk, and a replayed one never twice), then the rules, then storm control.
class FeedManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FeedManager)

public:
    using Clock = std::function<QDateTime()>;

    // secrets may be null: feeds then use only secrets kept in the config file or printed by their command.
    FeedManager(HistoryStore *history, SecretStore *secrets, QObject *parent = nullptr);
    ~FeedManager() override;

    void setFeeds(const QList<FeedConfig> &feeds);
    // Makes the running feeds these, touching only what changed: a feed removed or disabled stops, one added or
    // enabled starts, one whose config changed starts again; every other feed keeps its connection. Returns the
    // names of the feeds it stopped or started.
    QStringList applyFeeds(const QList<FeedConfig> &feeds);
    QList<FeedConfig> feedConfigs() const { return m_configs; }
    void setGlobalRules(const Rules &rules) { m_globalRules = rules; }
    StormControl &stormControl() { return m_storm; }
    void setClock(Clock clock) { m_clock = std::move(clock); }

    void startAll();
    void stopAll();
    // Pausing closes every connection and keeps the feeds listed as paused; resuming opens them again, each from
    // where it stopped. Feeds started while paused wait for the resume.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // Drops every connection and opens it again, resuming where each feed stopped: after the machine woke up,
    // connections that looked open may be long dead on the server's side.
    void reconnectAll();
    // Starts one feed again now, its secret read anew: "Retry now" for a feed that failed or waits to reconnect.
    bool retry(const QString &name);
    // The running feeds, in the order of the config (as the Feeds window lists them).
    QList<Feed *> feeds() const;
    Feed *feed(const QString &name) const;
    // Chat: sends text on the named feed (see Feed::send); the id of the message, or empty when no such feed runs.
    QString send(const QString &feed, const QString &text, const QString &senderName = {});
    WakeDetector &wakeDetector() { return m_wakeDetector; }

Q_SIGNALS:
    void notificationReady(const herald::Notification &notification);
    void feedStateChanged(const QString &feed, herald::Feed::State state, const QString &error);
    void sendStateChanged(const QString &feed, const QString &messageId, herald::Feed::SendState state,
                          const QString &error);
    void pausedChanged(bool paused);

private:
    void resolveSecretsAndStart(const FeedConfig &config);
    // The feed's token or password: from its command, the keychain or the config file; done(secret, error).
    void readToken(const FeedConfig &config, std::function<void(const QString &, const QString &)> done);
    // blockedBecause: the feed is listed but cannot start, e.g. its secret could not be read.
    void start(const FeedConfig &config, const QString &clientCertificatePassword, const QString &blockedBecause = {});
    void stopFeed(const QString &name);
    // Past the open-file limit GLib aborts the process when a thread needs a wake-up handle: feeds beyond what the
    // limit allows wait, said as their error, and start when others stop.
    QString fileLimitReason() const;
    void startWaitingForFiles();
    void onStored(const QList<StoredMessage> &added);
    // Rules and storm control for messages that arrived: stored, or announced while the history cannot be written.
    void consider(const QList<herald::Message> &messages);
    struct Moment
    {
        QDateTime local; // rules: quiet hours, mutes
        QDateTime utc;   // storm control
    };
    Moment moment() const;
    void considerOne(const herald::Message &message, const Moment &moment);
    void refreshSecret(const QString &feed);
    void emitDue();

    HistoryStore *m_history;
    SecretStore *m_secrets;
    QList<FeedConfig> m_configs;
    std::vector<std::unique_ptr<Feed>> m_feeds;
    Rules m_globalRules;
    quint64 m_generation = 0;                  // secrets that arrive after stopAll() start nothing
    QHash<QString, quint64> m_feedGenerations; // ... nor those of a feed stopped or started again since
    bool m_paused = false;
    static constexpr qint64 kSecretRefreshInterval = 60 * 1000;
    QHash<QString, QElapsedTimer> m_secretRefreshed; // when each feed's secret command last ran again
    WakeDetector m_wakeDetector;
    StormControl m_storm;
    QTimer m_stormTimer;
    Clock m_clock;
    FileBudget m_fileBudget;       // measured once, when the manager is made; feeds -1: no limit known
    QStringList m_waitingForFiles; // feeds listed but not started for the open-file limit, in order
};

} // namespace herald

Q_DECLARE_METATYPE(herald::Notification)
