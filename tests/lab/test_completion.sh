#!/bin/bash
# SPDX-License-Identifier: ISC
# Shell completion (contrib/completion): the bash function is called the
# way bash calls it (COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT) and
# its COMPREPLY is compared with what it must offer; the zsh function is
# driven through a real zsh on a pseudo-terminal. Profiles (@name) come
# from private config files, broken ones too. Nothing is sent anywhere.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d /tmp/l2c-comp.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

# A private cache with the last scan's MACs; no real home is read.
export HOME=$TMP/home XDG_CACHE_HOME=$TMP/cache
unset XDG_CONFIG_HOME
mkdir -p "$HOME" "$XDG_CACHE_HOME/l2console"
printf '02:4c:32:43:00:01\n# a comment\n\n02:4c:32:43:00:02 extra\n' \
    > "$XDG_CACHE_HOME/l2console/last-scan"

# Profiles (HOME/.config, as without XDG_CONFIG_HOME): for mop, for
# mikrotik, for either, and lines l2console reads another way than a
# naive reader would.
mkdir -p "$HOME/.config/l2console"
cat > "$HOME/.config/l2console/config" <<'CONF'
# profiles for test_completion.sh
; a comment too
[core-sw1]
protocol = mop
mac = 02:4c:32:43:00:01

  [ edge.gw_2 ]
Protocol = "mikrotik"
target = edge-gw

[lab]
mac = 02:4c:32:43:00:02
# protocol = mikrotik
;protocol = mop

[rack:7]
mac = 02:4c:32:43:00:04

[empty]

[bad] # l2console refuses this header
mac = 02:4c:32:43:00:05
protocol = mop

[other]
protocol = telnet
mac = 02:4c:32:43:00:06

[two words]
mac = 02:4c:32:43:00:07
CONF
# Indented, no spaces around "=", trailing blanks and a CRLF ending.
printf '[mop-2]\n\tprotocol=mop \t\r\nmac=02:4c:32:43:00:03\n' \
    >> "$HOME/.config/l2console/config"
P_MOP="@core-sw1 @lab @mop-2 @rack:7"
P_MT="@edge.gw_2 @lab @rack:7"
# zsh quotes a name with a space; bash cannot offer it (see l2console.bash).
ZP_MOP="$P_MOP @two\\ words"
ZP_MT="$P_MT @two\\ words"

# Broken config files, each in an XDG_CONFIG_HOME of its own: a
# directory, a fifo (a reader would wait for ever), garbage with a good
# profile after it, and (below) one its reader may not open.
mkdir -p "$TMP/x-dir/l2console/config" "$TMP/x-fifo/l2console" \
    "$TMP/x-junk/l2console" "$TMP/x-unread/l2console" "$TMP/x-xdg/l2console"
mkfifo "$TMP/x-fifo/l2console/config"
{
	printf '[\n]]\n=\n= value\n[a\nno equals sign\n[]\n'
	printf 'key = before any section\n'
	printf '\0\1\2\377[\0]\n'
	head -c 3000 /dev/zero | tr '\0' x
	printf '\n[%s]\nmac = 1\n' "$(head -c 300 /dev/zero | tr '\0' y)"
	printf '[after-junk]\nmac = 02:4c:32:43:00:08\n'
} > "$TMP/x-junk/l2console/config"
printf '[secret]\nmac = 02:4c:32:43:00:09\n' > "$TMP/x-unread/l2console/config"
chmod 000 "$TMP/x-unread/l2console/config"
printf '[from-xdg]\nmac = 02:4c:32:43:00:0a\n' > "$TMP/x-xdg/l2console/config"

