-- SPDX-License-Identifier: ISC
-- mop.lua: Wireshark dissector for DEC MOP remote console (ethertype
-- 0x6002) and MOP loopback (ethertype 0x9000), from the l2console project.
--
-- Wireshark 4.0 shows 0x6002 payloads only as raw data. Load this with
--   wireshark -X lua_script:mop.lua      (or tshark -X lua_script:...)
-- or copy it into ~/.local/lib/wireshark/plugins/.
--
-- Ethernet II form: length (2, LE: bytes that follow) | code (1) | ...
-- The message ends where the MOP length says, not where the frame ends:
-- moprc pads short frames with garbage, shown here as mop.padding.
-- IEEE 802.3 + SNAP form (OUI 08-00-2B, PID 0x6002) has no length word;
-- the 802.3 length bounds the message. Wireshark has no dissector table
-- for DEC's OUI, so that form is picked up by a small postdissector.
--
-- Registering 0x9000 replaces Wireshark's own "loop" dissector; use
-- Analyze > Decode As to go back to it.

local mop = Proto("mop", "DEC MOP Remote Console")
local mop_loop = Proto("mop_loop", "DEC MOP Loopback")
local mop_snap = Proto("mop_snap", "DEC MOP Remote Console (802.3/SNAP)")

local codes = {
	[5] = "Request ID",
	[6] = "Boot",
	[7] = "System ID",
	[9] = "Request Counters",
	[11] = "Counters",
	[13] = "Reserve Console",
	[15] = "Release Console",
	[17] = "Console Command and Poll",
	[19] = "Console Response and Acknowledge",
}

local sysid_types = {
	[1] = "Maintenance version",
	[2] = "Functions",
	[3] = "Console user",
	[4] = "Reservation timer",
	[5] = "Console command size",
	[6] = "Console response size",
	[7] = "Hardware address",
	[8] = "System time",
	[100] = "Communication device",
	[200] = "Software ID",
	[300] = "Processor",
	[400] = "Data link",
	[401] = "Data link buffer size",
}

local processors = {
	[1] = "PDP-11 (UNIBUS)",
	[2] = "Communication Server",
	[3] = "Professional",
}

local datalinks = {
	[1] = "CSMA/CD (Ethernet)",
	[2] = "DDCMP",
	[3] = "LAPB",
	[4] = "HDLC",
	[5] = "FDDI",
	[6] = "Token Ring (IEEE 802.5)",
	[11] = "Token Bus (IEEE 802.4)",
}

local loop_functions = {
	[1] = "Reply",
	[2] = "Forward Data",
}

