#!/usr/bin/env python3
"""Driver of bench/faults.sh (python3 standard library only): mixed write load, fault injection and checks.

Run by bench/faults.sh on a cluster that scripts/cluster.sh has started; not meant to be run alone. For each fault
named on the command line (kill, rolling, pg-restart, rebuild) it runs a mixed write load (creates, moves, joins,
deletes, plus reads) with --threads threads, injects the fault after --before seconds, keeps the load for
--duration seconds in all, waits until the cluster has recovered, then checks that every acknowledged write is
visible, that the audit log holds each stored event exactly once, and the fault's own bounds. Prints the table of
bench/README.md and exits 1 when a check fails.

Each thread owns its resources (a root group, the groups it creates under it, one customer), so the state each
acknowledged write leaves is exactly known. A write whose outcome is unknown (no answer, 502, 503, 504) is
resolved by reading the resource back once the service answers again; it is not counted as acknowledged.

Environment: FAULTS_TOKEN (a staff token), PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD (for psql),
CLUSTER_* as for scripts/cluster.sh.
"""

import argparse
import collections
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
import urllib.parse

# How long a streaming projection may show `live` while its position does not move and events wait: a node sees
# another node's segment as abandoned once its claim is 5 s old (half the claim timeout, API.md section 10); the
# dead node's position may have stopped a batch before its last renewal (renewals come between batches, every 2 s
# at most); 1 s more for this script's polls.
FROZEN_AFTER = 8

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLUSTER = os.path.join(ROOT, "scripts", "cluster.sh")
GROUPS = "/api/organization-groups/"
VIEW_TABLES = ["group_tree", "group_member", "group_view", "customer_view", "customer_group_view",
               "group_timeline", "customer_timeline", "customer_group_timeline", "provider_offering",
               "offering_view", "offering_group_view", "plan_view", "plan_group_view", "plan_stream"]


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


class Unknown(Exception):
    """A request whose outcome is not known: no answer, or the balancer's 502/503/504."""


