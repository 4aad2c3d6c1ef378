## Microsoft Edge WebView2 Runtime for UKG Link Assistant.
##
## Strategy: the installer looks for the Evergreen runtime in the registry.
## When it is missing, it runs the Microsoft bootstrapper that ships inside
## the installer (about 2 MB; it downloads the runtime). When the runtime is
## still missing afterwards, for example on a machine without internet
## access, the installer says so, names the download address and offers to
## open it; the program itself is installed either way.

!define WEBVIEW2_CLIENT_KEY "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_DOWNLOAD_URL "https://developer.microsoft.com/microsoft-edge/webview2/"
!define WEBVIEW2_MISSING_MESSAGE "${INFO_PRODUCTNAME} needs the Microsoft Edge WebView2 Runtime, and it could not be installed. This computer may be offline or may block the download.$\r$\n$\r$\n${INFO_PRODUCTNAME} is installed, but it will not open until the runtime is installed. Download the WebView2 Runtime from ${WEBVIEW2_DOWNLOAD_URL} (on a computer without internet access, use the Evergreen Standalone Installer), run it, then start ${INFO_PRODUCTNAME}.$\r$\n$\r$\nOpen the download page now?"

# Sets $0 to the installed runtime version, or to "" when there is none.
!macro ukglink.webview2version
    SetRegView 64
    ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_CLIENT_KEY}" "pv"
    ${If} $0 == ""
    ${OrIf} $0 == "0.0.0.0"
        ReadRegStr $0 HKLM "SOFTWARE\${WEBVIEW2_CLIENT_KEY}" "pv"
    ${EndIf}
    ${If} $0 == ""
    ${OrIf} $0 == "0.0.0.0"
        ReadRegStr $0 HKCU "Software\${WEBVIEW2_CLIENT_KEY}" "pv"
    ${EndIf}
    ${If} $0 == "0.0.0.0"
        StrCpy $0 ""
    ${EndIf}
!macroend

!macro ukglink.webview2runtime
    !insertmacro ukglink.webview2version
    ${If} $0 != ""
        DetailPrint "WebView2 Runtime $0 is installed"
    ${Else}
        SetDetailsPrint both
        DetailPrint "Installing the Microsoft Edge WebView2 Runtime"
        SetDetailsPrint listonly

        InitPluginsDir
        CreateDirectory "$PLUGINSDIR\webview2bootstrapper"
        SetOutPath "$PLUGINSDIR\webview2bootstrapper"
        File "tmp\MicrosoftEdgeWebview2Setup.exe"
        ClearErrors
        ExecWait '"$PLUGINSDIR\webview2bootstrapper\MicrosoftEdgeWebview2Setup.exe" /silent /install' $1
        SetDetailsPrint both
        DetailPrint "WebView2 bootstrapper finished with code $1"

        !insertmacro ukglink.webview2version
        ${If} $0 == ""
            DetailPrint "WebView2 Runtime missing; download it from ${WEBVIEW2_DOWNLOAD_URL}"
            MessageBox MB_YESNO|MB_ICONEXCLAMATION "${WEBVIEW2_MISSING_MESSAGE}" /SD IDNO IDNO webview2_done
            ExecShell "open" "${WEBVIEW2_DOWNLOAD_URL}"
        ${Else}
            DetailPrint "WebView2 Runtime $0 is installed"
        ${EndIf}
    ${EndIf}
    webview2_done:
!macroend
