#pragma once

#include "feed/FeedTransport.h"

namespace herald {

class HttpPoller;

// A feed polled over HTTP every few seconds. An answer holds one item or many (a JSON array, gotify's
// {"messages": […]}, JSON lines, or one document); an item is news only when the previous answer did not list it,
// and items without an id of their own are keyed by their content, so that a poll never stores one twice.
class PollingFeedTransport final : public FeedTransport
{
    Q_OBJECT

public:
    explicit PollingFeedTransport(Setup setup);
    ~PollingFeedTransport() override;

    void open() override;
    void reconnectNow() override;

    // What identifies a polled item without an id of its own: a digest of its text.
    static QString contentKey(const QString &text);
    // The items of an answer, each as text.
    static QStringList splitBody(const QByteArray &body);

private:
    void receive(const QByteArray &body);

    std::unique_ptr<HttpPoller> m_poller;
};

} // namespace herald
