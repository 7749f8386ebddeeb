-- Warm-up: a mix of every scenario, mostly reads, so the JIT and the caches see each code path.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")
local r = bench.requests
local mix = { r.retrieve, r.retrieve, r.retrieve, r.list_page, r.list_filter, r.rename, r.create_child, r.create_root }
bench.install("warm-up", function() return mix[math.random(#mix)]() end)
