-- POST a new group under a random seeded group (absolute parent hyperlink).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")
bench.install("create-child", bench.requests.create_child)
