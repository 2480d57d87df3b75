# Compiler settings shared by every Herald target, applied per target (never directory-wide).
function(herald_set_compile_options target)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_TO_ASCII
        QT_RESTRICTED_CAST_FROM_ASCII
        QT_NO_URL_CAST_FROM_STRING
        QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
        QT_NO_FOREACH
        QT_NO_KEYWORDS)
    if(MSVC)
        target_compile_options(${target} PRIVATE /W4 /permissive- /utf-8)
        if(HERALD_WARNINGS_AS_ERRORS)
            target_compile_options(${target} PRIVATE /WX)
        endif()
    else()
        target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                                 -Wold-style-cast -Wcast-align -Woverloaded-virtual)
        if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
            # Qt's qCWarning(category) and friends call a variadic macro with no variadic argument: with -Wpedantic,
            # Clang (macOS, and Linux when chosen) warns at every logging line.
            target_compile_options(${target} PRIVATE -Wno-gnu-zero-variadic-macro-arguments)
        endif()
        if(HERALD_WARNINGS_AS_ERRORS)
            target_compile_options(${target} PRIVATE -Werror)
        endif()
    endif()
    if(HERALD_FUZZ)
        # Coverage for libFuzzer in every Herald library; the targets themselves link the fuzzer's main.
        target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
    endif()
    if(HERALD_SANITIZE)
        target_compile_options(${target} PRIVATE -fsanitize=${HERALD_SANITIZE} -fno-omit-frame-pointer)
        target_link_options(${target} PRIVATE -fsanitize=${HERALD_SANITIZE})
    endif()
endfunction()
