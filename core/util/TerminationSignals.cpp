#include "TerminationSignals.h"

#include <QCoreApplication>
#include <QPointer>

#ifdef Q_OS_UNIX
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <qt_windows.h>
#endif

namespace herald {

namespace {

QPointer<QObject> g_context;
std::function<void()> g_handler;

void deliver()
{
    if (g_context && g_handler) {
        g_handler();
    }
}

#ifdef Q_OS_UNIX
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    // Only async-signal-safe work here: the event loop picks it up from the other end.
    [[maybe_unused]] const auto written = ::write(g_signalPipe[0], &byte, 1);
}

void install(QObject *)
{
    if (g_signalPipe[0] != -1 || ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0) {
        return;
    }
    // Owned by the application, not the first context: a later onTerminationSignals() call still gets signals.
    auto *notifier = new QSocketNotifier(g_signalPipe[1], QSocketNotifier::Read, QCoreApplication::instance());
    QObject::connect(notifier, &QSocketNotifier::activated, notifier, [] {
        char bytes[16];
        const auto count = ::read(g_signalPipe[1], bytes, sizeof bytes);
        for (decltype(+count) i = 0; i < count; ++i) {
            deliver();
        }
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}
#elif defined(Q_OS_WIN)
BOOL WINAPI onConsoleEvent(DWORD event)
{
    if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT && event != CTRL_CLOSE_EVENT) {
        return FALSE;
    }
    // Called on a thread of its own: the handler runs on the context's thread.
    if (QObject *context = g_context.data()) {
        QMetaObject::invokeMethod(context, &deliver, Qt::QueuedConnection);
    }
    return TRUE;
}

void install(QObject *)
{
    static bool installed = false;
    if (!std::exchange(installed, true)) {
        SetConsoleCtrlHandler(onConsoleEvent, TRUE);
    }
}
#else
void install(QObject *) {}
#endif

} // namespace

void onTerminationSignals(QObject *context, std::function<void()> handler)
{
    g_context = context;
    g_handler = std::move(handler);
    install(context);
}

void quitOnTerminationSignals(QCoreApplication &app)
{
    onTerminationSignals(&app, [] { QCoreApplication::quit(); });
}

} // namespace herald
