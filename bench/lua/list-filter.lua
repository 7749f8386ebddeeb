-- GET the first 50 groups whose name contains BENCH_FILTER (case-insensitive).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")
bench.install("list-filter", bench.requests.list_filter)
