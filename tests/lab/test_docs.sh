#!/bin/bash
# The man page and --help agree: every option a command's usage shows is
# documented in docs/l2console.1, and every command is described there.
# Needs no network namespace: it only runs --help.
set -u
BIN=${L2C_BIN:?}
top=$(cd "$(dirname "$0")/../.." && pwd)
man="$top/docs/l2console.1"
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $*"; }

# "l2console CMD ..." usage lines, and the serve protocols' own usages.
usages=$("$BIN" --help | sed -n 's/^ *l2console //p')
usages="$usages
$("$BIN" serve 2>&1 | sed -n 's/^ *l2console //p')"
cmds=$("$BIN" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p')
[ -n "$cmds" ] && ok "--help lists commands" || not_ok "--help lists commands"

for c in $cmds; do
	if grep -q "^\.It Cm $c" "$man"; then
		ok "man page describes $c"
	else
		not_ok "man page describes $c"
	fi
	"$BIN" "$c" --help > /dev/null 2>&1 &&
	    ok "$c --help exits 0" || not_ok "$c --help exits 0"
done

# Every option in a usage line has an Fl entry in the man page.
opts=$(printf '%s\n' "$usages" | grep -o -- '-\{1,2\}[a-zA-Z][a-zA-Z0-9-]*' | sort -u)
for o in $opts; do
	if grep -q -- "^\.\(It\|Op\).*Fl ${o#-}\b" "$man" ||
	    grep -q -- "Fl ${o#-}\( \|$\)" "$man"; then
		ok "man page documents $o"
	else
		not_ok "man page documents $o"
	fi
done

# scan and ping have their own help: "CMD --help" and "CMD -h" show a
# line for each option of the usage line (what the one-line usage from
# the command table alone would not), on stdout.
for c in scan ping; do
	h=$("$BIN" "$c" --help 2>/dev/null)
	cols=$(printf '%s\n' "$h" | awk '/^  -/ { sub(/   .*/, ""); print }')
	missing=
	for o in $(printf '%s\n' "$h" | sed -n "1s/^usage: l2console $c //p" |
	    grep -o -- '-\{1,2\}[a-zA-Z][a-zA-Z0-9-]*' | sort -u); do
		printf '%s\n' "$cols" | grep -qw -- "$o" || missing="$missing $o"
	done
	if [ -n "$cols" ] && [ -z "$missing" ]; then
		ok "$c --help describes each option"
	else
		not_ok "$c --help describes each option (missing:${missing:- all})"
	fi
	if [ "$("$BIN" "$c" -h 2>/dev/null)" = "$h" ]; then
		ok "$c -h is $c --help"
	else
		not_ok "$c -h is $c --help"
	fi
done

# Every exit status in --help is in the man page, and back.
hs=$("$BIN" --help | sed -n 's/^ *\([0-9][0-9]*\)  .*/\1/p' | sort -n | tr '\n' ' ')
ms=$(sed -n '/^\.Sh EXIT STATUS/,/^\.Sh/s/^\.It \([0-9][0-9]*\)$/\1/p' "$man" | sort -n | tr '\n' ' ')
if [ -n "$hs" ] && [ "$hs" = "$ms" ]; then
	ok "exit statuses agree ($hs)"
else
	not_ok "exit statuses agree (help: $hs; man: $ms)"
fi
exit $failed
