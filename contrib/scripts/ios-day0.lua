-- SPDX-License-Identifier: ISC
-- Day 0 of a Cisco IOS device over its MOP console: a hostname, MOP
-- (the console this very script came in by) off on every interface,
-- and the configuration saved.
--
--   l2console mop eth0 aa:00:04:00:12:34 --login-user admin --enable \
--       --script ios-day0.lua
--
-- The session stays up while MOP is switched off: the change takes the
-- console away only for the next session.  Edit the value below.

local HOSTNAME = "site1-sw"

-- One command; IOS's refusals (% Invalid input ...) end the script.
local function run(cmd)
	local out, err = command(cmd)
	if err ~= nil then
		log(cmd .. ": " .. err)
		exit(3)
	end
	return out
end

if not (prompt() or ""):match("#$") then
	log("not in privileged EXEC: give --enable")
	exit(3)
end
run("terminal length 0")

-- Every interface the device has, from its brief list.
local ifaces = {}
for name in run("show ip interface brief"):gmatch("\n(%S+)") do
	if name ~= "Interface" then
		ifaces[#ifaces + 1] = name
	end
end

run("configure terminal")
run("hostname " .. HOSTNAME)
for _, name in ipairs(ifaces) do
	run("interface " .. name)
	run("no mop enabled")
	run("exit")
end
run("end")

-- write memory asks nothing on IOS; it says [OK] when it is done.
local out = run("write memory")
if not out:match("%[OK%]") then
	log("write memory: " .. out)
	exit(3)
end
log(HOSTNAME .. ": MOP off on " .. #ifaces .. " interfaces, saved")
