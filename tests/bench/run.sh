#!/bin/bash
# SPDX-License-Identifier: ISC
# make bench: l2console measured side by side with the reference peers,
# in namespace labs (veth pairs inside namespaces made here; removed on
# exit), written to docs/BENCHMARKS.md with the commands, the machine,
# medians over several runs and ratios from the same run.
#
# usage: tests/bench/run.sh ./l2console
# Knobs (environment): BENCH_RUNS (5), BENCH_BULK_MIB (32),
# BENCH_ACK_MIB (8), BENCH_KEYS (200), BENCH_IDLE_SEC (60),
# BENCH_FIXED_RUNS (3), BENCH_ONLY ("bulk profile ack keys login idle
# mop scan" and the name of every tests/bench/part_NAME.sh),
# BENCH_OUT (docs/BENCHMARKS.md), BENCH_PERF_KEEP (a path prefix: the
# profile's perf data kept as PREFIX.ours and PREFIX.ref_raw, for
# `perf report --sort sym`).
#
# A benchmark of its own is one file, tests/bench/part_NAME.sh: run as
# `bash part_NAME.sh L2CONSOLE` with L2C_TOOLS (the -O2 lab tools),
# BENCH_RUNS and LAB_ID set, it builds its own namespace lab, prints its
# section of the report in Markdown on stdout (a "## Title" line first)
# and exits non-zero if it could not measure.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN=$(cd "$(dirname "${1:-./l2console}")" && pwd)/$(basename "${1:-./l2console}")
RUNS=${BENCH_RUNS:-5}
BULK_MIB=${BENCH_BULK_MIB:-32}
ACK_MIB=${BENCH_ACK_MIB:-8}
KEYS=${BENCH_KEYS:-200}
IDLE_SEC=${BENCH_IDLE_SEC:-60}
FIXED_RUNS=${BENCH_FIXED_RUNS:-3}
PARTS=$(cd "$TOP/tests/bench" && for f in part_*.sh; do
	[ -f "$f" ] && { f=${f#part_}; echo "${f%.sh}"; }; done | tr '\n' ' ')
ONLY=${BENCH_ONLY:-bulk profile ack keys login idle mop scan $PARTS}
OUT=${BENCH_OUT:-$TOP/docs/BENCHMARKS.md}
CC=${CC:-cc}

if [ "$(id -u)" != 0 ]; then
	echo "make bench: needs root for network namespaces; nothing measured" >&2
	exit 1
fi
[ -x "$BIN" ] || { echo "make bench: no program at $BIN" >&2; exit 1; }
. "$TOP/tests/lab/lib.sh"
lab_init
T=$LAB_TMP
RES=$T/results
mkdir -p "$RES"
want() { case " $ONLY " in *" $1 "*) return 0 ;; esac; return 1; }
say() { echo "bench: $*" >&2; }

CMAC=02:4c:32:43:00:02 SMAC=02:4c:32:43:00:01
CMAC2=02:4c:32:43:02:02 MMAC=02:4c:32:43:02:01
PMAC_C=02:4c:32:43:01:02 PMAC_S=02:4c:32:43:01:01
TUSER=l2cbench
PW="bench$RANDOM$RANDOM"
NC=$(lab_nsname c) NS=$(lab_nsname s) NC2=$(lab_nsname c2)
NPC=$(lab_nsname pc)
T_START=$(date +%s)

# ---------------------------------------------------------------- helpers

# Numbers (one per line) on stdin -> median / percentile P / count.
med() { sort -g | awk '{a[NR]=$1} END{if(NR==0){print "nan";exit}
	print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
pct() { sort -g | awk -v p="$1" '{a[NR]=$1} END{if(NR==0){print "nan";exit}
	i=int(NR*p/100+0.999999); if(i<1)i=1; if(i>NR)i=NR; print a[i]}'; }
# r3: a number to 3 significant digits (other text unchanged).
r3() { awk '{ if ($1 + 0 == $1 && $1 != "") printf "%.3g\n", $1; else print }'; }
# calc EXPR: awk arithmetic, printed with %.3g unless a format is given.
calc() { awk "BEGIN{v=$1; if (v != v) print \"nan\"; else printf \"${2:-%.3g}\", v}"; }
# field KEY FILE...: the values of "KEY value" lines.
field() { local k=$1; shift; awk -v k="$k" '$1==k{print $2}' "$@"; }
r() { cat "$RES/$1" 2>/dev/null || echo "n/a"; }
put() { echo "$2" > "$RES/$1"; }
skipped() { put "$1" "skipped: $2"; say "$1 skipped: $2"; }
isnum() { case "$1" in ''|*[!0-9.e+-]*|nan) return 1 ;; esac; return 0; }
# ok_if VALUE OP LIMIT: "met" / "missed" / "n/a".
verdict() { { isnum "$1" && isnum "$3"; } || { echo "n/a"; return; }
	awk "BEGIN{exit !($1 $2 $3)}" && echo "met" || echo "missed"; }

# Machine-wide CPU use over the run (includes this benchmark).
cpustat() { awk '/^cpu /{print $2+$3+$4+$6+$7+$8, $5+$6, $9}' /proc/stat; }
read -r CPU0_BUSY CPU0_IDLE CPU0_STEAL < <(cpustat)
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)

# ------------------------------------------------------------- the tools

SB=$T/l2c-sessbench
if ! $CC -std=c11 -D_GNU_SOURCE -O2 -o "$SB" \
    "$TOP/tests/tools/l2c-sessbench.c" 2> "$T/cc.log"; then
	cat "$T/cc.log" >&2
	exit 1
fi
GTIME=/usr/bin/time
[ -x $GTIME ] || { echo "make bench: GNU time missing (make deps)" >&2; exit 1; }
# Does the program have these commands yet (branches merge in later)?
has_cmd() { "$BIN" "$1" --help 2>&1 | grep -qi "usage: l2console $1"; }
has_serve() { "$BIN" serve 2>&1 | grep -q "^  $1 "; }

# ------------------------------------------------------- MikroTik lab

created_user=
cleanup_bench() {
	lab_cleanup
	[ -n "$created_user" ] && userdel "$TUSER" 2>/dev/null
	return 0
}
trap cleanup_bench EXIT

# mtd_listens: mactelnetd in $NS has its UDP port open.
mtd_listens() { ip netns exec "$NS" ss -lun | grep -q ':20561 '; }

mt_lab() {
	lab_ns c && lab_ns s || return 1
	lab_link c eth0 $CMAC s eth0 $SMAC || return 1
	# mactelnetd serves only interfaces with an address, and sends to
	# 255.255.255.255 from a socket: it needs a route that covers it.
	# The client side gets one too, for the reference's default (UDP
	# socket) mode only; l2console needs none.
	lab_addr s eth0 192.0.2.1/24
	ip -n "$NS" route add default dev eth0
	lab_addr c eth0 192.0.2.2/24
	ip -n "$NC" route add default dev eth0
	if ! id "$TUSER" >/dev/null 2>&1; then
		useradd -M -d /tmp -s /bin/sh "$TUSER" || return 1
		created_user=1
	fi
	printf '%s:%s\n' "$TUSER" "$PW" > "$T/users"
	chmod 600 "$T/users"
	lab_bg s "$T/mactelnetd.log" unshare -m sh -c "mount --bind \
	    $T/users /etc/mactelnetd.users && exec mactelnetd -f"
	wait_for 5 mtd_listens
}

# cmd NAME [EXTRA...]: set CMD to the client's command line (it execs
# all the way down: the pid started is the client's pid).
cmd() {
	local c=$1
	shift
	case $c in
	ours) CMD=(env L2CONSOLE_PASSWORD="$PW" ip netns exec "$NC" "$BIN"
	    mikrotik -u "$TUSER" "$@" eth0 "$SMAC") ;;
	ref_raw) CMD=(ip netns exec "$NC" mactelnet -n -A -q -u "$TUSER"
	    -p "$PW" "$@" "$SMAC") ;;
	ref_udp) CMD=(ip netns exec "$NC" mactelnet -A -q -u "$TUSER"
	    -p "$PW" "$@" "$SMAC") ;;
	mop) CMD=(ip netns exec "$NPC" "$BIN" mop "$@" eth0 "$PMAC_S") ;;
	esac
}
# The same, spelled out for the report.
CMD_OURS="L2CONSOLE_PASSWORD=... ip netns exec C l2console mikrotik -u $TUSER eth0 $SMAC"
CMD_RAW="ip netns exec C mactelnet -n -A -q -u $TUSER -p ... $SMAC"
CMD_UDP="ip netns exec C mactelnet -A -q -u $TUSER -p ... $SMAC"
CMD_MOP="ip netns exec PC l2console mop eth0 $PMAC_S"
CLIENTS="ours ref_raw ref_udp"
declare -A CNAME=([ours]="l2console mikrotik" [ref_raw]="mactelnet -n (raw)"
    [ref_udp]="mactelnet (UDP socket)" [mop]="l2console mop"
    [mopfix]="l2console mop --fixed-poll 0.2")
