#!/usr/bin/env bash
# Sets up everything Cleanup Desktop needs on a fresh Debian/Ubuntu machine:
# system libraries for Qt (and, with --test, the test servers and benchmark peers),
# a virtual environment in .venv, and the package in editable mode.
# Usage: bash scripts/setup.sh [--test]
set -euo pipefail
cd "$(dirname "$0")/.."
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

apt_pkgs="python3-venv libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 \
libxkbcommon0 fonts-dejavu-core libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 \
libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-render0 libxcb-shape0 \
libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1"
if [ "$want_test" = 1 ]; then
  apt_pkgs="$apt_pkgs xvfb xauth dovecot-imapd openssl jdupes rmlint fdupes hyperfine time poppler-utils"
  # Cyrus IMAP, the second test server: its master, tools and SASL libraries (these install beside
  # Dovecot; the imapd binary itself comes from the unpacked cyrus-imapd package, below)
  apt_pkgs="$apt_pkgs cyrus-common sasl2-bin libsasl2-modules"
fi
SUDO=""
[ "$(id -u)" != 0 ] && SUDO="sudo"
missing=""
for p in $apt_pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages:$missing" >&2
  $SUDO apt-get update -qq
  # no service may start during the install (cyrus-common, exim4): the tests start their own servers
  no_start=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    no_start=1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
  if [ "$no_start" = 1 ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi
fi

PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
# cyrus-imapd conflicts with dovecot-imapd as a package: unpack it into .venv/cyrus (not
# installed, not committed); tests/mail/cyrus.py runs its imapd from there
if [ "$want_test" = 1 ] && [ ! -x .venv/cyrus/usr/lib/cyrus/bin/imapd ]; then
  deb_dir="$(mktemp -d)"
  version="$(dpkg-query -W -f='${Version}' cyrus-common)"
  if ! (cd "$deb_dir" && apt-get download -qq "cyrus-imapd=$version" 2>/dev/null); then
    $SUDO apt-get update -qq  # package lists removed since cyrus-common was installed
    (cd "$deb_dir" && apt-get download -qq "cyrus-imapd=$version" 2>/dev/null)
  fi
  dpkg-deb -x "$deb_dir"/cyrus-imapd_*.deb .venv/cyrus
  rm -rf "$deb_dir"
fi
extra=""
[ "$want_test" = 1 ] && extra="[test]"
pip_quiet() {  # pip's own exit status, without its harmless "Location ... is ignored" lines
  "$@" 2>&1 | { grep -v "is ignored" || true; }
  return "${PIPESTATUS[0]}"
}
pip_quiet .venv/bin/python -m pip install -q --upgrade pip
pip_quiet .venv/bin/python -m pip install -q -e ".$extra"
.venv/bin/python -c "import cleanup_desktop" # fails loudly if the install did not work
# The desktop app's translations: compile translations/*.ts into the .qm files it loads.
.venv/bin/python -m cleanup_desktop.i18n_build >/dev/null
