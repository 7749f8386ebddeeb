#!/usr/bin/env python3
"""Helpers for bench/run.sh (python3 standard library only).

Subcommands:
  free-port                      print a free TCP port on 127.0.0.1
  wait     --url U --pid P       wait until the service answers GET /api/organization-groups/ with 200
  login    --url U --username N  log in (password from env BENCH_PASSWORD) and print the token
  seed     --url U --count N     create a tree of N groups through the API, write "uuid<TAB>name" lines
  seed-offerings --url U         create customers in the seeded groups, then offerings with plans restricted to
                                 assorted groups, through the API; write their uuids for the Lua scripts
  count    --url U --query Q     print X-Result-Count of GET /api/organization-groups/?Q
  jvm      --jstat F --rss F     summarise the sampled heap use and RSS of the service
  pgbench  --log-prefix P        print p50 / p99 latency (ms) from pgbench per-transaction logs
  table    --results F           print the result table
  ratios   --results F --base S SCENARIO...  print each scenario's requests/s as a multiple of scenario S's

Token-taking subcommands read the token from env BENCH_TOKEN.
"""

import argparse
import glob
import http.client
import json
import os
import random
import socket
import sys
import threading
import time
import urllib.parse


def die(msg, code=1):
    print(f"error: {msg}", file=sys.stderr)
    sys.exit(code)


class Conn:
    """One keep-alive HTTP connection per thread."""

    def __init__(self, url, token=None, timeout=30):
        p = urllib.parse.urlsplit(url)
        self.host, self.port, self.timeout = p.hostname, p.port or 80, timeout
        self.token = token
        self.c = None

    def call(self, method, path, body=None):
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = "Token " + self.token
        for attempt in (1, 2):
            if self.c is None:
                self.c = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.c.request(method, path, body=data, headers=headers)
                r = self.c.getresponse()
                raw = r.read()
                if r.getheader("Connection", "").lower() == "close":
                    self.c.close()
                    self.c = None
                return r.status, r.headers, raw.decode("utf-8", "replace")
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.c.close()
                self.c = None
                if attempt == 2:
                    raise


def cmd_free_port(_):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
    s.close()


def cmd_wait(a):
    deadline = time.monotonic() + a.timeout
    last = "no answer yet"
    while time.monotonic() < deadline:
        try:
            os.kill(a.pid, 0)
        except OSError:
            die(f"the service (pid {a.pid}) exited during start-up")
        try:
            status, _, body = Conn(a.url, timeout=5).call("GET", "/api/organization-groups/?page_size=1")
            if status == 200:
                return
            last = f"{status} {body[:300]}"
        except OSError as e:
            last = str(e)
        time.sleep(1)
    die(f"the service did not answer 200 within {a.timeout} s; last: {last}")


def cmd_settle(a):
    """Wait until every projection has caught up with the event store; print how long that took."""
    conn = Conn(a.url, token=os.environ.get("BENCH_TOKEN"))
    start = time.time()
    while True:
        status, _, body = conn.call("GET", "/api/projections/")
        if status != 200:
            die(f"GET /api/projections/ -> {status}: {body[:300]}")
        behind = {p["name"]: p.get("lag", 0) for p in json.loads(body) if p.get("lag", 0)}
        if not behind:
            print(f"{time.time() - start:.1f}")
            return
        if time.time() - start > a.timeout:
            die(f"projections still behind after {a.timeout} s: {behind}")
        time.sleep(0.5)


def cmd_login(a):
    status, _, body = Conn(a.url).call("POST", "/api-auth/password/",
                                       {"username": a.username, "password": os.environ["BENCH_PASSWORD"]})
    if status != 200:
        die(f"POST /api-auth/password/ -> {status}: {body}")
    print(json.loads(body)["token"])


# Realistic group names: an organisational unit kind and a subject, sometimes a place.
KINDS = ["Department of", "Institute of", "Faculty of", "Centre for", "Laboratory of", "School of",
         "Division of", "Research Unit for", "Chair of", "Graduate School of"]
SUBJECTS = ["Physics", "Chemistry", "Mathematics", "Computer Science", "Marine Biology", "Cell Biology",
            "Molecular Biology", "Evolutionary Biology", "Biochemistry", "Geology", "Geophysics",
            "Meteorology", "Oceanography", "Astronomy", "Economics", "Sociology", "Psychology", "Linguistics",
            "History", "Philosophy", "Law", "Medicine", "Nursing", "Public Health", "Pharmacology",
            "Mechanical Engineering", "Electrical Engineering", "Civil Engineering", "Architecture",
            "Materials Science", "Energy Systems", "Data Science", "Statistics", "Education", "Musicology",
            "Archaeology", "Political Science", "Environmental Science", "Robotics", "Neuroscience"]
