#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring
# Secret Service, so keytar talks to a real keychain. Without dbus-run-session
# or gnome-keyring-daemon it runs the command as is (keychain tests then skip,
# or fail under CI=true).
set -euo pipefail
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  exec "$@"
fi
exec dbus-run-session -- bash -c '
  # The keyring password only protects this throwaway session keyring.
  eval "$(printf "switchyard-test\n" | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
  export GNOME_KEYRING_CONTROL SWITCHYARD_SECRET_SERVICE=1
  exec "$@"
' bash "$@"
