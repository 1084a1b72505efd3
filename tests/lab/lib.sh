# SPDX-License-Identifier: ISC
# shellcheck shell=bash
# Lab helpers: network namespaces joined by veth pairs, optionally through
# a bridge that drops frames.  Every frame stays inside namespaces this
# script made; all of them go away on exit, also on failure.
#
# Source it, then:
#   lab_init                       unique names, cleanup trap
#   lab_ns NAME                    a namespace (its name is $(lab_nsname NAME))
#   lab_link A IFA MACA B IFB MACB veth pair between namespaces A and B
#   lab_pair SMAC CMAC             namespaces s and c joined on their eth0
#                                  (these MACs); ends the test if it cannot
#   lab_console                    a client test's start: lab_init, then
#                                  lab_pair $SRV $CLI (02:4c:32:43:00:01 and
#                                  :02); BIN (L2C_BIN), T (LAB_TMP) and tools
#                                  (tests/tools) set for the test
#   lab_serve_routeros LOG ARGS... serve mikrotik in s, the RouterOS
#                                  personality (these ARGS) its console, for
#                                  root:pw-plain; ends the test if it fails
#   lab_serve_ios NS LOG IFACE ARGS...   serve mop in NS on IFACE, the IOS
#                                  personality (these ARGS) its console, run
#                                  as nobody from lab_tools; --login U:P
#                                  reaches it in a file, not in its argv;
#                                  its pid in $LAB_PID; 1 if it does not
#                                  serve (LOG)
#   lab_tools                      the personalities (tests/tools/*.py)
#                                  copied into LAB_TMP, for the account
#                                  nobody to read (a checkout in a private
#                                  folder it may not); the copy's folder
#                                  in $LAB_TOOLS
#   lab_for_all FILE...            FILE (made empty if missing) writable by
#                                  a program that dropped root, and still
#                                  the test's to empty (fs.protected_regular)
#   lab_bridge BR A IFA MACA B IFB MACB   A and B through a bridge in ns BR
#   lab_loss BR PCT [IFACE]        drop PCT% of frames arriving on the
#                                  bridge from port IFACE (default: all)
#   lab_loss_off BR                no more loss on that bridge
#   lab_addr NS IFACE CIDR         an IPv4 address (servers that need one)
#   lab_user NAME                  a local account NAME (shell /bin/sh), made
#                                  here if missing and then removed at exit
#   lab_exec NS CMD...             run in a namespace
#   lab_bg NS LOG CMD...           start in the background (killed on exit);
#                                  its pid is in $LAB_PID (no $(...) around it)
#   wait_for SECONDS CMD...        poll CMD until it succeeds, or fail
#   status_grep STATUS WANT FILE PATTERN   exit status and output, at once
#   ok/not_ok/skip DESC, check DESC CMD...   TAP output (CMD a command or a
#                                  function; never an eval string)

LAB_ID=${LAB_ID:-$$}
LAB_NS=()
LAB_PIDS=()
LAB_USERS=()
LAB_TMP=
LAB_TOOLS=
TAP_N=0
TAP_FAILED=0

lab_nsname() { echo "l2c${LAB_ID}$1"; }

lab_cleanup() {
	local p ns u
	for p in "${LAB_PIDS[@]}"; do
		kill -TERM "$p" 2>/dev/null
	done
	for p in "${LAB_PIDS[@]}"; do
		# Anything that ignored TERM goes now.
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$p" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$p" 2>/dev/null
	done
	for ns in "${LAB_NS[@]}"; do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -KILL 2>/dev/null
		ip netns del "$ns" 2>/dev/null
	done
	# After its processes: userdel refuses an account still in use.
	for u in "${LAB_USERS[@]}"; do
		userdel "$u" 2>/dev/null
	done
	[ -n "$LAB_TMP" ] && rm -rf "$LAB_TMP"
	return 0
}