declare -A CCMD=([ours]="$CMD_OURS" [ref_raw]="$CMD_RAW" [ref_udp]="$CMD_UDP")

# sessbench NAME ARGS... -- CLIENTFN ARGS: the driver on one client.
sessbench() {
	local name=$1
	shift
	"$SB" "$@" > "$T/$name.sb" 2> "$T/$name.sberr"
}

# ---------------------------------------------------------- 1. bulk

# BULK_MIB of numbered 64-byte lines, and the command that prints them.
make_big() {
	[ -f "$T/big.txt" ] && return
	say "bulk: making a ${BULK_MIB} MiB file"
	awk -v n=$((BULK_MIB * 1024 * 1024 / 64)) \
	    'BEGIN{for(i=0;i<n;i++) printf "%063d\n", i}' > "$T/big.txt"
	chmod 644 "$T/big.txt"
	printf 'cat %s; exit\n' "$T/big.txt" > "$T/bulk.in"
}

bulk() {
	local i c n lines expect size
	lines=$((BULK_MIB * 1024 * 1024 / 64))
	make_big
	for i in $(seq 1 "$RUNS"); do
		for c in $CLIENTS; do
			say "bulk: run $i/$RUNS, ${CNAME[$c]}"
			cmd "$c"
			timeout 120 $GTIME -o "$T/bulk.$c.$i.time" \
			    -f '%e %U %S %M' "${CMD[@]}" < "$T/bulk.in" > "$T/bulk.$c.out" \
			    2> "$T/bulk.$c.$i.err"
			echo "$?" > "$T/bulk.$c.$i.rc"
			size=$(stat -c %s "$T/bulk.$c.out")
			echo "$size" > "$T/bulk.$c.$i.size"
			if [ "$i" = 1 ]; then
				# Every line of the file (the first one
				# follows the shell's prompt).
				n=$(tr -d '\r' < "$T/bulk.$c.out" |
				    grep -c '[0-9]\{63\}$')
				echo "$n" > "$T/bulk.$c.lines"
			fi
		done
	done
	for c in $CLIENTS; do
		expect=$lines
		n=$(cat "$T/bulk.$c.lines")
		if [ "$n" != "$expect" ]; then
			put "bulk.$c.check" "INCOMPLETE: $n of $expect lines"
		else
			put "bulk.$c.check" "complete ($n lines)"
		fi
		cat "$T/bulk.$c".*.time | awk '{print $1}' | med > "$RES/bulk.$c.wall"
		cat "$T/bulk.$c".*.time | awk '{print $2+$3}' | med > "$RES/bulk.$c.cpu"
		cat "$T/bulk.$c".*.time | awk '{print $2}' | med > "$RES/bulk.$c.user"
		cat "$T/bulk.$c".*.time | awk '{print $3}' | med > "$RES/bulk.$c.sys"
		cat "$T/bulk.$c".*.time | awk '{print $4}' | med > "$RES/bulk.$c.rss"
		cat "$T/bulk.$c".*.time | awk '{print $1}' | sort -g | tr '\n' ' ' \
		    > "$RES/bulk.$c.walls"
		cat "$T/bulk.$c".*.time | awk '{print $2+$3}' | sort -g |
		    tr '\n' ' ' > "$RES/bulk.$c.cpus"
		put "bulk.$c.size" "$(cat "$T/bulk.$c.1.size")"
		put "bulk.$c.rcs" "$(cat "$T/bulk.$c".*.rc | sort | uniq -c |
		    awk '{printf "%s%s x%s", (NR > 1 ? ", " : ""), $2, $1}')"
		put "bulk.$c.mibs" "$(calc "$(r "bulk.$c.size") / 1048576 / $(r "bulk.$c.wall")" '%.1f')"
	done
}

