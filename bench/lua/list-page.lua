-- GET page 5 of 50 groups ordered by name.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")
bench.install("list-page", bench.requests.list_page)
