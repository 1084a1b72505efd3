#!/bin/bash
# SPDX-License-Identifier: ISC
# Paced paste in the full-screen UI, driven in tmux: a 500-line IOS
# configuration pasted (tmux paste-buffer -p: bracketed, as the UI asks
# the terminal with ESC [ ? 2004 h) into a UI session with the IOS
# personality over MOP arrives whole, in order, every line accepted;
# a paste without the brackets (three lines at once) goes paced too;
# keys typed while the paste goes queue behind it; leaving the UI turns
# the brackets off again.  Every step waits for text, never time.
. "$(dirname "$0")/lib.sh"
lab_init
# shellcheck source=tests/lab/tui_rig.sh
. "$(dirname "$0")/tui_rig.sh"
rig_begin "paste in the full-screen UI" l2ctuip$$
python3 "$tools/ios_paste.py" make "$T/ios.cfg"
# The shell's line editor brackets pastes of its own: not here, so that
# only the UI's asking shows.
keys "bind 'set enable-bracketed-paste off'" Enter
rig_ui --log "$T/ui.log" --pcap "$T/ui.pcap" ||
    { not_ok "the UI starts"; dump; lab_done; }
rig_ios_login $IOS_MAC || { not_ok "IOS privileged mode"; dump; lab_done; }
keys -l "configure terminal"; keys Enter
wait_text "Router(config)#" 5 ||
    { not_ok "IOS configuration mode"; dump; lab_done; }

# 1. The 500 lines, bracketed; a key typed meanwhile goes after them.
tm load-buffer -b cfg "$T/ios.cfg"
tm paste-buffer -p -d -b cfg -t ui
keys -l end; keys Enter
last() { grep -qx "end" "$T/ios.rec" 2>/dev/null; }
check "the paste and the key typed after it reach IOS" wait_for 40 last
all_echoed() { ! has "without an echo"; }
check "no line went without its echo" all_echoed
ios_whole() {
	python3 "$tools/ios_paste.py" check "$T/ios.cfg" "$T/ios.rec" "end"
}
check "IOS over MOP in the UI: 500 pasted lines whole and in order" ios_whole
# Paced: each frame the UI sent carries one line at most (unpaced, the
# lines go as many as a frame holds).
one_a_frame() {
	python3 - "$T/ui.pcap" "$LAP_MAC" <<'PY'
import struct, sys
raw = open(sys.argv[1], "rb").read()
me = bytes.fromhex(sys.argv[2].replace(":", ""))
lines = multi = 0
off = 24
while off + 16 <= len(raw):
    n = struct.unpack("<I", raw[off + 8:off + 12])[0]
    f = raw[off + 16:off + 16 + n]
    off += 16 + n
    if f[6:12] != me:
        continue
    k = f.count(b"\r")
    lines += k > 0
    multi += k > 1
assert lines >= 500 and multi == 0, (lines, multi)
PY
}
check "one line a frame" one_a_frame
wait_text "Router#" 10
check "every pasted line accepted (the session log)" \
    bash -c "grep -q 'paste line 100' '$T/ui.log' &&
    ! grep -q 'Invalid input' '$T/ui.log'"

# 2. Three lines at once, not bracketed (paste-buffer without -p).
printf 'show clock\nterminal length 0\nshow clock\n' > "$T/three"
: > "$T/ios.rec"
tm load-buffer -b three "$T/three"
tm paste-buffer -d -b three -t ui
three() { [ "$(grep -c . "$T/ios.rec")" -ge 3 ]; }
check "three lines at once arrive" wait_for 15 three
check "... in order" bash -c "printf 'show clock\nterminal length 0\nshow clock\n' |
    cmp -s - '$T/ios.rec'"

# 3. Leaving the UI ends the session and the brackets.
keys C-]; wait_text "Session menu" 5; keys q
wait_text " device" 10; keys q
check "the UI exits" wait_text "rc=0" 10
# cat -v shows whether a paste still comes bracketed (^[[200~).
printf 'after\n' > "$T/after"
tm load-buffer -b after "$T/after"
keys "clear; stty raw -echo; cat -v > $T/cat.out" Enter
wait_for 5 test -e "$T/cat.out"
tm paste-buffer -p -d -b after -t ui
wait_for 5 grep -q after "$T/cat.out"
keys C-c
check "... and the terminal brackets pastes no more" \
    bash -c "grep -q after '$T/cat.out' && ! grep -qF '[200~' '$T/cat.out'"
lab_done