def request(base, method, path, body=None, token=None, timeout=30):
    """One request on a new connection: (status, parsed JSON or None, raw text). Raises OSError on no answer."""
    u = urllib.parse.urlsplit(base)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    headers = {"Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = "Token " + token
    try:
        c.request(method, path, body=data, headers=headers)
        r = c.getresponse()
        raw = r.read().decode("utf-8", "replace")
        parsed = None
        if raw:
            try:
                parsed = json.loads(raw)
            except ValueError:
                parsed = None
        return r.status, parsed, raw
    finally:
        c.close()


def psql(sql):
    out = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return out.strip()


def cluster(*args):
    log("scripts/cluster.sh " + " ".join(args))
    subprocess.run([CLUSTER, *args], check=True)


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.sent = 0
        self.acked = 0
        self.by_status = collections.Counter()   # every answer that is not 2xx, and "conn" for no answer
        self.errors = collections.Counter()      # those not allowed for this fault
        self.expected_refusals = 0               # 400 for a move under the group's own descendant
        self.unknown = 0
        self.stored_anyway = collections.Counter()  # writes answered 5xx or not at all, found stored afterwards

    def stored(self, what):
        with self.lock:
            self.stored_anyway[what] += 1

    def add(self, status, ok, error_key=None):
        with self.lock:
            self.sent += 1
            if ok:
                self.acked += 1
            elif status is not None:
                self.by_status[status] += 1
            if error_key:
                self.errors[error_key] += 1


class Worker:
    """Owns one root group, the groups created under it and one customer; keeps their expected state."""

    def __init__(self, idx, run, base_urls, token, seed):
        self.idx, self.run_id, self.urls, self.token = idx, run, base_urls, token
        self.rnd = random.Random(seed)
        self.parent = {}        # live group uuid -> parent uuid (None for the root)
        self.deleted = set()
        self.customer = None
        self.members = set()    # expected groups of the customer
        self.seq = 0
        self.stop = threading.Event()
        self.stats = None
        self.allowed = set()
        self.base_url = base_urls[0]

    def url(self):
        return self.rnd.choice(self.urls)

    def call(self, method, path, body=None):
        try:
            st, js, raw = request(self.url(), method, path, body, self.token)
        except OSError:
            self.stats.add(None, False, None if "no answer" in self.allowed else "no answer")
            with self.stats.lock:
                self.stats.by_status["no answer"] += 1
                self.stats.unknown += 1
            raise Unknown()
        ok = 200 <= st < 300
        err = None
        if not ok:
            key = st if js is not None else f"{st} non-JSON"
            if st == 400 and method == "PATCH":
                with self.stats.lock:
                    self.stats.expected_refusals += 1
            else:
                err = None if key in self.allowed else key
        self.stats.add(st, ok, err)
        if st >= 500:
            with self.stats.lock:
                self.stats.unknown += 1
            raise Unknown()
        return st, js, raw

    # Reads until the service answers (used to resolve a write whose outcome is unknown).
    def read(self, path):
        deadline = time.monotonic() + 300
        while True:
            try:
                st, js, _ = request(self.base_url, "GET", path, None, self.token)
                if st in (200, 404):
                    return st, js
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"GET {path} did not answer 200/404 within 300 s")
            time.sleep(0.5)

    def subtree(self, g):
        out, todo = set(), [g]
        children = collections.defaultdict(list)
        for k, p in self.parent.items():
            children[p].append(k)
        while todo:
            x = todo.pop()
            out.add(x)
            todo.extend(children[x])
        return out

    def mark_deleted(self, g):
        for x in self.subtree(g):
            self.parent.pop(x, None)
            self.deleted.add(x)
            self.members.discard(x)

    def setup(self):
        st, js, raw = request(self.base_url, "POST", GROUPS, {"name": f"faults-{self.run_id}-t{self.idx}",
                                                              "parent": None}, self.token)
        if st != 201:
            raise RuntimeError(f"seed group: {st} {raw[:200]}")
        self.root = js["uuid"]
        self.parent[self.root] = None
        st, js, raw = request(self.base_url, "POST", "/api/customers/",
                              {"name": f"faults-{self.run_id}-c{self.idx}"}, self.token)
        if st != 201:
            raise RuntimeError(f"seed customer: {st} {raw[:200]}")
        self.customer = js["uuid"]

    def live_nonroot(self):
        return [g for g in self.parent if g != self.root]

    def op_create(self):
        self.seq += 1
        name = f"faults-{self.run_id}-t{self.idx}-{self.seq}"
        parent = self.rnd.choice(list(self.parent))
        try:
            st, js, _ = self.call("POST", GROUPS, {"name": name, "parent": f"{GROUPS}{parent}/"})
            if st == 201:
                self.parent[js["uuid"]] = parent
        except Unknown:
            st, js = self.read(f"{GROUPS}?name_exact={urllib.parse.quote(name)}")
            for g in js or []:
                self.parent[g["uuid"]] = g.get("parent_uuid")
                self.stats.stored("POST group")

    def op_move(self):
        cands = self.live_nonroot()
        if not cands:
            return self.op_create()
        g = self.rnd.choice(cands)
        target = self.rnd.choice([x for x in self.parent if x != g])
        before = self.parent[g]
        try:
            st, js, _ = self.call("PATCH", f"{GROUPS}{g}/", {"parent": f"{GROUPS}{target}/"})
            if st == 200:
                self.parent[g] = target
        except Unknown:
            st, js = self.read(f"{GROUPS}{g}/")
            if st == 200:
                self.parent[g] = js.get("parent_uuid")
                if js.get("parent_uuid") == target != before:
                    self.stats.stored("PATCH parent")

    def op_join(self):
        groups = list(self.parent)
        chosen = set(self.rnd.sample(groups, min(len(groups), self.rnd.randint(0, 3))))
        try:
            st, _, _ = self.call("POST", f"/api/customers/{self.customer}/update_organization_groups/",
                                 {"organization_groups": [f"{GROUPS}{g}/" for g in chosen]})
            if st == 200:
                self.members = chosen
        except Unknown:
            st, js = self.read(f"/api/customers/{self.customer}/")
            self.members = {g["uuid"] for g in js["organization_groups"]}
            if self.members == chosen:
                self.stats.stored("join")

    def op_delete(self):
        cands = self.live_nonroot()
        if len(cands) < 3:
            return self.op_create()
        # Mostly leaves, so that the tree keeps growing.
        leaves = [g for g in cands if g not in set(self.parent.values())]
        g = self.rnd.choice(leaves or cands)
        try:
            st, _, _ = self.call("DELETE", f"{GROUPS}{g}/")
            if st == 204:
                self.mark_deleted(g)
        except Unknown:
            st, _ = self.read(f"{GROUPS}{g}/")
            if st == 404:
                self.mark_deleted(g)
                self.stats.stored("DELETE")
            else:
                # A cascade may be all or nothing only: the subtree stands as it was.
                pass

    def op_read(self):
        try:
            if self.rnd.random() < 0.5:
                self.call("GET", f"{GROUPS}{self.rnd.choice(list(self.parent))}/")
            else:
                self.call("GET", f"{GROUPS}?parent={self.root}&page_size=20")
        except Unknown:
            pass

    def run(self):
        ops = [self.op_create] * 3 + [self.op_move] * 3 + [self.op_join] * 2 + [self.op_delete] + [self.op_read] * 2
        while not self.stop.is_set():
            try:
                self.rnd.choice(ops)()
            except Exception as e:  # noqa: BLE001 -- the load goes on; the checks judge
                log(f"thread {self.idx}: {e!r}")
                time.sleep(0.5)


