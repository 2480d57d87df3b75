; Herald's Windows installer: per user (no administrator), into %LOCALAPPDATA%\Programs\Herald, with a Start-menu
; shortcut, start at sign-in offered, and an uninstaller that keeps the history unless asked. Silent with /S; a silent
; uninstall removes the history and settings too only with /PURGE.
;
; Built by scripts/windows/package.sh: makensis -DVERSION=… -DSTAGE=<staged files> -DOUTFILE=… -DLICENSE=… -DICON=…

; A 64-bit installer for a 64-bit program (and Wine without its 32-bit half runs it).
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "WordFunc.nsh"
!include "WinMessages.nsh"

!define APP "Herald"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Herald"
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"
!define ENVIRONMENT_KEY "Environment"
; NSIS reads and writes strings of at most 1024 characters: a longer PATH is left alone rather than cut.
!define MAX_PATH_VALUE 1000

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Herald"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP} installer"
VIAddVersionKey "LegalCopyright" "GPL-3.0-or-later"

!define MUI_ABORTWARNING
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\herald.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start Herald now"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${LICENSE}"
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Korean"

Section "Herald" SecHerald
    SectionIn RO
    ; A running Herald holds its files open: ask it to quit first (it answers through its single-instance pipe).
    ExecWait '"$INSTDIR\herald.exe" --quit'
    SetOutPath "$INSTDIR"
    File /r "${STAGE}\*.*"
    WriteUninstaller "$INSTDIR\uninstall.exe"
    CreateShortcut "$SMPROGRAMS\Herald.lnk" "$INSTDIR\herald.exe" "" "$INSTDIR\herald.exe" 0 "" "" \
        "Desktop notifications from any WebSocket or Server-Sent Events feed"

    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Herald developers"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\herald.exe"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
    WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
    ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

; The same value Herald's own setting writes (Settings > Start at sign-in), so either can turn it off.
Section "Start Herald when I sign in" SecAutostart
    WriteRegStr HKCU "${RUN_KEY}" "Herald" '"$INSTDIR\herald.exe"'
SectionEnd

; herald in a new terminal without its folder: the folder on the per-user PATH, once, and only the uninstaller's own
; entry taken off again.
Section "Add herald to PATH" SecPath
    Call FindUserPath
    Pop $1 ; "absent", "unreadable" (too long for NSIS) or "found"
    ${If} $1 == "unreadable"
        DetailPrint "Your PATH is too long to change safely: add $INSTDIR to it yourself."
        Return
    ${EndIf}
    ReadRegStr $0 HKCU "${ENVIRONMENT_KEY}" "Path"
    ${WordAdd} "$0" ";" "+$INSTDIR" $2
    StrLen $3 $2
    ${If} $3 > ${MAX_PATH_VALUE}
        DetailPrint "Your PATH is too long to change safely: add $INSTDIR to it yourself."
        Return
    ${EndIf}
    ${If} $2 != $0
        WriteRegExpandStr HKCU "${ENVIRONMENT_KEY}" "Path" $2
        WriteRegDWORD HKCU "${UNINSTALL_KEY}" "AddedToPath" 1
        SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
    ${EndIf}
SectionEnd

; Pushes "absent", "unreadable" or "found" for the per-user Path value.
!macro FIND_USER_PATH un
Function ${un}FindUserPath
    StrCpy $R0 0
    loop:
        EnumRegValue $R1 HKCU "${ENVIRONMENT_KEY}" $R0
        StrCmp $R1 "" absent
        StrCmp $R1 "Path" exists ; StrCmp ignores case, as the registry does
        IntOp $R0 $R0 + 1
        Goto loop
    exists:
        ClearErrors
        ReadRegStr $R1 HKCU "${ENVIRONMENT_KEY}" "Path"
        IfErrors 0 +3
        Push "unreadable"
        Return
        StrLen $R1 $R1
        IntCmp $R1 ${MAX_PATH_VALUE} 0 +3 0
        Push "unreadable"
        Return
        Push "found"
        Return
    absent:
        Push "absent"
FunctionEnd
!macroend
!insertmacro FIND_USER_PATH ""
!insertmacro FIND_USER_PATH "un."

