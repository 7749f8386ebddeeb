-- GET the order check of a random seeded customer for a random plan of a random seeded offering.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")
bench.install("order-check", bench.requests.order_check)
