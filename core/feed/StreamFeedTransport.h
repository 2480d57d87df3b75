#pragma once

#include "feed/FeedTransport.h"

namespace herald {

class EventSource;

// A feed on an event stream: Server-Sent Events, or JSON lines (one JSON document per line, ids inside), with
// Last-Event-ID on every reconnect, the request's method and body again each time.
class StreamFeedTransport final : public FeedTransport
{
    Q_OBJECT

public:
    explicit StreamFeedTransport(Setup setup);
    ~StreamFeedTransport() override;

    void open() override;
    int reconnectRemaining() const override;
    void reconnectNow() override;
    void setService(ResumeService service) override;
    void resumeFrom(const QString &id) override;

private:
    std::unique_ptr<EventSource> m_eventSource;
};

} // namespace herald