local f = {
	len = ProtoField.uint16("mop.len", "Length", base.DEC),
	code = ProtoField.uint8("mop.code", "Code", base.DEC, codes),
	reserved = ProtoField.uint8("mop.reserved", "Reserved", base.HEX),
	receipt = ProtoField.uint16("mop.receipt", "Receipt number",
	    base.DEC),
	verification = ProtoField.bytes("mop.verification", "Verification"),
	data = ProtoField.bytes("mop.data", "Data"),
	extra = ProtoField.bytes("mop.extra",
	    "Bytes beyond the specified layout"),
	padding = ProtoField.bytes("mop.padding", "Padding (after the MOP length)"),

	sysid_entry = ProtoField.none("mop.sysid.entry", "Info entry"),
	sysid_type = ProtoField.uint16("mop.sysid.type", "Type", base.DEC,
	    sysid_types),
	sysid_len = ProtoField.uint8("mop.sysid.len", "Length", base.DEC),
	sysid_value = ProtoField.bytes("mop.sysid.value", "Value"),
	version = ProtoField.string("mop.sysid.version", "Maintenance version"),
	functions = ProtoField.uint16("mop.sysid.functions", "Functions",
	    base.HEX),
	fn_loop = ProtoField.bool("mop.sysid.functions.loop", "Loop", 16, nil,
	    0x0001),
	fn_dump = ProtoField.bool("mop.sysid.functions.dump", "Dump", 16, nil,
	    0x0002),
	fn_ploader = ProtoField.bool("mop.sysid.functions.primary_loader",
	    "Primary loader", 16, nil, 0x0004),
	fn_mloader = ProtoField.bool("mop.sysid.functions.multiblock_loader",
	    "Multi-block loader", 16, nil, 0x0008),
	fn_boot = ProtoField.bool("mop.sysid.functions.boot", "Boot", 16, nil,
	    0x0010),
	fn_carrier = ProtoField.bool("mop.sysid.functions.console_carrier",
	    "Console carrier", 16, nil, 0x0020),
	fn_counters = ProtoField.bool("mop.sysid.functions.counters",
	    "Data link counters", 16, nil, 0x0040),
	fn_reserved = ProtoField.bool("mop.sysid.functions.console_reserved",
	    "Console carrier reserved", 16, nil, 0x0080),
	console_user = ProtoField.ether("mop.sysid.console_user",
	    "Console user"),
	res_timer = ProtoField.uint16("mop.sysid.reservation_timer",
	    "Reservation timer (s)", base.DEC),
	cmd_size = ProtoField.uint16("mop.sysid.cmd_size",
	    "Console command size", base.DEC),
	resp_size = ProtoField.uint16("mop.sysid.resp_size",
	    "Console response size", base.DEC),
	hwaddr = ProtoField.ether("mop.sysid.hwaddr", "Hardware address"),
	systime = ProtoField.bytes("mop.sysid.time", "System time"),
	device = ProtoField.uint8("mop.sysid.device", "Communication device",
	    base.DEC),
	software_id = ProtoField.string("mop.sysid.software_id", "Software ID"),
	software_code = ProtoField.int8("mop.sysid.software_code",
	    "Software ID code", base.DEC, {
		[0] = "none", [-1] = "standard operating system",
		[-2] = "maintenance system" }),
	processor = ProtoField.uint8("mop.sysid.processor", "Processor",
	    base.DEC, processors),
	datalink = ProtoField.uint8("mop.sysid.datalink", "Data link",
	    base.DEC, datalinks),
	dl_bufsize = ProtoField.uint16("mop.sysid.dl_bufsize",
	    "Data link buffer size", base.DEC),

	poll_flags = ProtoField.uint8("mop.poll.flags", "Flags", base.HEX),
	poll_msgnum = ProtoField.uint8("mop.poll.msgnum", "Message number",
	    base.DEC, nil, 0x01),
	poll_break = ProtoField.uint8("mop.poll.break", "Command break",
	    base.DEC, nil, 0x02),
	resp_flags = ProtoField.uint8("mop.resp.flags", "Flags", base.HEX),
	resp_ack = ProtoField.uint8("mop.resp.ack",
	    "Message number acknowledged", base.DEC, nil, 0x01),
	resp_cmd_lost = ProtoField.uint8("mop.resp.cmd_lost",
	    "Command data lost", base.DEC, nil, 0x02),
	resp_resp_lost = ProtoField.uint8("mop.resp.resp_lost",
	    "Response data lost", base.DEC, nil, 0x04),

	boot_processor = ProtoField.uint8("mop.boot.processor", "Processor",
	    base.DEC),
	boot_control = ProtoField.uint8("mop.boot.control", "Control",
	    base.HEX),
	boot_software_id = ProtoField.string("mop.boot.software_id",
	    "Software ID"),

	cnt_seconds = ProtoField.uint16("mop.counters.seconds",
	    "Seconds since last zeroed", base.DEC),
	cnt_bytes_rx = ProtoField.uint32("mop.counters.bytes_rx",
	    "Bytes received", base.DEC),
	cnt_bytes_tx = ProtoField.uint32("mop.counters.bytes_tx",
	    "Bytes sent", base.DEC),
	cnt_frames_rx = ProtoField.uint32("mop.counters.frames_rx",
	    "Frames received", base.DEC),
	cnt_frames_tx = ProtoField.uint32("mop.counters.frames_tx",
	    "Frames sent", base.DEC),
	cnt_mc_bytes_rx = ProtoField.uint32("mop.counters.mcast_bytes_rx",
	    "Multicast bytes received", base.DEC),
	cnt_mc_frames_rx = ProtoField.uint32("mop.counters.mcast_frames_rx",
	    "Multicast frames received", base.DEC),
	cnt_deferred = ProtoField.uint32("mop.counters.tx_deferred",
	    "Frames sent, initially deferred", base.DEC),
	cnt_one_coll = ProtoField.uint32("mop.counters.tx_one_collision",
	    "Frames sent, single collision", base.DEC),
	cnt_multi_coll = ProtoField.uint32("mop.counters.tx_multi_collision",
	    "Frames sent, multiple collisions", base.DEC),
	cnt_tx_fail = ProtoField.uint16("mop.counters.tx_failure",
	    "Send failure", base.DEC),
	cnt_tx_fail_bits = ProtoField.uint16("mop.counters.tx_failure_reasons",
	    "Send failure reasons", base.HEX),
	cnt_rx_fail = ProtoField.uint16("mop.counters.rx_failure",
	    "Receive failure", base.DEC),
	cnt_rx_fail_bits = ProtoField.uint16("mop.counters.rx_failure_reasons",
	    "Receive failure reasons", base.HEX),
	cnt_unrec_dst = ProtoField.uint16("mop.counters.unrecognized_dst",
	    "Unrecognized frame destination", base.DEC),
	cnt_overrun = ProtoField.uint16("mop.counters.data_overrun",
	    "Data overrun", base.DEC),
	cnt_sys_buf = ProtoField.uint16("mop.counters.system_buffer_unavail",
	    "System buffer unavailable", base.DEC),
	cnt_user_buf = ProtoField.uint16("mop.counters.user_buffer_unavail",
	    "User buffer unavailable", base.DEC),

	loop_skip = ProtoField.uint16("mop.loop.skip", "Skip count", base.DEC),
	loop_function = ProtoField.uint16("mop.loop.function", "Function",
	    base.DEC, loop_functions),
	loop_fwd = ProtoField.ether("mop.loop.fwd", "Forward address"),
	loop_receipt = ProtoField.uint16("mop.loop.receipt", "Receipt number",
	    base.DEC),
	loop_data = ProtoField.bytes("mop.loop.data", "Data"),
}

