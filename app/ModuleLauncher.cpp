#include "DesktopMain.h"
#include "StoreVerbs.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>
#include <QStringList>

#include <cstdio>
#include <cstring>

#if defined(Q_OS_WIN)
#include <windows.h>
#elif defined(Q_OS_MACOS)
#include <mach-o/dyld.h>
#endif

namespace herald::app {

namespace {

// The folder of the running executable, found without a QCoreApplication (the tray app makes its own
// QApplication).
QString executableFolder(const char *argv0)
{
#if defined(Q_OS_WIN)
    wchar_t path[MAX_PATH * 4];
    const DWORD length = GetModuleFileNameW(nullptr, path, DWORD(std::size(path)));
    if (length > 0 && length < std::size(path)) {
        return QFileInfo(QString::fromWCharArray(path, int(length))).absolutePath();
    }
#elif defined(Q_OS_MACOS)
    char path[4096];
    uint32_t size = sizeof path;
    if (_NSGetExecutablePath(path, &size) == 0) {
        return QFileInfo(QString::fromUtf8(path)).canonicalPath();
    }
#elif defined(Q_OS_UNIX)
    const QFileInfo self(QStringLiteral("/proc/self/exe"));
    if (self.exists()) {
        return QFileInfo(self.symLinkTarget()).absolutePath();
    }
#endif
    return QFileInfo(QString::fromLocal8Bit(argv0)).absolutePath();
}

// The entry point of one of herald's modules (herald-desktop, herald-store), loaded on first use. Prints what is
// wrong, in words, when the module is missing or broken; what stays usable is said by whatWorksWithout.
QFunctionPointer moduleEntry(const char *argv0, const char *name, const char *entry, const char *whatWorksWithout)
{
    const QDir folder(executableFolder(argv0));
    const QString module = QString::fromLatin1(name);
    // Beside the executable (the build tree, Windows), where the packages install it, or in a macOS bundle.
    const QStringList candidates{folder.filePath(module),
                                 folder.filePath(QStringLiteral("../" HERALD_MODULE_DIR "/") + module),
                                 folder.filePath(QStringLiteral("../PlugIns/") + module)};
    QLibrary library; // its destructor leaves the library loaded, for the rest of the process
    QStringList tried;
    for (const QString &candidate : candidates) {
        library.setFileName(QDir::cleanPath(candidate));
        if (library.load()) {
            break;
        }
        tried << library.errorString();
    }
    const QFunctionPointer function = library.isLoaded() ? library.resolve(entry) : nullptr;
    if (!function) {
        std::fprintf(stderr,
                     "herald: the module %s is missing or broken, so %s; reinstalling Herald brings it back.\n  %s\n",
                     name, whatWorksWithout, qPrintable(tried.join(QStringLiteral("\n  "))));
    }
    return function;
}

} // namespace

bool isDesktopInvocation(int argc, char **argv)
{
    if (argc < 2) {
        return true;
    }
    for (const char *option : {"--demo", "--show", "--demo-port", "--pause", "--resume", "--quit", "--verbose"}) {
        if (std::strncmp(argv[1], option, std::strlen(option)) == 0) {
            return true;
        }
    }
    // Qt's own options for a GUI application (QGuiApplication and QApplication take them out of the arguments):
    // `herald -platform xcb` or `herald -stylesheet my.qss` start the tray app, as in any Qt program.
    static const char *const qtOptions[] = {"platform",        "platformpluginpath",
                                            "platformtheme",   "plugin",
                                            "qwindowgeometry", "qwindowicon",
                                            "qwindowtitle",    "reverse",
                                            "session",         "display",
                                            "geometry",        "style",
                                            "stylesheet",      "widgetcount",
                                            "qmljsdebugger"};
    const char *name = argv[1];
    if (*name != '-') {
        return false;
    }
    name += name[1] == '-' ? 2 : 1;
    const size_t length = std::strcspn(name, "=");
    for (const char *option : qtOptions) {
        if (std::strlen(option) == length && std::strncmp(name, option, length) == 0) {
            return true;
        }
    }
    return false;
}

int runDesktop(int argc, char **argv)
{
    using Entry = int (*)(int, char **);
    const auto entry = reinterpret_cast<Entry>(moduleEntry(argv[0], "herald-desktop", "herald_desktop_main",
                                                           "only the command-line verbs work (see 'herald help')"));
    return entry ? entry(argc, argv) : 1;
}

bool isStoreVerb(const QString &verb)
{
    return verb == QLatin1String("feeds") || verb == QLatin1String("run") || verb == QLatin1String("history");
}

int runStoreVerb(QCoreApplication &app, const char *argv0, const QString &verb, const QStringList &arguments)
{
    const auto entry = reinterpret_cast<StoreVerbEntry>(
        moduleEntry(argv0, "herald-store", "herald_store_main",
                    "herald feeds, run and history do not work (listen, connect and send do)"));
    return entry ? entry(&app, &verb, &arguments) : 1;
}

} // namespace herald::app