# ----------------------------------------------------- 2. ACK latency

# A capture on the client's veth, inside its namespace.
capture_start() {
	lab_bg c "$T/dumpcap.$1.log" dumpcap -i eth0 -s 96 -B 64 \
	    -f 'udp port 20561' -w "$T/ack.$1.pcapng"
	DC_PID=$LAB_PID
	wait_for 5 grep -q "Capturing on" "$T/dumpcap.$1.log"
}
capture_stop() {
	kill -INT "$DC_PID" 2>/dev/null
	wait "$DC_PID" 2>/dev/null
}

# Server DATA in (counter c, n bytes) -> client ACK out (counter c + n):
# one latency in µs per DATA, from the capture's timestamps.
ack_latency() {
	tshark -r "$1" -T fields -e frame.time_epoch -e eth.src \
	    -e udp.length -e udp.payload 2>/dev/null |
	awk -v srv="$SMAC" -v cli="$CMAC" '
	function hex(s,   i, v) { v = 0; s = tolower(s)
		for (i = 1; i <= length(s); i++)
			v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v }
	{
		split($1, a, "."); t = (a[1] % 10000) + ("0." a[2])
		type = substr($4, 3, 2); ctr = hex(substr($4, 37, 8))
		if ($2 == srv && type == "01") {
			k = (ctr + $3 - 8 - 22) % 4294967296
			if (!(k in due)) due[k] = t
		} else if ($2 == cli && type == "02" && (ctr in due)) {
			printf "%.1f\n", (t - due[ctr]) * 1e6
			delete due[ctr]
		}
	}'
}