lab_init() {
	if [ "$(id -u)" != 0 ]; then
		echo "ok - lab # SKIP needs root for network namespaces"
		exit 0
	fi
	LAB_TMP=$(mktemp -d /tmp/l2c-lab.XXXXXX)
	# Programs that dropped root still write their ready files here.
	chmod 1777 "$LAB_TMP"
	# Each test its own known devices: no record leaks into the next.
	export L2CONSOLE_KNOWN_DEVICES=$LAB_TMP/known_devices
	trap 'lab_cleanup' EXIT
	trap 'exit 130' INT TERM HUP
}

lab_ns() {
	local ns
	ns=$(lab_nsname "$1")
	ip netns add "$ns" || return 1
	LAB_NS+=("$ns")
	ip -n "$ns" link set lo up
	# No IPv6 chatter (router solicitations, DAD) on lab links.
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
	    net.ipv6.conf.default.disable_ipv6=1 >/dev/null
}

lab_exec() {
	local ns
	ns=$(lab_nsname "$1"); shift
	ip netns exec "$ns" "$@"
}

# The veth pair is created inside A with its peer inside B: neither end
# ever exists in the host's namespace.
lab_link() {
	local a b
	a=$(lab_nsname "$1"); b=$(lab_nsname "$4")
	ip -n "$a" link add "$2" address "$3" type veth \
	    peer name "$5" address "$6" netns "$b" || return 1
	ip -n "$a" link set "$2" up
	ip -n "$b" link set "$5" up
}

lab_pair() {
	{ lab_ns s && lab_ns c && lab_link s eth0 "$1" c eth0 "$2"; } ||
	    { not_ok "create namespaces"; lab_done; }
}

lab_console() {
	lab_init
	# shellcheck disable=SC2034  # the test's
	BIN=${L2C_BIN:?} T=$LAB_TMP SRV=02:4c:32:43:00:01 CLI=02:4c:32:43:00:02 \
	    tools=$(cd "$(dirname "${BASH_SOURCE[0]}")/../tools" && pwd)
	lab_pair $SRV $CLI
}

lab_serve_routeros() {
	local log=$1 tools
	shift
	tools=$(cd "$(dirname "${BASH_SOURCE[0]}")/../tools" && pwd)
	printf 'root:pw-plain\n' > "$LAB_TMP/users"
	chmod 600 "$LAB_TMP/users"
	lab_bg s "$log" "${L2C_BIN:?}" -v serve mikrotik --users \
	    "$LAB_TMP/users" --exec "python3 $tools/routeros_console.py $*" \
	    --mndp-interval 0 eth0
	wait_for 10 grep -q "serving MAC-Telnet on eth0" "$log" ||
	    { not_ok "serve mikrotik starts"; cat "$log"; lab_done; }
}

