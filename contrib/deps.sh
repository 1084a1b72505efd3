#!/bin/sh
# SPDX-License-Identifier: ISC
# Install the Debian packages l2console needs to build, test and demo.
# Idempotent and silent when nothing is missing.
set -eu

PKGS="gcc make pkg-config libpcap-dev libnet1-dev libssl-dev libncurses-dev
libcmocka-dev clang libclang-rt-14-dev iproute2 nftables util-linux procps
tmux mactelnet-server mactelnet-client tshark zsh valgrind time
dpkg-dev debhelper libcap2-bin libvterm-dev liblua5.4-dev libinih-dev
lldpd ansible-core python3 shellcheck"

missing=
for p in $PKGS; do
	s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$s" in
	*"ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "l2console: missing packages:$missing (run make deps as root)" >&2
	exit 1
fi
echo "  APT    $missing"
# mactelnet-server would start a daemon on the host's own interfaces;
# the lab runs its own inside namespaces, so keep the host's stopped.
norc=
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
	chmod 755 /usr/sbin/policy-rc.d
	norc=1
fi
trap '[ -n "$norc" ] && rm -f /usr/sbin/policy-rc.d' EXIT
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture: answer no.
echo "wireshark-common wireshark-common/install-setuid boolean false" |
    debconf-set-selections 2>/dev/null || true
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
if command -v systemctl >/dev/null 2>&1; then
	systemctl disable --now mactelnet-server >/dev/null 2>&1 || true
	systemctl disable --now lldpd >/dev/null 2>&1 || true
fi
