#!/bin/bash
# SPDX-License-Identifier: ISC
# contrib/ansible: Debian's ansible-core drives the lab's RouterOS (under
# `serve mikrotik --exec`) and IOS (under `serve mop --exec`) through the
# l2console connection plugin, from inside the client's namespace:
# `raw` ok, a failing command failed with the device's message, a wrong
# password unreachable with the login failure, and no password in the
# argv of the l2console it starts (a wrapper records that argv).
. "$(dirname "$0")/lib.sh"
if ! command -v ansible > /dev/null 2>&1; then
	echo "ok 1 - ansible # SKIP ansible-core is not installed"
	exit 0
fi
lab_init
# shellcheck source=tests/lab/personas.sh
. "$(dirname "$0")/personas.sh"
BIN=${L2C_BIN:?}
top=$(cd "$(dirname "$0")/../.." && pwd)
ROS=$PERSONA_ROS IOS=$PERSONA_IOS
T=$LAB_TMP
# Random passwords: a leak of one cannot be a coincidence.
ROS_PW="ros-$RANDOM$RANDOM" IOS_PW="ios-$RANDOM$RANDOM"
EN_PW="en-$RANDOM$RANDOM" BAD_PW="bad-$RANDOM$RANDOM"
personas_start "$BIN" lab1 "$ROS_PW" "$IOS_PW" 2> "$T/personas.err" ||
    { not_ok "the personalities start: $(cat "$T/personas.err")"; lab_done; }

# A shell as a third console, for l2console_prompt and the timeout.
SH=02:4c:32:43:02:01
{ lab_ns h && lab_link h eth0 $SH c eth2 02:4c:32:43:02:02; } ||
    { not_ok "a third namespace"; lab_done; }
lab_bg h "$T/sh.log" "$BIN" -v serve mop --exec "env PS1='lab% ' /bin/sh -i" \
    eth0
wait_for 10 grep -q "serving the MOP console" "$T/sh.log" ||
    { not_ok "serve mop --exec sh starts"; lab_done; }

# The l2console Ansible starts: its argv (what ps shows) goes to a file,
# and whether it was handed a password, never the password itself.
cat > "$T/l2c-wrap" <<EOF
#!/bin/sh
printf 'argv: %s\n' "\$*" >> "$T/argv.log"
[ -n "\${L2CONSOLE_PASSWORD:-}" ] && echo "env: a password" >> "$T/argv.log"
[ -n "\${L2CONSOLE_ENABLE_PASSWORD:-}" ] &&
    echo "env: an enable password" >> "$T/argv.log"
exec "$BIN" "\$@"
EOF
chmod 755 "$T/l2c-wrap"

cat > "$T/hosts" <<EOF
[ros]
lab1 ansible_host=$ROS l2console_interface=eth0 ansible_password=$ROS_PW
lab1bad ansible_host=$ROS l2console_interface=eth0 ansible_password=$BAD_PW

[ros:vars]
l2console_protocol=mikrotik
ansible_user=root

[ios]
sw1 ansible_host=$IOS ansible_password=$IOS_PW l2console_enable_password=$EN_PW
sw1bad ansible_host=$IOS ansible_password=$BAD_PW

[ios:vars]
l2console_protocol=mop
l2console_interface=eth1
ansible_user=admin

[shells]
sh1 ansible_host=$SH

[shells:vars]
l2console_interface=eth2
l2console_protocol=mop
l2console_prompt=^lab%
l2console_command_timeout=2

[all:vars]
ansible_connection=l2console
l2console_binary=$T/l2c-wrap
l2console_command_timeout=20
EOF

# No host configuration: our own empty ansible.cfg, home and temp.
mkdir -p "$T/home" "$T/tmp"
: > "$T/ansible.cfg"
# ans OUT HOSTS ARGS...: an ad-hoc run in the client's namespace, each
# host's result in OUT.d/HOST (the core's tree callback), its output in
# OUT, its -vvv log in OUT.log; its status in $rc.
ans() {
	local out=$1 hosts=$2
	shift 2
	(cd "$T" && HOME=$T/home ANSIBLE_CONFIG=$T/ansible.cfg \
	    PYTHONDONTWRITEBYTECODE=1 \
	    ANSIBLE_LOCAL_TEMP=$T/tmp ANSIBLE_REMOTE_TEMP=$T/tmp \
	    ANSIBLE_CONNECTION_PLUGINS=$top/contrib/ansible/connection_plugins \
	    ANSIBLE_NOCOLOR=1 ANSIBLE_FORKS=2 ANSIBLE_LOG_PATH=$T/$out.log \
	    timeout 120 ip netns exec "$(lab_nsname c)" \
	    ansible -vvv -i "$T/hosts" --tree "$T/$out.d" "$hosts" "$@" \
	    > "$T/$out" 2> "$T/$out.err" < /dev/null)
	rc=$?
}
# not_in FILE GREP-ARGS...: FILE exists and has no line that matches.
not_in() { local f=$1; shift; [ -f "$f" ] && ! grep -q "$@" "$f"; }
# result OUT HOST PYTHON-CONDITION: the condition on r, HOST's result.
result() {
	python3 - "$T/$1" "$2" "$3" <<'PY'
import json, sys
try:
    r = json.load(open(sys.argv[1] + ".d/" + sys.argv[2]))
except (OSError, ValueError):
    print("# no result: " + open(sys.argv[1] + ".err").read()[-600:]
          .replace("\n", "\n# "))
    sys.exit(1)
try:
    good = eval(sys.argv[3].replace("\n", " "))
except (KeyError, IndexError, TypeError):
    good = False
if not good:
    print("# " + json.dumps(r)[:600])
    sys.exit(1)
PY
}

