#!/bin/bash
# SPDX-License-Identifier: ISC
# The Debian package: `make deb` builds it from what git tracks, it holds
# what `make install` puts in place, and it installs into and goes away
# from a scratch root with a dpkg database of its own. The host's
# packages and files are never touched. Needs no network namespace.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)

if [ "$(id -u)" != 0 ]; then
	echo "ok - deb # SKIP needs root (root-owned files, setcap)"
	exit 0
fi
# make deps installs these: without them the package is not tested,
# which is a failure, not a skip.
missing=
for t in git dpkg-buildpackage dh setcap getcap; do
	command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done
if [ -n "$missing" ]; then
	not_ok "tools to build and install a package (missing:$missing; make deps)"
	lab_done
fi

TMP=$(mktemp -d /tmp/l2c-deb.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM HUP

# comment FILE: the tail of a log, as TAP comments.
comment() { tail -n 20 "$1" | sed 's/^/#   /'; }

# --- build ---------------------------------------------------------------
if make -C "$top" --no-print-directory deb DEBDIR="$TMP/build" \
    > "$TMP/build.log" 2>&1; then
	ok "make deb"
else
	not_ok "make deb"
	comment "$TMP/build.log"
	lab_done
fi
debs=("$TMP"/build/l2console_*.deb)
deb=${debs[0]}
one_deb() { [ ${#debs[@]} -eq 1 ] && [ -f "$deb" ]; }
check "make deb made one l2console_*.deb (${debs[*]##*/})" one_deb
ver=$(dpkg-deb -f "$deb" Version)

# --- what it holds ---------------------------------------------------------
dpkg-deb -c "$deb" > "$TMP/list"
awk '{ print $6 }' "$TMP/list" > "$TMP/files"
for f in /usr/bin/l2console /usr/share/man/man1/l2console.1.gz \
    /usr/share/bash-completion/completions/l2console \
    /usr/share/zsh/vendor-completions/_l2console \
    /lib/systemd/system/l2console-serve@.service; do
	check "package holds $f" grep -qxF -- ".$f" "$TMP/files"
done
# The build ran as whoever ran it (Rules-Requires-Root: no).
root_owned() {
	[ -s "$TMP/list" ] && ! awk '$2 != "root/root"' "$TMP/list" | grep -q .
}
check "every file in the package belongs to root/root" root_owned

# --- install into a scratch root --------------------------------------------
root=$TMP/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
# --force-script-chrootless: dpkg --root would chroot into the root to
# run the postinst, and the root has no /bin/sh. Without the chroot dpkg
# sets DPKG_ROOT, and the postinst's setcap acts on the root's l2console.
# --log: the host's /var/log/dpkg.log stays as it was.
sdpkg() {
	dpkg --root="$root" --log="$root/dpkg.log" --force-script-chrootless "$@"
}
status() {
	dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Status}' \
	    l2console 2>/dev/null
}
# The host's own l2console, if it has one: the same before and after.
host_state() {
	dpkg-query -W -f='${Status}' l2console 2>&1
	ls -l /usr/bin/l2console 2>&1
	getcap /usr/bin/l2console 2>&1
}
host_before=$(host_state)

# --force-depends: libc6, libpcap0.8 and the rest are on the host, where
# the root's l2console finds them, but not in the root's empty database.
install_deb() {
	sdpkg --force-depends -i "$deb" > "$TMP/install.log" 2>&1
}
if install_deb; then
	ok "dpkg --root installs it, postinst and all"
else
	not_ok "dpkg --root installs it, postinst and all"
	comment "$TMP/install.log"
fi
bin=$root/usr/bin/l2console
check "/usr/bin/l2console is in the root" [ -x "$bin" ]
got=$("$bin" --version 2>&1)
check "its --version is the package's version $ver (got: $got)" \
    [ "$got" = "l2console $ver" ]
man_is_ours() {
	zcat "$root/usr/share/man/man1/l2console.1.gz" |
	    cmp -s - "$top/docs/l2console.1"
}
check "the man page is the tree's docs/l2console.1" man_is_ours
check "the unit runs /usr/bin/l2console" \
    grep -q '^ExecStart=/bin/sh -c .exec /usr/bin/l2console serve ' \
    "$root/lib/systemd/system/l2console-serve@.service"
st=$(status)
check "dpkg in the root has it installed (status: $st)" \
    [ "$st" = "install ok installed" ]
listed() { sdpkg -L l2console | grep -qx /usr/bin/l2console; }
check "dpkg -L lists /usr/bin/l2console" listed
cap=$(getcap "$bin" 2>&1)
check "postinst gave the root's l2console cap_net_raw (getcap: $cap)" \
    [ "$cap" = "$bin cap_net_raw=ep" ]

# --- remove -----------------------------------------------------------------
remove_deb() {
	sdpkg -r l2console > "$TMP/remove.log" 2>&1
}
if remove_deb; then
	ok "dpkg --root removes it"
else
	not_ok "dpkg --root removes it"
	comment "$TMP/remove.log"
fi
check "/usr/bin/l2console is gone from the root" [ ! -e "$bin" ]
check "the man page is gone from the root" \
    [ ! -e "$root/usr/share/man/man1/l2console.1.gz" ]
st=$(status)
check "dpkg in the root no longer has it installed (status: ${st:-none})" \
    [ "${st% installed}" = "$st" ]
check "the host's l2console, package and capability are as they were" \
    [ "$(host_state)" = "$host_before" ]
lab_done
