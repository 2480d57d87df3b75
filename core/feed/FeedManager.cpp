#include "FeedManager.h"

#include "store/SecretStore.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcFeed, "herald.feed", QtInfoMsg)

namespace herald {

FeedManager::FeedManager(HistoryStore *history, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_history(history)
    , m_secrets(secrets)
    , m_clock([] { return QDateTime::currentDateTime(); })
{
    qRegisterMetaType<Notification>();
    m_stormTimer.setSingleShot(true);
    connect(&m_stormTimer, &QTimer::timeout, this, &FeedManager::emitDue);
    connect(m_history, &HistoryStore::stored, this, &FeedManager::onStored);
}

FeedManager::~FeedManager() = default;

void FeedManager::setFeeds(const QList<FeedConfig> &feeds)
{
    stopAll();
    m_configs = feeds;
}

QList<Feed *> FeedManager::feeds() const
{
    QList<Feed *> out;
    for (const auto &feed : m_feeds) {
        out.append(feed.get());
    }
    return out;
}

void FeedManager::startAll()
{
    stopAll();
    for (const FeedConfig &config : std::as_const(m_configs)) {
        if (!config.enabled) {
            continue;
        }
        const bool needsKeychain = config.auth != FeedConfig::Auth::None && config.inlineSecret.isEmpty();
        if (!needsKeychain || !m_secrets) {
            start(config);
            continue;
        }
        m_secrets->read(config.secretKey(), [this, config](const SecretStore::Result &result) {
            if (result.error != SecretStore::Error::NoError) {
                qCWarning(lcFeed).noquote() << config.name << ":" << result.message;
                Q_EMIT feedStateChanged(config.name, Feed::State::Failed, result.message);
                return;
            }
            FeedConfig withSecret = config;
            withSecret.inlineSecret = result.secret; // in memory only
            start(withSecret);
        });
    }
}

void FeedManager::start(const FeedConfig &config)
{
    auto feed = std::make_unique<Feed>(config, m_history);
    Feed *raw = feed.get();
    connect(raw, &Feed::stateChanged, this,
            [this, raw](Feed::State state) { Q_EMIT feedStateChanged(raw->config().name, state, raw->lastError()); });
    m_feeds.push_back(std::move(feed));
    raw->start();
}

void FeedManager::stopAll()
{
    m_feeds.clear();
}

void FeedManager::onStored(const QList<StoredMessage> &added)
{
    const QDateTime now = m_clock();
    for (const StoredMessage &stored : added) {
        const Message &message = stored.message;
        const auto config = std::find_if(m_configs.cbegin(), m_configs.cend(),
                                         [&](const FeedConfig &c) { return c.name == message.feed; });
        if (config == m_configs.cend() || config->muted) {
            continue;
        }
        const auto verdict = RuleFilter::evaluate(message, m_globalRules, m_feedRules.value(message.feed), now);
        if (!verdict.notify) {
            qCDebug(lcFeed).noquote() << message.feed << "not notified:" << verdict.reason;
            continue;
        }
        for (const Notification &notification : m_storm.submit(message, now)) {
            Q_EMIT notificationReady(notification);
        }
    }
    emitDue();
}

void FeedManager::emitDue()
{
    const QDateTime now = m_clock();
    for (const Notification &notification : m_storm.due(now)) {
        Q_EMIT notificationReady(notification);
    }
    const QDateTime next = m_storm.nextDeadline();
    if (next.isValid()) {
        m_stormTimer.start(int(std::clamp<qint64>(now.msecsTo(next), 0, 60 * 60 * 1000)));
    }
}

} // namespace herald
