# Sourced by scripts/test and scripts/bench: a private X server, D-Bus session with an
# unlocked gnome-keyring (Secret Service), and PulseAudio with a virtual microphone and
# speaker. The user's own screen, sound and keyring are never used. Stops them on exit.

RUN=$(mktemp -d "${TMPDIR:-/tmp}/realtime-desktop.XXXXXX")
PIDS=()
stop_services() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  # A service may still be writing its last lines into $RUN as it goes: try again briefly,
  # and never let the clean-up decide the run's result.
  for _ in 1 2 3 4 5; do rm -rf "$RUN" 2>/dev/null && break; sleep 0.2; done
  true
}
trap stop_services EXIT
mkdir -p -m 700 "$RUN/xdg" "$RUN/keyring-data" "$RUN/config" "$RUN/state" "$RUN/cache"

# Everything the app might write goes to the scratch dir, never to the user's own.
export XDG_RUNTIME_DIR="$RUN/xdg" XDG_CONFIG_HOME="$RUN/config" XDG_DATA_HOME="$RUN/keyring-data" \
  XDG_STATE_HOME="$RUN/state" XDG_CACHE_HOME="$RUN/cache"

# ---- X server: a free display number chosen by Xvfb itself ---------------------------
exec 3>"$RUN/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >"$RUN/xvfb.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do [ -s "$RUN/display" ] && break; sleep 0.05; done
exec 3>&-
export DISPLAY=":$(head -n1 "$RUN/display")" QT_QPA_PLATFORM=xcb

# ---- D-Bus session bus and an unlocked gnome-keyring (Secret Service) -----------------
BUS=$(dbus-daemon --session --fork --nosyslog --print-address=1 --print-pid=1)
export DBUS_SESSION_BUS_ADDRESS=$(sed -n 1p <<<"$BUS")
PIDS+=("$(sed -n 2p <<<"$BUS")")
# --unlock with a password on stdin creates and unlocks the collection; without it the
# keyring would try to show a password prompt on the screen and the tests would hang.
printf 'test-only-password' | gnome-keyring-daemon --foreground --unlock --components=secrets \
  >"$RUN/keyring.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
    | grep -q 'boolean true' && break
  sleep 0.05
done

# ---- PulseAudio: virtual speaker "spk", virtual microphone "mic" fed through "micsink" --
cat >"$RUN/pulse.pa" <<PA
load-module module-native-protocol-unix auth-anonymous=1 socket=$RUN/pulse.sock
# norewinds=1: without it null sinks deliver audio in bursts and capture runs slow.
load-module module-null-sink sink_name=spk format=s16le rate=24000 channels=1 norewinds=1 sink_properties=device.description=VirtualSpeaker
load-module module-null-sink sink_name=micsink format=s16le rate=24000 channels=1 norewinds=1 sink_properties=device.description=VirtualMicFeed
load-module module-remap-source master=micsink.monitor source_name=mic source_properties=device.description=VirtualMic
set-default-sink spk
set-default-source mic
PA
pulseaudio -n -F "$RUN/pulse.pa" --daemonize=no --exit-idle-time=-1 --disallow-exit \
  --disable-shm=yes --log-target=file:"$RUN/pulse.log" >/dev/null 2>&1 &
PIDS+=($!)
export PULSE_SERVER="unix:$RUN/pulse.sock"
for _ in $(seq 100); do pactl info >/dev/null 2>&1 && break; sleep 0.05; done
pactl info >/dev/null

export REALTIME_DESKTOP_TEST_SERVICES=1
