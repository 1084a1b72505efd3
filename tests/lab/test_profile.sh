#!/bin/bash
# SPDX-License-Identifier: ISC
# Profiles (~/.config/l2console/config, @name), the reference client's
# autologin file (~/.mactelnet) and the session log (--log, --timestamps),
# against `l2console serve mikrotik` and `serve mop` in a namespace lab.
# HOME is a scratch directory: no file of the real user is read.
. "$(dirname "$0")/lib.sh"
lab_init
BIN=${L2C_BIN:?}
SRV=02:4c:32:43:00:01
SRV_DOTS=024c.3243.0001		# the same MAC, spelt another way
{ lab_ns s && lab_ns c; } || { not_ok "create namespaces"; lab_done; }
lab_link s eth0 $SRV c eth0 02:4c:32:43:00:02
lab_addr c eth0 192.0.2.2/24	# Debian's mactelnet sends from a socket
ip -n "$(lab_nsname c)" route add default dev eth0

export HOME=$LAB_TMP/home XDG_CONFIG_HOME=
mkdir -p "$HOME/.config/l2console"
CFG=$HOME/.config/l2console/config
unset L2CONSOLE_PASSWORD

printf 'root:pw-plain\n' > "$LAB_TMP/users"
chmod 600 "$LAB_TMP/users"
printf 'pw-plain\n' > "$LAB_TMP/pw"
lab_bg s "$LAB_TMP/mt.log" "$BIN" -v serve mikrotik --users "$LAB_TMP/users" \
    --exec /bin/sh --mndp-interval 0 eth0
wait_for 10 grep -q "serving MAC-Telnet on eth0" "$LAB_TMP/mt.log" ||
    { not_ok "serve mikrotik starts"; cat "$LAB_TMP/mt.log"; lab_done; }
lab_bg s "$LAB_TMP/mop.log" "$BIN" -v serve mop --exec /bin/sh eth0
wait_for 10 grep -q "serving the MOP console" "$LAB_TMP/mop.log" ||
    { not_ok "serve mop starts"; cat "$LAB_TMP/mop.log"; lab_done; }

# in_c CMD...: in the client's namespace, bounded, stdin from the caller.
in_c() { timeout 20 ip netns exec "$(lab_nsname c)" "$@"; }

cat > "$CFG" <<CONF
# made by test_profile.sh
[r1]
protocol = mikrotik
interface = eth0
mac = $SRV
user = root
password-file = $LAB_TMP/pw
idle = 0.5
log = ~/r1.log
timestamps = yes
pcap = ~/r1.pcap

[elsewhere]
protocol = mikrotik
interface = nosuch0
mac = $SRV
user = nobody-here
password_file = $LAB_TMP/pw
idle = 0.5

[sw]
protocol = mop
interface = eth0
mac = $SRV
idle = 0.5
log = $LAB_TMP/sw.log
CONF

# 1. Everything from the profile: login, output, the log with times.
echo 'echo P1-$((6*7))' | in_c "$BIN" mikrotik @r1 > "$LAB_TMP/o1" \
    2> "$LAB_TMP/e1"
rc=$?
check "mikrotik @r1 logs in and runs a command (exit 0)" \
    status_grep "$rc" 0 "$LAB_TMP/o1" P1-42
[ $rc -eq 0 ] || cat "$LAB_TMP/e1"
check "the profile's log (~/ expanded) holds the output, lines timed" \
    grep -Eq '^\[[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}\.[0-9]{3}\] .*P1-42' \
    "$HOME/r1.log"
check "the session log is private (0600)" \
    [ "$(stat -c %a "$HOME/r1.log")" = 600 ]
check "the profile's pcap key writes a capture" \
    [ "$(stat -c %s "$HOME/r1.pcap" 2>/dev/null || echo 0)" -gt 200 ]

# 2. The command line wins: an interface before @name, and -u.
echo 'echo P2-$((6*7))' | in_c "$BIN" mikrotik -u root eth0 @elsewhere \
    > "$LAB_TMP/o2" 2> "$LAB_TMP/e2"
rc=$?
check "IFACE @name and -u override the profile's" \
    status_grep "$rc" 0 "$LAB_TMP/o2" P2-42
[ $rc -eq 0 ] || cat "$LAB_TMP/e2"

# 3. Wrong command, unknown profile, bad key: one line and the status.
in_c "$BIN" mop @r1 < /dev/null > "$LAB_TMP/o3" 2>&1
rc=$?
# one_line STATUS WANT FILE: exit status WANT and FILE one line long.
one_line() { [ "$1" -eq "$2" ] && [ "$(wc -l < "$3")" = 1 ]; }
wrong_command() {
	one_line "$rc" 64 "$LAB_TMP/o3" && grep -q "is for mikrotik" "$LAB_TMP/o3"
}
check "mop @r1 (a mikrotik profile): exit 64 and one line naming mikrotik" \
    wrong_command
