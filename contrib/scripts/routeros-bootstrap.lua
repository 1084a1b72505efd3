-- SPDX-License-Identifier: ISC
-- First boot of a RouterOS device over MAC-Telnet, before it has an
-- address: an identity, an administrator, an address on a bridge, and
-- MAC-Telnet (and MAC-Winbox) no longer answered on the WAN port.
--
--   l2console mikrotik eth0 4c:5e:0c:12:34:56 -u admin \
--       --script routeros-bootstrap.lua
--
-- Edit the values below.  The file then holds a password: keep it 0600.
-- The script stops at the first command the device refuses (status 3).

local IDENTITY = "site1-rtr"
local USER, GROUP, PASSWORD = "ops", "full", "change-me-now"
local BRIDGE, PORTS = "bridge1", { "ether2", "ether3" }
local ADDRESS = "192.0.2.1/24"
local WAN = "ether1"
local LAN_LIST = "LAN"		-- the interface list MAC services keep to

-- One command; RouterOS's refusals end the script.
local function run(cmd)
	local out, err = command(cmd)
	if err == nil then
		err = out:match("failure: [^\n]*") or out:match("^input does not match[^\n]*")
	end
	if err ~= nil then
		log(cmd .. ": " .. err)
		exit(3)
	end
	return out
end

-- Nonzero when a print ... where ... lists anything.
local function exists(print_cmd)
	return run(print_cmd .. " count-only"):match("^%s*(%d+)") ~= "0"
end

run('/system identity set name="' .. IDENTITY .. '"')

if not exists('/user print where name="' .. USER .. '"') then
	run('/user add name="' .. USER .. '" group=' .. GROUP ..
	    ' password="' .. PASSWORD .. '"')
end

if not exists('/interface bridge print where name="' .. BRIDGE .. '"') then
	run('/interface bridge add name="' .. BRIDGE .. '"')
end
for _, port in ipairs(PORTS) do
	if not exists('/interface bridge port print where interface=' .. port) then
		run('/interface bridge port add bridge="' .. BRIDGE ..
		    '" interface=' .. port)
	end
end
if not exists('/ip address print where address="' .. ADDRESS .. '"') then
	run('/ip address add address=' .. ADDRESS .. ' interface="' ..
	    BRIDGE .. '"')
end

-- MAC services only on the LAN list: the bridge in it, the WAN port not.
if not exists('/interface list print where name=' .. LAN_LIST) then
	run('/interface list add name=' .. LAN_LIST)
end
if not exists('/interface list member print where list=' .. LAN_LIST ..
    ' and interface="' .. BRIDGE .. '"') then
	run('/interface list member add list=' .. LAN_LIST .. ' interface="' ..
	    BRIDGE .. '"')
end
run('/interface list member remove [find list=' .. LAN_LIST ..
    ' and interface=' .. WAN .. ']')
run('/tool mac-server set allowed-interface-list=' .. LAN_LIST)
run('/tool mac-server mac-winbox set allowed-interface-list=' .. LAN_LIST)

log("bootstrapped " .. IDENTITY .. ": " .. ADDRESS .. " on " .. BRIDGE ..
    ", MAC services off " .. WAN)