ack() {
	local c n lines
	lines=$((ACK_MIB * 1024 * 1024 / 64))
	awk -v n=$lines 'BEGIN{for(i=0;i<n;i++) printf "%063d\n", i}' \
	    > "$T/ack.txt"
	chmod 644 "$T/ack.txt"
	printf 'cat %s; exit\n' "$T/ack.txt" > "$T/ack.in"
	for c in ours ref_raw; do
		say "ack latency: ${CNAME[$c]} (${ACK_MIB} MiB, captured)"
		if ! capture_start $c; then
			skipped "ack.$c" "dumpcap did not start"
			continue
		fi
		cmd $c
		timeout 60 "${CMD[@]}" < "$T/ack.in" \
		    > /dev/null 2> "$T/ack.$c.err"
		capture_stop
		ack_latency "$T/ack.$c.pcapng" > "$T/ack.$c.us"
		n=$(wc -l < "$T/ack.$c.us")
		put "ack.$c.n" "$n"
		put "ack.$c.med" "$(med < "$T/ack.$c.us" | r3)"
		put "ack.$c.p99" "$(pct 99 < "$T/ack.$c.us" | r3)"
		put "ack.$c.drops" "$(grep -o 'received/dropped.*' \
		    "$T/dumpcap.$c.log" | head -1)"
	done
}

# --------------------------------------------------- 3. keystroke echo

# Type KEYS single bytes at the server's shell; each one's echo is timed
# (the pty on the server echoes; ^U every 40 keys drops the line).
keys_mt() {
	local c
	for c in ours ref_raw; do
		say "keys: ${CNAME[$c]}"
		# A pipe on stdout gets completed lines (--output text), and
		# a typed key is no line: time the bytes as they come.
		if [ "$c" = ours ]; then cmd $c --output raw; else cmd $c; fi
		sessbench keys.$c -t 10 -r 'echo L2C$((6*7))RDY\n' -R L2C42RDY \
		    -k "$KEYS" -x 'exit\n' -- "${CMD[@]}"
		field key_us "$T/keys.$c.sb" > "$T/keys.$c.us"
		put "keys.$c.n" "$(wc -l < "$T/keys.$c.us")"
		put "keys.$c.med" "$(med < "$T/keys.$c.us")"
		put "keys.$c.p99" "$(pct 99 < "$T/keys.$c.us")"
	done
}

