; Inno Setup script for the Windows installer, RealtimeDesktop-<version>-setup.exe.
; Build the bundle first (packaging\windows.spec), then, with Inno Setup 6:
;   iscc /DAppVersion=0.1.0 packaging\windows-installer.iss
; Installs for the current user by default (no administrator needed); the installer's own
; dialog offers all users. Not built on the Linux machines the project is tested on.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z packaging\windows-installer.iss
#endif

[Setup]
AppId={{8C1E5B2A-3F7D-4E61-9A0B-5D2C7F4E8B19}
AppName=Realtime Desktop
AppVersion={#AppVersion}
AppPublisher=Realtime Desktop developers
AppPublisherURL=https://github.com/realtime-desktop/realtime-desktop
DefaultDirName={autopf}\Realtime Desktop
DefaultGroupName=Realtime Desktop
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\LICENSE
SetupIconFile=..\resources\icons\realtime-desktop.ico
UninstallDisplayIcon={app}\realtime-desktop.exe
OutputDir=..\dist
OutputBaseFilename=RealtimeDesktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; A running copy holds its files open: ask to close it before replacing them.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\dist\realtime-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Realtime Desktop"; Filename: "{app}\realtime-desktop.exe"
Name: "{autodesktop}\Realtime Desktop"; Filename: "{app}\realtime-desktop.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\realtime-desktop.exe"; Description: "{cm:LaunchProgram,Realtime Desktop}"; Flags: nowait postinstall skipifsilent
