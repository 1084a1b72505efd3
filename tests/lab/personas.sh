# SPDX-License-Identifier: ISC
# shellcheck shell=bash
# Both console personalities at once, for whoever drives them from one
# client: RouterOS (tests/tools/routeros_console.py) under `l2console
# serve mikrotik --exec` in namespace s, IOS (tests/tools/ios_console.py)
# under `serve mop --exec` in namespace m, each on a veth pair of its own
# to namespace c (eth0 to RouterOS, eth1 to IOS).  Source after lib.sh
# and lab_init.
#
#   personas_start BIN IDENTITY ROS_PW IOS_PW
#                  RouterOS named IDENTITY with the account root:ROS_PW,
#                  IOS with admin:IOS_PW; waits until both serve; on
#                  failure says why on stderr and returns 1
#   PERSONA_ROS, PERSONA_IOS   their MACs

PERSONA_ROS=02:4c:32:43:00:01
PERSONA_IOS=02:4c:32:43:01:01

personas_start() {
	local bin=$1 ident=$2 rospw=$3 iospw=$4 tools
	tools=$(cd "$(dirname "${BASH_SOURCE[0]}")/../tools" && pwd)
	{ lab_ns s && lab_ns m && lab_ns c; } ||
	    { echo "cannot create the namespaces" >&2; return 1; }
	{ lab_link s eth0 $PERSONA_ROS c eth0 02:4c:32:43:00:02 &&
	    lab_link m eth0 $PERSONA_IOS c eth1 02:4c:32:43:01:02; } ||
	    { echo "cannot link the namespaces" >&2; return 1; }
	printf 'root:%s\n' "$rospw" > "$LAB_TMP/personas.users"
	chmod 600 "$LAB_TMP/personas.users"
	lab_bg s "$LAB_TMP/ros.log" "$bin" -v serve mikrotik \
	    --users "$LAB_TMP/personas.users" \
	    --exec "python3 $tools/routeros_console.py --identity $ident" \
	    --mndp-interval 0 eth0
	wait_for 10 grep -q "serving MAC-Telnet on eth0" "$LAB_TMP/ros.log" ||
	    { echo "serve mikrotik did not start:" \
	    "$(tail -1 "$LAB_TMP/ros.log")" >&2; return 1; }
	L2C_BIN=$bin lab_serve_ios m "$LAB_TMP/ios.log" eth0 \
	    --login "admin:$iospw" ||
	    { echo "serve mop did not start:" \
	    "$(tail -1 "$LAB_TMP/ios.log")" >&2; return 1; }
}