ans a1 lab1 -m raw -a '/system identity print'
check "RouterOS: raw /system identity print, name: lab1 (status $rc)" \
    result a1 lab1 'r["rc"] == 0 and r["stdout_lines"] == ["  name: lab1"]'
check "RouterOS: ansible says CHANGED (ok)" grep -q '^lab1 | CHANGED | rc=0' \
    "$T/a1"

ans a2 sw1 -m raw -a 'show version'
check "IOS: raw show version (status $rc)" result a2 sw1 \
    'r["rc"] == 0 and r["stdout"].startswith("Cisco IOS Software")'
check "IOS: ansible says CHANGED (ok)" grep -q '^sw1 | CHANGED | rc=0' "$T/a2"

ans a3 sw1 -m raw -a 'show running-config'
check "IOS: l2console_enable_password reaches #, sh run (status $rc)" \
    result a3 sw1 'r["rc"] == 0 and r["stdout_lines"][-1] == "end" and
    len(r["stdout"]) > 65536'

# Two lines of one raw: two commands of one session, outputs in order.
ans a10 lab1 -m raw -a "/system identity print
/system resource print"
check "RouterOS: a raw of two lines runs both (status $rc)" result a10 lab1 \
    'r["rc"] == 0 and r["stdout_lines"][0] == "  name: lab1" and
    r["stdout_lines"][-1].endswith("platform: MikroTik")'

ans a4 all:!lab1bad:!sw1bad -m raw -a '/foo bar'
check "RouterOS: a bad command is failed with the device's message" \
    result a4 lab1 \
    'r["rc"] == 3 and "bad command name foo" in r["stderr"]'
check "RouterOS: ansible says FAILED" grep -q '^lab1 | FAILED | rc=3' "$T/a4"
check "IOS: a bad command is failed with % Invalid input" result a4 sw1 \
    'r["rc"] == 3 and "% Invalid input" in r["stderr"]'
check "IOS: ansible says FAILED" grep -q '^sw1 | FAILED | rc=3' "$T/a4"
check "a failed task makes ansible exit 2 (got $rc)" [ "$rc" -eq 2 ]

ans a5 lab1bad -m raw -a '/system identity print'
check "RouterOS: a wrong password is unreachable, login failed (status $rc)" \
    result a5 lab1bad \
    'r.get("unreachable") and "login to 02:4c:32:43:00:01 failed" in r["msg"]'
check "an unreachable host makes ansible exit 4 (got $rc)" [ "$rc" -eq 4 ]

ans a6 sw1bad -m raw -a 'show clock'
check "IOS: a wrong password is unreachable, login failed" \
    result a6 sw1bad \
    'r.get("unreachable") and "login failed" in r["msg"]'

# A device nobody answers for: unreachable, not a failed command.
sed -i "s/^lab1 ansible_host=$ROS/lab1 ansible_host=02:4c:32:43:09:09/" \
    "$T/hosts"
ans a7 lab1 -m raw -a '/system identity print'
check "a device that never answers is unreachable" result a7 lab1 \
    'r.get("unreachable") and "l2console" in r["msg"]'

ans a8 sw1 -m fetch -a 'src=/etc/hostname dest=/tmp/x'
ans a12 sh1 -m raw -a 'echo MARK-$((6*7))'
check "l2console_prompt: a shell's console, raw ok (status $rc)" \
    result a12 sh1 'r["rc"] == 0 and r["stdout_lines"] == ["MARK-42"]'
ans a13 sh1 -m raw -a 'sleep 60'
check "a command that never returns: failed, rc 4 (status $rc)" \
    result a13 sh1 'r["rc"] == 4 and "no prompt within 2 s" in r["stderr"]'

# Modules want Python and a shell: refused before anything is typed at
# the device (no interpreter discovery, no mkdir at a router prompt).
only_raw() {
	grep -q '^sw1 | FAILED' "$T/$1" &&
	    grep -q 'only the raw module works over a console' "$T/$1"
}
check "fetch: failed, only the raw module works (status $rc)" only_raw a8
ans a9 sw1 -m command -a 'show clock'
check "command: failed, only the raw module works (status $rc)" only_raw a9
# With the interpreter given there is no discovery: the refusal is
# the temporary directory's.
ans a11 sw1 -m command -a 'show clock' -e ansible_python_interpreter=/bin/py
check "command, no discovery: failed, only the raw module works" only_raw a11
check "no shell bootstrap ever reached a device" \
    not_in "$T/argv.log" -e 'echo PLATFORM' -e umask -e 'mkdir '

# The passwords went through the environment, never argv, never a log.
no_leak() {
	grep -q -- '--command' "$T/argv.log" &&
	    grep -qx 'env: a password' "$T/argv.log" &&
	    grep -qx 'env: an enable password' "$T/argv.log" &&
	    ! cat "$T"/argv.log "$T"/a?.log "$T"/a? "$T"/a?.err |
	    grep -q -e "$ROS_PW" -e "$IOS_PW" -e "$EN_PW" -e "$BAD_PW"
}
check "no password in l2console's argv nor in the -vvv logs" no_leak
check "the -vvv log shows the argv the plugin built" \
    grep -q "EXEC \['$T/l2c-wrap', 'mop', '--login-user', 'admin', '--enable'" \
    "$T/a3.log"
lab_done
