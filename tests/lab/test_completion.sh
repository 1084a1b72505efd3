#!/bin/bash
# Shell completion (contrib/completion): the bash function is called the
# way bash calls it (COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT) and
# its COMPREPLY is compared with what it must offer; the zsh function is
# driven through a real zsh on a pseudo-terminal. Nothing is sent anywhere.
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d /tmp/l2c-comp.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

# A private cache with the last scan's MACs; no real home is read.
export HOME=$TMP/home XDG_CACHE_HOME=$TMP/cache
mkdir -p "$HOME" "$XDG_CACHE_HOME/l2console"
printf '02:4c:32:43:00:01\n# a comment\n\n02:4c:32:43:00:02 extra\n' \
    > "$XDG_CACHE_HOME/l2console/last-scan"

# The interfaces the completion must offer: all but loopback.
ifs=()
for d in /sys/class/net/*; do
	[ "${d##*/}" = lo ] || ifs+=("${d##*/}")
done
IFACES=$(printf '%s\n' "${ifs[@]}" | LC_ALL=C sort | tr '\n' ' ')
IFACES=${IFACES% }
IF1=${IFACES%% *}

# shellcheck source=/dev/null
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
expect_comp "l2console mop --v" "--verification"
expect_comp "l2console mop --" \
    "--idle --info --no-wake --pcap --timeout --verification --wake"
expect_comp "l2console mop -" \
    "--idle --info --no-wake --pcap --timeout --verification --wake -e"
expect_comp "l2console mikrotik -" \
    "--idle --md5 --password-file --pcap --timeout -e -u"
expect_comp "l2console scan --m" "--mikrotik-only --mop-only"
expect_comp "l2console scan --" \
    "--csv --json --mikrotik-only --mop-only --pcap --probe --probe-file --timeout --watch"
expect_comp "l2console ping -" "--mop -W -c -i -s"
expect_comp "l2console serve " "mikrotik mop"
expect_comp "l2console serve mop --" \
    "--exec --pcap --sysid-interval --verification"
expect_comp "l2console serve mikrotik --" \
    "--add-user --exec --fail-delay --identity --idle-timeout --max-fails --mndp-interval --no-md5 --password-file --pcap --users"
expect_comp "l2console -" \
    "--help --quiet --user --verbose --version -V -h -q -v"
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
got=$(words_only l2console mop --v)
check "bash: works from COMP_WORDS/COMP_CWORD alone" \
    [ "$got" = "--verification" ]
check "bash: the completion is registered for l2console" \
    eval "[[ \"\$(complete -p l2console)\" == *\"-F _l2console\"* ]]"

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

zcomp() {
	timeout 20 zsh -f "$TMP/drive.zsh" "$top/contrib/completion" "$1" 2>/dev/null
}

# expect_zcomp LINE WANT
expect_zcomp() {
	local got
	got=$(zcomp "$1")
	if [ "$got" = "$2" ]; then
		ok "zsh: '$1' -> $2"
	else
		not_ok "zsh: '$1' -> $2"
		echo "#   got: '$got'"
	fi
}

expect_zcomp "l2console m" "mikrotik mop"
expect_zcomp "l2console mop --v" "--verification"
expect_zcomp "l2console scan --m" "--mikrotik-only --mop-only"
expect_zcomp "l2console serve " "mikrotik mop"
expect_zcomp "l2console serve mikrotik --n" "--no-md5"
expect_zcomp "l2console ping --m" "--mop"
expect_zcomp "l2console mop " "$IFACES"
expect_zcomp "l2console mop $IF1 02:4c" "02:4c:32:43:00:01 02:4c:32:43:00:02"
lab_done
