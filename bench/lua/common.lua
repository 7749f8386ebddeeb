-- Shared by every scenario script (loaded with dofile from the scenario's own folder).
--
-- Environment (set by bench/run.sh):
--   BENCH_URL          base URL of the service, used to build absolute parent hyperlinks
--   BENCH_TOKEN        API token of a staff user, sent as "Authorization: Token <token>"
--   BENCH_UUIDS        file of seeded groups, one "uuid<TAB>name" per line
--   BENCH_FILTER       substring for the name-filter scenario
--   BENCH_CUSTOMERS_FILE  file of seeded customers, one uuid per line (offering scenarios)
--   BENCH_OFFERINGS_FILE  file of seeded offerings, one "offering uuid<TAB>plan uuid plan uuid ..." per line
--   BENCH_PUBLIC_PAGE_SIZE  page_size of the public-list-allowed scenario (default: none, the service's 10)
--   BENCH_SCENARIO     label written to the result line (default: the script's own label)
--   BENCH_RESULT_FILE  if set, done() appends one tab-separated result line to it
--
-- A scenario script sets `label` and `request`, then calls bench.install().

bench = {}

local base_url = (os.getenv("BENCH_URL") or "http://127.0.0.1:8080"):gsub("/+$", "")
local token = os.getenv("BENCH_TOKEN")

wrk.headers["Accept"] = "application/json"
wrk.headers["Content-Type"] = "application/json"
if token and token ~= "" then
  wrk.headers["Authorization"] = "Token " .. token
end

local function json_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == "\\" then return "\\\\" end
    return string.format("\\u%04x", c:byte())
  end) .. '"'
end
bench.json_string = json_string

local function url_encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", c:byte()) end))
end

-- Per-thread state (each wrk thread has its own Lua state).
bench.uuids, bench.names = {}, {}
bench.counter = 0
non2xx = 0
first_error = ""

local function load_uuids()
  local path = os.getenv("BENCH_UUIDS")
  if not path then return end
  local f = assert(io.open(path, "r"), "cannot open " .. path)
  for line in f:lines() do
    local uuid, name = line:match("^(%x+)\t(.*)$")
    if uuid then
      bench.uuids[#bench.uuids + 1] = uuid
      bench.names[#bench.names + 1] = name
    end
  end
  f:close()
  assert(#bench.uuids > 0, "no uuids in " .. path)
end

-- Seeded customers and offerings, when run.sh seeded them (the offering scenarios need them).
bench.customers, bench.offerings = {}, {}

local function load_offerings()
  local path = os.getenv("BENCH_CUSTOMERS_FILE")
  if path and path ~= "" then
    local f = assert(io.open(path, "r"), "cannot open " .. path)
    for line in f:lines() do
      if line:match("^%x+$") then bench.customers[#bench.customers + 1] = line end
    end
    f:close()
  end
  path = os.getenv("BENCH_OFFERINGS_FILE")
  if path and path ~= "" then
    local f = assert(io.open(path, "r"), "cannot open " .. path)
    for line in f:lines() do
      local uuid, plans = line:match("^(%x+)\t(.*)$")
      if uuid then
        local o = { uuid = uuid, plans = {} }
        for p in plans:gmatch("%x+") do o.plans[#o.plans + 1] = p end
        bench.offerings[#bench.offerings + 1] = o
      end
    end
    f:close()
  end
end

function bench.has_offerings()
  return #bench.customers > 0 and #bench.offerings > 0
end

-- A random seeded group: its index, uuid and seeded name.
function bench.random_group()
  local i = math.random(#bench.uuids)
  return i, bench.uuids[i], bench.names[i]
end

function bench.group_url(uuid)
  return base_url .. "/api/organization-groups/" .. uuid .. "/"
end

function bench.next_id()
  bench.counter = bench.counter + 1
  return string.format("t%d-%d", id or 0, bench.counter)
end

-- Request builders, one per scenario.
bench.requests = {}

function bench.requests.create_root()
  local body = '{"name":' .. json_string("Bench root " .. bench.next_id()) .. ',"parent":null}'
  return wrk.format("POST", "/api/organization-groups/", nil, body)
end

function bench.requests.create_child()
  local _, uuid = bench.random_group()
  local body = '{"name":' .. json_string("Bench unit " .. bench.next_id())
    .. ',"parent":' .. json_string(bench.group_url(uuid)) .. '}'
  return wrk.format("POST", "/api/organization-groups/", nil, body)
end

function bench.requests.retrieve()
  local _, uuid = bench.random_group()
  return wrk.format("GET", "/api/organization-groups/" .. uuid .. "/")
end

function bench.requests.list_page()
  return wrk.format("GET", "/api/organization-groups/?page=5&page_size=50&o=name")
end

local filter_path = "/api/organization-groups/?name=" .. url_encode(os.getenv("BENCH_FILTER") or "biolog")
  .. "&page_size=50"
function bench.requests.list_filter()
  return wrk.format("GET", filter_path)
end

-- The tree as it was right after seeding (BENCH_ASOF, set by run.sh), same page as list-page.
local asof_path = "/api/organization-groups/?as_of=" .. url_encode(os.getenv("BENCH_ASOF") or "2100-01-01T00:00:00Z")
  .. "&page=5&page_size=50&o=name"
function bench.requests.asof_list_page()
  return wrk.format("GET", asof_path)
end

function bench.requests.stats()
  local _, uuid = bench.random_group()
  return wrk.format("GET", "/api/organization-groups/" .. uuid .. "/stats/")
end

-- May a random seeded customer order a random plan of a random seeded offering? (E16, staff only)
function bench.requests.order_check()
  assert(bench.has_offerings(), "order-check needs BENCH_CUSTOMERS_FILE and BENCH_OFFERINGS_FILE")
  local o = bench.offerings[math.random(#bench.offerings)]
  local path = "/api/marketplace-provider-offerings/" .. o.uuid .. "/order_check/?customer_uuid="
    .. bench.customers[math.random(#bench.customers)]
  if #o.plans > 0 then
    path = path .. "&plan_uuid=" .. o.plans[math.random(#o.plans)]
  end
  return wrk.format("GET", path)
end

-- The first page of the offerings a random seeded customer may order, with the plans it may order (E11):
-- the service's default page size (10), as a catalogue client asks, unless BENCH_PUBLIC_PAGE_SIZE is set.
local public_page_size = os.getenv("BENCH_PUBLIC_PAGE_SIZE") or ""
local public_suffix = public_page_size ~= "" and ("&page_size=" .. public_page_size) or ""
function bench.requests.public_list_allowed()
  assert(bench.has_offerings(), "public-list-allowed needs BENCH_CUSTOMERS_FILE and BENCH_OFFERINGS_FILE")
  return wrk.format("GET", "/api/marketplace-public-offerings/?allowed_customer_uuid="
    .. bench.customers[math.random(#bench.customers)] .. public_suffix)
end

-- Renames keep the seeded name as a prefix (so the name filter keeps matching the same share)
-- and add a unique suffix (so that every PATCH is a real change, not a no-op).
function bench.requests.rename()
  local _, uuid, name = bench.random_group()
  local body = '{"name":' .. json_string(name .. " (r" .. bench.next_id() .. ")") .. '}'
  return wrk.format("PATCH", "/api/organization-groups/" .. uuid .. "/", nil, body)
end

-- wrk callbacks -------------------------------------------------------------------------------

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  math.randomseed(os.time() * 1000 + (id or 0))
  load_uuids()
  load_offerings()
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_error == "" then
      first_error = status .. " " .. (body or ""):sub(1, 300)
    end
  end
end

function done(summary, latency, requests)
  local non = 0
  local sample = ""
  for _, t in ipairs(threads) do
    non = non + (t:get("non2xx") or 0)
    local e = t:get("first_error") or ""
    if sample == "" and e ~= "" then sample = e end
  end
  local e = summary.errors
  local sock = e.connect + e.read + e.write + e.timeout
  local secs = summary.duration / 1e6
  local rps = summary.requests / secs
  local p50 = latency:percentile(50) / 1000
  local p99 = latency:percentile(99) / 1000
  local name = os.getenv("BENCH_SCENARIO") or label or "scenario"
  io.write(string.format("%s: %.1f requests/s, p50 %.2f ms, p99 %.2f ms, non-2xx %d, socket errors %d "
    .. "(connect %d, read %d, write %d, timeout %d), %d requests in %.1f s\n",
    name, rps, p50, p99, non, sock, e.connect, e.read, e.write, e.timeout, summary.requests, secs))
  if sample ~= "" then
    io.write("  first non-2xx answer: " .. sample:gsub("%s+", " ") .. "\n")
  end
  local out = os.getenv("BENCH_RESULT_FILE")
  if out and out ~= "" then
    local f = assert(io.open(out, "a"))
    f:write(string.format("%s\t%.1f\t%.2f\t%.2f\t%d\t%d\t%d\n", name, rps, p50, p99, non, sock, summary.requests))
    f:close()
  end
end

function bench.install(name, builder)
  label = name
  request = builder
end
