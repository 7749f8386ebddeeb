#!/usr/bin/env python3
"""Load an organization-group data set into a running service through its HTTP API.

The file (default data/consortium.json) has this shape:

  {"groups":    [{"key": "k1", "name": "...", "parent": null | "<key>"}, ...],
   "customers": [{"key": "c1" (optional), "name": "...", "groups": ["<key>", ...]}, ...],
   "offerings": [{"key": "o1", "name": "...", "provider": "<customer key>", "shared": true,
                  "organization_groups": ["<group key>", ...], "include_descendant_groups": false,
                  "plans": [{"name": "...", "organization_groups": [...], "include_descendant_groups": false}]}]}

Keys are local to the file; the server assigns uuids. "offerings" is optional; in an offering and a plan,
"shared" defaults to true, "organization_groups" to [] (open) and "include_descendant_groups" to false.
The loader logs in as a staff user (POST /api-auth/password/), creates the groups parents first, then
each customer followed by its memberships (POST /api/customers/<uuid>/update_organization_groups/),
then each offering with its groups and its open plans in one request
(POST /api/marketplace-provider-offerings/), then each restricted plan with its groups
(POST /api/marketplace-plans/), and prints a summary. On the first failed request it prints the
request and the server's answer (status and body) and exits with status 1. A file that does not
validate exits with status 2, before any request.

Loading the same file twice creates everything twice: names need not be unique.

With --verify nothing is loaded: the loader reads the groups, customers and offerings on the server
and checks that the file's data set is there exactly once, as the file describes it (names, parents,
customers_count, memberships; each offering's provider, shared, groups, flag and plans). Other data
on the server is ignored. Exit status 1 on any mismatch.

Examples (from the repository root):

  ORGGROUPS_ADMIN_PASSWORD=secret scripts/load-dataset.py
  scripts/load-dataset.py --url http://localhost:8081 --username admin --password secret
  scripts/load-dataset.py --url http://localhost:8081 --username admin --password secret --verify
  scripts/load-dataset.py --check                 # validate the file only
"""

import argparse
import http.client
import json
import os
import sys
import time
import urllib.parse

MAX_NAME = 150


class LoadError(Exception):
    """A request that did not answer what was expected; the message says what was sent and received."""


class Client:
    """A tiny JSON client over one keep-alive connection (reopened when the server closes it)."""

    def __init__(self, base_url, timeout):
        parts = urllib.parse.urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SystemExit(f"error: --url must be an http(s) URL, got {base_url!r}")
        self.scheme = parts.scheme
        self.host = parts.hostname
        self.port = parts.port
        self.prefix = parts.path.rstrip("/")
        self.timeout = timeout
        self.token = None
        self.conn = None
        self.requests = 0

    def _connect(self):
        cls = http.client.HTTPSConnection if self.scheme == "https" else http.client.HTTPConnection
        self.conn = cls(self.host, self.port, timeout=self.timeout)

    def request(self, method, path, body=None, expect=(200,), secret=False):
        """Send one request; return (status, parsed JSON or None). Raise LoadError unless status is in expect.

        With secret=True the request body is left out of error messages (it holds a password)."""
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json; charset=utf-8"
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        target = self.prefix + path
        for attempt in (1, 2):
            if self.conn is None:
                self._connect()
            try:
                self.conn.request(method, target, body=data, headers=headers)
                resp = self.conn.getresponse()
                raw = resp.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                # A keep-alive connection closed by the server: retry once on a fresh one.
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise LoadError(f"{method} {target}: connection failed: {e}") from e
            except OSError as e:
                self.conn.close()
                self.conn = None
                raise LoadError(f"{method} {target}: cannot reach the service: {e}") from e
        self.requests += 1
        if resp.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        text = raw.decode("utf-8", errors="replace")
        if resp.status not in expect:
            sent = "" if body is None or secret else "\n  sent: " + json.dumps(body, ensure_ascii=False)
            raise LoadError(f"{method} {target} -> {resp.status} {resp.reason}".rstrip() + f"{sent}\n  body: {text or '(empty)'}")
        if not text.strip():
            return resp.status, None
        try:
            return resp.status, json.loads(text)
        except ValueError as e:
            raise LoadError(f"{method} {target} -> {resp.status}: body is not JSON: {text[:500]}") from e