class Load:
    def __init__(self, workers, urls, stats, allowed):
        self.workers = workers
        for w in workers:
            w.urls, w.stats, w.allowed, w.stop = urls, stats, allowed, threading.Event()

    def start(self):
        self.threads = []
        for w in self.workers:
            t = threading.Thread(target=w.run, daemon=True)
            t.start()
            self.threads.append(t)

    def stop(self):
        for w in self.workers:
            w.stop.set()
        for t in self.threads:
            t.join(60)


def node_url(i, a):
    return f"http://127.0.0.1:{a.node_port + i - 1}"


def projections(base, token):
    st, js, raw = request(base, "GET", "/api/projections/", None, token, timeout=10)
    if st != 200 or not isinstance(js, list):
        raise OSError(f"projections: {st} {raw[:200]}")
    return {p["name"]: p for p in js}


def recovered(a, nodes):
    """True when every node is ready and shows every streaming projection live at lag 0."""
    for i in nodes:
        try:
            st, _, _ = request(node_url(i, a), "GET", "/actuator/health/readiness", timeout=5)
            if st != 200:
                return False
            ps = projections(node_url(i, a), a.token)
        except OSError:
            return False
        for p in ps.values():
            if p["kind"] == "streaming" and (p["status"] != "live" or p["lag"] != 0):
                return False
    return True


def await_recovery(a, nodes, timeout=600):
    start = time.monotonic()
    while not recovered(a, nodes):
        if time.monotonic() - start > timeout:
            return None
        time.sleep(0.5)
    return time.monotonic() - start


def check_state(a, workers):
    """Counts acknowledged writes not visible: groups missing, wrongly parented, or not gone; memberships."""
    actual = {}
    page = 1
    while True:
        st, js, raw = request(a.url, "GET", f"{GROUPS}?page_size=300&page={page}&name=faults-{a.run}-",
                              None, a.token, timeout=60)
        if st == 404 and page > 1:
            break
        if st != 200:
            raise RuntimeError(f"listing groups: {st} {raw[:200]}")
        for g in js:
            actual[g["uuid"]] = g.get("parent_uuid")
        if len(js) < 300:
            break
        page += 1
    lost, details = 0, []
    for w in workers:
        for g, p in w.parent.items():
            if g not in actual:
                lost += 1
                details.append(f"group {g} missing")
            elif actual[g] != p:
                lost += 1
                details.append(f"group {g} parent {actual[g]}, expected {p}")
        for g in w.deleted:
            if g in actual:
                lost += 1
                details.append(f"group {g} deleted but present")
        st, js, raw = request(a.url, "GET", f"/api/customers/{w.customer}/", None, a.token)
        got = {g["uuid"] for g in js["organization_groups"]} if st == 200 else None
        if got != w.members:
            lost += 1
            details.append(f"customer {w.customer} groups {sorted(got or [])}, expected {sorted(w.members)}")
    return lost, details


