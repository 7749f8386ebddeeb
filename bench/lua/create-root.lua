-- POST a new root group.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")
bench.install("create-root", bench.requests.create_root)