def validate(doc):
    """Return a list of problems with the data set (empty when it is fine)."""
    problems = []
    if not isinstance(doc, dict):
        return ["the top level must be a JSON object"]
    groups = doc.get("groups")
    customers = doc.get("customers", [])
    offerings = doc.get("offerings", [])
    if not isinstance(groups, list):
        return ['"groups" must be a list']
    if not isinstance(customers, list):
        return ['"customers" must be a list']
    if not isinstance(offerings, list):
        return ['"offerings" must be a list']

    def check_name(where, name):
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{where}: name must be a non-blank string")
        elif len(name.strip()) > MAX_NAME:
            problems.append(f"{where}: name has {len(name.strip())} characters, at most {MAX_NAME} allowed")

    keys = {}
    for i, g in enumerate(groups):
        where = f"groups[{i}]"
        if not isinstance(g, dict) or not isinstance(g.get("key"), str) or not g["key"]:
            problems.append(f"{where}: needs a non-empty string \"key\"")
            continue
        if g["key"] in keys:
            problems.append(f"{where}: duplicate key {g['key']!r}")
        keys[g["key"]] = g
        check_name(f"{where} ({g['key']})", g.get("name"))
    for i, g in enumerate(groups):
        if isinstance(g, dict) and g.get("parent") is not None and g.get("parent") not in keys:
            problems.append(f"groups[{i}] ({g.get('key')}): unknown parent {g.get('parent')!r}")
    if not problems:
        for key in keys:  # every chain of parents must end at a root
            seen, k = set(), key
            while k is not None:
                if k in seen:
                    problems.append(f"group {key!r}: its parents form a cycle")
                    break
                seen.add(k)
                k = keys[k].get("parent")
    customer_keys = set()
    for i, c in enumerate(customers):
        where = f"customers[{i}]"
        if not isinstance(c, dict):
            problems.append(f"{where}: must be an object")
            continue
        check_name(where, c.get("name"))
        if "key" in c:
            if not isinstance(c["key"], str) or not c["key"]:
                problems.append(f"{where}: \"key\" must be a non-empty string")
            elif c["key"] in customer_keys:
                problems.append(f"{where}: duplicate key {c['key']!r}")
            else:
                customer_keys.add(c["key"])
        gs = c.get("groups", [])
        if not isinstance(gs, list) or any(not isinstance(k, str) for k in gs):
            problems.append(f"{where}: \"groups\" must be a list of group keys")
            continue
        for k in gs:
            if k not in keys:
                problems.append(f"{where} ({c.get('name')}): unknown group {k!r}")

    def check_restriction(where, r):
        gs = r.get("organization_groups", [])
        if not isinstance(gs, list) or any(not isinstance(k, str) for k in gs):
            problems.append(f"{where}: \"organization_groups\" must be a list of group keys")
        else:
            for k in gs:
                if k not in keys:
                    problems.append(f"{where}: unknown group {k!r}")
        flag = r.get("include_descendant_groups", False)
        if not isinstance(flag, bool):
            problems.append(f"{where}: \"include_descendant_groups\" must be true or false")
        elif flag and not gs:
            problems.append(f"{where}: \"include_descendant_groups\" needs \"organization_groups\"")

    offering_keys = set()
    for i, o in enumerate(offerings):
        where = f"offerings[{i}]"
        if not isinstance(o, dict) or not isinstance(o.get("key"), str) or not o["key"]:
            problems.append(f"{where}: needs a non-empty string \"key\"")
            continue
        where = f"{where} ({o['key']})"
        if o["key"] in offering_keys:
            problems.append(f"{where}: duplicate key")
        offering_keys.add(o["key"])
        check_name(where, o.get("name"))
        if o.get("provider") not in customer_keys:
            problems.append(f"{where}: \"provider\" must be the key of a customer, got {o.get('provider')!r}")
        if not isinstance(o.get("shared", True), bool):
            problems.append(f"{where}: \"shared\" must be true or false")
        check_restriction(where, o)
        plans = o.get("plans", [])
        if not isinstance(plans, list):
            problems.append(f"{where}: \"plans\" must be a list")
            continue
        for j, plan in enumerate(plans):
            if not isinstance(plan, dict):
                problems.append(f"{where}.plans[{j}]: must be an object")
                continue
            check_name(f"{where}.plans[{j}]", plan.get("name"))
            check_restriction(f"{where}.plans[{j}]", plan)
    return problems


