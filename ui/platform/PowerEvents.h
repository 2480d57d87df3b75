#pragma once

#include <QObject>

namespace herald::ui {

// The operating system's own word that the machine woke up, where it gives one: logind's PrepareForSleep(false) on
// the system bus on Linux, WM_POWERBROADCAST on Windows (whose monotonic clock runs through sleep, so core's
// WakeDetector cannot see it there). macOS needs none: its monotonic clock stops in sleep, which WakeDetector sees.
class PowerEvents final : public QObject
{
    Q_OBJECT

public:
    explicit PowerEvents(QObject *parent = nullptr);
    ~PowerEvents() override;

    // Whether a platform source is connected (for the log).
    bool isListening() const { return m_listening; }

Q_SIGNALS:
    void resumed();

private Q_SLOTS:
    void onPrepareForSleep(bool goingToSleep);

private:
    bool m_listening = false;
    class NativeFilter;
    NativeFilter *m_filter = nullptr;
};

} // namespace herald::ui
