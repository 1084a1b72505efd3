# SPDX-License-Identifier: ISC
# bash completion for l2console(1)
#
# Install as /usr/share/bash-completion/completions/l2console, or source it
# from ~/.bashrc. Completes subcommands, their options, interface names
# (from /sys/class/net) and target MACs: those of the last scan, read from
# ${XDG_CACHE_HOME:-$HOME/.cache}/l2console/last-scan (one MAC per line),
# and the host names in /etc/ethers. After mikrotik and mop, a word that
# starts with @ completes to the profiles in
# ${XDG_CONFIG_HOME:-$HOME/.config}/l2console/config that fit the command.

# Options per subcommand; "serve mop" and "serve mikrotik" have their own.
# Without a command: the global ones and the full-screen UI's.
_l2console_global_opts=(-q -v --quiet --verbose --user -h --help -V --version
    -i --interface --color -e --escape --log --timestamps --promisc
    --scrollback --reconnect --reconnect-timeout --paste-wait --line-delay)
# Both consoles: the terminal, paste, tools, reconnect and scripting.
_l2console_sess_opts=(--term --term-size --output --log-format --paste-wait
    --line-delay --map --local-echo --hex --reconnect --reconnect-timeout
    --command --commands-file --json --command-timeout --prompt --script
    --script-unsafe --script-timeout)
_l2console_opts_mikrotik=(-u --md5 --allow-md5 --no-md5 --known-devices
    --password-file -a --autologin -A --no-autologin --login-retries -e
    --timeout --idle --log --timestamps --pcap "${_l2console_sess_opts[@]}")
_l2console_opts_mop=(--verification-file --info --wake --no-wake -e --timeout
    --idle --fixed-poll --log --timestamps --pcap --login-user
    --password-file --enable --enable-password-file
    "${_l2console_sess_opts[@]}")
_l2console_opts_scan=(--timeout --watch --json --csv --mop-only
    --mikrotik-only --probe --probe-file --sweep-rate --no-sweep --promisc
    --audit --pcap)
_l2console_opts_ping=(-c -i -s -W --mop --pcap)
_l2console_opts_serve_mop=(--exec --user --verification-file --sysid-interval
    --privsep-user --pcap)
_l2console_opts_serve_mikrotik=(--exec --users --add-user --md5 --password-file
    --no-md5 --idle-timeout --mndp-interval --identity --max-fails
    --fail-delay --privsep-user --pcap)
# Options that take a value (the next word is that value, not a positional).
_l2console_argopts=" --user -u --password-file -a --autologin -e --timeout
    --idle --fixed-poll --log --verification --verification-file --probe --probe-file -c -i -s -W --exec --sysid-interval
    --users --add-user --mndp-interval --identity --pcap --idle-timeout
    --max-fails --fail-delay --sweep-rate --known-devices --login-retries
    --term --term-size --output --log-format --paste-wait --line-delay --map
    --reconnect-timeout --command --commands-file --command-timeout --prompt
    --script --script-timeout --login-user --enable-password-file
    --interface --color --escape --scrollback --privsep-user "

# Interfaces that could carry frames: everything but loopback.
_l2console_ifaces() {
	local d
	for d in /sys/class/net/*; do
		[ -e "$d" ] || continue
		d=${d##*/}
		[ "$d" = lo ] || printf '%s\n' "$d"
	done
}

# Targets: MACs from the last scan, then /etc/ethers names.
_l2console_targets() {
	local f=${XDG_CACHE_HOME:-$HOME/.cache}/l2console/last-scan
	local mac name rest
	if [ -r "$f" ]; then
		while read -r mac rest; do
			case $mac in
			''|'#'*) ;;
			*) printf '%s\n' "$mac" ;;
			esac
		done < "$f"
	fi
	if [ -r /etc/ethers ]; then
		while read -r mac name rest; do
			case $mac in
			''|'#'*) ;;
			*) [ -n "$name" ] && printf '%s\n' "$name" ;;
			esac
		done < /etc/ethers
	fi
}