# The interfaces the completion must offer: all but loopback.
ifs=()
for d in /sys/class/net/*; do
	[ "${d##*/}" = lo ] || ifs+=("${d##*/}")
done
IFACES=$(printf '%s\n' "${ifs[@]}" | LC_ALL=C sort | tr '\n' ' ')
IFACES=${IFACES% }
IF1=${IFACES%% *}

# shellcheck source=../../contrib/completion/l2console.bash
. "$top/contrib/completion/l2console.bash"

# comp LINE: what bash completion offers at the end of LINE, sorted,
# space-separated. COMP_WORDS is split the way bash splits it, colons
# (COMP_WORDBREAKS) included.
comp() {
	local COMP_LINE=$1 COMP_POINT=${#1} COMP_CWORD
	local -a COMP_WORDS
	local COMP_WORDBREAKS=$' \t\n"\'><=;|&(:'
	local s
	s=$(printf '%s' "$1" | sed 's/:/ : /g')
	read -r -a COMP_WORDS <<< "$s"
	[[ $1 == *" " ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_l2console l2console "${COMP_WORDS[COMP_CWORD]}" \
	    "${COMP_WORDS[COMP_CWORD-1]}"
	printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | tr '\n' ' ' |
	    sed 's/ $//'
}

# expect_comp LINE WANT
expect_comp() {
	local got
	got=$(comp "$1")
	if [ "$got" = "$2" ]; then
		ok "bash: '$1' -> $2"
	else
		not_ok "bash: '$1' -> $2"
		echo "#   got: '$got'"
	fi
}

# gone PID: that process has ended.
gone() { ! kill -0 "$1" 2>/dev/null; }

# comp_in XDG LINE WANT: comp with XDG_CONFIG_HOME=XDG, bounded in time;
# it must offer WANT and print nothing on stderr.
comp_in() {
	local pid got err
	(XDG_CONFIG_HOME=$1 comp "$2") > "$TMP/c.out" 2> "$TMP/c.err" &
	pid=$!
	if ! wait_for 10 gone "$pid"; then
		kill "$pid"
		wait "$pid"
		not_ok "bash: XDG_CONFIG_HOME=${1#"$TMP/"} '$2' -> $3"
		echo "#   still running after 10 s"
		return
	fi
	wait "$pid"
	got=$(cat "$TMP/c.out") err=$(cat "$TMP/c.err")
	if [ "$got" = "$3" ] && [ -z "$err" ]; then
		ok "bash: XDG_CONFIG_HOME=${1#"$TMP/"} '$2' -> $3"
	else
		not_ok "bash: XDG_CONFIG_HOME=${1#"$TMP/"} '$2' -> $3"
		echo "#   got: '$got', stderr: '$err'"
	fi
}

# Only COMP_WORDS/COMP_CWORD, as a caller without COMP_LINE would set.
words_only() {
	local -a COMP_WORDS=("$@")
	local COMP_CWORD=$(($# - 1))
	unset COMP_LINE COMP_POINT
	COMPREPLY=()
	_l2console
	printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | tr '\n' ' ' |
	    sed 's/ $//'
}

expect_comp "l2console " "interfaces mikrotik mop ping scan serve"
expect_comp "l2console m" "mikrotik mop"
expect_comp "l2console mop --v" "--verification-file"
expect_comp "l2console mop -e" "-e"
expect_comp "l2console mikrotik -" \
    "$(comp "l2console mikrotik --") -A -a -e -u"
expect_comp "l2console mikrotik --a" "--allow-md5 --autologin"
expect_comp "l2console mikrotik --au" "--autologin"
expect_comp "l2console mop --f" "--fixed-poll"
expect_comp "l2console mop --fixed-poll " ""
expect_comp "l2console scan --m" "--mikrotik-only --mop-only"
expect_comp "l2console ping -" "--mop --pcap -W -c -i -s"
expect_comp "l2console serve " "mikrotik mop"

# Every option a command's usage names is offered, and no other (but
# --pcap, which any command that opens an interface takes); one that
# takes a value is known as such, so its value is not taken for IFACE.
# help_usage CMD...: the usage text of that command.
help_usage() { "${L2C_BIN:?}" "$@" --help 2>&1 | grep -v unrecognized; }
# long_opts: the long options in a usage text on stdin, sorted.
long_opts() {
	grep -o -- '--[a-z][a-z0-9-]*' | grep -vx -- --help | LC_ALL=C sort -u |
	    tr '\n' ' ' | sed 's/ $//'
}
# value_opts: those followed by a value ("--timeout SEC").
value_opts() {
	grep -o -- '--[a-z][a-z0-9-]* [^]|[ -][^] ]*' | sed 's/ .*//' |
	    LC_ALL=C sort -u
}
# offered LINE: the long options bash offers there, but --pcap and the
# long names of -a and -A (the usage spells them short).
offered() {
	comp "$1" | tr ' ' '\n' |
	    grep -vx -e --pcap -e --autologin -e --no-autologin |
	    tr '\n' ' ' | sed 's/ $//'
}
for c in mikrotik mop scan ping "serve mop" "serve mikrotik"; do
	# shellcheck disable=SC2086
	want=$(help_usage $c | long_opts)
	check "usage of $c names options" [ -n "$want" ]
	got=$(offered "l2console $c --")
	check "bash: $c offers exactly what its usage names" [ "$got" = "$want" ]
	missing=
	# shellcheck disable=SC2086
	for o in $(help_usage $c | value_opts); do
		[[ $_l2console_argopts == *[[:space:]]"$o"[[:space:]]* ]] ||
		    missing="$missing $o"
	done
	check "bash: $c: options with a value known (missing:$missing)" \
	    [ -z "$missing" ]
done
# Without a command: the full-screen UI's options and the global ones.
ui=$("${L2C_BIN:?}" --help 2>&1 | sed -n '2,/--help | --version/p' |
    long_opts)
got=" $(comp "l2console --") "
missing=
for o in $ui --quiet --verbose --user --help --version; do
	[[ $got == *" $o "* ]] || missing="$missing $o"
done
check "bash: the UI's options are offered (missing:$missing)" [ -z "$missing" ]
missing=
for o in $("${L2C_BIN:?}" --help 2>&1 | sed -n '2,/--help | --version/p' |
    value_opts); do
	[[ $_l2console_argopts == *[[:space:]]"$o"[[:space:]]* ]] ||
	    missing="$missing $o"
done
check "bash: the UI's options with a value known (missing:$missing)" \
    [ -z "$missing" ]
expect_comp "l2console -i " "$IFACES"
expect_comp "l2console ping -i " ""
expect_comp "l2console mop --paste-wait " "echo none prompt"
expect_comp "l2console mikrotik --script $TMP/ca" "$TMP/cache"
expect_comp "l2console -v --user nobody m" "mikrotik mop"
expect_comp "l2console mop -e " "none"
expect_comp "l2console mop --timeout " ""
expect_comp "l2console interfaces " ""
expect_comp "l2console mop " "$IFACES"
expect_comp "l2console serve mop " "$IFACES"
expect_comp "l2console scan " "$IFACES"
expect_comp "l2console scan $IF1 " ""
# has_all "WORDS" WORD...: every WORD is among WORDS.
has_all() {
	local have=" $1 " w
	shift
	for w in "$@"; do
		[[ $have == *" $w "* ]] || return 1
	done
}
got=$(comp "l2console mop ")
if [ -n "$got" ] && ! has_all "$got" lo; then
	ok "bash: interfaces offered, loopback never"
else
	not_ok "bash: interfaces offered, loopback never"
fi
# Targets from the last scan: whole MACs, and after a colon only the
# part bash replaces (it split the word at the colons).
got=$(comp "l2console mop $IF1 ")
if has_all "$got" 02:4c:32:43:00:01 02:4c:32:43:00:02 &&
    [[ $got != *"#"* && $got != *extra* && $got != *comment* ]]; then
	ok "bash: target offers the last scan's MACs, comments skipped"
else
	not_ok "bash: target offers the last scan's MACs, comments skipped"
	echo "#   got: '$got'"
fi
expect_comp "l2console mop $IF1 02:4c:32:43:00:0" "01 02"
expect_comp "l2console mop --timeout 5 -e none $IF1 02:4c:32:43:00:02" "02"
expect_comp "l2console ping --mop -c 3 $IF1 02:4c:32:43:00:0" "01 02"
expect_comp "l2console scan --probe 02:4c:32:43:00:0" "01 02"
expect_comp "l2console mop $IF1 02:4c:32:43:00:01 " ""
got=$(comp "l2console mikrotik --password-file $TMP/ca")
check "bash: --password-file completes file names" \
    [ "$got" = "$TMP/cache" ]
# The new options' values: file names, and taken as values, not as IFACE.
for c in mikrotik mop scan ping "serve mop" "serve mikrotik"; do
	check "bash: $c offers --pcap" has_all "$(comp "l2console $c --pc")" --pcap
done
for o in "mikrotik --log" "mikrotik -a" "mikrotik --autologin" "mop --log"; do
	got=$(comp "l2console $o $TMP/ca")
	check "bash: $o completes file names" [ "$got" = "$TMP/cache" ]
done
expect_comp "l2console mikrotik -a /x $IF1 02:4c:32:43:00:0" "01 02"
expect_comp "l2console mikrotik --autologin /x --log /y $IF1 02:4c:32:43:00:0" \
    "01 02"
expect_comp "l2console mikrotik -A --timestamps $IF1 02:4c:32:43:00:0" "01 02"
expect_comp "l2console mop --fixed-poll 2 --log /y $IF1 02:4c:32:43:00:0" \
    "01 02"

# @PROFILE: those for the command or for either, at IFACE and at TARGET.
expect_comp "l2console mop @" "$P_MOP"
expect_comp "l2console mikrotik @" "$P_MT"
expect_comp "l2console mop $IF1 @" "$P_MOP"
expect_comp "l2console mikrotik -a /x $IF1 @" "$P_MT"
expect_comp "l2console mop @c" "@core-sw1"
expect_comp "l2console mikrotik @e" "@edge.gw_2"
expect_comp "l2console mikrotik @rack:" "7"
expect_comp "l2console mop @lab " ""
expect_comp "l2console mop @lab @" ""
expect_comp "l2console ping @" ""
expect_comp "l2console mop $IF1 02:4c:32:43:00:01 @" ""

# Where the config file is, and files that are not one.
comp_in "$TMP/x-xdg" "l2console mop @" "@from-xdg"
comp_in "relative" "l2console mop @" "$P_MOP"
comp_in "$TMP/x-dir" "l2console mop @" ""
comp_in "$TMP/x-fifo" "l2console mop @" ""
comp_in "$TMP/x-junk" "l2console mikrotik @" "@after-junk"
# Unreadable: root reads any file, so that one is tried as nobody (who
# reads the x-xdg one, to show the test itself works as nobody).
# Nobody may not reach the checkout (a clone in a private mktemp -d):
# what nobody reads is copied into $TMP, and nobody runs from there.
NOBODY='' who=me
COMPDIR=$top/contrib/completion
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups" who=nobody
	chmod 755 "$TMP"
	COMPDIR=$TMP/completion
	cp -R "$top/contrib/completion" "$COMPDIR"
	chmod -R a+rX "$COMPDIR"
fi
for x in x-xdg:@from-xdg x-unread:; do
	# shellcheck disable=SC2016,SC2086
	got=$(cd "$TMP" && XDG_CONFIG_HOME=$TMP/${x%%:*} $NOBODY timeout 10 \
	    bash -c '. "$1"; _l2console_profiles mop' sh \
	    "$COMPDIR/l2console.bash" 2>&1)
	check "bash: ${x%%:*} read as $who offers '${x#*:}', quietly" \
	    [ "$got" = "${x#*:}" ]
done

got=$(words_only l2console mop --v)
check "bash: works from COMP_WORDS/COMP_CWORD alone" \
    [ "$got" = "--verification-file" ]
registered() { [[ "$(complete -p l2console)" == *"-F _l2console"* ]]; }
check "bash: the completion is registered for l2console" registered

# --- zsh ---------------------------------------------------------------
if ! command -v zsh >/dev/null 2>&1; then
	skip "zsh completion" "zsh is not installed"
	lab_done
fi
check "zsh: _l2console parses (zsh -n)" \
    zsh -n "$top/contrib/completion/_l2console"

# zcomp LINE: the matches zsh offers for LINE<TAB>, sorted, one line.
# A zsh on a pty loads our function with compinit; compadd is wrapped
# to print every match it is given, so no screen output is parsed.
cat > "$TMP/drive.zsh" <<'EOF'
# The markers are split in the commands typed, so the terminal's echo of
# those commands never matches; only what compadd prints does.
zmodload zsh/zpty
zpty -b z zsh -f -i
zpty -w z "PS1='' PROMPT='' RPS1=''"
# With a third argument, what the completion says on stderr goes there.
[[ -n $3 ]] && zpty -w z "exec 2>>${(q)3}"
zpty -w z "fpath=($1 \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z "bindkey '^I' complete-word"
zpty -w z 'compadd() {
	local -a m
	builtin compadd -A m "$@"
	print -rl -- "L2C""M:"${^m} > /dev/tty
	builtin compadd "$@"
}'
zpty -w z 'l2c_done() { print -r -- "L2C""END" > /dev/tty }'
zpty -w z 'comppostfuncs=(l2c_done)'
zpty -n -w z "$2"$'\t'
zpty -r z out '*L2CEND*'
zpty -d z
print -r -- "$out" | tr -d '\r' | grep -o 'L2CM:[^[:cntrl:]]*' |
    sed 's/^L2CM://' | LC_ALL=C sort -u | tr '\n' ' ' | sed 's/ $//'
EOF

# The completion's stderr is kept in $TMP/zerr. With as_nobody set, it
# runs as nobody.
zcomp() {
	: > "$TMP/zerr"
	chmod 666 "$TMP/zerr"
	# shellcheck disable=SC2086
	(cd "$TMP" && ${as_nobody:+$NOBODY} timeout 20 zsh -f "$TMP/drive.zsh" \
	    "$COMPDIR" "$1" "$TMP/zerr" 2>/dev/null)
}

# expect_zcomp LINE WANT [WHAT]: WANT offered in time (a completion that
# hangs is killed, status 124), nothing said on stderr.
expect_zcomp() {
	local got err st
	got=$(zcomp "$1")
	st=$?
	# zsh's own word when the driver takes its pty away (zpty -d) is
	# the harness's, not the completion's.
	err=$(grep -v '^zsh: error on TTY read: Input/output error$' \
	    "$TMP/zerr")
	if [ "$st" -eq 0 ] && [ "$got" = "$2" ] && [ -z "$err" ]; then
		ok "zsh: ${3:+$3 }'$1' -> $2"
	else
		not_ok "zsh: ${3:+$3 }'$1' -> $2"
		echo "#   got: '$got', stderr: '$err', status $st"
	fi
}

expect_zcomp "l2console m" "mikrotik mop"
expect_zcomp "l2console mop --v" "--verification-file"
expect_zcomp "l2console scan --m" "--mikrotik-only --mop-only"
expect_zcomp "l2console serve " "mikrotik mop"
expect_zcomp "l2console serve mikrotik --n" "--no-md5"
expect_zcomp "l2console ping --m" "--mop"
expect_zcomp "l2console mop " "$IFACES"
expect_zcomp "l2console mop $IF1 02:4c" "02:4c:32:43:00:01 02:4c:32:43:00:02"
expect_zcomp "l2console mikrotik --a" "--allow-md5 --autologin"
expect_zcomp "l2console mikrotik --no" "--no-autologin --no-md5"
expect_zcomp "l2console mikrotik --no-a" "--no-autologin"
expect_zcomp "l2console mikrotik --lo" \
    "--local-echo --log --log-format --login-retries"
expect_zcomp "l2console mop --f" "--fixed-poll"
expect_zcomp "l2console mop --ti" "--timeout --timestamps"
# zsh, too, offers every option a command's usage names.
for c in mikrotik mop scan ping "serve mop" "serve mikrotik"; do
	# shellcheck disable=SC2086
	want=$(help_usage $c | long_opts)
	got=" $(zcomp "l2console $c --") "
	missing=
	for o in $want; do
		[[ $got == *" $o "* ]] || missing="$missing $o"
	done
	check "zsh: $c offers what its usage names (missing:$missing)" \
	    [ -z "$missing" ]
done
got=" $(zcomp "l2console --") "
missing=
for o in $ui; do
	[[ $got == *" $o "* ]] || missing="$missing $o"
done
check "zsh: the UI's options are offered (missing:$missing)" [ -z "$missing" ]
expect_zcomp "l2console mop --output " "raw text"
# File names after these (_files also offers the path's directories).
for o in "mikrotik --log" "mikrotik -a" "mikrotik --autologin" "mop --log"; do
	got=$(zcomp "l2console $o $TMP/ca")
	check "zsh: $o completes file names" has_all "$got" cache
done
expect_zcomp "l2console mop --fixed-poll $TMP/ca" ""
expect_zcomp "l2console mop @" "$ZP_MOP"
expect_zcomp "l2console mikrotik @" "$ZP_MT"
expect_zcomp "l2console mop $IF1 @" "$ZP_MOP"
expect_zcomp "l2console mop @tw" "@two\\ words"
expect_zcomp "l2console mikrotik -a /x --log /y $IF1 @e" "@edge.gw_2"
expect_zcomp "l2console mop @c" "@core-sw1"
expect_zcomp "l2console mop @lab @" ""
expect_zcomp "l2console ping @" ""
# Files that are not a config, and one only root could read.
XDG_CONFIG_HOME=$TMP/x-xdg expect_zcomp "l2console mop @" "@from-xdg" x-xdg
XDG_CONFIG_HOME=relative expect_zcomp "l2console mop @" "$ZP_MOP" relative
XDG_CONFIG_HOME=$TMP/x-dir expect_zcomp "l2console mop @" "" x-dir
XDG_CONFIG_HOME=$TMP/x-fifo expect_zcomp "l2console mop @" "" x-fifo
XDG_CONFIG_HOME=$TMP/x-junk expect_zcomp "l2console mikrotik @" "@after-junk" x-junk
XDG_CONFIG_HOME=$TMP/x-xdg as_nobody=1 expect_zcomp "l2console mop @" \
    "@from-xdg" "x-xdg as $who"
XDG_CONFIG_HOME=$TMP/x-unread as_nobody=1 expect_zcomp "l2console mop @" \
    "" "x-unread as $who"

lab_done
