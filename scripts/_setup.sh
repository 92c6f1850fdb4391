# Shared by scripts/run and scripts/test: system packages and the virtual environment.
# Sourced, not run. Debian and Ubuntu; other systems: see README.md.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${VENV:-$ROOT/.venv}

# What PyAudio needs to build and Qt needs to open a window.
RUNTIME_APT=(gcc python3-dev python3-venv portaudio19-dev libportaudio2
  libegl1 libgl1 libglib2.0-0 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3
  libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 fonts-noto-cjk)

# A private screen, sound server and keyring for the tests, and tools to make test speech.
TEST_APT=(xvfb xauth x11-utils imagemagick pulseaudio pulseaudio-utils libasound2-plugins
  dbus-daemon dbus-bin gnome-keyring espeak-ng sox desktop-file-utils appstream)

# What scripts/package needs beside the runtime packages: objdump and strip, dpkg-deb and
# dpkg-architecture.
PACKAGE_APT=(binutils dpkg-dev)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_apt() {
  command -v dpkg-query >/dev/null || { echo "Not a Debian/Ubuntu system: install the packages listed in README.md yourself." >&2; return 0; }
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_venv() {  # $1: pip extras spec, e.g. "[test]"
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  local log="$VENV/pip-install.log"
  if ! { "$VENV/bin/python" -m pip install -q --upgrade pip \
         && "$VENV/bin/python" -m pip install -q -e "$ROOT$1"; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "Installing the Python packages failed (log above, also in $log)." >&2
    return 1
  fi
}
