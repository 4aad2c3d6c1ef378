Unicode true
SetCompressor lzma

## UKG Link Assistant installer for Windows 10 and later (amd64).
##
## "wails build -nsis" writes wails_tools.nsh next to this file (the INFO_*
## names from wails.json, the ARCH checks, the uninstaller registry keys) and
## the Microsoft WebView2 bootstrapper under tmp\, then runs makensis here.
## scripts/package.sh does that; to run makensis by hand afterwards:
##   makensis -DARG_WAILS_AMD64_BINARY=..\..\bin\ukglink.exe project.nsi

!define UNINST_KEY_NAME "ukglink"
!include "wails_tools.nsh"
!include "webview2.nsh"

# Version information needs four numeric parts.
VIProductVersion "${INFO_PRODUCTVERSION}.0"
VIFileVersion    "${INFO_PRODUCTVERSION}.0"

VIAddVersionKey "CompanyName"     "${INFO_COMPANYNAME}"
VIAddVersionKey "FileDescription" "${INFO_PRODUCTNAME} Installer"
VIAddVersionKey "ProductVersion"  "${INFO_PRODUCTVERSION}"
VIAddVersionKey "FileVersion"     "${INFO_PRODUCTVERSION}"
VIAddVersionKey "LegalCopyright"  "${INFO_COPYRIGHT}"
VIAddVersionKey "ProductName"     "${INFO_PRODUCTNAME}"

ManifestDPIAware true

# scripts/package.sh defines UKGLINK_SIGN_SCRIPT (scripts/sign-windows.sh)
# when signing, so that makensis signs the uninstaller and the installer as
# it writes them.
!ifdef UKGLINK_SIGN_SCRIPT
    !uninstfinalize 'bash "${UKGLINK_SIGN_SCRIPT}" "%1"'
    !finalize 'bash "${UKGLINK_SIGN_SCRIPT}" "%1"'
!endif

!include "MUI2.nsh"

!define MUI_ICON "..\icon.ico"
!define MUI_UNICON "..\icon.ico"
!define MUI_FINISHPAGE_NOAUTOCLOSE
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${PRODUCT_EXECUTABLE}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${INFO_PRODUCTNAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

Name "${INFO_PRODUCTNAME}"
OutFile "..\..\bin\${INFO_PROJECTNAME}-${ARCH}-installer.exe"
InstallDir "$PROGRAMFILES64\${INFO_PRODUCTNAME}"
ShowInstDetails show
ShowUninstDetails show

Function .onInit
    !insertmacro wails.checkArchitecture
FunctionEnd

Section "Install"
    !insertmacro wails.setShellContext

    !insertmacro ukglink.webview2runtime

    SetOutPath $INSTDIR
    !insertmacro wails.files

    CreateShortcut "$SMPROGRAMS\${INFO_PRODUCTNAME}.lnk" "$INSTDIR\${PRODUCT_EXECUTABLE}"

    !insertmacro wails.writeUninstaller
    CreateShortcut "$SMPROGRAMS\Uninstall ${INFO_PRODUCTNAME}.lnk" "$INSTDIR\uninstall.exe"
SectionEnd

Section "Uninstall"
    !insertmacro wails.setShellContext

    # WebView2 keeps its cache for the program under the program's name.
    RMDir /r "$AppData\${PRODUCT_EXECUTABLE}"

    Delete "$INSTDIR\${PRODUCT_EXECUTABLE}"
    RMDir /r $INSTDIR

    Delete "$SMPROGRAMS\${INFO_PRODUCTNAME}.lnk"
    Delete "$SMPROGRAMS\Uninstall ${INFO_PRODUCTNAME}.lnk"

    !insertmacro wails.deleteUninstaller
SectionEnd

# Leave the installer's script and texts uncompressed (the files above stay
# compressed), so that a release check can read the WebView2 message and
# the version in the finished .exe.
SetCompress off
