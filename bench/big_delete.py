#!/usr/bin/env python3
"""Driver of bench/big-delete.sh (python3 standard library only).

Builds one subtree of --size groups through the API (a root with every other group as its child, or a mixed tree
up to --depth levels deep), makes --members customers members of groups in it, then deletes its root with one
DELETE and, while that request runs, sends an unrelated move and an unrelated membership change (outside the
subtree) to the second node (--url2, or the first one). Prints how long each of the three requests took, and
whether the two unrelated ones finished before the delete did. Reads the token from env BENCH_TOKEN.
"""

import argparse
import json
import os
import random
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchctl import Conn, die, post, run_jobs  # noqa: E402


def path_of(url):
    return url[url.index("/api/"):]


def plan_tree(size, shape, depth, rng):
    """Parent index of each group (None for the root) and its level; parents always come before their children."""
    parents, levels = [None], [0]
    for i in range(1, size):
        if shape == "fan":
            parent = 0
        else:
            parent = rng.choice([j for j in range(max(0, i - 400), i) if levels[j] < depth - 1] or [0])
        parents.append(parent)
        levels.append(levels[parent] + 1)
    return parents, levels


def build(url, token, size, shape, depth, workers, rng):
    """Creates the subtree level by level, each level with `workers` connections; answers the groups' urls."""
    parents, levels = plan_tree(size, shape, depth, rng)
    urls = [None] * size
    urls[0] = post(Conn(url, token), "/api/organization-groups/", {"name": "Big delete root", "parent": None})["url"]
    for level in range(1, max(levels) + 1):
        def job(i):
            def run(conn):
                urls[i] = post(conn, "/api/organization-groups/",
                               {"name": f"Big delete group {i}", "parent": urls[parents[i]]})["url"]
            return run
        run_jobs(url, token, [job(i) for i in range(size) if levels[i] == level], workers, f"level {level}")
    per_level = {}
    for lv in levels:
        per_level[lv] = per_level.get(lv, 0) + 1
    return urls, per_level


def timed(results, key, conn, method, path, body=None, expect=(200, 204)):
    """Runs one request; stores (start, end, status, body) under key, times from time.monotonic()."""
    start = time.monotonic()
    try:
        status, _, text = conn.call(method, path, body)
    except OSError as e:
        status, text = 0, str(e)
    end = time.monotonic()
    results[key] = (start, end, status, text)
    if status not in expect:
        print(f"  {key}: {method} {path} -> {status}: {text[:300]}", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", required=True, help="the node that deletes")
    ap.add_argument("--url2", help="the node that moves and changes a membership meanwhile (default: --url)")
    ap.add_argument("--size", type=int, default=5001, help="groups in the deleted subtree, its root included")
    ap.add_argument("--shape", choices=("fan", "mix"), default="fan",
                    help="fan: every group a child of the root; mix: each under a random earlier one")
    ap.add_argument("--depth", type=int, default=6, help="levels of a mixed subtree, the root's included")
    ap.add_argument("--members", type=int, default=200, help="customers that are members of subtree groups")
    ap.add_argument("--workers", type=int, default=8, help="concurrent connections while building")
    ap.add_argument("--delay", type=float, default=0.3,
                    help="seconds after sending the delete before the unrelated requests are sent")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--results", help="file to append 'what<TAB>seconds' lines to")
    a = ap.parse_args()
    token = os.environ.get("BENCH_TOKEN") or die("BENCH_TOKEN is not set")
    rng = random.Random(a.seed)
    other = a.url2 or a.url

    started = time.monotonic()
    urls, per_level = build(a.url, token, a.size, a.shape, a.depth, a.workers, rng)
    print(f"built a subtree of {a.size} groups ({a.shape}; groups per level: "
          + ", ".join(f"{lv}:{n}" for lv, n in sorted(per_level.items()))
          + f") in {time.monotonic() - started:.1f} s", flush=True)

    def member_job(i):
        def run(conn):
            customer = post(conn, "/api/customers/", {"name": f"Big delete member {i}"})
            groups = rng.sample(urls[1:] or urls, min(2, max(1, len(urls) - 1)))
            post(conn, f"/api/customers/{customer['uuid']}/update_organization_groups/",
                 {"organization_groups": groups}, expect=200)
        return run
    run_jobs(a.url, token, [member_job(i) for i in range(a.members)], a.workers, "members")

    # The bystanders: a group that moves between two roots, and a customer that moves between two groups, none of
    # them in the deleted subtree.
    conn = Conn(a.url, token)
    left = post(conn, "/api/organization-groups/", {"name": "Bystander left", "parent": None})
    right = post(conn, "/api/organization-groups/", {"name": "Bystander right", "parent": None})
    mover = post(conn, "/api/organization-groups/", {"name": "Bystander mover", "parent": left["url"]})
    customer = post(conn, "/api/customers/", {"name": "Bystander customer"})
    post(conn, f"/api/customers/{customer['uuid']}/update_organization_groups/",
         {"organization_groups": [left["url"]]}, expect=200)
    # One move and one membership change back and forth on the other node first, so that the measured ones do not
    # pay for a cold JVM (class loading, JIT) on a node that has served no write yet.
    warm = Conn(other, token)
    for parent in (right, left):
        status, _, text = warm.call("PATCH", f"/api/organization-groups/{mover['uuid']}/", {"parent": parent["url"]})
        status2, _, text2 = warm.call("POST", f"/api/customers/{customer['uuid']}/update_organization_groups/",
                                      {"organization_groups": [parent["url"]]})
        if status != 200 or status2 != 200:
            die(f"warm-up on the other node failed: {status} {text[:200]} / {status2} {text2[:200]}")
    print(f"{a.members} members added; bystanders ready", flush=True)

    results = {}
    deleter = threading.Thread(target=timed, args=(results, "delete", Conn(a.url, token, timeout=600),
                                                   "DELETE", path_of(urls[0])))
    deleter.start()
    time.sleep(a.delay)
    bystanders = [
        threading.Thread(target=timed, args=(results, "move", Conn(other, token, timeout=600), "PATCH",
                                             f"/api/organization-groups/{mover['uuid']}/",
                                             {"parent": right["url"]})),
        threading.Thread(target=timed, args=(results, "membership", Conn(other, token, timeout=600), "POST",
                                             f"/api/customers/{customer['uuid']}/update_organization_groups/",
                                             {"organization_groups": [right["url"]]})),
    ]
    for t in bystanders:
        t.start()
    for t in bystanders + [deleter]:
        t.join()

    d_start, d_end, d_status, _ = results["delete"]
    lines = [("delete", d_end - d_start)]
    print(f"delete of the subtree ({a.size} groups, {a.members} members): {d_end - d_start:.2f} s, status {d_status}",
          flush=True)
    for key in ("move", "membership"):
        start, end, status, _ = results[key]
        if start >= d_end:
            where = "sent after the delete had finished (raise --size or lower --delay)"
        elif end <= d_end:
            where = f"finished {d_end - end:.2f} s before the delete"
        else:
            where = f"finished {end - d_end:.2f} s after the delete"
        print(f"unrelated {key} on {'the second' if a.url2 else 'the same'} node: {end - start:.2f} s, status {status},"
              f" {where}", flush=True)
        lines.append((key, end - start))
    if a.results:
        with open(a.results, "a") as f:
            for what, took in lines:
                f.write(f"{what}\t{took:.2f}\n")
    if d_status != 204 or any(results[k][2] != 200 for k in ("move", "membership")):
        sys.exit(1)


if __name__ == "__main__":
    main()