# ------------------------------------------------------- 4. login

login() {
	local i c
	for i in $(seq 1 "$RUNS"); do
		for c in ours ours_md5 ref_raw; do
			if [ $c = ours_md5 ]; then cmd ours --md5; else cmd $c; fi
			sessbench "login.$c.$i" -t 10 -r 'echo L2C$((6*7))RDY\n' \
			    -R L2C42RDY -x 'exit\n' -- "${CMD[@]}"
		done
	done
	for c in ours ours_md5 ref_raw; do
		field login_us "$T"/login.$c.*.sb | awk '{print $1/1000}' \
		    > "$T/login.$c.ms"
		put "login.$c.n" "$(wc -l < "$T/login.$c.ms")"
		put "login.$c.med" "$(med < "$T/login.$c.ms" | r3)"
		put "login.$c.hwm" "$(field hwm_kb "$T"/login.$c.*.sb | med)"
		put "login.$c.cpu" "$(field login_cpu_us "$T"/login.$c.*.sb |
		    awk '{print $1/1000}' | med | r3)"
	done
}

# --------------------------------------------------------- MOP lab

mop_lab() {
	lab_ns pc && lab_ns ps || return 1
	lab_link pc eth0 $PMAC_C ps eth0 $PMAC_S || return 1
}
# serve_mop PROGRAM: (re)start the MOP server running PROGRAM.
serve_mop() {
	[ -n "${MOPD_PID:-}" ] && kill "$MOPD_PID" 2>/dev/null &&
	    wait "$MOPD_PID" 2>/dev/null
	lab_bg ps "$T/servemop.log" "$BIN" -v serve mop --exec "$1" eth0
	MOPD_PID=$LAB_PID
	wait_for 5 grep -q "serving the MOP console" "$T/servemop.log"
}

mop_bench() {
	local i c
	if ! has_cmd mop || ! has_serve mop; then
		for k in keys.mop mop.bulk idle.mop; do
			skipped $k "l2console mop / serve mop are not in this tree yet"
		done
		return
	fi
	mop_lab || { skipped mop.bulk "MOP lab setup failed"; return; }
	# Keystroke echo against serve mop --exec /bin/cat.
	if serve_mop /bin/cat; then
		say "keys: l2console mop"
		cmd mop --idle 0.2 --output raw
		sessbench keys.mop -t 10 -r 'L2CRDY\n' -R L2CRDY -k "$KEYS" \
		    -- "${CMD[@]}"
		field key_us "$T/keys.mop.sb" > "$T/keys.mop.us"
		put "keys.mop.n" "$(wc -l < "$T/keys.mop.us")"
		put "keys.mop.med" "$(med < "$T/keys.mop.us")"
		put "keys.mop.p99" "$(pct 99 < "$T/keys.mop.us")"
	else
		skipped keys.mop "serve mop --exec /bin/cat did not start"
	fi
	# 64 KiB through a shell: adaptive polling, then moprc's fixed 200 ms.
	head -c 65536 /dev/urandom | base64 -w 63 | head -c 65536 \
	    > "$T/m64.txt"
	chmod 644 "$T/m64.txt"
	if ! serve_mop /bin/sh; then
		skipped mop.bulk "serve mop --exec /bin/sh did not start"
		return
	fi
	cmd mop --idle 0.2
	for i in $(seq 1 "$RUNS"); do
		say "mop bulk: run $i/$RUNS, adaptive polling"
		sessbench "mopbulk.mop.$i" -t 20 -r 'echo L2C$((6*7))RDY\n' \
		    -R L2C42RDY -b "cat $T/m64.txt; echo L2C\$((6*7))END\\n" \
		    -B L2C42END -x 'exit\n' -- "${CMD[@]}"
	done
	cmd mop --idle 0.2 --fixed-poll 0.2
	for i in $(seq 1 "$FIXED_RUNS"); do
		say "mop bulk: run $i/$FIXED_RUNS, fixed 200 ms polling"
		sessbench "mopbulk.mopfix.$i" -t 120 -r 'echo L2C$((6*7))RDY\n' \
		    -R L2C42RDY -b "cat $T/m64.txt; echo L2C\$((6*7))END\\n" \
		    -B L2C42END -x 'exit\n' -- "${CMD[@]}"
	done
	for c in mop mopfix; do
		field bulk_us "$T"/mopbulk.$c.*.sb | awk '{print $1/1e6}' \
		    > "$T/mopbulk.$c.s"
		put "mop.bulk.$c.n" "$(wc -l < "$T/mopbulk.$c.s")"
		put "mop.bulk.$c.med" "$(med < "$T/mopbulk.$c.s" | r3)"
		put "mop.bulk.$c.bytes" "$(field bulk_bytes "$T"/mopbulk.$c.*.sb | med)"
	done
	put mop.bulk ok
}