local e = {
	len_past_end = ProtoExpert.new("mop.expert.len_past_end",
	    "MOP length runs past the end of the frame",
	    expert.group.MALFORMED, expert.severity.ERROR),
	short = ProtoExpert.new("mop.expert.short",
	    "Message shorter than its layout",
	    expert.group.MALFORMED, expert.severity.ERROR),
	entry_past_end = ProtoExpert.new("mop.expert.entry_past_end",
	    "System ID info entry runs past the end of the message",
	    expert.group.MALFORMED, expert.severity.ERROR),
	extra = ProtoExpert.new("mop.expert.extra",
	    "Bytes beyond the specified layout",
	    expert.group.PROTOCOL, expert.severity.NOTE),
	unknown_code = ProtoExpert.new("mop.expert.unknown_code",
	    "Unknown MOP remote console code",
	    expert.group.UNDECODED, expert.severity.WARN),
	unknown_entry = ProtoExpert.new("mop.expert.unknown_entry",
	    "Unknown System ID info type (shown raw)",
	    expert.group.UNDECODED, expert.severity.NOTE),
	loop_unknown = ProtoExpert.new("mop.expert.loop_unknown",
	    "Unknown loopback function",
	    expert.group.UNDECODED, expert.severity.WARN),
}

mop.fields = {}
for _, v in pairs(f) do
	table.insert(mop.fields, v)
end
mop.experts = {}
for _, v in pairs(e) do
	table.insert(mop.experts, v)
end