def check_audit():
    """(doubled, skipped, extra) between audit_event and domain_event_entry."""
    doubled = int(psql("select count(*) - count(distinct global_index) from audit_event"))
    skipped = int(psql("select count(*) from domain_event_entry d where not exists "
                       "(select 1 from audit_event a where a.global_index = d.global_index)"))
    extra = int(psql("select count(*) from audit_event a where not exists "
                     "(select 1 from domain_event_entry d where d.global_index = a.global_index)"))
    return doubled, skipped, extra


def dump_views():
    existing = set(psql("select tablename from pg_tables where schemaname = current_schema()").split())
    out = {}
    for t in VIEW_TABLES:
        if t in existing:
            # row_id, a surrogate key, numbers rows in the order they were written, not by the events.
            out[t] = psql(f"select (to_jsonb(t) - 'row_id')::text from {t} t order by 1")
    return out


class Monitor(threading.Thread):
    """Polls /api/projections/ on one node: statuses seen of the streaming projections, and when each one's
    position reached `head` (the newest event when the fault was injected)."""

    def __init__(self, a, node):
        super().__init__(daemon=True)
        self.a, self.node = a, node
        self.seen = collections.defaultdict(collections.Counter)
        self.head = None
        self.head_at = None
        self.reached = {}
        self.last = {}                                # name -> (position, when it last changed)
        self.frozen_live = collections.Counter()      # polls showing live, position unchanged FROZEN_AFTER s, lag > 0
        self.max_lag = collections.Counter()
        self.stop = threading.Event()

    def set_head(self):
        while self.head is None:
            try:
                ps = projections(node_url(self.node, self.a), self.a.token)
                self.head = max(p["position"] for p in ps.values())
                self.head_at = time.monotonic()
            except OSError:
                time.sleep(0.2)

    def run(self):
        while not self.stop.is_set():
            try:
                ps = projections(node_url(self.node, self.a), self.a.token)
                for name, p in ps.items():
                    if p["kind"] != "streaming":
                        continue
                    self.seen[name][p["status"]] += 1
                    now = time.monotonic()
                    pos, since = self.last.get(name, (None, now))
                    if pos != p["position"]:
                        self.last[name] = (p["position"], now)
                    elif (p["lag"] > 0 and p["status"] == "live" and now - since >= FROZEN_AFTER
                          and self.head is not None):
                        self.frozen_live[name] += 1
                    self.max_lag[name] = max(self.max_lag[name], p["lag"])
                    if (self.head is not None and name not in self.reached and p["position"] >= self.head
                            and p["status"] == "live"):
                        self.reached[name] = time.monotonic() - self.head_at
            except OSError:
                self.seen["(node)"]["no answer"] += 1
            time.sleep(0.3)


def segment_owner(a):
    """The node that holds most streaming segments (token_entry's owner is the JVM's pid@host), else the last."""
    owners = collections.Counter(o.split("@")[0] for o in psql(
        "select owner from token_entry where owner is not null").split())
    pids = {}
    for i in range(1, a.nodes + 1):
        try:
            with open(os.path.join(os.environ["CLUSTER_DIR"], f"node-{i}.pid")) as f:
                pids[f.read().strip()] = i
        except OSError:
            pass
    for pid, _ in owners.most_common():
        if pid in pids:
            return pids[pid]
    return a.nodes


def pg_others():
    """Databases other than ours (and postgres) that have connections."""
    mine = os.environ["PGDATABASE"]
    rows = psql("select datname from pg_stat_activity where datname is not null group by 1").split()
    return [d for d in rows if d != "postgres" and not d.startswith(mine)]