# ---------------------------------------------------------- 5. idle

# Sessions held open IDLE_SEC without a key: CPU and wake-ups, all at
# once (they share nothing but the machine).
idle() {
	local c pids=()
	for c in ours ref_raw; do
		say "idle: ${CNAME[$c]} for ${IDLE_SEC} s"
		cmd $c
		sessbench idle.$c -t 10 -r 'echo L2C$((6*7))RDY\n' -R L2C42RDY \
		    -i "$IDLE_SEC" -x 'exit\n' -- "${CMD[@]}" &
		pids+=($!)
	done
	if [ "$(r mop.lab)" = up ]; then
		say "idle: l2console mop for ${IDLE_SEC} s"
		cmd mop --idle 0.2
		sessbench idle.mop -t 10 -r 'echo L2C$((6*7))RDY\n' \
		    -R L2C42RDY -i "$IDLE_SEC" -x 'exit\n' -- "${CMD[@]}" &
		pids+=($!)
	fi
	wait "${pids[@]}"
	for c in ours ref_raw mop; do
		[ -f "$T/idle.$c.sb" ] || continue
		put "idle.$c.cpu_ms" "$(calc "$(field idle_cpu_us "$T/idle.$c.sb") / 1000 * 60 / $IDLE_SEC" '%.2f')"
		put "idle.$c.wakeups" "$(calc "$(field idle_vcsw "$T/idle.$c.sb") * 60 / $IDLE_SEC" '%.0f')"
		put "idle.$c.hwm" "$(field hwm_kb "$T/idle.$c.sb")"
		put "idle.$c.status" "$(field status "$T/idle.$c.sb")"
	done
}

# ------------------------------------------------------- 7. profile

# Where the CPU of one bulk run goes, ours and the reference's, from a
# perf profile (cpu-clock samples with call graphs): the share under
# each system call and in user space.
profile() {
	local c rep dso
	if ! perf record -q -e cpu-clock -o "$T/perf.test" true \
	    > /dev/null 2>&1; then
		skipped prof "perf cannot sample here"
		return
	fi
	make_big
	for c in ours ref_raw; do
		say "profile: ${CNAME[$c]}"
		cmd $c
		timeout 120 perf record -q -F 2000 -e cpu-clock -g \
		    -o "$T/perf.$c" -- "${CMD[@]}" < "$T/bulk.in" \
		    > "$T/perf.$c.out" 2> "$T/perf.$c.err"
		rm -f "$T/perf.$c.out"
		[ -z "${BENCH_PERF_KEEP:-}" ] ||
		    cp "$T/perf.$c" "$BENCH_PERF_KEEP.$c"
		rep=$(perf report -i "$T/perf.$c" --children --sort sym \
		    -g none --stdio 2>/dev/null)
		dso=$(perf report -i "$T/perf.$c" --no-children --sort dso \
		    -g none --stdio 2>/dev/null)
		share() { echo "$rep" | awk -v re="$1" '
		    $NF ~ re { sub("%", "", $1); s += $1 } END { printf "%.0f", s }'; }
		put "prof.$c.wait" "$(share '^(__x64_sys_ppoll|__x64_sys_poll|__x64_sys_pselect6|__x64_sys_select)$')"
		put "prof.$c.send" "$(share '^__sys_sendto$')"
		put "prof.$c.recv" "$(share '^(__sys_recvfrom|__sys_recvmsg)$')"
		put "prof.$c.write" "$(share '^ksys_write$')"
		put "prof.$c.resched" "$(share '^exit_to_user_mode_loop$')"
		put "prof.$c.user" "$(echo "$dso" | awk '/%/ && !/kernel/ {
		    sub("%", "", $1); s += $1 } END { printf "%.0f", s }')"
		# Samples at 2 kHz: 0.5 ms of CPU each.
		put "prof.$c.ms" "$(perf report -i "$T/perf.$c" -n \
		    --no-children --sort dso -g none --stdio 2>/dev/null |
		    awk '/%/ { s += $2 } END { printf "%.0f", s / 2 }')"
	done
	put prof ok
}

