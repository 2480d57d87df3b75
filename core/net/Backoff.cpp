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
    // Stretched at random below the cap; at the cap, spread below it: the cap always holds.
    const double spread = m_jitter * m_random();
    const double stretched = double(delay) * (1.0 + spread);
    if (stretched <= m_max) {
        return int(stretched);
    }
    return int(std::max<double>(std::min<qint64>(delay, m_max) * (1.0 - spread / (1.0 + m_jitter)), 0));
}

int Backoff::nextDelay()
{
    const qint64 base = std::min<qint64>(std::max(m_initial, m_min), m_max);
    // A base of 0 (a server's retry: 0) is honoured once; from there on the delay grows, or a server that closes
    // every connection at once would get one a millisecond.
    qint64 delay = m_failures == 0 ? base : std::max<qint64>(base, kGrowthFloor);
    for (int i = 0; i < m_failures && delay < m_max; ++i) {
        delay *= 2;
    }
    ++m_failures;
    return withJitter(std::min<qint64>(delay, m_max));
}

int Backoff::capDelay()
{
    ++m_failures;
    return withJitter(m_max);
}

} // namespace herald
