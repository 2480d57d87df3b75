#include "PowerEvents.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#if defined(Q_OS_LINUX)
#include <QDBusConnection>
#endif
#if defined(Q_OS_WIN)
#include <QAbstractNativeEventFilter>
#include <qt_windows.h>
#endif

Q_LOGGING_CATEGORY(lcPower, "herald.power", QtInfoMsg)

namespace herald::ui {

#if defined(Q_OS_WIN)
class PowerEvents::NativeFilter final : public QAbstractNativeEventFilter
{
public:
    explicit NativeFilter(PowerEvents *owner)
        : m_owner(owner)
    {}

    bool nativeEventFilter(const QByteArray &eventType, void *message, qintptr *) override
    {
        if (eventType == "windows_generic_MSG") {
            const MSG *msg = static_cast<const MSG *>(message);
            if (msg->message == WM_POWERBROADCAST && msg->wParam == PBT_APMRESUMEAUTOMATIC) {
                Q_EMIT m_owner->resumed();
            }
        }
        return false;
    }

private:
    PowerEvents *m_owner;
};
#else
class PowerEvents::NativeFilter
{};
#endif

PowerEvents::PowerEvents(QObject *parent)
    : QObject(parent)
{
#if defined(Q_OS_LINUX)
    m_listening = QDBusConnection::systemBus().connect(
        QStringLiteral("org.freedesktop.login1"), QStringLiteral("/org/freedesktop/login1"),
        QStringLiteral("org.freedesktop.login1.Manager"), QStringLiteral("PrepareForSleep"), this,
        SLOT(onPrepareForSleep(bool)));
#elif defined(Q_OS_WIN)
    m_filter = new NativeFilter(this);
    QCoreApplication::instance()->installNativeEventFilter(m_filter);
    m_listening = true;
#endif
    qCDebug(lcPower) << "listening for the system's wake-up:" << m_listening;
}

PowerEvents::~PowerEvents()
{
#if defined(Q_OS_WIN)
    QCoreApplication::instance()->removeNativeEventFilter(m_filter);
#endif
    delete m_filter;
}

void PowerEvents::onPrepareForSleep(bool goingToSleep)
{
    if (!goingToSleep) {
        qCInfo(lcPower) << "the machine woke up";
        Q_EMIT resumed();
    }
}

} // namespace herald::ui
