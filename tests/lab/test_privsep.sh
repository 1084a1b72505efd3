#!/bin/bash
# SPDX-License-Identifier: ISC
# Privilege separation of both servers (issue 19, row 15): started as
# root, `serve mikrotik` and `serve mop` fork; the process that holds
# the raw socket and parses every frame is nobody (or --privsep-user),
# with no capabilities and no new privileges; the monitor stays root
# and is the only one to start programs.  Logins still work: Debian's
# mactelnet (MD5) and ours (EC-SRP5), each session's program as the
# logged-in user; MOP's --exec as --user.  A monitor killed outright
# takes its parser along.
. "$(dirname "$0")/lib.sh"
lab_init
BIN=${L2C_BIN:?}
SRV=02:4c:32:45:00:01 CLI=02:4c:32:45:00:02
TUSER=l2cpsep		# a local account, made here if missing
{ lab_ns s && lab_ns c; } || { not_ok "create namespaces"; lab_done; }
lab_link s eth0 $SRV c eth0 $CLI
lab_addr c eth0 192.0.2.2/24
ip -n "$(lab_nsname c)" route add default dev eth0
lab_user "$TUSER" || { not_ok "useradd $TUSER"; lab_done; }
uid_nobody=$(id -u nobody)
gid_nobody=$(id -g nobody)
tuid=$(id -u "$TUSER")

in_c() { timeout 15 ip netns exec "$(lab_nsname c)" "$@"; }
# field PID NAME: a line of /proc/PID/status, its values only (spaced).
field() { awk -v k="$2:" '$1 == k { $1 = ""; print substr($0, 2) }' "/proc/$1/status"; }
four() { echo "$1 $1 $1 $1"; }
absent() { ! grep -q "$@"; }
nocore() { grep -Eq '^Max core file size +0 ' "/proc/$1/limits" &&
    grep -Eq '^Max core file size +0 ' "/proc/$2/limits"; }