lab_tools() {
	[ -n "$LAB_TOOLS" ] && return 0
	mkdir -m 755 "$LAB_TMP/tools" &&
	    cp "$(dirname "${BASH_SOURCE[0]}")"/../tools/*.py "$LAB_TMP/tools" &&
	    chmod 644 "$LAB_TMP"/tools/*.py || return 1
	LAB_TOOLS=$LAB_TMP/tools
}

lab_serve_ios() {
	local ns=$1 log=$2 ifc=$3 args=() f
	shift 3
	lab_tools || return 1
	# --login U:P goes to the personality in a file, not in its argv.
	while [ $# -gt 0 ]; do
		if [ "$1" = --login ] && [ $# -gt 1 ]; then
			f=$(mktemp "$LAB_TOOLS/login.XXXXXX") || return 1
			printf '%s\n' "$2" > "$f" && chown nobody "$f" &&
			    chmod 400 "$f" || return 1
			args+=(--login-file "$f")
			shift 2
		else
			args+=("$1")
			shift
		fi
	done
	# Emptied first: the wait below must not find the last server's line.
	: > "$log"
	lab_bg "$ns" "$log" "${L2C_BIN:?}" -v serve mop \
	    --exec "python3 $LAB_TOOLS/ios_console.py ${args[*]}" "$ifc"
	wait_for 20 grep -q "serving the MOP console" "$log"
}

# Root made it, in root's sticky LAB_TMP: with fs.protected_regular the
# test may not open with O_CREAT (: >) a file that nobody made there.
lab_for_all() {
	local f
	for f in "$@"; do
		[ -e "$f" ] || : > "$f"
		chmod 666 "$f" || return 1
	done
}

lab_bridge() {
	local br a b
	br=$(lab_nsname "$1"); a=$(lab_nsname "$2"); b=$(lab_nsname "$5")
	ip -n "$br" link add br0 type bridge || return 1
	# Forward at once: no STP listening delay on a fresh bridge.
	ip -n "$br" link set br0 type bridge forward_delay 0 stp_state 0
	ip -n "$br" link set br0 up
	ip -n "$br" link add "p$3" type veth peer name "$3" netns "$a"
	ip -n "$a" link set "$3" address "$4" up
	ip -n "$br" link set "p$3" master br0 up
	ip -n "$br" link add "p$6" type veth peer name "$6" netns "$b"
	ip -n "$b" link set "$6" address "$7" up
	ip -n "$br" link set "p$6" master br0 up
}

# Random loss on the bridge, with nft's bridge family ("fwd" is an nft
# keyword: the chain is called "loss").  Each call adds a rule (one per
# port for loss both ways); lab_loss_off BR removes them all.
lab_loss() {
	local br pct=$2 port=${3:-}
	br=$(lab_nsname "$1")
	ip netns exec "$br" nft -f - <<NFT || return 1
table bridge l2closs {
	chain lossy {
		type filter hook forward priority 0; policy accept;
		${port:+iifname "p$port"} numgen random mod 100 < $pct counter drop
	}
}
NFT
}

lab_loss_off() {
	ip netns exec "$(lab_nsname "$1")" nft delete table bridge l2closs
}

lab_addr() {
	ip -n "$(lab_nsname "$1")" addr add "$3" dev "$2"
}

lab_user() {
	id "$1" >/dev/null 2>&1 && return 0
	useradd -M -N -d / -s /bin/sh "$1" || return 1
	LAB_USERS+=("$1")
}

lab_bg() {
	local ns log
	ns=$(lab_nsname "$1"); log=$2; shift 2
	ip netns exec "$ns" "$@" > "$log" 2>&1 &
	LAB_PID=$!
	LAB_PIDS+=("$LAB_PID")
}

# count PATTERN FILE: how many lines match (0 if none).
count() { grep -c -- "$1" "$2" 2>/dev/null || true; }

# Poll a condition; never a bare sleep in place of it.
wait_for() {
	local secs=$1 deadline
	shift
	deadline=$(( $(date +%s%N) + secs * 1000000000 ))
	while ! "$@" >/dev/null 2>&1; do
		[ "$(date +%s%N)" -ge "$deadline" ] && return 1
		sleep 0.05
	done
	return 0
}

# status_grep STATUS WANT FILE PATTERN: a command's exit status STATUS
# is WANT and FILE has a line matching the basic regex PATTERN.
status_grep() { [ "$1" -eq "$2" ] && grep -q -- "$4" "$3"; }

ok() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $*"; }
not_ok() { TAP_N=$((TAP_N + 1)); TAP_FAILED=1; echo "not ok $TAP_N - $*"; }
skip() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $1 # SKIP $2"; }
# check DESC CMD [ARG...]: ok if CMD (a command or a function) succeeds.
# No eval strings: a condition of several parts is a function.  After a
# not ok it returns 1, so that `check ... || dump` can show why.
check() {
	local desc=$1
	shift
	if [ "${1:-}" = eval ]; then
		not_ok "$desc # check takes a command or a function, not eval"
		return 1
	fi
	if "$@"; then ok "$desc"; else not_ok "$desc"; return 1; fi
}
lab_done() { exit "$TAP_FAILED"; }
