#include "FeedTransport.h"

#include "feed/PollingFeedTransport.h"
#include "feed/ServiceAddress.h"
#include "feed/StreamFeedTransport.h"
#include "feed/WebSocketFeedTransport.h"

namespace herald {

QString FeedTransport::explained(const QString &message, int httpStatus) const
{
    PayloadMapper::Preset preset = m_setup.config.preset;
    if (preset == PayloadMapper::Preset::Auto) {
        preset = m_setup.service == ResumeService::Ntfy     ? PayloadMapper::Preset::Ntfy
                 : m_setup.service == ResumeService::Gotify ? PayloadMapper::Preset::Gotify
                                                            : preset;
    }
    return service::withNotFoundAdvice(message, httpStatus, preset, m_setup.config.url);
}

FeedTransport::FeedTransport(Setup setup)
    : m_setup(std::move(setup))
{}

FeedTransport::~FeedTransport() = default;

FeedTransport::SendResult FeedTransport::send(const QString &, const QString &, QString *error)
{
    *error = QStringLiteral("%1 cannot take messages on its %2 connection")
                 .arg(m_setup.config.name, FeedConfig::transportName(m_setup.config.effectiveTransport()));
    return SendResult::Failed;
}

RawPayload FeedTransport::payload(const QString &text, const QString &eventType, const QString &id) const
{
    return RawPayload{m_setup.config.name, eventType, id, text, false};
}

std::unique_ptr<FeedTransport> createFeedTransport(FeedTransport::Setup setup)
{
    switch (setup.config.effectiveTransport()) {
    case FeedConfig::Transport::Auto:
    case FeedConfig::Transport::Sse:
    case FeedConfig::Transport::JsonLines:
        return std::make_unique<StreamFeedTransport>(std::move(setup));
    case FeedConfig::Transport::WebSocket:
        return std::make_unique<WebSocketFeedTransport>(std::move(setup));
    case FeedConfig::Transport::Polling:
        return std::make_unique<PollingFeedTransport>(std::move(setup));
    }
    return nullptr;
}

} // namespace herald

#include "moc_FeedTransport.cpp"
