"""The app's identity: the only place these names are spelled."""

from __future__ import annotations

DISPLAY_NAME = "Realtime Desktop"
APP_NAME = "realtime-desktop"
ORG_NAME = "realtime-desktop"
APP_ID = "io.github.realtime_desktop.RealtimeDesktop"

KEYRING_SERVICE = "realtime-desktop"
KEYRING_USERNAME = "api-key"

DEFAULT_BASE_URL = "https://api.xiexus.cn"
DEFAULT_MODEL = "gpt-4o-realtime-preview"
DEFAULT_GLOBAL_SHORTCUT = "Ctrl+Alt+Space"
DEFAULT_VOICE = "alloy"