# ---------------------------------------------------------- 6. scan

scan() {
	if [ ! -f "$TOP/tests/bench/scan.sh" ] || ! has_cmd scan ||
	    [ ! -f "$TOP/tests/tools/l2c-responder.c" ]; then
		skipped scan "l2console scan and tests/bench/scan.sh are not in this tree yet"
		return
	fi
	if ! rel_tools; then
		skipped scan "cannot build l2c-responder: $(head -1 "$T/cc-l2c-responder.log")"
		return
	fi
	say "scan: tests/bench/scan.sh (200 and 1000 devices)"
	if L2C_TOOLS="$T/tools" BENCH_RUNS=$RUNS BENCH_SIZES="200 1000" \
	    LAB_ID="${LAB_ID}s" bash "$TOP/tests/bench/scan.sh" "$BIN" \
	    > "$T/scan.out" 2> "$T/scan.err"; then
		cp "$T/scan.out" "$RES/scan"
	else
		skipped scan "tests/bench/scan.sh failed: $(tail -1 "$T/scan.out" "$T/scan.err" | tr '\n' ' ')"
	fi
}

# ------------------------------------------- tests/bench/part_NAME.sh

# rel_tools: the lab tools, optimized like the program (not the
# sanitized test build): they must not be the slow side.
rel_tools() {
	local libs t
	[ -x "$T/tools/l2c-responder" ] && return 0
	mkdir -p "$T/tools"
	libs="$(pkg-config --libs libpcap libcrypto ncursesw 2>/dev/null) -lnet -lutil -lm"
	for t in l2c-responder l2c-flood l2c-sessbench l2c-guess; do
		[ -f "$TOP/tests/tools/$t.c" ] || continue
		# shellcheck disable=SC2046,SC2086
		$CC -std=c11 -D_GNU_SOURCE -O2 -I"$TOP/src" \
		    -o "$T/tools/$t" "$TOP/tests/tools/$t.c" \
		    "$TOP"/tests/tools/lib/*.c \
		    $(ls "$TOP"/build/rel/src/core/*.o "$TOP"/build/rel/src/mac/*.o \
		    "$TOP"/build/rel/src/mop/*.o "$TOP"/build/rel/src/disc/*.o \
		    2>/dev/null) $libs 2> "$T/cc-$t.log" || return 1
	done
}

part() {
	local name=$1
	if ! rel_tools; then
		skipped "part.$name" "cannot build the lab tools: $(head -1 "$T"/cc-*.log)"
		return
	fi
	say "$name: tests/bench/part_$name.sh"
	if L2C_TOOLS="$T/tools" BENCH_RUNS=$RUNS LAB_ID="${LAB_ID}p" \
	    bash "$TOP/tests/bench/part_$name.sh" "$BIN" \
	    > "$T/part.$name.out" 2> "$T/part.$name.err"; then
		cp "$T/part.$name.out" "$RES/part.$name"
	else
		skipped "part.$name" "tests/bench/part_$name.sh failed: $(tail -q -n 2 "$T/part.$name.out" "$T/part.$name.err" | tr '\n' ' ')"
	fi
}

# -------------------------------------------- 8. EC-SRP5 login (serve)

# Our own server in namespace M, its client in C2 (one interface: the
# reference sends on every interface that has an address, and a second
# one slows its login down): logins with EC-SRP5 and with MD5, ours and
# the reference's.
srv_lab() {
	lab_ns c2 && lab_ns m || return 1
	lab_link c2 eth0 $CMAC2 m eth0 $MMAC || return 1
	# The reference sends only on interfaces that have an address.
	lab_addr c2 eth0 198.51.100.2/24
	printf '%s:%s\n' "$TUSER" "$PW" > "$T/srvusers"
	chmod 600 "$T/srvusers"
	lab_bg m "$T/servemt.log" "$BIN" -v serve mikrotik --users \
	    "$T/srvusers" --exec /bin/sh --mndp-interval 0 eth0
	wait_for 10 grep -q "serving MAC-Telnet on eth0" "$T/servemt.log"
}

login_srv() {
	local i c
	if ! has_serve mikrotik; then
		skipped login.ecsrp "l2console serve mikrotik is not in this tree yet"
		return
	fi
	if ! srv_lab; then
		skipped login.ecsrp "serve mikrotik did not start: $(tail -1 "$T/servemt.log")"
		return
	fi
	for i in $(seq 1 "$RUNS"); do
		for c in srv_ecsrp srv_md5 srv_ref; do
			case $c in
			srv_ecsrp) CMD=(env L2CONSOLE_PASSWORD="$PW" ip netns exec
			    "$NC2" "$BIN" mikrotik -u "$TUSER" eth0 "$MMAC") ;;
			srv_md5) CMD=(env L2CONSOLE_PASSWORD="$PW" ip netns exec
			    "$NC2" "$BIN" mikrotik --md5 -u "$TUSER" eth0 "$MMAC") ;;
			srv_ref) CMD=(ip netns exec "$NC2" mactelnet -n -A -q -u
			    "$TUSER" -p "$PW" "$MMAC") ;;
			esac
			sessbench "login.$c.$i" -t 10 -r 'echo L2C$((6*7))RDY\n' \
			    -R L2C42RDY -x 'exit\n' -- "${CMD[@]}"
		done
	done
	for c in srv_ecsrp srv_md5 srv_ref; do
		field login_us "$T"/login.$c.*.sb | awk '{print $1/1000}' \
		    > "$T/login.$c.ms"
		put "login.$c.n" "$(wc -l < "$T/login.$c.ms")"
		put "login.$c.med" "$(med < "$T/login.$c.ms" | r3)"
		put "login.$c.cpu" "$(field login_cpu_us "$T"/login.$c.*.sb |
		    awk '{print $1/1000}' | med | r3)"
		put "login.$c.hwm" "$(field hwm_kb "$T"/login.$c.*.sb | med)"
	done
	put login.ecsrp ok
}

# ------------------------------------------------------------ run it

# The parts first: each builds its own lab, with the same MACs, users
# and daemons as the ones below, which must not be up yet.
for p in $PARTS; do
	want "$p" && part "$p"
done
if want bulk || want profile || want ack || want keys || want login ||
    want idle; then
	say "MikroTik lab: veth pair, Debian's mactelnetd"
	if ! mt_lab; then
		echo "make bench: the MikroTik lab did not come up:" >&2
		cat "$T/mactelnetd.log" >&2
		exit 1
	fi
fi
want bulk && bulk
want profile && profile
want ack && ack
want keys && keys_mt
want login && login
if want mop; then
	mop_bench
	[ "$(r mop.bulk)" = ok ] && put mop.lab up
fi
want idle && idle
want login && login_srv
want scan && scan

read -r CPU1_BUSY CPU1_IDLE CPU1_STEAL < <(cpustat)
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)
T_END=$(date +%s)
BUSY_PCT=$(calc "100 * ($CPU1_BUSY - $CPU0_BUSY) / (($CPU1_BUSY - $CPU0_BUSY) + ($CPU1_IDLE - $CPU0_IDLE) + ($CPU1_STEAL - $CPU0_STEAL))" '%.0f')
STEAL_PCT=$(calc "100 * ($CPU1_STEAL - $CPU0_STEAL) / (($CPU1_BUSY - $CPU0_BUSY) + ($CPU1_IDLE - $CPU0_IDLE) + ($CPU1_STEAL - $CPU0_STEAL))" '%.1f')

# ----------------------------------------------------------- report

. "$TOP/tests/bench/report.sh"
report > "$OUT.tmp" && mv "$OUT.tmp" "$OUT"
say "wrote $OUT ($((T_END - T_START)) s)"