LangString DESC_Herald ${LANG_ENGLISH} "Herald itself: the tray app and the herald command."
LangString DESC_Herald ${LANG_KOREAN} "Herald 본체: 트레이 앱과 herald 명령."
LangString DESC_Path ${LANG_ENGLISH} "Run herald from any new terminal: its folder goes on your PATH."
LangString DESC_Path ${LANG_KOREAN} "새 터미널 어디서나 herald를 실행할 수 있도록 폴더를 PATH에 추가합니다."
LangString DESC_Autostart ${LANG_ENGLISH} "Start Herald in the notification area when you sign in to Windows."
LangString DESC_Autostart ${LANG_KOREAN} "Windows에 로그인하면 알림 영역에서 Herald를 시작합니다."
LangString ASK_PURGE ${LANG_ENGLISH} "Also delete your Herald history and settings (feeds, rules)?$\r$\n$\r$\nChoose No to keep them for a later install."
LangString ASK_PURGE ${LANG_KOREAN} "Herald 기록과 설정(피드, 규칙)도 삭제할까요?$\r$\n$\r$\n나중에 다시 설치할 때 쓰려면 아니요를 고르세요."

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
    !insertmacro MUI_DESCRIPTION_TEXT ${SecHerald} $(DESC_Herald)
    !insertmacro MUI_DESCRIPTION_TEXT ${SecPath} $(DESC_Path)
    !insertmacro MUI_DESCRIPTION_TEXT ${SecAutostart} $(DESC_Autostart)
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Function .onInit
    !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Section "Uninstall"
    ExecWait '"$INSTDIR\herald.exe" --quit'
    ; Only our own entry: another copy of Herald elsewhere may have put its path there.
    ReadRegStr $0 HKCU "${RUN_KEY}" "Herald"
    ${If} $0 == '"$INSTDIR\herald.exe"'
        DeleteRegValue HKCU "${RUN_KEY}" "Herald"
    ${EndIf}
    Delete "$SMPROGRAMS\Herald.lnk"
    ReadRegDWORD $0 HKCU "${UNINSTALL_KEY}" "AddedToPath"
    Call un.FindUserPath
    Pop $1
    ${If} $0 == 1
    ${AndIf} $1 == "found"
        ReadRegStr $2 HKCU "${ENVIRONMENT_KEY}" "Path"
        ${un.WordAdd} "$2" ";" "-$INSTDIR" $3
        ${If} $3 == ""
            DeleteRegValue HKCU "${ENVIRONMENT_KEY}" "Path"
        ${Else}
            WriteRegExpandStr HKCU "${ENVIRONMENT_KEY}" "Path" $3
        ${EndIf}
        SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
    ${EndIf}
    RMDir /r "$INSTDIR\platforms"
    RMDir /r "$INSTDIR\sqldrivers"
    RMDir /r "$INSTDIR\tls"
    RMDir /r "$INSTDIR\styles"
    RMDir /r "$INSTDIR\imageformats"
    RMDir /r "$INSTDIR\translations"
    Delete "$INSTDIR\*.dll"
    Delete "$INSTDIR\herald.exe"
    Delete "$INSTDIR\qt.conf"
    Delete "$INSTDIR\LICENSE.txt"
    Delete "$INSTDIR\uninstall.exe"
    RMDir "$INSTDIR"
    DeleteRegKey HKCU "${UNINSTALL_KEY}"

    ; History and settings: kept unless the person says otherwise (asked, or /PURGE when silent).
    StrCpy $1 "keep"
    ${GetParameters} $2
    ClearErrors
    ${GetOptions} $2 "/PURGE" $3
    ${IfNot} ${Errors}
        StrCpy $1 "purge"
    ${ElseIfNot} ${Silent}
        MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 $(ASK_PURGE) IDNO +2
        StrCpy $1 "purge"
    ${EndIf}
    ${If} $1 == "purge"
        RMDir /r "$APPDATA\Herald"
        RMDir /r "$LOCALAPPDATA\Herald"
    ${EndIf}
SectionEnd

Function un.onInit
    !insertmacro MUI_UNGETLANGUAGE
FunctionEnd
