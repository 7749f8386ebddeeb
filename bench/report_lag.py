#!/usr/bin/env python3
"""Driver of bench/report-lag.sh (python3 standard library only).

Builds a chain of nested groups one POST after the other, then a fan-out of children under one new root with
several concurrent connections, then deletes the chain's root; after each phase it polls GET /api/projections/
until the named streaming processor reaches lag 0 and prints how long that took after the phase's last write.
Reads the token from env BENCH_TOKEN.
"""

import argparse
import json
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchctl import Conn, die  # noqa: E402


def path_of(url):
    return url[url.index("/api/"):]


def create(conn, name, parent_url):
    status, _, body = conn.call("POST", "/api/organization-groups/", {"name": name, "parent": parent_url})
    if status != 201:
        die(f"POST /api/organization-groups/ -> {status}: {body[:300]}")
    return json.loads(body)["url"]


def processor(conn, name):
    status, _, body = conn.call("GET", "/api/projections/")
    if status != 200:
        die(f"GET /api/projections/ -> {status}: {body[:300]}")
    for p in json.loads(body):
        if p["name"] == name:
            return p
    die(f"no processor {name} in /api/projections/")


def wait_for_lag_zero(conn, name, since, timeout, label):
    """Polls every 0.2 s; prints the seconds from `since` (the phase's last write) to lag 0."""
    last_report = 0.0
    while True:
        p = processor(conn, name)
        now = time.monotonic()
        if p.get("lag") == 0 and p.get("status") == "live":
            took = now - since
            print(f"{label}: {name} at lag 0 {took:.1f} s after the last write (position {p.get('position')})",
                  flush=True)
            return took
        if now - since > timeout:
            print(f"{label}: {name} NOT at lag 0 after {timeout} s: status {p.get('status')}, lag {p.get('lag')},"
                  f" error {p.get('error')}", flush=True)
            return None
        if now - last_report >= 10:
            print(f"  ... {label}: {name} status {p.get('status')}, lag {p.get('lag')}"
                  + (f", error {p['error'][:200]}" if p.get("error") else ""), flush=True)
            last_report = now
        time.sleep(0.2)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", required=True)
    ap.add_argument("--depth", type=int, default=2000, help="groups in the chain")
    ap.add_argument("--fanout", type=int, default=5000, help="children under the fan-out's root")
    ap.add_argument("--workers", type=int, default=8, help="concurrent connections for the fan-out")
    ap.add_argument("--processor", default="group-report")
    ap.add_argument("--timeout", type=float, default=300, help="seconds to wait for lag 0 in each phase")
    ap.add_argument("--results", help="file to append 'phase<TAB>seconds' lines to")
    a = ap.parse_args()
    token = os.environ.get("BENCH_TOKEN") or die("BENCH_TOKEN is not set")
    conn = Conn(a.url, token=token, timeout=120)
    results = []

    # 1. The chain: each group under the previous one, so strictly one after the other.
    started = time.monotonic()
    root = parent = None
    for i in range(a.depth):
        parent = create(conn, f"Chain level {i}", parent)
        root = root or parent
        if (i + 1) % 500 == 0:
            print(f"  ... chain: {i + 1} groups, {time.monotonic() - started:.1f} s", flush=True)
    last_write = time.monotonic()
    print(f"chain: {a.depth} nested groups created in {last_write - started:.1f} s", flush=True)
    results.append(("chain", wait_for_lag_zero(conn, a.processor, last_write, a.timeout, "chain")))

    # 2. The fan-out: one new root, its children created concurrently (their order does not matter).
    fan_root = create(conn, "Fan-out root", None)
    next_index = [0]
    lock = threading.Lock()
    errors = []

    def worker():
        c = Conn(a.url, token=token, timeout=120)
        while True:
            with lock:
                i = next_index[0]
                next_index[0] += 1
            if i >= a.fanout or errors:
                return
            try:
                create(c, f"Fan-out child {i}", fan_root)
            except SystemExit as e:
                errors.append(e)
                return

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(a.workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        die("a fan-out POST failed")
    last_write = time.monotonic()
    print(f"fan-out: {a.fanout} children created in {last_write - started:.1f} s with {a.workers} connections",
          flush=True)
    results.append(("fan-out", wait_for_lag_zero(conn, a.processor, last_write, a.timeout, "fan-out")))

    # 3. The subtree delete of the chain's root: one command, one delete event per group, deepest first.
    started = time.monotonic()
    status, _, body = conn.call("DELETE", path_of(root))
    if status != 204:
        die(f"DELETE {root} -> {status}: {body[:300]}")
    last_write = time.monotonic()
    print(f"delete: the chain's root (a subtree of {a.depth} groups) deleted in {last_write - started:.1f} s",
          flush=True)
    results.append(("delete", wait_for_lag_zero(conn, a.processor, last_write, a.timeout, "delete")))

    if a.results:
        with open(a.results, "a") as f:
            for phase, took in results:
                f.write(f"{phase}\t{'' if took is None else f'{took:.1f}'}\n")
    if any(took is None for _, took in results):
        sys.exit(3)


if __name__ == "__main__":
    main()
