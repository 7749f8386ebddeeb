-- GET a random seeded group.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")
bench.install("retrieve", bench.requests.retrieve)
