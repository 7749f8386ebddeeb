-- GET the report row of a random seeded group (/stats/: counts over its subtree, depth, path).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")
bench.install("stats", bench.requests.stats)
