#!/bin/bash
# SPDX-License-Identifier: ISC
# Batch mode's terminal model against its raw bytes: 32 MiB of output
# from Debian's mactelnetd (a shell's cat) through `l2console mikrotik`
# with --output text (the libvterm model, lines as they complete) and
# with --output raw (the bytes as received), alternating in one run.
# Reports the throughput ratio text/raw (goal >= 0.8) and the CPU of
# each.  usage: bash part_textout.sh L2CONSOLE (see tests/bench/run.sh).
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:?usage: part_textout.sh L2CONSOLE}
RUNS=${BENCH_RUNS:-5}
MIB=${BENCH_TEXTOUT_MIB:-32}
. "$TOP/tests/lab/lib.sh"
lab_init
T=$LAB_TMP
CMAC=02:4c:32:43:07:02 SMAC=02:4c:32:43:07:01
TUSER=l2cbtext
PW="bench$RANDOM$RANDOM"
GTIME=/usr/bin/time
say() { echo "textout: $*" >&2; }
[ -x $GTIME ] || { echo "GNU time missing (make deps)"; exit 1; }
command -v mactelnetd >/dev/null || { echo "mactelnet-server missing"; exit 1; }

created_user=
trap 'lab_cleanup; [ -n "$created_user" ] && userdel "$TUSER" 2>/dev/null; true' EXIT
{ lab_ns c && lab_ns s; } || { echo "cannot create namespaces"; exit 1; }
lab_link c eth0 $CMAC s eth0 $SMAC || exit 1
# mactelnetd serves only interfaces with an address and sends to
# 255.255.255.255 from a socket: a route must cover it.
lab_addr s eth0 192.0.2.1/24
ip -n "$(lab_nsname s)" route add default dev eth0
if ! id "$TUSER" >/dev/null 2>&1; then
	useradd -M -d /tmp -s /bin/sh "$TUSER" || exit 1
	created_user=1
fi
printf '%s:%s\n' "$TUSER" "$PW" > "$T/users"
chmod 600 "$T/users"
lab_bg s "$T/mactelnetd.log" unshare -m sh -c "mount --bind \
    $T/users /etc/mactelnetd.users && exec mactelnetd -f"
mtd_listens() { lab_exec s ss -lun | grep -q ':20561 '; }
wait_for 5 mtd_listens || { echo "mactelnetd does not listen"; exit 1; }

lines=$((MIB * 1024 * 1024 / 64))
awk -v n=$lines 'BEGIN{for(i=0;i<n;i++) printf "%063d\n", i}' > "$T/big.txt"
chmod 644 "$T/big.txt"
printf 'cat %s; exit\n' "$T/big.txt" > "$T/in"

# one MODE I: a batch session, its time in MODE.I.time, output MODE.out.
one() {
	L2CONSOLE_PASSWORD=$PW timeout 300 $GTIME -o "$T/$1.$2.time" \
	    -f '%e %U %S %M' ip netns exec "$(lab_nsname c)" "$BIN" mikrotik \
	    -u "$TUSER" --output "$1" eth0 $SMAC < "$T/in" > "$T/$1.out" \
	    2> "$T/$1.$2.err"
	echo $? > "$T/$1.$2.rc"
	# The file's lines, whole (the first follows the shell's prompt).
	tr -d '\r' < "$T/$1.out" | grep -c '[0-9]\{63\}$' > "$T/$1.$2.lines"
	stat -c %s "$T/$1.out" > "$T/$1.$2.size"
}
for i in $(seq 1 "$RUNS"); do
	for m in raw text; do
		say "run $i/$RUNS, --output $m"
		one $m "$i"
	done
done

med() { sort -g | awk '{a[NR]=$1} END{if(NR==0){print "nan";exit}
	print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
col() { cat "$T/$1".*.time | awk "{print $2}" | med; }
calc() { awk "BEGIN{printf \"${2:-%.3g}\", $1}"; }
declare -A wall cpu user sys rss check
for m in raw text; do
	wall[$m]=$(col $m '$1')
	cpu[$m]=$(col $m '$2+$3')
	user[$m]=$(col $m '$2')
	sys[$m]=$(col $m '$3')
	rss[$m]=$(col $m '$4')
	bad=$(cat "$T/$m".*.lines | grep -cvx "$lines")
	rcs=$(cat "$T/$m".*.rc | sort | uniq -c | awk '{printf "%s%s x%s", (NR > 1 ? ", " : ""), $2, $1}')
	check[$m]="$([ "$bad" = 0 ] && echo "complete ($lines lines every run)" || echo "INCOMPLETE in $bad runs"); exit $rcs"
done
mibs() { calc "$MIB / ${wall[$1]}" '%.1f'; }
# Each pair ran back to back: its own ratio is less at the mercy of a
# busy machine than the ratio of the medians.
pairs=$(for i in $(seq 1 "$RUNS"); do
	calc "$(cut -d' ' -f1 "$T/raw.$i.time") / $(cut -d' ' -f1 "$T/text.$i.time")" '%.2f'
	echo
done)
ratio=$(printf '%s\n' "$pairs" | med)
ratio=$(calc "$ratio" '%.2f')
mratio=$(calc "${wall[raw]} / ${wall[text]}" '%.2f')
goal=$(awk "BEGIN{print ($ratio >= 0.8) ? \"met\" : \"missed\"}")

cat <<MD
## Batch output: --output text against --output raw

$MIB MiB of 64-byte lines (\`cat\` in a shell under Debian's mactelnetd,
over a veth pair), read by \`l2console mikrotik\` in batch mode with the
terminal model (\`--output text\`) and with the bytes as received
(\`--output raw\`), alternating, $RUNS runs each; medians.

    L2CONSOLE_PASSWORD=... ip netns exec C l2console mikrotik -u $TUSER \\
        --output text|raw eth0 $SMAC < in > out      # in: cat big.txt; exit

| output | wall s | MiB/s | CPU s (user + sys) | peak RSS KiB | check |
|---|---|---|---|---|---|
| raw | ${wall[raw]} | $(mibs raw) | ${cpu[raw]} (${user[raw]} + ${sys[raw]}) | ${rss[raw]} | ${check[raw]} |
| text | ${wall[text]} | $(mibs text) | ${cpu[text]} (${user[text]} + ${sys[text]}) | ${rss[text]} | ${check[text]} |

Throughput ratio text/raw: **$ratio** (goal >= 0.8: $goal), the median
of each back-to-back pair's ratio ($(printf '%s\n' "$pairs" | xargs));
the ratio of the medians above: $mratio.  CPU text/raw:
$(calc "${cpu[text]} / ${cpu[raw]}" '%.2f').  (Both outputs feed the
terminal model, which answers RouterOS's queries whenever standard
output is not a terminal; text adds only the lines' formatting.)
MD
