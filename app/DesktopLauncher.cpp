#include "DesktopMain.h"

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
    const QDir folder(executableFolder(argv[0]));
    // Beside the executable (the build tree, Windows), where the packages install it, or in a macOS bundle.
    const QStringList candidates{folder.filePath(QStringLiteral("herald-desktop")),
                                 folder.filePath(QStringLiteral("../" HERALD_DESKTOP_MODULE_DIR "/herald-desktop")),
                                 folder.filePath(QStringLiteral("../PlugIns/herald-desktop"))};
    QLibrary module;
    QStringList tried;
    for (const QString &candidate : candidates) {
        module.setFileName(QDir::cleanPath(candidate));
        if (module.load()) {
            break;
        }
        tried << module.errorString();
    }
    using Entry = int (*)(int, char **);
    const auto entry = module.isLoaded() ? reinterpret_cast<Entry>(module.resolve("herald_desktop_main")) : nullptr;
    if (!entry) {
        std::fprintf(stderr,
                     "herald: the tray app's module (herald-desktop) is missing or broken, so only the command-line "
                     "verbs work (see 'herald help'); reinstalling Herald brings it back.\n  %s\n",
                     qPrintable(tried.join(QStringLiteral("\n  "))));
        return 1;
    }
    return entry(argc, argv);
}

} // namespace herald::app
