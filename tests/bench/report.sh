# SPDX-License-Identifier: ISC
# shellcheck shell=bash
# docs/BENCHMARKS.md from the results of tests/bench/run.sh (sourced by
# it: uses its variables and helpers r, calc, verdict, isnum).

# ratio A B: A / B to two decimals, or n/a.
ratio() { isnum "$1" && isnum "$2" && calc "$1 / $2" '%.2f' || echo "n/a"; }
# num KEY: a result if it is a number, else its text in italics.
num() { local v; v=$(r "$1"); isnum "$v" && echo "$v" || echo "*$v*"; }

# report_parts: each tests/bench/part_NAME.sh's own section, numbered on.
report_parts() {
	local p n=7 v
	for p in $PARTS; do
		want "$p" || continue
		v=$(r "part.$p")
		echo
		case $v in
		"## "*) echo "$v" | sed "1s/^## /## $n. /" ;;
		*) echo "## $n. $p"; echo; echo "*$v*" ;;
		esac
		n=$((n + 1))
	done
}

report_machine() {
	local model busy
	model=$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)
	cat <<EOF
- Date: $(date -u '+%Y-%m-%d %H:%M UTC'), l2console $(git -C "$TOP" describe --always --dirty 2>/dev/null || echo "?") (\`make bench\` builds it with the default \`-O2 -g\`).
- Machine: $(nproc) CPUs, ${model:-unknown CPU}, Linux $(uname -r)$(systemd-detect-virt -q 2>/dev/null && echo ", virtual machine ($(systemd-detect-virt))").
- Load: load average $LOAD0 at the start, $LOAD1 at the end; the CPUs were ${BUSY_PCT}% busy over the run (this benchmark included), ${STEAL_PCT}% stolen by the hypervisor.
- Runs: medians over $RUNS runs where a figure says so ($FIXED_RUNS for the slow fixed-poll MOP case); the whole benchmark took $((T_END - T_START)) s.
EOF
	busy=$(awk -v l="${LOAD0%% *}" -v n="$(nproc)" 'BEGIN{print (l > 0.3 * n) ? 1 : 0}')
	if [ "$busy" = 1 ]; then
		echo "- **This run was on a shared, busy machine** (other jobs were running: see the load average). Absolute times carry that noise; the ratios compare clients measured in the same run, interleaved run by run, and are the figures to rely on."
	else
		echo "- The machine was otherwise quiet at the start; still, rely on the ratios (same run, interleaved) more than on absolute times."
	fi
}

report_goals() {
	local thr cpu mopx
	thr=$(ratio "$(r bulk.ours.mibs)" "$(r bulk.ref_raw.mibs)")
	cpu=$(ratio "$(r bulk.ours.cpu)" "$(r bulk.ref_raw.cpu)")
	mopx=$(ratio "$(r mop.bulk.mopfix.med)" "$(r mop.bulk.mop.med)")
	cat <<EOF
| goal | this run | verdict |
|---|---|---|
| MAC-Telnet bulk: at least the reference's throughput | $(num bulk.ours.mibs) MiB/s vs $(num bulk.ref_raw.mibs) MiB/s (mactelnet -n): ${thr}x | $(verdict "$thr" ">=" 0.98) |
| ... at no more than half its CPU time | $(num bulk.ours.cpu) s vs $(num bulk.ref_raw.cpu) s: ${cpu}x | $(verdict "$cpu" "<=" 0.5) |
| median ACK latency under 50 µs on a veth pair | $(num ack.ours.med) µs (p99 $(num ack.ours.p99) µs) | $(verdict "$(r ack.ours.med)" "<" 50) |
| MOP bulk at least 20x faster than fixed 200 ms polling | $(num mop.bulk.mop.med) s vs $(num mop.bulk.mopfix.med) s: ${mopx}x | $(verdict "$mopx" ">=" 20) |
| idle session under 10 ms CPU a minute | MikroTik $(num idle.ours.cpu_ms) ms, MOP $(num idle.mop.cpu_ms) ms | $(verdict "$(r idle.ours.cpu_ms)" "<" 10) (MikroTik), $(verdict "$(r idle.mop.cpu_ms)" "<" 10) (MOP) |

The throughput goal counts as met within 2% (the run-to-run noise of
the medians here); "n/a" means the figure could not be measured in this
tree (see its section).
EOF
}

report_bulk() {
	local c
	cat <<EOF
Debian's \`mactelnetd\` (0.4.4, MD5 login) in namespace S runs
\`cat FILE; exit\` on its pty, FILE being ${BULK_MIB} MiB of 64-byte lines
(the pty turns every LF into CR LF). Each client runs in batch mode in
namespace C (stdin a file holding that command line, stdout a file), the
runs interleaved client by client, $RUNS runs each:

    timeout 120 /usr/bin/time -f '%e %U %S %M' CLIENT < bulk.in > out

| client | command (CLIENT) | wall s | CPU s (user + sys) | MiB/s | peak RSS KiB | output |
|---|---|---|---|---|---|---|
EOF
	for c in $CLIENTS; do
		echo "| ${CNAME[$c]} | \`${CCMD[$c]}\` | $(num "bulk.$c.wall") | $(num "bulk.$c.cpu") ($(r "bulk.$c.user") + $(r "bulk.$c.sys")) | $(num "bulk.$c.mibs") | $(num "bulk.$c.rss") | $(r "bulk.$c.size") bytes, $(r "bulk.$c.check"), exit $(r "bulk.$c.rcs") |"
	done
	cat <<EOF

Medians. All runs, sorted: wall s l2console $(r bulk.ours.walls)/
mactelnet -n $(r bulk.ref_raw.walls)/ mactelnet UDP $(r bulk.ref_udp.walls);
CPU s l2console $(r bulk.ours.cpus)/ mactelnet -n $(r bulk.ref_raw.cpus)/
mactelnet UDP $(r bulk.ref_udp.cpus).

Ratios, l2console / reference (throughput: higher is better; CPU:
lower is better):

| reference | throughput | CPU time |
|---|---|---|
| mactelnet -n (raw socket, like l2console) | $(ratio "$(r bulk.ours.mibs)" "$(r bulk.ref_raw.mibs)") | $(ratio "$(r bulk.ours.cpu)" "$(r bulk.ref_raw.cpu)") |
| mactelnet (UDP socket, its default) | $(ratio "$(r bulk.ours.mibs)" "$(r bulk.ref_udp.mibs)") | $(ratio "$(r bulk.ours.cpu)" "$(r bulk.ref_udp.cpu)") |

### Where the CPU goes

One more ${BULK_MIB} MiB run per client under \`perf record -F 2000 -e
cpu-clock -g -- CLIENT\`; the share of the samples under each system
call (children included: a send includes the veth transmit and the
peer's receive, which the kernel runs in the sender's context), after
a system call in the rescheduling on the way back (the woken peer
taking the CPU), and in user space:

$(report_profile)

### ACK latency

A DATA frame in to the client's ACK for it out, from the timestamps of a
capture on the client's veth inside its namespace (\`dumpcap -i eth0 -s
96 -B 64 -f 'udp port 20561'\` in C), one run of ${ACK_MIB} MiB per
client; an ACK is matched to its DATA by counter (ACK counter = DATA
counter + payload length):

| client | DATA frames matched | median µs | p99 µs | capture |
|---|---|---|---|---|
| l2console mikrotik | $(r ack.ours.n) | $(num ack.ours.med) | $(num ack.ours.p99) | $(r ack.ours.drops) |
| mactelnet -n | $(r ack.ref_raw.n) | $(num ack.ref_raw.med) | $(num ack.ref_raw.p99) | $(r ack.ref_raw.drops) |
EOF
}

report_profile() {
	local c v
	v=$(r prof)
	if [ "$v" != ok ]; then
		echo "*$v*"
		return
	fi
	echo "| client | CPU ms sampled (perf overhead included) | waiting in poll/select % | sendto % | recvfrom % | write % | resched after a syscall % | user space % |"
	echo "|---|---|---|---|---|---|---|---|"
	for c in ours ref_raw; do
		echo "| ${CNAME[$c]} | $(r prof.$c.ms) | $(r prof.$c.wait) | $(r prof.$c.send) | $(r prof.$c.recv) | $(r prof.$c.write) | $(r prof.$c.resched) | $(r prof.$c.user) |"
	done
}

report_keys() {
	cat <<EOF
\`tests/tools/l2c-sessbench.c\` (built by the benchmark with \`cc -O2\`)
starts the client with stdin and stdout on pipes, logs in, then writes
one \`#\` at a time to the client's stdin and times until the server's
echo of it is read from the client's stdout; a ^U after every 40 keys
drops the line so no command runs. l2console runs with \`--output raw\`:
with a pipe on stdout it otherwise writes completed lines only
(\`--output text\`, the default there), and a typed key is no line.
$KEYS keys per client:

    l2c-sessbench -r 'echo L2C\$((6*7))RDY\n' -R L2C42RDY -k $KEYS -x 'exit\n' -- CLIENT

| client | against | keys | median µs | p99 µs |
|---|---|---|---|---|
| l2console mikrotik | mactelnetd (/bin/sh on its pty) | $(r keys.ours.n) | $(num keys.ours.med) | $(num keys.ours.p99) |
| mactelnet -n | the same | $(r keys.ref_raw.n) | $(num keys.ref_raw.med) | $(num keys.ref_raw.p99) |
| l2console mop | \`l2console serve mop --exec /bin/cat\` | $(r keys.mop.n) | $(num keys.mop.med) | $(num keys.mop.p99) |

The round trip includes the two pipes and the driver's wake-ups, the
same for every client. Ratio l2console / mactelnet -n (median):
$(ratio "$(r keys.ours.med)" "$(r keys.ref_raw.med)"). There is no reference MOP client
in Debian (moprc is not packaged), so the MOP figure stands alone.
EOF
}

report_mop() {
	local v
	v=$(r mop.bulk)
	if [ "$v" != ok ]; then
		echo "*$v*"
		return
	fi
	cat <<EOF
\`l2console serve mop --exec /bin/sh\` in namespace PS, \`l2console mop\`
in PC (batch mode, stdin and stdout on pipes); after the login, the
driver sends \`cat F64; echo L2C\$((6*7))END\` (F64 = 64 KiB of base64
lines) and times until \`L2C42END\` is read:

    l2c-sessbench -r 'echo L2C\$((6*7))RDY\n' -R L2C42RDY -b 'cat F64; echo L2C\$((6*7))END\n' -B L2C42END -x 'exit\n' -- $CMD_MOP --idle 0.2 [--fixed-poll 0.2]

| polling | runs | median s | output bytes |
|---|---|---|---|
| adaptive (default) | $(r mop.bulk.mop.n) | $(num mop.bulk.mop.med) | $(r mop.bulk.mop.bytes) |
| fixed 200 ms (\`--fixed-poll 0.2\`, moprc's behaviour) | $(r mop.bulk.mopfix.n) | $(num mop.bulk.mopfix.med) | $(r mop.bulk.mopfix.bytes) |

Speed-up: $(ratio "$(r mop.bulk.mopfix.med)" "$(r mop.bulk.mop.med)")x. The fixed-poll figure is
measured, not computed: \`--fixed-poll\` makes the client poll on a
fixed tick whether or not data flows, as moprc does.
EOF
}

report_idle() {
	cat <<EOF
Sessions logged in and then left alone for ${IDLE_SEC} s, all at the same
time; the driver reads the client's CPU time (/proc/PID/schedstat, ns)
and its voluntary context switches (/proc/PID/status: each one is a
sleep in ppoll/select that ended, i.e. a wake-up) before and after,
scaled to one minute:

    l2c-sessbench -r 'echo L2C\$((6*7))RDY\n' -R L2C42RDY -i $IDLE_SEC -x 'exit\n' -- CLIENT

| client | CPU ms per minute | wake-ups per minute | peak RSS KiB |
|---|---|---|---|
| l2console mikrotik | $(num idle.ours.cpu_ms) | $(num idle.ours.wakeups) | $(num idle.ours.hwm) |
| mactelnet -n | $(num idle.ref_raw.cpu_ms) | $(num idle.ref_raw.wakeups) | $(num idle.ref_raw.hwm) |
| l2console mop | $(num idle.mop.cpu_ms) | $(num idle.mop.wakeups) | $(num idle.mop.hwm) |
EOF
}

report_login() {
	cat <<EOF
From the client's start until the output of a first command
(\`echo L2C\$((6*7))RDY\`, sent at once, read back as \`L2C42RDY\`) shows
on its stdout: process start, link setup, the login exchange, and one
command round trip. $RUNS runs each; the client's CPU time is read
when the answer shows, the peak RSS (VmHWM) just before the session
ends:

    l2c-sessbench -r 'echo L2C\$((6*7))RDY\n' -R L2C42RDY -x 'exit\n' -- CLIENT

| client | login | median ms | CPU ms by then | peak RSS KiB |
|---|---|---|---|---|
| l2console mikrotik, against mactelnetd | MD5 after offering EC-SRP5 (the default) | $(num login.ours.med) | $(num login.ours.cpu) | $(num login.ours.hwm) |
| l2console mikrotik --md5, against mactelnetd | MD5 | $(num login.ours_md5.med) | $(num login.ours_md5.cpu) | $(num login.ours_md5.hwm) |
| mactelnet -n, against mactelnetd | MD5 | $(num login.ref_raw.med) | $(num login.ref_raw.cpu) | $(num login.ref_raw.hwm) |
$(report_login_srv)

Peak RSS of a session that moved ${BULK_MIB} MiB (GNU time's maximum
resident set): l2console $(num bulk.ours.rss) KiB, mactelnet -n
$(num bulk.ref_raw.rss) KiB.
EOF
}

report_login_srv() {
	local v
	v=$(r login.ecsrp)
	if [ "$v" != ok ]; then
		echo "| l2console mikrotik | EC-SRP5 (against \`l2console serve mikrotik\`) | *$v* | | |"
		return
	fi
	echo "| l2console mikrotik, against \`l2console serve mikrotik\` | EC-SRP5 | $(num login.srv_ecsrp.med) | $(num login.srv_ecsrp.cpu) | $(num login.srv_ecsrp.hwm) |"
	echo "| l2console mikrotik --md5, against \`l2console serve mikrotik\` | MD5 | $(num login.srv_md5.med) | $(num login.srv_md5.cpu) | $(num login.srv_md5.hwm) |"
	echo "| mactelnet -n, against \`l2console serve mikrotik\` | MD5 | $(num login.srv_ref.med) | $(num login.srv_ref.cpu) | $(num login.srv_ref.hwm) |"
}

report_scan() {
	local v
	v=$(r scan)
	case "$v" in
	skipped*|n/a) echo "*$v*"; return ;;
	esac
	cat <<EOF
\`tests/bench/scan.sh\` (run by this benchmark with an \`-O2\` build of
\`tests/tools/l2c-responder\`): one veth pair, the responder behind it
simulating N devices with distinct MACs and identities. Active: \`l2console
-q scan --json --timeout 2 eth0\`, $RUNS runs, time from the scan's start
until the last device was first seen (from the JSON's timestamps).
Passive, for comparison: nothing answers, every device announces once
per period (10 s here) and \`scan --watch --json\` listens until it has
them all.

\`\`\`
$v
\`\`\`
EOF
}

report() {
	cat <<EOF
# l2console benchmarks

Written by \`make bench\` (\`tests/bench/run.sh\`, report layout in
\`tests/bench/report.sh\`); run it again rather than editing this file.
Every figure comes from namespace labs built by the script (veth pairs
between network namespaces it creates and removes), with the reference
peers measured in the same run.

EOF
	report_machine
	echo
	echo "## Goals"
	echo
	report_goals
	echo
	echo "## 1. MAC-Telnet bulk output (${BULK_MIB} MiB)"
	echo
	report_bulk
	echo
	echo "## 2. Keystroke echo round trip"
	echo
	report_keys
	echo
	echo "## 3. MOP bulk output (64 KiB): adaptive vs fixed 200 ms polling"
	echo
	report_mop
	echo
	echo "## 4. scan: 200 and 1000 simulated devices"
	echo
	report_scan
	echo
	echo "## 5. Idle session"
	echo
	report_idle
	echo
	echo "## 6. Login time and peak RSS"
	echo
	report_login
	report_parts
	if [ -f "$TOP/tests/bench/limits.md" ]; then
		echo
		cat "$TOP/tests/bench/limits.md"
	fi
}
