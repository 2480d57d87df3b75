#include "FeedManager.h"

#include "store/SecretCommand.h"
#include "store/SecretStore.h"

#include <QHash>
#include <QLoggingCategory>

#include <algorithm>
#include <utility>

Q_LOGGING_CATEGORY(lcFeed, "herald.feed", QtInfoMsg)

namespace herald {

FeedManager::FeedManager(HistoryStore *history, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_history(history)
    , m_secrets(secrets)
    , m_clock([] { return QDateTime::currentDateTime(); })
{
    qRegisterMetaType<Notification>();
    m_fileBudget = measureFileBudget();
    m_stormTimer.setSingleShot(true);
    connect(&m_stormTimer, &QTimer::timeout, this, &FeedManager::emitDue);
    connect(m_history, &HistoryStore::stored, this, &FeedManager::onStored);
    // Persist first, but a history that cannot be written does not silence what arrives.
    connect(m_history, &HistoryStore::unsaved, this, &FeedManager::consider);
    connect(&m_wakeDetector, &WakeDetector::wokeUp, this, &FeedManager::reconnectAll);
    m_wakeDetector.start();
}

FeedManager::~FeedManager() = default;

void FeedManager::setFeeds(const QList<FeedConfig> &feeds)
{
    stopAll();
    m_configs = feeds;
}

QStringList FeedManager::applyFeeds(const QList<FeedConfig> &feeds)
{
    const auto find = [](const QList<FeedConfig> &list, const QString &name) {
        return std::find_if(list.cbegin(), list.cend(), [&](const FeedConfig &c) { return c.name == name; });
    };
    QStringList touched;
    for (const FeedConfig &old : std::as_const(m_configs)) {
        const auto now = find(feeds, old.name);
        if (old.enabled && (now == feeds.cend() || !(*now == old))) {
            stopFeed(old.name);
            touched.append(old.name);
        }
    }
    const QList<FeedConfig> before = std::exchange(m_configs, feeds);
    for (const FeedConfig &config : feeds) {
        const auto old = find(before, config.name);
        if (config.enabled && (old == before.cend() || !(*old == config) || !old->enabled)) {
            resolveSecretsAndStart(config);
            if (!touched.contains(config.name)) {
                touched.append(config.name);
            }
        }
    }
    if (!touched.isEmpty()) {
        qCInfo(lcFeed).noquote() << "feeds changed:" << touched.join(QStringLiteral(", "));
    }
    return touched;
}

bool FeedManager::retry(const QString &name)
{
    const auto config = std::find_if(m_configs.cbegin(), m_configs.cend(),
                                     [&](const FeedConfig &c) { return c.name == name && c.enabled; });
    if (config == m_configs.cend()) {
        return false;
    }
    stopFeed(name);
    resolveSecretsAndStart(*config);
    return true;
}

void FeedManager::stopFeed(const QString &name)
{
    ++m_feedGenerations[name];
    const bool wasWaiting = m_waitingForFiles.removeAll(name) > 0;
    m_feeds.erase(std::remove_if(m_feeds.begin(), m_feeds.end(),
                                 [&](const std::unique_ptr<Feed> &feed) { return feed->config().name == name; }),
                  m_feeds.end());
    if (!wasWaiting) {
        startWaitingForFiles();
    }
}

QString FeedManager::fileLimitReason() const
{
    return QStringLiteral("not started: this process may keep %1 files open (its open-file limit), enough for %2 "
                          "feeds; raise the limit (ulimit -Hn, or LimitNOFILE= for a systemd service) to run more")
        .arg(m_fileBudget.limit)
        .arg(m_fileBudget.feeds);
}

void FeedManager::startWaitingForFiles()
{
    // Queued: stopFeed() may run inside applyFeeds(), which starts feeds of its own after it.
    QTimer::singleShot(0, this, [this, generation = m_generation] {
        if (generation != m_generation || m_paused) {
            return;
        }
        while (!m_waitingForFiles.isEmpty()) {
            const qsizetype running = qsizetype(m_feeds.size()) - m_waitingForFiles.size();
            if (m_fileBudget.feeds >= 0 && running >= m_fileBudget.feeds) {
                return;
            }
            const QString name = m_waitingForFiles.takeFirst();
            Feed *waiting = feed(name);
            if (!waiting) {
                continue;
            }
            const FeedConfig config = waiting->config();
            ++m_feedGenerations[name];
            m_feeds.erase(std::find_if(m_feeds.begin(), m_feeds.end(),
                                       [&](const std::unique_ptr<Feed> &f) { return f.get() == waiting; }));
            qCInfo(lcFeed).noquote() << name << ": starting, now that another feed has stopped";
            resolveSecretsAndStart(config);
        }
    });
}

QList<Feed *> FeedManager::feeds() const
{
    // In the config's order (the Feeds window's), whatever order they started in: an edited feed restarts and
    // secrets are read asynchronously, and neither may move a feed in the tray menu or the chat's room list.
    QHash<QString, qsizetype> place;
    place.reserve(m_configs.size());
    for (qsizetype i = 0; i < m_configs.size(); ++i) {
        place.insert(m_configs.at(i).name, i);
    }
    QList<Feed *> out;
    out.reserve(qsizetype(m_feeds.size()));
    for (const auto &feed : m_feeds) {
        out.append(feed.get());
    }
    std::stable_sort(out.begin(), out.end(), [&place](const Feed *a, const Feed *b) {
        return place.value(a->config().name, place.size()) < place.value(b->config().name, place.size());
    });
    return out;
}

Feed *FeedManager::feed(const QString &name) const
{
    for (const auto &feed : m_feeds) {
        if (feed->config().name == name) {
            return feed.get();
        }
    }
    return nullptr;
}

QString FeedManager::send(const QString &feedName, const QString &text, const QString &senderName)
{
    Feed *target = feed(feedName);
    return target ? target->send(text, senderName) : QString();
}

void FeedManager::startAll()
{
    stopAll();
    for (const FeedConfig &config : std::as_const(m_configs)) {
        if (config.enabled) {
            resolveSecretsAndStart(config);
        }
    }
}

void FeedManager::reconnectAll()
{
    if (m_paused) {
        return;
    }
    qCInfo(lcFeed) << "reconnecting" << m_feeds.size() << "feeds";
    for (const auto &feed : m_feeds) {
        feed->start();
    }
}

void FeedManager::setPaused(bool paused)
{
    if (paused == m_paused) {
        return;
    }
    m_paused = paused;
    qCInfo(lcFeed) << (paused ? "pausing" : "resuming") << m_feeds.size() << "feeds";
    for (const auto &feed : m_feeds) {
        if (paused) {
            feed->pause();
        } else {
            feed->start();
        }
    }
    Q_EMIT pausedChanged(paused);
}

void FeedManager::readToken(const FeedConfig &config, std::function<void(const QString &, const QString &)> done)
{
    if (config.auth == FeedConfig::Auth::None || !config.inlineSecret.isEmpty()) {
        done(config.inlineSecret, {});
    } else if (!config.secretCommand.isEmpty()) {
        SecretCommand::run(config.secretCommand, this, [done, name = config.name](const SecretCommand::Result &result) {
            done(result.secret, result.error.isEmpty() ? QString() : name + QStringLiteral(": ") + result.error);
        });
    } else if (m_secrets) {
        m_secrets->read(config.secretKey(), [done](const SecretStore::Result &result) {
            done(result.secret, result.error == SecretStore::Error::NoError ? QString() : result.message);
        });
    } else {
        done({}, QStringLiteral("%1: its secret is in the keychain, which is not open here").arg(config.name));
    }
}

void FeedManager::resolveSecretsAndStart(const FeedConfig &config)
{
    const quint64 generation = m_generation;
    const quint64 feedGeneration = ++m_feedGenerations[config.name];
    const auto current = [this, generation, feedGeneration, name = config.name] {
        return generation == m_generation && feedGeneration == m_feedGenerations.value(name);
    };
    readToken(config, [this, config, current](const QString &secret, const QString &error) {
        if (!current()) {
            return;
        }
        if (!error.isEmpty()) {
            qCWarning(lcFeed).noquote() << error;
            start(config, {}, error);
            return;
        }
        FeedConfig withSecret = config;
        withSecret.inlineSecret = secret; // in memory only
        if (config.tls.clientCertificateFile.isEmpty() || !m_secrets) {
            start(withSecret, {});
            return;
        }
        // A certificate file without a password in the keychain is one without a password.
        m_secrets->read(config.secretKey() + QStringLiteral("/client-certificate"),
                        [this, current, withSecret](const SecretStore::Result &result) {
                            if (current()) {
                                start(withSecret, result.secret);
                            }
                        });
    });
}

void FeedManager::start(const FeedConfig &config, const QString &clientCertificatePassword,
                        const QString &blockedBecause)
{
    auto feed = std::make_unique<Feed>(config, m_history);
    feed->setClientCertificatePassword(clientCertificatePassword);
    Feed *raw = feed.get();
    connect(raw, &Feed::stateChanged, this,
            [this, raw](Feed::State state) { Q_EMIT feedStateChanged(raw->config().name, state, raw->lastError()); });
    // A new error in the same state (another failed attempt, for another reason) is news too: "Last error" follows.
    connect(raw, &Feed::errorOccurred, this,
            [this, raw](const QString &error) { Q_EMIT feedStateChanged(raw->config().name, raw->state(), error); });
    if (!config.secretCommand.isEmpty()) {
        connect(raw, &Feed::credentialsRefused, this, [this, name = config.name] { refreshSecret(name); });
    }
    connect(raw, &Feed::sendStateChanged, this,
            [this, raw](const QString &messageId, Feed::SendState state, const QString &error) {
                Q_EMIT sendStateChanged(raw->config().name, messageId, state, error);
            });
    const qsizetype running = qsizetype(m_feeds.size()) - m_waitingForFiles.size();
    m_feeds.push_back(std::move(feed));
    if (!blockedBecause.isEmpty()) {
        raw->block(blockedBecause);
    } else if (m_fileBudget.feeds >= 0 && running >= m_fileBudget.feeds) {
        const QString reason = fileLimitReason();
        if (m_waitingForFiles.isEmpty()) { // each feed says it as its error; the log once
            qCWarning(lcFeed).noquote() << config.name << "and the feeds after it:" << reason;
        }
        m_waitingForFiles.append(config.name);
        raw->block(reason);
    } else if (m_paused) {
        raw->pause();
    } else {
        raw->start();
    }
}

void FeedManager::refreshSecret(const QString &name)
{
    // Tokens from a command (op read, a script that asks an SSO) expire: when the server refuses one, ask the
    // command again, but at most once a minute per feed, so that a wrong secret does not run it in a loop.
    QElapsedTimer &last = m_secretRefreshed[name];
    if (last.isValid() && last.elapsed() < kSecretRefreshInterval) {
        return;
    }
    last.start();
    Feed *refused = feed(name);
    if (!refused) {
        return;
    }
    FeedConfig again = refused->config();
    const QString refusedSecret = std::exchange(again.inlineSecret, {}); // so that readToken asks the command
    const quint64 generation = m_generation;
    qCInfo(lcFeed).noquote() << name << ": the server refused its secret; running its secret command again";
    readToken(again, [this, name, refusedSecret, generation](const QString &secret, const QString &error) {
        Feed *current = feed(name);
        if (generation != m_generation || !current) {
            return;
        }
        if (!error.isEmpty()) {
            qCWarning(lcFeed).noquote() << error;
            current->block(error);
            return;
        }
        if (secret == refusedSecret) {
            qCWarning(lcFeed).noquote() << name << ": its secret command gives the secret the server refused";
            return;
        }
        current->renewSecret(secret);
        if (!m_paused) {
            current->start();
        }
    });
}

void FeedManager::stopAll()
{
    ++m_generation;
    m_waitingForFiles.clear();
    m_feeds.clear();
}

void FeedManager::onStored(const QList<StoredMessage> &added)
{
    const Moment moment = this->moment();
    for (const StoredMessage &stored : added) {
        if (!stored.announcedUnsaved) { // shown already, while the disk was full
            considerOne(stored.message, moment);
        }
    }
    emitDue();
}

void FeedManager::consider(const QList<Message> &messages)
{
    const Moment moment = this->moment();
    for (const Message &message : messages) {
        considerOne(message, moment);
    }
    emitDue();
}

FeedManager::Moment FeedManager::moment() const
{
    // Storm control does arithmetic on every message: in UTC, which costs none of local time's look-ups (mktime, the
    // zone file) that took 7 % of a burst's ingest. Rules keep local time, for quiet hours.
    const QDateTime now = m_clock();
    return {now, now.toUTC()};
}

void FeedManager::considerOne(const Message &message, const Moment &moment)
{
    const auto config =
        std::find_if(m_configs.cbegin(), m_configs.cend(), [&](const FeedConfig &c) { return c.name == message.feed; });
    if (config == m_configs.cend() || config->muted || message.outgoing) {
        return;
    }
    const auto verdict = RuleFilter::evaluate(message, m_globalRules, config->rules, moment.local);
    if (!verdict.notify) {
        qCDebug(lcFeed).noquote() << message.feed << "not notified:" << verdict.reason;
        return;
    }
    for (const Notification &notification : m_storm.submit(message, moment.utc)) {
        Q_EMIT notificationReady(notification);
    }
}

void FeedManager::emitDue()
{
    const QDateTime now = m_clock().toUTC();
    for (const Notification &notification : m_storm.due(now)) {
        Q_EMIT notificationReady(notification);
    }
    const QDateTime next = m_storm.nextDeadline();
    if (next.isValid()) {
        m_stormTimer.start(int(std::clamp<qint64>(now.msecsTo(next), 0, 60 * 60 * 1000)));
    }
}

} // namespace herald

#include "moc_FeedManager.cpp"