def phase(a, fault, workers):
    stats = Stats()
    allowed = set()
    urls = [a.url]
    notes = []
    fail = []
    recover = "-"
    monitor = None
    if fault == "kill":
        allowed = {502, "no answer"}
    elif fault == "pg-restart":
        allowed = {503}
        others = pg_others()
        if others and not a.force_pg:
            return dict(fault=fault, skipped=f"PostgreSQL is shared: connections to {', '.join(others)}")
    elif fault == "rebuild":
        urls = [node_url(i, a) for i in range(2, a.nodes + 1)]
    load = Load(workers, urls, stats, allowed)
    log(f"{fault}: load with {len(workers)} threads for {a.duration:.0f} s, fault after {a.before:.0f} s")
    t0 = time.monotonic()
    load.start()
    time.sleep(a.before)
    if fault == "kill":
        victim = segment_owner(a)
        watcher = 1 if victim != 1 else 2
        notes.append(f"killed node {victim}, the owner of most streaming segments; watched node {watcher}")
        monitor = Monitor(a, watcher)
        monitor.start()
        monitor.set_head()
        cluster("kill-node", str(victim))
        killed_at = time.monotonic()
        rest = a.duration - (time.monotonic() - t0)
        time.sleep(max(0.0, rest))
        load.stop()
        rec = await_recovery(a, [i for i in range(1, a.nodes + 1) if i != victim])
        if rec is None:
            fail.append("survivors did not recover")
        # Taken over: every streaming projection live at a position at or past the newest event at the kill.
        while len(monitor.reached) < 2 and time.monotonic() - killed_at < 300:
            time.sleep(0.5)
        monitor.stop.set()
        if len(monitor.reached) < 2:
            fail.append("segments not taken over within 300 s")
        took = max(monitor.reached.values()) if monitor.reached else None
        recover = f"takeover {took:.1f} s" if took is not None else "takeover -"
        if took is not None and took > a.takeover_bound:
            fail.append(f"takeover took {took:.1f} s, over the bound of {a.takeover_bound:.0f} s")
        notes.append(f"statuses on node {watcher}: " + "; ".join(
            f"{n}: " + ", ".join(f"{s}×{c}" for s, c in sorted(cs.items())) for n, cs in sorted(monitor.seen.items())))
        notes.append("largest lag seen: " + ", ".join(f"{n} {v}" for n, v in sorted(monitor.max_lag.items())))
        if monitor.frozen_live:
            fail.append(f"live while frozen (position unchanged {FROZEN_AFTER} s, lag > 0): " + ", ".join(
                f"{n} {c} polls" for n, c in sorted(monitor.frozen_live.items())))
        if "failed" in str(dict(monitor.seen)):
            fail.append("a streaming projection showed failed")
        cluster("start-node", str(victim))
    elif fault == "rolling":
        start = time.monotonic()
        cluster("restart")
        recover = f"restart {time.monotonic() - start:.0f} s"
        rest = a.duration - (time.monotonic() - t0)
        time.sleep(max(0.0, rest))
        load.stop()
    elif fault == "pg-restart":
        start = time.monotonic()
        subprocess.run(a.pg_restart, shell=True, check=True)
        log("PostgreSQL restarted")
        # Time to the first write acknowledged after the restart command.
        acked = stats.acked
        while stats.acked == acked and time.monotonic() - start < 300:
            time.sleep(0.1)
        recover = f"writes {time.monotonic() - start:.1f} s"
        rest = a.duration - (time.monotonic() - t0)
        time.sleep(max(0.0, rest))
        load.stop()
    elif fault == "rebuild":
        start = time.monotonic()
        st, js, raw = request(node_url(1, a), "POST", "/api/projections/views/rebuild/", None, a.token)
        if st != 202:
            fail.append(f"rebuild answered {st}")
        while True:
            _, js, _ = request(node_url(1, a), "GET", "/api/projections/views/", None, a.token)
            if js and js.get("status") in ("live", "failed"):
                break
            time.sleep(0.3)
        if js.get("status") == "failed":
            fail.append(f"rebuild failed: {js.get('error')}")
        recover = f"rebuild {time.monotonic() - start:.1f} s"
        rest = a.duration - (time.monotonic() - t0)
        time.sleep(max(0.0, rest))
        load.stop()
    else:
        load.stop()
    rec = await_recovery(a, range(1, a.nodes + 1))
    if rec is None:
        fail.append("cluster not recovered within 600 s")
    lost, details = check_state(a, workers)
    for d in details[:10]:
        log(f"{fault}: LOST {d}")
    doubled, skipped, extra = check_audit()
    if doubled or skipped or extra:
        fail.append(f"audit: {doubled} doubled, {skipped} skipped, {extra} without event")
    if fault == "rebuild":
        before = dump_views()
        st, _, raw = request(node_url(1, a), "POST", "/api/projections/views/rebuild/", None, a.token)
        while True:
            _, js, _ = request(node_url(1, a), "GET", "/api/projections/views/", None, a.token)
            if js and js.get("status") in ("live", "failed"):
                break
            time.sleep(0.3)
        after = dump_views()
        diff = [t for t in before if before[t] != after.get(t)]
        if diff:
            fail.append("views differ from a quiet rebuild: " + ", ".join(diff))
        else:
            notes.append(f"views equal to a quiet rebuild ({len(before)} tables, "
                         f"{sum(len(v.splitlines()) for v in before.values())} rows)")
    if stats.stored_anyway:
        notes.append("writes answered 5xx or not at all but found stored: " + ", ".join(
            f"{k}×{v}" for k, v in sorted(stats.stored_anyway.items())))
    if lost:
        fail.append(f"{lost} acknowledged writes lost")
    if stats.errors:
        fail.append("failed requests: " + ", ".join(f"{k}×{v}" for k, v in stats.errors.items()))
    return dict(fault=fault, sent=stats.sent, acked=stats.acked, lost=lost,
                statuses=", ".join(f"{k}×{v}" for k, v in sorted(stats.by_status.items(), key=str)) or "none",
                refusals=stats.expected_refusals, recover=recover, fail=fail, notes=notes,
                audit=f"{doubled}/{skipped}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("faults", nargs="+", choices=["kill", "rolling", "pg-restart", "rebuild"])
    ap.add_argument("--url", required=True, help="the balancer")
    ap.add_argument("--nodes", type=int, default=3)
    ap.add_argument("--node-port", type=int, required=True)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--duration", type=float, default=30, help="seconds of load per fault")
    ap.add_argument("--before", type=float, default=8, help="seconds of load before the fault")
    ap.add_argument("--takeover-bound", type=float, default=30,
                    help="seconds allowed for the takeover of a killed node's segments")
    ap.add_argument("--pg-restart", required=True)
    ap.add_argument("--force-pg", action="store_true", help="restart PostgreSQL even when others use it")
    a = ap.parse_args()
    a.token = os.environ["FAULTS_TOKEN"]
    a.run = time.strftime("%H%M%S")
    workers = [Worker(i, a.run, [a.url], a.token, 1000 + i) for i in range(a.threads)]
    for w in workers:
        w.setup()
    rows = []
    for fault in a.faults:
        rows.append(phase(a, fault, workers))
        log(f"{fault}: {rows[-1]}")
    print()
    print("| fault | sent | acknowledged | lost | errors by status | time to recover | result |")
    print("|---|---|---|---|---|---|---|")
    bad = False
    for r in rows:
        if "skipped" in r:
            print(f"| {r['fault']} | - | - | - | - | - | skipped: {r['skipped']} |")
            continue
        result = "pass" if not r["fail"] else "FAIL: " + "; ".join(r["fail"])
        bad = bad or bool(r["fail"])
        print(f"| {r['fault']} | {r['sent']} | {r['acked']} | {r['lost']} | {r['statuses']} | {r['recover']} "
              f"| {result} |")
    for r in rows:
        for n in r.get("notes", []):
            print(f"{r['fault']}: {n}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