def parents_first(groups):
    """Order groups so that every parent comes before its children, keeping file order otherwise."""
    by_key = {g["key"]: g for g in groups}
    depth = {}

    def depth_of(key):
        if key not in depth:
            parent = by_key[key].get("parent")
            depth[key] = 0 if parent is None else depth_of(parent) + 1
        return depth[key]

    return sorted(groups, key=lambda g: depth_of(g["key"]))  # sorted() is stable


def log(verbose, msg):
    if verbose:
        print(msg, file=sys.stderr, flush=True)


class NeedPassword(Exception):
    """Neither a token nor a password was given."""


def login(client, args):
    token = args.token or os.environ.get("ORGGROUPS_TOKEN")
    if token:
        client.token = token
        return
    password = args.password if args.password is not None else os.environ.get("ORGGROUPS_ADMIN_PASSWORD")
    if password is None:
        raise NeedPassword()
    _, body = client.request("POST", "/api-auth/password/",
                             {"username": args.username, "password": password}, secret=True)
    if not isinstance(body, dict) or not body.get("token"):
        raise LoadError(f"POST /api-auth/password/ answered without a token: {body!r}")
    client.token = body["token"]


def created_object(path, body):
    if not isinstance(body, dict) or "url" not in body or "uuid" not in body:
        raise LoadError(f"POST {path} -> 201 without url/uuid: {body!r}")
    return body


def load(client, groups, customers, offerings, verbose):
    """Create everything in the file; return the times at which the groups and the customers were done."""
    created = {}  # group key -> group JSON as answered by the server
    for g in groups:
        parent = g.get("parent")
        payload = {"name": g["name"], "parent": created[parent]["url"] if parent is not None else None}
        _, body = client.request("POST", "/api/organization-groups/", payload, expect=(201,))
        created[g["key"]] = created_object("/api/organization-groups/", body)
        log(verbose, f"group    {body['uuid']}  {g['name']}")
    t_groups = time.monotonic()

    providers = {}  # customer key -> customer JSON
    for c in customers:
        _, body = client.request("POST", "/api/customers/", {"name": c["name"]}, expect=(201,))
        created_object("/api/customers/", body)
        if "key" in c:
            providers[c["key"]] = body
        urls = [created[k]["url"] for k in c.get("groups", [])]
        if urls:
            client.request("POST", f"/api/customers/{body['uuid']}/update_organization_groups/",
                           {"organization_groups": urls}, expect=(200, 204))
        log(verbose, f"customer {body['uuid']}  {c['name']}  ({len(urls)} groups)")
    t_customers = time.monotonic()

    def restriction(r):
        return {"organization_groups": [created[k]["url"] for k in r.get("organization_groups", [])],
                "include_descendant_groups": r.get("include_descendant_groups", False)}

    for o in offerings:
        plans = o.get("plans", [])
        payload = {"name": o["name"], "customer": providers[o["provider"]]["url"], "shared": o.get("shared", True),
                   **restriction(o),
                   "plans": [{"name": p["name"]} for p in plans if not p.get("organization_groups")]}
        _, body = client.request("POST", "/api/marketplace-provider-offerings/", payload, expect=(201,))
        offering = created_object("/api/marketplace-provider-offerings/", body)
        log(verbose, f"offering {offering['uuid']}  {o['name']}  ({len(o.get('organization_groups', []))} groups)")
        for p in plans:
            if p.get("organization_groups"):
                _, body = client.request("POST", "/api/marketplace-plans/",
                                         {"name": p["name"], "offering": offering["url"], **restriction(p)},
                                         expect=(201,))
                created_object("/api/marketplace-plans/", body)
                log(verbose, f"plan     {body['uuid']}  {p['name']}  ({len(p['organization_groups'])} groups)")
    return t_groups, t_customers


def read_all(client, path):
    """Every item of a paged list (page_size 300, the largest the service serves)."""
    items, page = [], 1
    sep = "&" if "?" in path else "?"
    while True:
        status, body = client.request("GET", f"{path}{sep}page_size=300&page={page}", expect=(200, 404))
        if status == 404:  # past the last page (only when the count is a multiple of 300)
            if page == 1:
                raise LoadError(f"GET {path} -> 404")
            return items
        if not isinstance(body, list):
            raise LoadError(f"GET {path} did not answer a JSON array: {str(body)[:300]}")
        items.extend(body)
        if len(body) < 300:
            return items
        page += 1


