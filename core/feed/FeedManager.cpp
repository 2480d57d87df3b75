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
    connect(&m_wakeDetector, &WakeDetector::wokeUp, this, &FeedManager::reconnectAll);
    m_wakeDetector.start();
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
    qCInfo(lcFeed) << "reconnecting" << m_feeds.size() << "feeds";
    for (const auto &feed : m_feeds) {
        feed->start();
    }
}

void FeedManager::resolveSecretsAndStart(const FeedConfig &config)
{
    const bool needsToken = config.auth != FeedConfig::Auth::None && config.inlineSecret.isEmpty() && m_secrets;
    const bool needsCertificatePassword = !config.tls.clientCertificateFile.isEmpty() && m_secrets;
    const quint64 generation = m_generation;
    auto startWithPassword = [this, generation](const FeedConfig &withToken) {
        if (withToken.tls.clientCertificateFile.isEmpty() || !m_secrets) {
            start(withToken, {});
            return;
        }
        // A certificate file without a password in the keychain is one without a password.
        m_secrets->read(withToken.secretKey() + QStringLiteral("/client-certificate"),
                        [this, generation, withToken](const SecretStore::Result &result) {
                            if (generation == m_generation) {
                                start(withToken, result.secret);
                            }
                        });
    };
    if (!needsToken) {
        if (needsCertificatePassword) {
            startWithPassword(config);
        } else {
            start(config, {});
        }
        return;
    }
    m_secrets->read(config.secretKey(),
                    [this, config, generation, startWithPassword](const SecretStore::Result &result) {
                        if (generation != m_generation) {
                            return;
                        }
                        if (result.error != SecretStore::Error::NoError) {
                            qCWarning(lcFeed).noquote() << config.name << ":" << result.message;
                            Q_EMIT feedStateChanged(config.name, Feed::State::Failed, result.message);
                            return;
                        }
                        FeedConfig withSecret = config;
                        withSecret.inlineSecret = result.secret; // in memory only
                        startWithPassword(withSecret);
                    });
}

void FeedManager::start(const FeedConfig &config, const QString &clientCertificatePassword)
{
    auto feed = std::make_unique<Feed>(config, m_history);
    feed->setClientCertificatePassword(clientCertificatePassword);
    Feed *raw = feed.get();
    connect(raw, &Feed::stateChanged, this,
            [this, raw](Feed::State state) { Q_EMIT feedStateChanged(raw->config().name, state, raw->lastError()); });
    connect(raw, &Feed::sendStateChanged, this,
            [this, raw](const QString &messageId, Feed::SendState state, const QString &error) {
                Q_EMIT sendStateChanged(raw->config().name, messageId, state, error);
            });
    m_feeds.push_back(std::move(feed));
    raw->start();
}

void FeedManager::stopAll()
{
    ++m_generation;
    m_feeds.clear();
}

void FeedManager::onStored(const QList<StoredMessage> &added)
{
    const QDateTime now = m_clock();
    for (const StoredMessage &stored : added) {
        const Message &message = stored.message;
        const auto config = std::find_if(m_configs.cbegin(), m_configs.cend(),
                                         [&](const FeedConfig &c) { return c.name == message.feed; });
        if (config == m_configs.cend() || config->muted || message.outgoing) {
            continue;
        }
        const auto verdict = RuleFilter::evaluate(message, m_globalRules, config->rules, now);
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