in_c "$BIN" mikrotik @r2 < /dev/null > "$LAB_TMP/o4" 2>&1
rc=$?
check "an unknown profile: exit 64, the profiles there listed" \
    status_grep "$rc" 64 "$LAB_TMP/o4" "it has: r1, elsewhere, sw"
cp "$CFG" "$LAB_TMP/cfg.good"
printf '[bad]\ninterface = eth0\nmac = %s\npassword = hunter2\n' $SRV >> "$CFG"
in_c "$BIN" mikrotik @bad < /dev/null > "$LAB_TMP/o5" 2>&1
rc=$?
password_refused() {
	status_grep "$rc" 65 "$LAB_TMP/o5" "config:[0-9]*: no passwords" &&
	    ! grep -q hunter2 "$LAB_TMP/o5"
}
check "a password in the config: exit 65, file:line, the password unsaid" \
    password_refused
cp "$LAB_TMP/cfg.good" "$CFG"
rm -f "$HOME/.config/l2console/config"
in_c "$BIN" mikrotik @r1 < /dev/null > "$LAB_TMP/o6" 2>&1
rc=$?
check "no config file: exit 66, one line" \
    one_line "$rc" 66 "$LAB_TMP/o6"
cp "$LAB_TMP/cfg.good" "$CFG"

# 4. MOP from a profile, with the log option.
echo 'echo M1-$((6*7))' | in_c "$BIN" mop @sw > "$LAB_TMP/o7" 2> "$LAB_TMP/e7"
rc=$?
check "mop @sw runs a command (exit 0)" \
    status_grep "$rc" 0 "$LAB_TMP/o7" M1-42
[ $rc -eq 0 ] || cat "$LAB_TMP/e7"
log_untimed() {
	grep -q "M1-42" "$LAB_TMP/sw.log" && ! grep -q "^\[20" "$LAB_TMP/sw.log"
}
check "mop --log from the profile holds the output, no times" log_untimed

# 5. --log and --timestamps on the command line, without a profile.
echo 'echo M2-$((6*7))' | in_c "$BIN" mop --idle 0.5 --log "$LAB_TMP/m2.log" \
    --timestamps eth0 $SRV > /dev/null 2>&1
check "mop --log FILE --timestamps" \
    grep -Eq '^\[[0-9-]{10} [0-9:.]{12}\] .*M2-42' "$LAB_TMP/m2.log"
in_c "$BIN" mop --log /nonexistent/dir/x.log eth0 $SRV < /dev/null \
    > "$LAB_TMP/o8" 2>&1
rc=$?
check "a log that cannot be created: exit 66 before any frame, one line" \
    one_line "$rc" 66 "$LAB_TMP/o8"

# 6. ~/.mactelnet, the reference client's: the section of the target (a
# MAC in another spelling) gives user and password.
printf '[%s]\nuser = root\npassword = pw-plain\n\n[default]\nuser = x\n' \
    $SRV_DOTS > "$HOME/.mactelnet"
chmod 600 "$HOME/.mactelnet"
echo 'echo A1-$((6*7))' | in_c "$BIN" mikrotik --idle 0.5 eth0 $SRV \
    > "$LAB_TMP/o9" 2> "$LAB_TMP/e9"
rc=$?
check "user and password from ~/.mactelnet (exit 0)" \
    status_grep "$rc" 0 "$LAB_TMP/o9" A1-42
[ $rc -eq 0 ] || cat "$LAB_TMP/e9"
# The reference client reads the same file (its sections must be spelt
# as typed there).
printf '[%s]\nuser = root\npassword = pw-plain\n' $SRV > "$LAB_TMP/al"
chmod 600 "$LAB_TMP/al"
echo 'echo A2-$((6*7)); exit' | in_c mactelnet -a "$LAB_TMP/al" $SRV \
    > "$LAB_TMP/o10" 2>&1
check "Debian's mactelnet logs in with the same kind of file" \
    grep -q A2-42 "$LAB_TMP/o10"
echo 'echo A3-$((6*7))' | in_c "$BIN" mikrotik --idle 0.5 -a "$LAB_TMP/al" \
    eth0 $SRV > "$LAB_TMP/o11" 2>&1
check "and so does l2console with -a FILE" grep -q A3-42 "$LAB_TMP/o11"
# -A: not read, so no password and no terminal to ask on.
in_c "$BIN" mikrotik -A eth0 $SRV < /dev/null > "$LAB_TMP/o12" 2>&1
rc=$?
check "-A leaves the password unread (exit 64, asks for one)" \
    status_grep "$rc" 64 "$LAB_TMP/o12" "no password given"
# Readable by others: the password is not used, and that is said.
chmod 644 "$HOME/.mactelnet"
in_c "$BIN" mikrotik eth0 $SRV < /dev/null > "$LAB_TMP/o13" 2>&1
rc=$?
readable_unused() {
	status_grep "$rc" 64 "$LAB_TMP/o13" "others can read" &&
	    ! grep -q pw-plain "$LAB_TMP/o13"
}
check "a ~/.mactelnet others can read: password unused, a warning" \
    readable_unused
lab_done