def verify(client, groups, customers, offerings):
    """Compare what the server holds with the file, loading nothing; return (mismatches, counts verified)."""
    mismatches = []
    server_groups = read_all(client, "/api/organization-groups/")
    by_name_parent = {}
    for g in server_groups:
        by_name_parent.setdefault((g.get("name"), g.get("parent_uuid")), []).append(g)
    expected_count = {g["key"]: 0 for g in groups}
    for c in customers:
        for k in set(c.get("groups", [])):
            expected_count[k] += 1
    found = {}  # group key -> server group
    for g in groups:  # parents first
        parent = g.get("parent")
        if parent is not None and parent not in found:
            mismatches.append(f"group {g['key']}: not checked, its parent {parent} was not found")
            continue
        matches = by_name_parent.get((g["name"].strip(), found[parent]["uuid"] if parent else None), [])
        where = "as a root" if parent is None else f"under {parent}"
        if len(matches) != 1:
            mismatches.append(f"group {g['key']}: {len(matches)} groups named {g['name']!r} {where}, expected 1")
            continue
        found[g["key"]] = matches[0]
        if matches[0].get("customers_count") != expected_count[g["key"]]:
            mismatches.append(f"group {g['key']}: customers_count {matches[0].get('customers_count')!r}, "
                              f"expected {expected_count[g['key']]}")

    key_of = {g["uuid"]: key for key, g in found.items()}
    name_of = {g.get("uuid"): g.get("name") for g in server_groups}

    def uuids_of(keys):
        return sorted({found[k]["uuid"] for k in keys})

    def uuids_got(objs):
        return sorted(g.get("uuid") for g in objs or [])

    def shown(uuids):  # group keys of the file, or the names of other groups
        return sorted(key_of.get(u) or repr(name_of.get(u, u)) for u in uuids)

    server_customers = {}
    for c in read_all(client, "/api/customers/"):
        server_customers.setdefault(c.get("name"), []).append(c)
    wanted = {}
    for c in customers:
        wanted.setdefault(c["name"].strip(), []).append(c)
    providers = {}  # customer key -> server customer
    for name, cs in wanted.items():
        pool = list(server_customers.get(name, []))
        if len(pool) != len(cs):
            mismatches.append(f"customer {name!r}: {len(pool)} on the server, expected {len(cs)}")
        for c in cs:
            missing = [k for k in c.get("groups", []) if k not in found]
            if missing:
                mismatches.append(f"customer {name!r}: not checked, its group {missing[0]} was not found")
                continue
            want = uuids_of(c.get("groups", []))
            match = next((s for s in pool if uuids_got(s.get("organization_groups")) == want), None)
            if match is None:
                got = " or ".join(str(shown(uuids_got(s.get("organization_groups")))) for s in pool) or "none"
                mismatches.append(f"customer {name!r}: groups {got}, expected {shown(want)}")
                continue
            pool.remove(match)
            if "key" in c:
                providers[c["key"]] = match

    def restriction_mismatches(where, r, got):
        missing = [k for k in r.get("organization_groups", []) if k not in found]
        if missing:
            return [f"{where}: groups not checked, {missing[0]} was not found"]
        want = (bool(r.get("organization_groups")), r.get("include_descendant_groups", False),
                shown(uuids_of(r.get("organization_groups", []))))
        have = (got.get("restricted"), got.get("include_descendant_groups"),
                shown(uuids_got(got.get("organization_groups"))))
        if have != want:
            return [f"{where}: restricted, include_descendant_groups, groups: {have}, expected {want}"]
        return []

    n_plans = 0
    server_offerings = {}
    for o in read_all(client, "/api/marketplace-provider-offerings/") if offerings else []:
        server_offerings.setdefault((o.get("name"), o.get("customer_uuid")), []).append(o)
    for o in offerings:
        where = f"offering {o['key']}"
        provider = providers.get(o["provider"])
        if provider is None:
            mismatches.append(f"{where}: not checked, its provider {o['provider']} was not found")
            continue
        matches = server_offerings.get((o["name"].strip(), provider["uuid"]), [])
        if len(matches) != 1:
            mismatches.append(f"{where}: {len(matches)} offerings named {o['name']!r} of provider "
                              f"{o['provider']}, expected 1")
            continue
        _, got = client.request("GET", f"/api/marketplace-provider-offerings/{matches[0]['uuid']}/")
        if got.get("shared") != o.get("shared", True):
            mismatches.append(f"{where}: shared {got.get('shared')!r}, expected {o.get('shared', True)!r}")
        mismatches.extend(restriction_mismatches(where, o, got))
        pool = list(got.get("plans") or [])
        want_names = sorted(p["name"].strip() for p in o.get("plans", []))
        if sorted(p.get("name") for p in pool) != want_names:
            mismatches.append(f"{where}: plans {sorted(p.get('name') for p in pool)}, expected {want_names}")
            continue
        for p in o.get("plans", []):
            plan = next(q for q in pool if q.get("name") == p["name"].strip())
            pool.remove(plan)
            mismatches.extend(restriction_mismatches(f"{where}, plan {p['name']!r}", p, plan))
            n_plans += 1
    return mismatches, (len(found), len(customers), len(offerings), n_plans)