-- True when single-bit mask m is set in v; plain arithmetic, so the
-- script runs on Lua 5.2 (Wireshark 4.0) and 5.4 (no bit32) alike.
local function has(v, m)
	return math.floor(v / m) % 2 == 1
end

-- A counted string (software id): one count byte, then the text.
-- Counts 0, -1 and -2 are codes, not lengths.
local function add_counted(tree, tvb, off, avail, strfield)
	if avail < 1 then
		return nil
	end
	local n = tvb(off, 1):uint()
	if n == 0 or n >= 0xfe then
		tree:add(f.software_code, tvb(off, 1))
		return nil
	end
	if n > avail - 1 then
		n = avail - 1
	end
	if n == 0 then
		return nil
	end
	tree:add(strfield, tvb(off + 1, n))
	return tvb(off + 1, n):string()
end

-- The 1- or 2-byte functions bitmap (the spec says 2, pydecnet sends 1).
local function add_functions(tree, r)
	local val = r:le_uint()
	local t = tree:add(f.functions, r, val)
	for _, bit in ipairs({ f.fn_loop, f.fn_dump, f.fn_ploader,
	    f.fn_mloader, f.fn_boot, f.fn_carrier, f.fn_counters,
	    f.fn_reserved }) do
		t:add(bit, r, val)
	end
	local names = {}
	if has(val, 0x20) then
		table.insert(names, "console carrier")
	end
	if has(val, 0x80) then
		table.insert(names, "reserved")
	end
	return string.format("0x%02x", val) ..
	    (#names > 0 and " (" .. table.concat(names, ", ") .. ")" or "")
end

-- Value printers per info type: one row per type, each returns the text
-- for the entry's summary line. Types not here are shown raw.
local sysid_handlers = {
	[1] = function(t, r)
		if r:len() < 3 then
			return nil
		end
		local v = string.format("%d.%d.%d", r(0, 1):uint(),
		    r(1, 1):uint(), r(2, 1):uint())
		t:add(f.version, r, v)
		return v
	end,
	[2] = function(t, r)
		if r:len() < 1 or r:len() > 2 then
			return nil
		end
		return add_functions(t, r)
	end,
	[3] = function(t, r)
		if r:len() ~= 6 then
			return nil
		end
		t:add(f.console_user, r)
		return tostring(r:ether())
	end,
	[4] = function(t, r)
		if r:len() ~= 2 then
			return nil
		end
		t:add_le(f.res_timer, r)
		return r:le_uint() .. " s"
	end,
	[5] = function(t, r)
		if r:len() ~= 2 then
			return nil
		end
		t:add_le(f.cmd_size, r)
		return tostring(r:le_uint())
	end,
	[6] = function(t, r)
		if r:len() ~= 2 then
			return nil
		end
		t:add_le(f.resp_size, r)
		return tostring(r:le_uint())
	end,
	[7] = function(t, r)
		if r:len() ~= 6 then
			return nil
		end
		t:add(f.hwaddr, r)
		return tostring(r:ether())
	end,
	[8] = function(t, r)
		t:add(f.systime, r)
		return tostring(r:bytes())
	end,
	[100] = function(t, r)
		if r:len() ~= 1 then
			return nil
		end
		t:add(f.device, r)
		return tostring(r:uint())
	end,
	[200] = function(t, r)
		local tvb = r:tvb()
		local s = add_counted(t, tvb, 0, tvb:len(), f.software_id)
		return s and ('"' .. s .. '"') or "(code)"
	end,
	[300] = function(t, r)
		if r:len() ~= 1 then
			return nil
		end
		t:add(f.processor, r)
		return processors[r:uint()] or tostring(r:uint())
	end,
	[400] = function(t, r)
		if r:len() ~= 1 then
			return nil
		end
		t:add(f.datalink, r)
		return datalinks[r:uint()] or tostring(r:uint())
	end,
	[401] = function(t, r)
		if r:len() ~= 2 then
			return nil
		end
		t:add_le(f.dl_bufsize, r)
		return tostring(r:le_uint())
	end,
}

-- System ID info entries: type (2, LE) | length (1) | value. Every entry
-- is walked by its own length, so unknown types cost nothing.
local function dissect_sysid_entries(tvb, off, stop, tree)
	while off < stop do
		if stop - off < 3 then
			local t = tree:add(f.extra, tvb(off, stop - off))
			t:add_proto_expert_info(e.entry_past_end)
			return
		end
		local typ = tvb(off, 2):le_uint()
		local len = tvb(off + 2, 1):uint()
		local vlen = len
		local trunc = off + 3 + len > stop
		if trunc then
			vlen = stop - off - 3
		end
		local name = sysid_types[typ]
		if not name then
			if typ >= 101 and typ <= 199 then
				name = "Device specific"
			elseif typ >= 201 and typ <= 299 then
				name = "Software specific"
			else
				name = "Unknown"
			end
		end
		local et = tree:add(f.sysid_entry, tvb(off, 3 + vlen))
		et:add_le(f.sysid_type, tvb(off, 2))
		et:add(f.sysid_len, tvb(off + 2, 1))
		local summary
		if vlen > 0 then
			local r = tvb(off + 3, vlen)
			local h = sysid_handlers[typ]
			if h and not trunc then
				summary = h(et, r)
			end
			if not summary then
				et:add(f.sysid_value, r)
				if not h then
					et:add_proto_expert_info(e.unknown_entry)
				end
				summary = tostring(r:bytes())
			end
		end
		et:set_text(string.format("%s (%d): %s", name, typ,
		    summary or "(empty)"))
		if trunc then
			et:add_proto_expert_info(e.entry_past_end)
			return
		end
		off = off + 3 + len
	end
end

local counter_fields = {
	{ f.cnt_bytes_rx, 4 }, { f.cnt_bytes_tx, 4 }, { f.cnt_frames_rx, 4 },
	{ f.cnt_frames_tx, 4 }, { f.cnt_mc_bytes_rx, 4 },
	{ f.cnt_mc_frames_rx, 4 }, { f.cnt_deferred, 4 },
	{ f.cnt_one_coll, 4 }, { f.cnt_multi_coll, 4 },
	{ f.cnt_tx_fail, 2 }, { f.cnt_tx_fail_bits, 2 }, { f.cnt_rx_fail, 2 },
	{ f.cnt_rx_fail_bits, 2 }, { f.cnt_unrec_dst, 2 },
	{ f.cnt_overrun, 2 }, { f.cnt_sys_buf, 2 }, { f.cnt_user_buf, 2 },
}

-- Shows printable console text for the Info column, escapes the rest.
local function preview(r)
	local s = r:raw(0, math.min(r:len(), 24))
	s = s:gsub("\r", "\\r"):gsub("\n", "\\n"):gsub("[^%g ]", ".")
	if r:len() > 24 then
		s = s .. "..."
	end
	return ' "' .. s .. '"'
end

local function nbytes(n)
	return n == 1 and "1 byte" or (n .. " bytes")
end

-- Per code: minimum length after the code byte and a body dissector that
-- returns the Info text and how many bytes of the body it used.
local bodies = {
	[5] = { 3, function(tvb, off, n, t)
		t:add(f.reserved, tvb(off, 1))
		t:add_le(f.receipt, tvb(off + 1, 2))
		return "receipt " .. tvb(off + 1, 2):le_uint(), 3
	end },
	[6] = { 11, function(tvb, off, n, t)
		t:add(f.verification, tvb(off, 8))
		t:add(f.boot_processor, tvb(off + 8, 1))
		t:add(f.boot_control, tvb(off + 9, 1))
		local used = 10
		if n > 10 then
			local c = tvb(off + 10, 1):uint()
			local s = add_counted(t, tvb, off + 10, n - 10,
			    f.boot_software_id)
			used = 11
			if c > 0 and c < 0xfe then
				used = math.min(n, 11 + c)
			end
			if s then
				return 'software "' .. s .. '"', used
			end
		end
		return "", used
	end },
	[7] = { 3, function(tvb, off, n, t)
		t:add(f.reserved, tvb(off, 1))
		t:add_le(f.receipt, tvb(off + 1, 2))
		dissect_sysid_entries(tvb, off + 3, off + n, t)
		return "receipt " .. tvb(off + 1, 2):le_uint(), n
	end },
	[9] = { 2, function(tvb, off, n, t)
		t:add_le(f.receipt, tvb(off, 2))
		return "receipt " .. tvb(off, 2):le_uint(), 2
	end },
	[11] = { 56, function(tvb, off, n, t)
		t:add_le(f.receipt, tvb(off, 2))
		t:add_le(f.cnt_seconds, tvb(off + 2, 2))
		local o = off + 4
		for _, c in ipairs(counter_fields) do
			t:add_le(c[1], tvb(o, c[2]))
			o = o + c[2]
		end
		return "receipt " .. tvb(off, 2):le_uint(), 56
	end },
	[13] = { 8, function(tvb, off, n, t)
		t:add(f.verification, tvb(off, 8))
		return "", 8
	end },
	[15] = { 0, function(tvb, off, n, t)
		return "", 0
	end },
	[17] = { 1, function(tvb, off, n, t)
		local r = tvb(off, 1)
		local ft = t:add(f.poll_flags, r)
		ft:add(f.poll_msgnum, r)
		ft:add(f.poll_break, r)
		local fl = r:uint()
		local info = "msg " .. fl % 2
		if has(fl, 2) then
			info = info .. ", BREAK"
		end
		if n > 1 then
			t:add(f.data, tvb(off + 1, n - 1))
			info = info .. ", " .. nbytes(n - 1) ..
			    preview(tvb(off + 1, n - 1))
		end
		return info, n
	end },
	[19] = { 1, function(tvb, off, n, t)
		local r = tvb(off, 1)
		local ft = t:add(f.resp_flags, r)
		ft:add(f.resp_ack, r)
		ft:add(f.resp_cmd_lost, r)
		ft:add(f.resp_resp_lost, r)
		local fl = r:uint()
		local info = "ack " .. fl % 2
		if has(fl, 2) then
			info = info .. ", COMMAND LOST"
		end
		if has(fl, 4) then
			info = info .. ", RESPONSE LOST"
		end
		if n > 1 then
			t:add(f.data, tvb(off + 1, n - 1))
			info = info .. ", " .. nbytes(n - 1) ..
			    preview(tvb(off + 1, n - 1))
		end
		return info, n
	end },
}

-- One remote console message: code at off, mlen bytes in all.
local function dissect_message(tvb, off, mlen, pinfo, tree)
	if mlen < 1 then
		tree:add_proto_expert_info(e.short)
		pinfo.cols.info = "MOP (empty message)"
		return
	end
	local code = tvb(off, 1):uint()
	tree:add(f.code, tvb(off, 1))
	local name = codes[code] or ("Unknown code " .. code)
	tree:append_text(", " .. name)
	local b = bodies[code]
	local n = mlen - 1
	local info = ""
	if not b then
		tree:add_proto_expert_info(e.unknown_code)
		if n > 0 then
			tree:add(f.data, tvb(off + 1, n))
		end
	elseif n < b[1] then
		tree:add_proto_expert_info(e.short)
		if n > 0 then
			tree:add(f.data, tvb(off + 1, n))
		end
	else
		local used
		info, used = b[2](tvb, off + 1, n, tree)
		if used < n then
			local x = tree:add(f.extra, tvb(off + 1 + used, n - used))
			x:add_proto_expert_info(e.extra)
			if code == 5 then
				x:append_text(" (moprc's 5-byte Request ID;" ..
				    " the spec's is 4)")
			end
		end
	end
	pinfo.cols.info = name .. (info ~= "" and (", " .. info) or "")
end

-- Ethernet II, ethertype 0x6002: the MOP length word comes first.
function mop.dissector(tvb, pinfo, tree)
	local avail = tvb:len()
	pinfo.cols.protocol = "MOP RC"
	local t = tree:add(mop, tvb())
	if avail < 2 then
		t:add_proto_expert_info(e.short)
		return avail
	end
	local len = tvb(0, 2):le_uint()
	local lt = t:add_le(f.len, tvb(0, 2))
	local mlen = len
	if 2 + len > avail then
		lt:add_proto_expert_info(e.len_past_end)
		mlen = avail - 2
	end
	t:set_len(2 + mlen)
	dissect_message(tvb, 2, mlen, pinfo, t)
	if 2 + mlen < avail then
		t:add(f.padding, tvb(2 + mlen))
	end
	return avail
end

-- Ethertype 0x9000: skip count, then function blocks. The station
-- addressed acts on the block at 2 + skip; all of them are shown.
function mop_loop.dissector(tvb, pinfo, tree)
	local avail = tvb:len()
	pinfo.cols.protocol = "MOP Loop"
	local t = tree:add(mop_loop, tvb())
	if avail < 2 then
		t:add_proto_expert_info(e.short)
		return avail
	end
	local skip = tvb(0, 2):le_uint()
	t:add_le(f.loop_skip, tvb(0, 2))
	local off = 2
	local info = "Loopback"
	local current = 2 + skip
	while off + 2 <= avail do
		local fn = tvb(off, 2):le_uint()
		local ft = t:add_le(f.loop_function, tvb(off, 2))
		if off == current then
			ft:append_text(" (next to act on)")
			info = "Loopback " .. (loop_functions[fn] or
			    ("function " .. fn))
		end
		if fn == 2 then
			if off + 8 > avail then
				ft:add_proto_expert_info(e.short)
				break
			end
			t:add(f.loop_fwd, tvb(off + 2, 6))
			if off == current then
				info = info .. " to " ..
				    tostring(tvb(off + 2, 6):ether())
			end
			off = off + 8
		elseif fn == 1 then
			if off + 4 > avail then
				ft:add_proto_expert_info(e.short)
				break
			end
			t:add_le(f.loop_receipt, tvb(off + 2, 2))
			if off == current then
				info = info .. ", receipt " ..
				    tvb(off + 2, 2):le_uint()
			end
			if off + 4 < avail then
				t:add(f.loop_data, tvb(off + 4))
			end
			break
		else
			ft:add_proto_expert_info(e.loop_unknown)
			if off + 2 < avail then
				t:add(f.loop_data, tvb(off + 2))
			end
			break
		end
	end
	pinfo.cols.info = info
	return avail
end

-- 802.3 + SNAP (OUI 08-00-2B, PID 0x6002): no length word; the 802.3
-- length field (LLC+SNAP header 8 bytes, then the message) bounds it.
local fx_oui = Field.new("llc.oui")
local fx_pid = Field.new("llc.pid")
local fx_ethlen = Field.new("eth.len")

function mop_snap.dissector(tvb, pinfo, tree)
	local oui, pid, elen = fx_oui(), fx_pid(), fx_ethlen()
	if not oui or not pid or not elen then
		return
	end
	if oui.value ~= 0x08002b or pid.value ~= 0x6002 then
		return
	end
	local start = pid.offset + 2
	local mlen = elen.value - 8
	if mlen < 0 or start >= tvb:len() then
		return
	end
	pinfo.cols.protocol = "MOP RC"
	local t = tree:add(mop, tvb(start))
	if start + mlen > tvb:len() then
		t:add_proto_expert_info(e.len_past_end)
		mlen = tvb:len() - start
	end
	t:set_len(mlen)
	t:append_text(" (802.3/SNAP)")
	dissect_message(tvb, start, mlen, pinfo, t)
end

local ethertype = DissectorTable.get("ethertype")
ethertype:add(0x6002, mop)
ethertype:add(0x9000, mop_loop)
register_postdissector(mop_snap)
