#include "Backoff.h"

#include <QRandomGenerator>

#include <algorithm>
#include <limits>

namespace herald {

Backoff::Backoff()
    : m_random([] { return QRandomGenerator::global()->generateDouble(); })
{}

int Backoff::withJitter(qint64 delay) const
{
    const double stretched = double(delay) * (1.0 + m_jitter * m_random());
    return int(std::min<double>(stretched, std::numeric_limits<int>::max()));
}

int Backoff::nextDelay()
{
    qint64 delay = m_initial;
    for (int i = 0; i < m_failures && delay < m_max; ++i) {
        delay *= 2;
    }
    ++m_failures;
    return withJitter(std::max<qint64>(m_initial, std::min<qint64>(delay, m_max)));
}

int Backoff::capDelay()
{
    ++m_failures;
    return withJitter(std::max(m_initial, m_max));
}

} // namespace herald