def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="\n\n".join(__doc__.split("\n\n")[1:]),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://localhost:8080",
                    help="base URL of the service (default: %(default)s)")
    ap.add_argument("--username", default="admin", help="staff user to log in as (default: %(default)s)")
    ap.add_argument("--password", default=None,
                    help="the user's password (default: env ORGGROUPS_ADMIN_PASSWORD)")
    ap.add_argument("--token", default=None,
                    help="use this API token instead of logging in (default: env ORGGROUPS_TOKEN, if set)")
    ap.add_argument("--file", default=None,
                    help="data set to load (default: data/consortium.json of this repository)")
    ap.add_argument("--check", action="store_true", help="only validate the file; send no request")
    ap.add_argument("--verify", action="store_true",
                    help="load nothing: read the groups, customers and offerings on the server and check that "
                         "the file's data set is there, once, as the file describes it")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per request (default: %(default)s)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print progress to stderr")
    args = ap.parse_args()
    if args.file is None:
        repo_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        args.file = os.path.relpath(os.path.join(repo_root, "data", "consortium.json"))

    try:
        with open(args.file, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        print(f"error: cannot read {args.file}: {e}", file=sys.stderr)
        return 2
    problems = validate(doc)
    if problems:
        print(f"error: {args.file} is not a valid data set:", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 2
    groups = parents_first(doc["groups"])
    customers = doc.get("customers", [])
    offerings = doc.get("offerings", [])
    n_members = sum(len(set(c.get("groups", []))) for c in customers)
    if args.check:
        n_plans = sum(len(o.get("plans", [])) for o in offerings)
        print(f"{args.file}: OK, {len(groups)} groups, {len(customers)} customers, {n_members} memberships, "
              f"{len(offerings)} offerings, {n_plans} plans")
        return 0

    client = Client(args.url, args.timeout)
    started = time.monotonic()
    try:
        login(client, args)
        if args.verify:
            mismatches, counts = verify(client, groups, customers, offerings)
        else:
            times = load(client, groups, customers, offerings, args.verbose)
    except LoadError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except NeedPassword:
        print("error: give --password or set ORGGROUPS_ADMIN_PASSWORD (or pass --token)", file=sys.stderr)
        return 2

    total = time.monotonic() - started
    n_plans = sum(len(o.get("plans", [])) for o in offerings)
    if args.verify:
        print(f"Verified {args.file} against {args.url} ({client.requests} requests in {total:.2f} s)")
        if mismatches:
            print(f"  verify:      FAILED, {len(mismatches)} mismatches:")
            for m in mismatches:
                print(f"    {m}")
            return 1
        print(f"  verify:      OK, {counts[0]} groups, {counts[1]} customers, {counts[2]} offerings and "
              f"{counts[3]} plans read back as expected (names, parents, customers_count, memberships; "
              "providers, shared, groups and flags of offerings and plans)")
        return 0
    t_groups, t_customers = times
    print(f"Loaded {args.file} into {args.url}")
    print(f"  groups:      {len(groups):5d}  in {t_groups - started:6.2f} s (login included)")
    print(f"  customers:   {len(customers):5d}  with {n_members} memberships in {t_customers - t_groups:6.2f} s")
    print(f"  offerings:   {len(offerings):5d}  with {n_plans} plans in {time.monotonic() - t_customers:6.2f} s")
    print(f"  requests:    {client.requests:5d}  in {total:6.2f} s ({client.requests / total:.0f} requests/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
