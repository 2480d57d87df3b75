#pragma once

#include <QtGlobal>

#include <algorithm>
#include <functional>

namespace herald {

// Reconnect delays for both engines: exponential from an initial delay up to a cap, stretched by up to jitterFraction
// at random so that many clients dropped at once do not all come back at the same moment. Never shorter than the
// initial delay or the floor, and never longer than the cap.
class Backoff final
{
public:
    using RandomSource = std::function<double()>; // uniform in [0, 1)

    Backoff();

    void setInitialDelay(int milliseconds) { m_initial = milliseconds; }
    int initialDelay() const { return m_initial; }
    void setMaxDelay(int milliseconds) { m_max = std::max(milliseconds, 0); }
    // No delay is shorter than this, whatever the initial delay (a feed's own reconnect delay, against a server's
    // retry: 0).
    void setMinDelay(int milliseconds) { m_min = std::max(milliseconds, 0); }
    int minDelay() const { return m_min; }
    int maxDelay() const { return m_max; }
    void setJitterFraction(double fraction) { m_jitter = fraction; }
    void setRandomSource(RandomSource source) { m_random = std::move(source); }

    // The delay before the next attempt; each call counts one more failure.
    int nextDelay();
    // The cap (with jitter): for failures that retrying soon cannot fix, such as refused credentials.
    int capDelay();
    void reset() { m_failures = 0; }
    int failures() const { return m_failures; }

private:
    int withJitter(qint64 delay) const;

    static constexpr qint64 kGrowthFloor = 10;

    int m_initial = 3000;
    int m_min = 0;
    int m_max = 60000;
    double m_jitter = 0.2;
    RandomSource m_random;
    int m_failures = 0;
};

} // namespace herald
