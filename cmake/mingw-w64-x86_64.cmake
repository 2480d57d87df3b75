# Cross-compiles for 64-bit Windows with Debian's MinGW-w64 (POSIX threads, which Qt needs).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(HERALD_MINGW_TRIPLE x86_64-w64-mingw32)

set(CMAKE_C_COMPILER ${HERALD_MINGW_TRIPLE}-gcc-posix)
set(CMAKE_CXX_COMPILER ${HERALD_MINGW_TRIPLE}-g++-posix)
set(CMAKE_RC_COMPILER ${HERALD_MINGW_TRIPLE}-windres)

# Host programs (moc, rcc, uic, lrelease) come from QT_HOST_PATH; everything else is looked up in the target roots.
set(CMAKE_FIND_ROOT_PATH /usr/${HERALD_MINGW_TRIPLE} ${HERALD_MINGW_ROOTS})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
