#!/bin/bash
# SPDX-License-Identifier: ISC
# The shell scripts in tests/ and contrib/ stay shellcheck-clean, with the
# settings of the tree's .shellcheckrc.  Sends nothing anywhere; needs no
# namespace.  zsh has no shellcheck: _l2console is checked by zsh -n in
# test_completion.sh.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $*"; }

if ! command -v shellcheck > /dev/null 2>&1; then
	echo "ok 1 - shellcheck # SKIP shellcheck is not installed"
	exit 0
fi
TMP=$(mktemp -d /tmp/l2c-sc.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

# The shell scripts: by name, or by a sh/bash first line or a shellcheck
# shell directive.  Captures, seeds and corpora are data, not scripts.
scripts() {
	local f
	find "$top/tests" "$top/contrib" \
	    \( -path "$top/tests/data" -o -path "$top/tests/fuzz/seeds" -o \
	    -path "$top/tests/fuzz/corpus" \) -prune -o -type f -print |
	    LC_ALL=C sort | while IFS= read -r f; do
		case $f in
		*.sh|*.bash) echo "$f"; continue ;;
		esac
		if head -n 1 "$f" | grep -Eq '^#!(/usr)?/bin/(env )?(ba)?sh( |$)' ||
		    head -n 3 "$f" | grep -q '^# shellcheck shell=\(ba\)\?sh'; then
			echo "$f"
		fi
	done
}

# The check itself must be able to fail: a script with a known mistake
# (an unquoted variable, SC2086) is reported with these settings.
mkdir -p "$TMP/contrib"
cp "$top/.shellcheckrc" "$TMP/"
printf '#!/bin/sh\nrm $1\n' > "$TMP/contrib/bad.sh"
if ! (cd "$TMP" && shellcheck contrib/bad.sh) > "$TMP/bad.out" 2>&1 &&
    grep -q SC2086 "$TMP/bad.out"; then
	ok "shellcheck reports an unquoted variable"
else
	not_ok "shellcheck reports an unquoted variable ($(head -3 "$TMP/bad.out"))"
fi

mapfile -t files < <(scripts)
if [ "${#files[@]}" -ge 20 ]; then
	ok "${#files[@]} shell scripts found in tests/ and contrib/"
else
	not_ok "shell scripts found in tests/ and contrib/ (only ${#files[@]})"
fi
cd "$top" || exit 1
for f in "${files[@]}"; do
	rel=${f#"$top/"}
	if shellcheck "$rel" > "$TMP/out" 2>&1; then
		ok "shellcheck $rel"
	else
		not_ok "shellcheck $rel"
		sed 's/^/#   /' "$TMP/out" | head -30
	fi
done
exit $failed
