#pragma once

#include <QCoreApplication>
#include <QThread>
#include <QThreadStorage>

#include <utility>

namespace herald {

namespace detail {

template<typename T>
struct PerThreadInstances
{
    static QThreadStorage<T *> &otherThreads()
    {
        static QThreadStorage<T *> storage;
        return storage;
    }
    static T *&applicationThread()
    {
        static T *instance = nullptr;
        return instance;
    }
};

} // namespace detail

// One T for the calling thread, made by make() on first use; for a thread's shared network objects (its managers,
// its network monitor). Other threads' go when their thread ends. The application thread's goes in a post routine,
// at the start of ~QCoreApplication, while the application object still exists: left to QThreadStorage, it would
// go only after QCoreApplication::instance() is null, with a QNetworkAccessManager's HTTP thread still closing
// connections on its behalf. Holders keep a QPointer or ask again each time, as it may be gone at exit.
template<typename T, typename Make>
T *perThread(Make make)
{
    using Instances = detail::PerThreadInstances<T>;
    const QCoreApplication *application = QCoreApplication::instance();
    if (application && application->thread() == QThread::currentThread()) {
        T *&instance = Instances::applicationThread();
        if (!instance) {
            instance = make();
            qAddPostRoutine([] { delete std::exchange(Instances::applicationThread(), nullptr); });
        }
        return instance;
    }
    QThreadStorage<T *> &storage = Instances::otherThreads();
    if (!storage.hasLocalData()) {
        storage.setLocalData(make());
    }
    return storage.localData();
}

} // namespace herald