# parser_of PID: the monitor's one child at start, the parser.
parser_of() { pgrep -P "$1" | head -n 1; }
# holds_packet PID: one of its descriptors is a packet socket of its netns.
holds_packet() {
	local fd ino
	for fd in "/proc/$1/fd"/*; do
		ino=$(readlink "$fd") || continue
		ino=${ino#socket:[}
		awk -v i="${ino%]}" 'NR > 1 && $NF == i { f = 1 } END { exit !f }' \
		    "/proc/$1/net/packet" && return 0
	done
	return 1
}
# separated WHO MON: the checks on a monitor and its parser.
separated() {
	local who=$1 mon=$2 par
	par=$(parser_of "$mon")
	if [ -z "$par" ]; then
		not_ok "$who: the monitor has a parser child"
		return
	fi
	check "$who: the monitor is root (Uid $(field "$mon" Uid))" \
	    [ "$(field "$mon" Uid)" = "$(four 0)" ]
	check "$who: the parser is nobody (Uid $(field "$par" Uid), Gid $(field "$par" Gid))" \
	    [ "$(field "$par" Uid):$(field "$par" Gid)" = "$(four "$uid_nobody"):$(four "$gid_nobody")" ]
	check "$who: the parser has no capabilities (CapEff $(field "$par" CapEff))" \
	    [ "$(field "$par" CapEff):$(field "$par" CapPrm)" = 0000000000000000:0000000000000000 ]
	check "$who: the parser may gain no privileges (NoNewPrivs)" \
	    [ "$(field "$par" NoNewPrivs)" = 1 ]
	check "$who: the parser holds the raw socket" holds_packet "$par"
	check "$who: neither dumps a core" nocore "$mon" "$par"
	PARSER=$par
}

# MAC-Telnet: root over MD5 (Debian's client), TUSER over EC-SRP5.
U=$LAB_TMP/users
L2CONSOLE_PASSWORD=pw-md5 "$BIN" serve mikrotik --add-user root --md5 \
    --users "$U" > /dev/null
L2CONSOLE_PASSWORD=pw-ec "$BIN" serve mikrotik --add-user "$TUSER" \
    --users "$U" > /dev/null
printf 'pw-ec\n' > "$LAB_TMP/pw-ec"
printf 'wrong\n' > "$LAB_TMP/pw-wrong"
log=$LAB_TMP/mt.log
lab_bg s "$log" "$BIN" -v serve mikrotik --users "$U" --exec /bin/sh \
    --mndp-interval 0 --fail-delay 100 eth0
mt=$LAB_PID
wait_for 10 grep -q "serving MAC-Telnet on eth0" "$log" ||
    { not_ok "serve mikrotik starts ($(cat "$log"))"; lab_done; }
check "serve mikrotik says it is privilege separated" \
    grep -q "privilege separated" "$log"
separated "serve mikrotik" "$mt"
mt_parser=$PARSER

echo 'echo "uid=$(id -u)"; exit' |
    in_c mactelnet -u root -p pw-md5 $SRV > "$LAB_TMP/deb.out" 2>&1
check "Debian mactelnet (MD5) logs in; the shell is root's (uid=0)" \
    grep -q "uid=0" "$LAB_TMP/deb.out"
echo 'echo "uid=$(id -u)"; exit' |
    in_c "$BIN" mikrotik --login-retries 0 -u "$TUSER" \
    --password-file "$LAB_TMP/pw-ec" eth0 $SRV > "$LAB_TMP/ec.out" 2>&1
check "our client (EC-SRP5) logs in; the shell is $TUSER's (uid=$tuid)" \
    grep -q "uid=$tuid" "$LAB_TMP/ec.out"
# A job left in the background, holding the terminal, does not keep the
# session open: it ends with the shell, as when the program is our own
# child (the shell's end shows to the parser as its session going).
printf 'trap "" HUP; sleep 30 &\nexit\n' > "$LAB_TMP/bg.in"
in_c "$BIN" mikrotik --login-retries 0 -u "$TUSER" --idle 60 \
    --password-file "$LAB_TMP/pw-ec" eth0 $SRV < "$LAB_TMP/bg.in" \
    > "$LAB_TMP/bg.out" 2>&1 &
bgc=$!
bg_client_gone() { ! kill -0 "$bgc" 2>/dev/null; }
check "the session ends with its shell, a background job still holding the terminal" \
    wait_for 10 bg_client_gone
kill "$bgc" 2>/dev/null
wait "$bgc" 2>/dev/null
in_c "$BIN" mikrotik --login-retries 0 -u "$TUSER" \
    --password-file "$LAB_TMP/pw-wrong" eth0 $SRV < /dev/null \
    > "$LAB_TMP/wrong.out" 2>&1
check "a wrong password still fails (exit 2)" [ $? -eq 2 ]
check "the parser is still the one, still nobody" \
    [ "$(field "$mt_parser" Uid)" = "$(four "$uid_nobody")" ]

# A monitor killed outright: the parser goes too, nothing listens.
kill -KILL "$mt"
{ wait "$mt"; } 2>/dev/null
gone() { [ -n "$mt_parser" ] && ! kill -0 "$mt_parser" 2>/dev/null; }
check "killing the monitor ends its parser" wait_for 5 gone

# MOP: --exec as --user, the parser nobody.
printf 'psep\n' > "$LAB_TMP/verif"
chmod 600 "$LAB_TMP/verif"
# serve_mop LOG PROGRAM: serve mop running PROGRAM as TUSER; $mop its pid.
serve_mop() {
	lab_bg s "$1" "$BIN" -v serve mop --verification-file \
	    "$LAB_TMP/verif" --exec "$2" --user "$TUSER" eth0
	mop=$LAB_PID
	wait_for 10 grep -q "serving the MOP console" "$1" ||
	    { not_ok "serve mop starts ($(cat "$1"))"; lab_done; }
}
# mop_console IDLE OUT: our requester with the right verification.
mop_console() {
	L2CONSOLE_MOP_VERIFICATION=psep in_c "$BIN" mop --idle "$1" \
	    --timeout 3 eth0 $SRV < /dev/null > "$2" 2>&1
}
mlog=$LAB_TMP/mop.log
serve_mop "$mlog" 'echo "uid=$(id -u)"'
separated "serve mop" "$mop"
mop_console 0.5 "$LAB_TMP/mop.out"
check "MOP: reserve and console; --exec runs as --user (uid=$tuid)" \
    grep -q "uid=$tuid" "$LAB_TMP/mop.out"
L2CONSOLE_MOP_VERIFICATION=wrong in_c "$BIN" mop --idle 0.5 --timeout 3 \
    eth0 $SRV < /dev/null > "$LAB_TMP/mop-wrong.out" 2>&1
check "MOP: a wrong verification gets no console" \
    absent "uid=" "$LAB_TMP/mop-wrong.out"
kill -TERM "$mop"
wait "$mop"
rc=$?
check "SIGTERM on the MOP monitor ends both cleanly (exit $rc)" \
    [ "$rc" -eq 0 ]

# A console program that ends, leaving a job in the background that
# holds its terminal: the holder is told it ended all the same.
mlog2=$LAB_TMP/mop2.log
serve_mop "$mlog2" 'trap "" HUP; sleep 30 & echo started'
mop_console 3 "$LAB_TMP/mop-bg.out"
check "MOP: the program's end is told, a background job still holding the terminal" \
    grep -q "console program ended" "$LAB_TMP/mop-bg.out"
kill -TERM "$mop"
wait "$mop"
check "no sanitizer report" absent Sanitizer "$log" "$mlog" "$mlog2"

# The parser's account must exist and must not be root.
lab_exec s "$BIN" serve mop --privsep-user nosuch eth0 \
    > "$LAB_TMP/nosuch.out" 2>&1
check "--privsep-user of no account: refused, exit 77" \
    status_grep $? 77 "$LAB_TMP/nosuch.out" 'privsep: no user "nosuch"'
lab_exec s "$BIN" serve mikrotik --users "$U" --privsep-user root eth0 \
    > "$LAB_TMP/root.out" 2>&1
check "--privsep-user root: refused, exit 77" \
    status_grep $? 77 "$LAB_TMP/root.out" 'the parser must not be root'

# The release build's parser also has an empty root and may start no
# process (the sanitizer build skips both: LeakSanitizer needs /proc
# and a thread of its own at exit).  L2C_REL_BIN, else ./l2console
# brought up to date, as test_valgrind does.
top=$(cd "$(dirname "$0")/../.." && pwd)
REL=${L2C_REL_BIN:-}
if [ -z "$REL" ] && make -s -C "$top" l2console > "$LAB_TMP/make.log" 2>&1
then
	REL=$top/l2console
fi
if [ -z "$REL" ] || ldd "$REL" | grep -q libasan; then
	not_ok "a release build to run ($(tail -3 "$LAB_TMP/make.log"))"
	lab_done
fi
rlog=$LAB_TMP/rel.log
lab_bg s "$rlog" "$REL" -v serve mikrotik --users "$U" --exec /bin/sh \
    --mndp-interval 0 eth0
rel=$LAB_PID
wait_for 10 grep -q "serving MAC-Telnet" "$rlog" ||
    { not_ok "release serve mikrotik starts ($(cat "$rlog"))"; lab_done; }
rpar=$(parser_of "$rel")
nproc0() { grep -Eq '^Max processes +0 +0 ' "/proc/$1/limits"; }
# The empty directory it entered is gone: the root reads "(deleted)".
empty_root() {
	local r
	r=$(readlink "/proc/$1/root") && [ "$r" != / ] &&
	    [ -z "$(ls -A "/proc/$1/root/" 2>/dev/null)" ]
}
check "release: the parser may start no process (RLIMIT_NPROC 0)" \
    nproc0 "$rpar"
check "release: the parser's root is an empty directory ($(readlink "/proc/$rpar/root"))" \
    empty_root "$rpar"
check "release: the monitor's root is the system's" \
    [ "$(readlink "/proc/$rel/root")" = / ]
echo 'echo "uid=$(id -u)"; exit' |
    in_c "$REL" mikrotik --login-retries 0 -u "$TUSER" \
    --password-file "$LAB_TMP/pw-ec" eth0 $SRV > "$LAB_TMP/rel.out" 2>&1
check "release: an EC-SRP5 login still runs its program as $TUSER" \
    grep -q "uid=$tuid" "$LAB_TMP/rel.out"
lab_done
