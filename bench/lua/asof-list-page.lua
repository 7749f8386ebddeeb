-- GET page 5 of 50 groups ordered by name, as the tree was right after seeding (?as_of=).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")
bench.install("asof-list-page", bench.requests.asof_list_page)
