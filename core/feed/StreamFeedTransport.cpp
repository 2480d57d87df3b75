#include "StreamFeedTransport.h"

#include "sse/EventSource.h"

namespace herald {

StreamFeedTransport::StreamFeedTransport(Setup setup)
    : FeedTransport(std::move(setup))
{}

StreamFeedTransport::~StreamFeedTransport()
{
    if (m_eventSource) {
        m_eventSource->disconnect(this); // closing is not failing
    }
}

void StreamFeedTransport::open()
{
    const FeedConfig &config = m_setup.config;
    const bool jsonLines = config.effectiveTransport() == FeedConfig::Transport::JsonLines;
    m_eventSource = std::make_unique<EventSource>(m_setup.url);
    m_eventSource->setHeaders(m_setup.headers);
    m_eventSource->setIdleTimeout(config.idleTimeoutSeconds * 1000);
    m_eventSource->setReconnectEnabled(config.reconnect);
    m_eventSource->setReconnectionTime(config.reconnectDelaySeconds * 1000);
    m_eventSource->setMinReconnectDelay(config.reconnectDelaySeconds * 1000);
    m_eventSource->setMaxReconnectDelay(config.maxReconnectDelaySeconds * 1000);
    m_eventSource->setFraming(jsonLines ? EventSource::Framing::JsonLines : EventSource::Framing::EventStream);
    m_eventSource->setLastEventId(m_setup.resumeId);
    m_eventSource->setHttp2Cleartext(config.http2Cleartext);
    m_eventSource->setMethod(config.method);
    m_eventSource->setBody(config.body);
    setService(m_setup.service);
    applyNetworkSettings(*m_eventSource);
    connect(m_eventSource.get(), &EventSource::eventReceived, this, [this, jsonLines](const SseEvent &event) {
        // A JSON line carries its id inside; the stream's id would be the previous message's.
        const RawPayload arrived = payload(event.data, event.type, jsonLines ? QString() : event.lastEventId);
        Q_EMIT payloadArrived(arrived, map(arrived));
    });
    connect(m_eventSource.get(), &EventSource::opened, this, &FeedTransport::opened);
    connect(m_eventSource.get(), &EventSource::errorOccurred, this,
            [this](EventSource::Error error, const QString &message) {
                const int status = m_eventSource ? m_eventSource->httpStatus() : 0;
                Q_EMIT retrying(explained(message, error == EventSource::Error::HttpStatus ? status : 0));
                if (error == EventSource::Error::HttpStatus && (status == 401 || status == 403)) {
                    Q_EMIT credentialsRefused();
                }
            });
    connect(m_eventSource.get(), &EventSource::stateChanged, this, [this](EventSource::State state) {
        if (state == EventSource::State::Closed && m_eventSource) {
            Q_EMIT failed({}); // errorOccurred() has just said why: once is enough
        }
    });
    m_eventSource->open();
}

int StreamFeedTransport::reconnectRemaining() const
{
    return m_eventSource ? m_eventSource->reconnectRemaining() : -1;
}

void StreamFeedTransport::reconnectNow()
{
    if (m_eventSource) {
        m_eventSource->reconnectNow();
    }
}

void StreamFeedTransport::setService(ResumeService service)
{
    FeedTransport::setService(service);
    const QString parameter = resume::streamQueryParameter(service);
    if (m_eventSource && !parameter.isEmpty()) {
        m_eventSource->setResumeQueryParameter(parameter);
    }
}

void StreamFeedTransport::resumeFrom(const QString &id)
{
    FeedTransport::resumeFrom(id);
    if (m_eventSource) {
        m_eventSource->setLastEventId(id);
    }
}

} // namespace herald

#include "moc_StreamFeedTransport.cpp"
