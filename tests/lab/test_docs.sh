#!/bin/bash
# SPDX-License-Identifier: ISC
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
if [ -n "$cmds" ]; then
	ok "--help lists commands"
else
	not_ok "--help lists commands"
fi

for c in $cmds; do
	if grep -q "^\.It Cm $c" "$man"; then
		ok "man page describes $c"
	else
		not_ok "man page describes $c"
	fi
	if "$BIN" "$c" --help > /dev/null 2>&1; then
		ok "$c --help exits 0"
	else
		not_ok "$c --help exits 0"
	fi
done
# The protocols of serve, the same: usage on stdout, exit 0, no error.
for p in $("$BIN" serve 2>&1 | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p'); do
	err=$("$BIN" serve "$p" --help 2>&1 > /dev/null)
	if "$BIN" serve "$p" --help | grep -q "^usage: l2console serve $p" &&
	    [ -z "$err" ]; then
		ok "serve $p --help: its usage, exit 0"
	else
		not_ok "serve $p --help: its usage, exit 0 (said: $err)"
	fi
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

# The code's own table of exit statuses: the header that defines the
# L2C_EX_* codes, found by name so that a move does not lose it.
hdr=$(git -C "$top" ls-files 2>/dev/null | grep -E '(^|/)exit_?code\.h$' | head -1)
[ -n "$hdr" ] || hdr=$(cd "$top" && find src -name 'exit*code.h' | head -1)
cs=
if [ -n "$hdr" ]; then
	cs=$(sed -n 's/^#define[[:space:]]\{1,\}L2C_EX_[A-Z_]\{1,\}[[:space:]]\{1,\}\([0-9]\{1,\}\).*/\1/p' \
	    "$top/$hdr" | sort -n | tr '\n' ' ')
fi
if [ -n "$cs" ]; then
	ok "the code's exit statuses are read from $hdr ($cs)"
else
	not_ok "the code's exit statuses are read from ${hdr:-no exit code header}"
fi
# Each status the header defines is used somewhere else in src/.
unused=
if [ -n "$hdr" ]; then
	while read -r x; do
		grep -rlw --include='*.c' -- "$x" "$top/src" | grep -q . ||
		    unused="$unused $x"
	done < <(sed -n 's/^#define[[:space:]]\{1,\}\(L2C_EX_[A-Z_]\{1,\}\)[[:space:]].*/\1/p' \
	    "$top/$hdr")
fi
if [ -n "$hdr" ] && [ -z "$unused" ]; then
	ok "every exit status the code defines is returned somewhere"
else
	not_ok "every exit status the code defines is returned somewhere (not:${unused:- no header})"
fi

# Every exit status in --help is in the man page, and back.
hs=$("$BIN" --help | sed -n 's/^ *\([0-9][0-9]*\)  .*/\1/p' | sort -n | tr '\n' ' ')
ms=$(sed -n '/^\.Sh EXIT STATUS/,/^\.Sh/s/^\.It \([0-9][0-9]*\)$/\1/p' "$man" | sort -n | tr '\n' ' ')
if [ -n "$hs" ] && [ "$hs" = "$ms" ]; then
	ok "exit statuses agree ($hs)"
else
	not_ok "exit statuses agree (help: $hs; man: $ms)"
fi
if [ -n "$cs" ] && [ "$ms" = "$cs" ]; then
	ok "the man page's exit statuses are the code's ($cs)"
else
	not_ok "the man page's exit statuses are the code's (man: $ms; code: $cs)"
fi
if [ -n "$cs" ] && [ "$hs" = "$cs" ]; then
	ok "--help's exit statuses are the code's ($cs)"
else
	not_ok "--help's exit statuses are the code's (help: $hs; code: $cs)"
fi

# Every key of the full-screen UI's session menu (its items[] table in
# menu.c) has an entry in the man page's list of the menu's keys.
menu_src="$top/src/ui/tui/menu.c"
mkeys=$(sed -n "/^static const struct menu_item items\[\]/,/^};/s/^[[:space:]]*{ '\(.\)',.*/\1/p" \
    "$menu_src")
mlist=$(sed -n '/opens the session menu:$/,/^\.El$/p' "$man")
missing=
while IFS= read -r k; do
	[ -n "$k" ] || continue
	case $k in
	'?') pat='Ic \\&?' ;;
	*) pat="Ic $k" ;;
	esac
	printf '%s\n' "$mlist" | grep -q -- "^\.It .*$pat\( \|$\)" ||
	    missing="$missing $k"
done <<< "$mkeys"
if [ "$(printf '%s\n' "$mkeys" | wc -w)" -ge 10 ] && [ -z "$missing" ]; then
	ok "man page lists every key of the UI's session menu"
else
	not_ok "man page lists every key of the UI's session menu (missing:${missing:- no keys read})"
fi

# The README says the licence, and LICENSE is the ISC text it names.
if grep -q '^## Licence' "$top/README.md" &&
    grep -q 'ISC, see `LICENSE`' "$top/README.md" &&
    grep -q '^Permission to use, copy, modify, and/or distribute\|^Permission to use, copy, modify, and distribute' \
    "$top/LICENSE"; then
	ok "README names the licence (ISC, LICENSE)"
else
	not_ok "README names the licence (ISC, LICENSE)"
fi

# Every source path the README and docs/HACKING.md name exists, in the
# rooms the text puts it (a bare name: under src/, its room or tests/).
missing=
for p in $(grep -oh '`[a-z_/.]*\.\(c\|h\|sh\)`' "$top/README.md" \
    "$top/docs/HACKING.md" | tr -d '`' | sort -u); do
	found=
	for d in "" src/ src/*/ src/ui/*/ tests/ tests/*/ contrib/; do
		for f in "$top"/$d$p; do
			[ -e "$f" ] && found=1
		done
	done
	[ -n "$found" ] || missing="$missing $p"
done
if [ -z "$missing" ]; then
	ok "every file the README and HACKING.md name exists"
else
	not_ok "every file the README and HACKING.md name exists (not:$missing)"
fi
exit $failed