PLACES = ["Nordhavn", "Åsvik", "Südmark", "Jærvik", "Østerdal", "Rheinfels", "Bergslagen", "Tromsvik",
          "Göttingbrück", "Lindholm", "Kjølberg", "Mälarvik", "Oulunsalo", "Würzfeld", "Hämeenkylä"]


SERVICES = ["HPC Cluster", "Research Cloud", "Object Storage", "GPU Pool", "Data Archive", "Sequencing Service",
            "Microscope Time", "Software Licences", "Secure Enclave", "Visualisation Lab"]


def group_name(rng):
    name = f"{rng.choice(KINDS)} {rng.choice(SUBJECTS)}"
    if rng.random() < 0.5:
        name += f", {rng.choice(PLACES)}"
    return name


def cmd_seed(a):
    token = os.environ.get("BENCH_TOKEN") or die("BENCH_TOKEN is not set")
    rng = random.Random(a.seed)
    lock = threading.Lock()
    created = []           # (uuid, url, depth, name); the pool parents are drawn from
    shallow = []           # indexes into created whose depth < max_depth
    next_index = [0]
    failures = []
    roots = max(1, min(a.roots, a.count))

    def reserve():
        with lock:
            if failures or next_index[0] >= a.count:
                return None
            i = next_index[0]
            next_index[0] += 1
            name = group_name(rng)
            if i < roots:
                return i, name, None, 1
            p = created[shallow[rng.randrange(len(shallow))]]
            return i, name, p, p[2] + 1

    def worker(only_roots):
        conn = Conn(a.url, token)
        while True:
            with lock:
                if only_roots and next_index[0] >= roots:
                    return
            job = reserve()
            if job is None:
                return
            _, name, parent, depth = job
            body = {"name": name, "parent": parent[1] if parent else None}
            try:
                status, _, text = conn.call("POST", "/api/organization-groups/", body)
            except OSError as e:
                status, text = 0, str(e)
            if status != 201:
                with lock:
                    failures.append(f"POST /api/organization-groups/ {json.dumps(body, ensure_ascii=False)} "
                                    f"-> {status}: {text[:500]}")
                return
            g = json.loads(text)
            with lock:
                created.append((g["uuid"], g["url"], depth, name))
                if depth < a.max_depth:
                    shallow.append(len(created) - 1)

    started = time.monotonic()
    for only_roots in (True, False):  # roots first, so that every child has a parent to pick from
        threads = [threading.Thread(target=worker, args=(only_roots,)) for _ in range(a.workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    took = time.monotonic() - started
    if failures:
        die(f"seeding stopped after {len(created)} groups; first failure:\n  {failures[0]}")
    with open(a.out, "w", encoding="utf-8") as f:
        for uuid, _, _, name in created:
            f.write(f"{uuid}\t{name}\n")
    depths = {}
    for _, _, d, _ in created:
        depths[d] = depths.get(d, 0) + 1
    share = sum(a.filter.lower() in n.lower() for _, _, _, n in created) / len(created)
    print(f"seeded {len(created)} groups in {took:.1f} s ({len(created) / took:.0f} groups/s, "
          f"{a.workers} workers); groups per depth: "
          + ", ".join(f"{d}:{n}" for d, n in sorted(depths.items()))
          + f"; name filter {a.filter!r} matches {share:.1%}")


def run_jobs(url, token, jobs, workers, what):
    """Run job(conn) for every job on `workers` threads, each with its own connection; stop at the first failure."""
    lock = threading.Lock()
    queue = list(reversed(jobs))
    failures = []

    def worker():
        conn = Conn(url, token)
        while True:
            with lock:
                if failures or not queue:
                    return
                job = queue.pop()
            try:
                job(conn)
            except Exception as e:  # noqa: BLE001 - reported below with the request that failed
                with lock:
                    failures.append(str(e))
                return

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        die(f"seeding {what} stopped; first failure:\n  {failures[0]}")


def post(conn, path, body, expect=201):
    try:
        status, _, text = conn.call("POST", path, body)
    except OSError as e:
        status, text = 0, str(e)
    if status != expect:
        raise RuntimeError(f"POST {path} {json.dumps(body, ensure_ascii=False)[:300]} -> {status}: {text[:500]}")
    return json.loads(text) if text.strip() else None


def cmd_seed_offerings(a):
    """Customers that are members of seeded groups, and offerings whose plans are restricted to assorted groups.

    Every choice is drawn up front from one seeded random generator, so runs seed data of the same shape and
    proportions (the groups picked differ with the seeded tree, whose shape depends on the workers' timing)."""
    token = os.environ.get("BENCH_TOKEN") or die("BENCH_TOKEN is not set")
    rng = random.Random(a.seed)
    started = time.monotonic()
    conn = Conn(a.url, token)
    groups, page = [], 1
    while True:  # every group with its parent, for the depth
        status, _, text = conn.call("GET", f"/api/organization-groups/?page_size=300&page={page}")
        if status == 404 and page > 1:
            break
        if status != 200:
            die(f"GET /api/organization-groups/?page={page} -> {status}: {text[:300]}")
        items = json.loads(text)
        groups.extend(items)
        if len(items) < 300:
            break
        page += 1
    if not groups:
        die("no groups to restrict offerings to; seed groups first")
    parent = {g["uuid"]: g.get("parent_uuid") for g in groups}
    depth = {}

    def depth_of(u):
        d, p = 1, parent.get(u)
        while p is not None and d < 100:
            d, p = d + 1, parent.get(p)
        return d

    for g in groups:
        depth[g["uuid"]] = depth_of(g["uuid"])
    urls = [g["url"] for g in groups]
    # A flagged restriction admits a listed group's whole subtree, so it names upper groups (levels 1 to 3), as
    # "Universities" does; a direct one names any group, most of which are near the leaves, like faculties.
    upper = [g["url"] for g in groups if depth[g["uuid"]] <= 3] or urls

    def restriction(max_groups, flag_share):
        flag = rng.random() < flag_share
        pool = upper if flag else urls
        return {"organization_groups": rng.sample(pool, min(len(pool), rng.randint(1, max_groups))),
                "include_descendant_groups": flag}

    customers = [None] * a.customers
    names = [f"{rng.choice(SUBJECTS)} Lab {i + 1}" for i in range(a.customers)]
    memberships = [rng.sample(urls, min(len(urls), rng.choice((1, 1, 1, 2, 2, 3)))) for _ in range(a.customers)]

    def customer_job(i):
        def job(c):
            body = post(c, "/api/customers/", {"name": names[i]})
            post(c, f"/api/customers/{body['uuid']}/update_organization_groups/",
                 {"organization_groups": memberships[i]}, expect=200)
            customers[i] = body
        return job

    run_jobs(a.url, token, [customer_job(i) for i in range(a.customers)], a.workers, "customers")
    t_customers = time.monotonic()

    specs = []
    for i in range(a.offerings):
        shared = rng.random() < 0.9
        offering = {"name": f"{rng.choice(SERVICES)} {i + 1}", "customer": customers[rng.randrange(a.customers)]["url"],
                    "shared": shared, "organization_groups": [], "include_descendant_groups": False}
        if shared and rng.random() < 0.7:
            offering.update(restriction(3, 0.4))
        plans = [{"name": f"Plan {j + 1}"} for j in range(a.plans)]
        for j, plan in enumerate(plans):
            if j > 0 and rng.random() < 0.5:  # the first plan is always open
                plan.update(restriction(2, 0.3))
        specs.append((offering, plans))
    offerings = [None] * a.offerings

    def offering_job(i):
        def job(c):
            offering, plans = specs[i]
            body = post(c, "/api/marketplace-provider-offerings/",
                        {**offering, "plans": [p for p in plans if not p.get("organization_groups")]})
            uuids = [p["uuid"] for p in body.get("plans", [])]
            for p in plans:
                if p.get("organization_groups"):
                    uuids.append(post(c, "/api/marketplace-plans/", {**p, "offering": body["url"]})["uuid"])
            offerings[i] = (body["uuid"], uuids)
        return job

    run_jobs(a.url, token, [offering_job(i) for i in range(a.offerings)], a.workers, "offerings")
    took = time.monotonic() - started
    with open(a.customers_out, "w", encoding="utf-8") as f:
        for c in customers:
            f.write(c["uuid"] + "\n")
    with open(a.offerings_out, "w", encoding="utf-8") as f:
        for uuid, plans in offerings:
            f.write(f"{uuid}\t{' '.join(plans)}\n")
    restricted = sum(bool(o["organization_groups"]) for o, _ in specs)
    flagged = sum(o["include_descendant_groups"] for o, _ in specs)
    private = sum(not o["shared"] for o, _ in specs)
    plans_restricted = sum(bool(p.get("organization_groups")) for _, ps in specs for p in ps)
    print(f"seeded {a.customers} customers ({sum(map(len, memberships))} memberships) in "
          f"{t_customers - started:.1f} s, then {a.offerings} offerings with {a.offerings * a.plans} plans in "
          f"{time.monotonic() - t_customers:.1f} s ({a.workers} workers, {took:.1f} s in all); offerings: "
          f"{restricted} restricted ({flagged} with descendant groups), {private} private, "
          f"{a.offerings - restricted - private} open; plans: {plans_restricted} restricted")


def cmd_count(a):
    query = a.query + ("&name=" + urllib.parse.quote(a.name) if a.name is not None else "")
    status, headers, body = Conn(a.url, os.environ.get("BENCH_TOKEN")).call(
        "GET", "/api/organization-groups/?" + query)
    if status != 200:
        die(f"GET /api/organization-groups/?{query} -> {status}: {body[:500]}")
    print(headers.get("X-Result-Count", "?"))


def cmd_jvm(a):
    peak_used = peak_cap = 0.0
    gc = ""
    cols = None
    try:
        with open(a.jstat) as f:
            for line in f:
                parts = line.split()
                if not parts:
                    continue
                if parts[0] in ("S0C", "Timestamp"):
                    cols = parts
                    continue
                if cols is None or len(parts) != len(cols):
                    continue
                try:
                    v = dict(zip(cols, map(float, parts)))
                except ValueError:
                    continue
                used = v["S0U"] + v["S1U"] + v["EU"] + v["OU"]
                cap = v["S0C"] + v["S1C"] + v["EC"] + v["OC"]
                peak_used, peak_cap = max(peak_used, used), max(peak_cap, cap)
                gc = (f"young GCs {int(v['YGC'])} ({v['YGCT']:.2f} s), full GCs {int(v['FGC'])} "
                      f"({v['FGCT']:.2f} s), total GC time {v['GCT']:.2f} s")
    except OSError:
        pass
    peak_rss = 0
    try:
        with open(a.rss) as f:
            peak_rss = max((int(x) for x in f.read().split() if x.isdigit()), default=0)
    except OSError:
        pass
    kind = ""
    if a.heap_info:
        try:
            with open(a.heap_info) as f:
                for line in f:
                    if " total " in line and "heap" in line:
                        kind = line.split(" total ")[0].strip() + ", "
                        break
        except OSError:
            pass
    if peak_used:
        print(f"JVM heap ({kind}sampled every {a.interval} s): peak used {peak_used / 1024:.0f} MiB, "
              f"peak committed {peak_cap / 1024:.0f} MiB; {gc}")
    else:
        print("JVM heap: no jstat samples")
    hwm = f"{a.hwm / 1024:.0f} MiB" if a.hwm else "n/a"
    print(f"JVM RSS: peak (VmHWM) {hwm}, highest sample {peak_rss / 1024:.0f} MiB")


def cmd_pgbench(a):
    lat = []
    for path in glob.glob(a.log_prefix + ".*"):
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 3 and parts[2].isdigit():
                    lat.append(int(parts[2]))
    if not lat:
        print("n/a n/a")
        return
    lat.sort()

    def pct(p):
        return lat[min(len(lat) - 1, int(len(lat) * p / 100))] / 1000.0

    print(f"{pct(50):.2f} {pct(99):.2f}")


def cmd_table(a):
    rows = []
    with open(a.results, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 7:
                rows.append(parts)
    head = ("scenario", "requests/s", "p50 ms", "p99 ms", "non-2xx", "sock err", "requests")
    fmt = "{:<22} {:>11} {:>9} {:>9} {:>8} {:>9} {:>9}"
    print(fmt.format(*head))
    print("-" * 84)
    for r in rows:
        if r[0].startswith("pgbench"):
            print("-" * 84)
        print(fmt.format(*r[:7]))


def cmd_rounds(a):
    """One table line per scenario from the lines of its rounds (BENCH_ROUNDS): all its requests over all its
    seconds, the highest p50 and p99 of its rounds, its non-2xx answers and socket errors summed; scenarios in the
    order they first ran."""
    runs = {}
    with open(a.rounds, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 7:
                runs.setdefault(parts[0], []).append(parts)
    for name, lines in runs.items():
        requests = sum(int(p[6]) for p in lines)
        seconds = sum(int(p[6]) / float(p[1]) for p in lines if float(p[1]) > 0)
        rps = requests / seconds if seconds > 0 else 0.0
        p50 = max(float(p[2]) for p in lines)
        p99 = max(float(p[3]) for p in lines)
        non2xx = sum(int(p[4]) for p in lines)
        sock = sum(int(p[5]) for p in lines)
        print(f"{name}\t{rps:.1f}\t{p50:.2f}\t{p99:.2f}\t{non2xx}\t{sock}\t{requests}")


def cmd_ratios(a):
    """The offering reads next to the group list page of the same run (target: at least 1.0x)."""
    rps = {}
    with open(a.results, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 7:
                try:
                    rps[parts[0]] = (float(parts[1]), int(parts[4]))
                except ValueError:
                    pass
    shown = [s for s in a.scenarios if s in rps]
    if not shown:
        return
    print()
    if a.base not in rps or rps[a.base][0] <= 0:
        print(f"(no ratios: scenario {a.base} was not run; add it to BENCH_SCENARIOS)")
        return
    base = rps[a.base][0]
    for s in shown:
        r, non2xx = rps[s]
        verdict = "meets" if r / base >= a.target else "BELOW"
        note = f"; {non2xx} non-2xx answers, not comparable" if non2xx else ""
        print(f"{s:<22} {r / base:5.2f}x the requests/s of {a.base} ({r:.1f} / {base:.1f}; "
              f"{verdict} the target of {a.target:.1f}x{note})")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("free-port")
    p = sub.add_parser("wait")
    p.add_argument("--url", required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--timeout", type=int, default=180)
    p = sub.add_parser("settle")
    p.add_argument("--url", required=True)
    p.add_argument("--timeout", type=int, default=600)
    p = sub.add_parser("login")
    p.add_argument("--url", required=True)
    p.add_argument("--username", required=True)
    p = sub.add_parser("seed")
    p.add_argument("--url", required=True)
    p.add_argument("--count", type=int, default=10000)
    p.add_argument("--workers", type=int, default=8)
    p.add_argument("--roots", type=int, default=50, help="number of root groups")
    p.add_argument("--max-depth", type=int, default=6, help="deepest level a group is created on")
    p.add_argument("--filter", default="biolog", help="report the share of names containing this")
    p.add_argument("--seed", type=int, default=42, help="random seed for names and the tree shape")
    p.add_argument("--out", required=True)
    p = sub.add_parser("seed-offerings")
    p.add_argument("--url", required=True)
    p.add_argument("--customers", type=int, default=2000)
    p.add_argument("--offerings", type=int, default=1000)
    p.add_argument("--plans", type=int, default=3, help="plans per offering")
    p.add_argument("--workers", type=int, default=8)
    p.add_argument("--seed", type=int, default=43)
    p.add_argument("--customers-out", required=True)
    p.add_argument("--offerings-out", required=True)
    p = sub.add_parser("count")
    p.add_argument("--url", required=True)
    p.add_argument("--query", required=True)
    p.add_argument("--name", default=None, help="name filter, URL-encoded and appended to the query")
    p = sub.add_parser("jvm")
    p.add_argument("--jstat", required=True)
    p.add_argument("--rss", required=True)
    p.add_argument("--hwm", type=int, default=0, help="VmHWM in KiB")
    p.add_argument("--interval", default="2")
    p.add_argument("--heap-info", default=None, help="output of jcmd <pid> GC.heap_info")
    p = sub.add_parser("pgbench")
    p.add_argument("--log-prefix", required=True)
    p = sub.add_parser("table")
    p.add_argument("--results", required=True)
    p = sub.add_parser("rounds")
    p.add_argument("--rounds", required=True, help="result lines of every round, as the scenarios write them")
    p = sub.add_parser("ratios")
    p.add_argument("--results", required=True)
    p.add_argument("--base", required=True, help="the scenario the others are compared with")
    p.add_argument("--target", type=float, default=1.0)
    p.add_argument("scenarios", nargs="+")
    a = ap.parse_args()
    globals()["cmd_" + a.cmd.replace("-", "_")](a)


if __name__ == "__main__":
    main()
