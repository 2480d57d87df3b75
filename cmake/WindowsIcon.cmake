# cmake -DSVG=… -DICO=… -DWORK=… -P WindowsIcon.cmake
# herald.ico for the executable's icon resource: the SVG drawn at the sizes Windows asks for (Explorer, the taskbar,
# Start, Alt+Tab at 100-200 % scaling), 256 px kept as PNG inside the .ico as Vista and later read it.
# rsvg-convert (librsvg2-bin) draws, icotool (icoutils) packs; both come from Debian.
set(sizes 16 20 24 32 40 48 64 128 256)
file(MAKE_DIRECTORY "${WORK}")
set(pngs)
foreach(size IN LISTS sizes)
    set(png "${WORK}/herald-${size}.png")
    execute_process(COMMAND "${RSVG_CONVERT}" --width ${size} --height ${size} --keep-aspect-ratio
                            --output "${png}" "${SVG}"
                    RESULT_VARIABLE failed)
    if(failed)
        message(FATAL_ERROR "rsvg-convert could not draw ${SVG} at ${size} px")
    endif()
    if(size EQUAL 256)
        list(APPEND pngs "--raw=${png}")
    else()
        list(APPEND pngs "${png}")
    endif()
endforeach()
execute_process(COMMAND "${ICOTOOL}" --create --output "${ICO}" ${pngs} RESULT_VARIABLE failed)
if(failed)
    message(FATAL_ERROR "icotool could not pack ${ICO}")
endif()
