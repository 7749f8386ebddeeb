-- GET the first page of the public offerings that a random seeded customer may order.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")
bench.install("public-list-allowed", bench.requests.public_list_allowed)