# Profiles for command CMD, as @name: the sections of the config file
# that have keys and whose protocol is CMD or not given. The file is read
# the way l2console reads it (src/ui/conf/ini.c): lines trimmed, # and ;
# comments, keys in any case, a value's quotes dropped. A line l2console
# would refuse is passed over (it says why when the profile is used), and
# a bad [header] ends the section before it. Names with spaces are left
# out (this completion splits the line at spaces); others are quoted.
_l2console_profiles() {
	local cmd=$1 f line sec='' key val name
	local -a names=()
	local -A proto=() seen=()

	if [[ ${XDG_CONFIG_HOME:-} == /* ]]; then
		f=$XDG_CONFIG_HOME/l2console/config
	elif [ -n "${HOME:-}" ]; then
		f=$HOME/.config/l2console/config
	else
		return 0
	fi
	# Not a fifo or a directory: those would hang or fail the read.
	[ -f "$f" ] && [ -r "$f" ] || return 0
	while IFS= read -r line || [ -n "$line" ]; do
		line=${line#"${line%%[![:space:]]*}"}
		line=${line%"${line##*[![:space:]]}"}
		case $line in
		''|'#'*|';'*)
			;;
		'['*)
			# "[name]" and nothing after the first "]".
			sec=
			[[ $line == *']' && ${line:1:${#line}-2} != *']'* ]] ||
			    continue
			name=${line:1:${#line}-2}
			name=${name#"${name%%[![:space:]]*}"}
			name=${name%"${name##*[![:space:]]}"}
			[ -n "$name" ] && [ "${#name}" -lt 256 ] && sec=$name
			;;
		*=*)
			key=${line%%=*}
			key=${key%"${key##*[![:space:]]}"}
			if [ -z "$sec" ] || [ -z "$key" ]; then
				continue
			fi
			if [ -z "${seen[$sec]+set}" ]; then
				seen[$sec]=1
				names+=("$sec")
			fi
			key=${key,,}
			[ "${key//_/-}" = protocol ] || continue
			val=${line#*=}
			val=${val#"${val%%[![:space:]]*}"}
			[[ $val == \"*\" ]] && val=${val:1:${#val}-2}
			proto[$sec]=$val
			;;
		esac
	done 2>/dev/null < "$f"
	for name in "${names[@]}"; do
		[[ $name == *[[:space:]]* ]] && continue
		case ${proto[$name]-} in
		''|"$cmd") printf '@%q\n' "$name" ;;
		esac
	done
}

# _l2console_reply CUR WORD...: the words that start with CUR. Bash splits
# the word being completed at ':' (COMP_WORDBREAKS), so a MAC prefix
# loses everything up to its last colon in the reply, as bash expects.
_l2console_reply() {
	local cur=$1 w strip=
	shift
	if [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]]; then
		strip=${cur%"${cur##*:}"}
	fi
	COMPREPLY=()
	for w in "$@"; do
		[[ $w == "$cur"* ]] && COMPREPLY+=("${w#"$strip"}")
	done
}

# _l2console_reply_from CUR FUNCTION [ARG...]: the same, for the lines
# FUNCTION prints.
_l2console_reply_from() {
	local -a w
	mapfile -t w < <("${@:2}")
	_l2console_reply "$1" "${w[@]}"
}

_l2console() {
	local line cur prev cmd i npos
	local -a words pos opts

	# Work from the line itself, not COMP_WORDS: COMP_WORDS splits MACs
	# at their colons. Without COMP_LINE (a test), rebuild it.
	if [ -n "${COMP_LINE+set}" ]; then
		line=${COMP_LINE:0:${COMP_POINT:-${#COMP_LINE}}}
	else
		line="${COMP_WORDS[*]:0:COMP_CWORD+1}"
	fi
	read -r -a words <<< "$line"
	if [[ $line == *[[:space:]] || ${#words[@]} -eq 0 ]]; then
		cur=
	else
		cur=${words[${#words[@]}-1]}
		unset 'words[${#words[@]}-1]'
	fi
	prev=${words[${#words[@]}-1]:-}

	# The subcommand and the positionals before the word being completed.
	cmd='' pos=()
	for ((i = 1; i < ${#words[@]}; i++)); do
		case ${words[i]} in
		-*)
			[[ $_l2console_argopts == *[[:space:]]"${words[i]}"[[:space:]]* ]] &&
			    ((i++))
			;;
		*)
			if [ -z "$cmd" ]; then
				cmd=${words[i]}
			else
				pos+=("${words[i]}")
			fi
			;;
		esac
	done
	npos=${#pos[@]}

	# The value of an option.
	case $prev in
	--password-file|--probe-file|--users|--pcap|--log|-a|--autologin|\
	--known-devices|--verification-file|--commands-file|--script|\
	--enable-password-file)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		compopt -o filenames 2>/dev/null
		return 0
		;;
	--exec)
		mapfile -t COMPREPLY < <(compgen -c -- "$cur")
		return 0
		;;
	--user|-u|--add-user|--privsep-user)
		mapfile -t COMPREPLY < <(compgen -u -- "$cur")
		return 0
		;;
	-e|--escape)
		_l2console_reply "$cur" none
		return 0
		;;
	--term) _l2console_reply "$cur" auto virtual; return 0 ;;
	--output) _l2console_reply "$cur" text raw; return 0 ;;
	--log-format) _l2console_reply "$cur" raw text; return 0 ;;
	--paste-wait) _l2console_reply "$cur" echo prompt none; return 0 ;;
	--color) _l2console_reply "$cur" auto always never; return 0 ;;
	--map)
		_l2console_reply "$cur" ICRNL IGNCR INLCR INLCRNL OCRNL ONLCR \
		    ONLCRNL ODELBS OLTU none
		return 0
		;;
	-i|--interface)
		# The full-screen UI's interface; ping's -i is an interval.
		if [ -z "$cmd" ]; then
			_l2console_reply_from "$cur" _l2console_ifaces
		else
			COMPREPLY=()
		fi
		return 0
		;;
	--probe)
		_l2console_reply_from "$cur" _l2console_targets
		return 0
		;;
	--timeout|--idle|--verification|-c|-s|-W|--sysid-interval|\
	--mndp-interval|--identity|--fixed-poll|--term-size|--line-delay|\
	--reconnect-timeout|--command|--command-timeout|--prompt|\
	--script-timeout|--login-retries|--login-user|--scrollback)
		COMPREPLY=()
		return 0
		;;
	esac

	if [ -z "$cmd" ]; then
		if [[ $cur == -* ]]; then
			_l2console_reply "$cur" "${_l2console_global_opts[@]}"
		else
			_l2console_reply "$cur" interfaces mikrotik mop scan \
			    ping serve
		fi
		return 0
	fi

	opts=()
	case $cmd:${pos[0]:-} in
	serve:mop) opts=("${_l2console_opts_serve_mop[@]}") ;;
	serve:mikrotik) opts=("${_l2console_opts_serve_mikrotik[@]}") ;;
	mikrotik:*) opts=("${_l2console_opts_mikrotik[@]}") ;;
	mop:*) opts=("${_l2console_opts_mop[@]}") ;;
	scan:*) opts=("${_l2console_opts_scan[@]}") ;;
	ping:*) opts=("${_l2console_opts_ping[@]}") ;;
	esac
	if [[ $cur == -* ]]; then
		_l2console_reply "$cur" "${opts[@]}"
		return 0
	fi

	case $cmd in
	mikrotik|mop)
		# IFACE, then TARGET; or [IFACE] @PROFILE, which ends the line.
		if [[ ${pos[0]:-} == @* ]]; then
			COMPREPLY=()
		elif [[ $cur == @* && $npos -le 1 ]]; then
			_l2console_reply_from "$cur" _l2console_profiles "$cmd"
		elif [ "$npos" -eq 0 ]; then
			_l2console_reply_from "$cur" _l2console_ifaces
		elif [ "$npos" -eq 1 ]; then
			_l2console_reply_from "$cur" _l2console_targets
		else
			COMPREPLY=()
		fi
		;;
	ping)
		# IFACE, then TARGET.
		case $npos in
		0) _l2console_reply_from "$cur" _l2console_ifaces ;;
		1) _l2console_reply_from "$cur" _l2console_targets ;;
		*) COMPREPLY=() ;;
		esac
		;;
	scan)
		if [ "$npos" -eq 0 ]; then
			_l2console_reply_from "$cur" _l2console_ifaces
		else
			COMPREPLY=()
		fi
		;;
	serve)
		case $npos in
		0) _l2console_reply "$cur" mop mikrotik ;;
		1) _l2console_reply_from "$cur" _l2console_ifaces ;;
		*) COMPREPLY=() ;;
		esac
		;;
	*)
		COMPREPLY=()
		;;
	esac
	return 0
}

complete -F _l2console l2console
