#!/usr/bin/env python3
"""Load an organization-group data set into a running service through its HTTP API.

The file (default data/consortium.json) has this shape:

  {"groups":    [{"key": "k1", "name": "...", "parent": null | "<key>"}, ...],
   "customers": [{"name": "...", "groups": ["<key>", ...]}, ...]}

Keys are local to the file; the server assigns uuids. The loader logs in as a staff user
(POST /api-auth/password/), creates the groups parents first, then each customer followed by
its memberships (POST /api/customers/<uuid>/update_organization_groups/), and prints a summary.
On the first failed request it prints the request and the server's answer (status and body)
and exits with status 1. A file that does not validate exits with status 2, before any request.

Loading the same file twice creates everything twice: names need not be unique.

Examples (from the repository root):

  ORGGROUPS_ADMIN_PASSWORD=secret scripts/load-dataset.py
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
    if not isinstance(groups, list):
        return ['"groups" must be a list']
    if not isinstance(customers, list):
        return ['"customers" must be a list']

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
    for i, c in enumerate(customers):
        where = f"customers[{i}]"
        if not isinstance(c, dict):
            problems.append(f"{where}: must be an object")
            continue
        check_name(where, c.get("name"))
        gs = c.get("groups", [])
        if not isinstance(gs, list) or any(not isinstance(k, str) for k in gs):
            problems.append(f"{where}: \"groups\" must be a list of group keys")
            continue
        for k in gs:
            if k not in keys:
                problems.append(f"{where} ({c.get('name')}): unknown group {k!r}")
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
                    help="after loading, read every group and customer back and compare names, parents, "
                         "customers_count and memberships with the file")
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
    n_members = sum(len(set(c.get("groups", []))) for c in customers)
    if args.check:
        print(f"{args.file}: OK, {len(groups)} groups, {len(customers)} customers, {n_members} memberships")
        return 0

    client = Client(args.url, args.timeout)
    started = time.monotonic()
    try:
        token = args.token or os.environ.get("ORGGROUPS_TOKEN")
        if token:
            client.token = token
        else:
            password = args.password if args.password is not None else os.environ.get("ORGGROUPS_ADMIN_PASSWORD")
            if password is None:
                print("error: give --password or set ORGGROUPS_ADMIN_PASSWORD (or pass --token)", file=sys.stderr)
                return 2
            _, body = client.request("POST", "/api-auth/password/",
                                     {"username": args.username, "password": password}, secret=True)
            if not isinstance(body, dict) or not body.get("token"):
                raise LoadError(f"POST /api-auth/password/ answered without a token: {body!r}")
            client.token = body["token"]

        created = {}  # key -> group JSON as answered by the server
        for g in groups:
            parent = g.get("parent")
            payload = {"name": g["name"], "parent": created[parent]["url"] if parent is not None else None}
            _, body = client.request("POST", "/api/organization-groups/", payload, expect=(201,))
            if not isinstance(body, dict) or "url" not in body or "uuid" not in body:
                raise LoadError(f"POST /api/organization-groups/ -> 201 without url/uuid: {body!r}")
            created[g["key"]] = body
            log(args.verbose, f"group    {body['uuid']}  {g['name']}")
        t_groups = time.monotonic()

        customer_uuids = []
        for c in customers:
            _, body = client.request("POST", "/api/customers/", {"name": c["name"]}, expect=(201,))
            if not isinstance(body, dict) or "uuid" not in body:
                raise LoadError(f"POST /api/customers/ -> 201 without uuid: {body!r}")
            customer_uuids.append(body["uuid"])
            urls = [created[k]["url"] for k in c.get("groups", [])]
            if urls:
                client.request("POST", f"/api/customers/{body['uuid']}/update_organization_groups/",
                               {"organization_groups": urls}, expect=(200, 204))
            log(args.verbose, f"customer {body['uuid']}  {c['name']}  ({len(urls)} groups)")
        t_done = time.monotonic()

        mismatches = []
        if args.verify:
            expected = {k: 0 for k in created}
            for c in customers:
                for k in set(c.get("groups", [])):
                    expected[k] += 1
            by_key = {g["key"]: g for g in groups}
            for key, g in created.items():
                _, body = client.request("GET", f"/api/organization-groups/{g['uuid']}/")
                parent = by_key[key].get("parent")
                want_parent = created[parent]["uuid"] if parent is not None else None
                if body.get("parent_uuid") != want_parent:
                    mismatches.append(f"{key}: parent_uuid {body.get('parent_uuid')!r}, expected {want_parent!r}")
                if body.get("customers_count") != expected[key]:
                    mismatches.append(f"{key}: customers_count {body.get('customers_count')!r}, "
                                      f"expected {expected[key]}")
                if body.get("name") != by_key[key]["name"].strip():
                    mismatches.append(f"{key}: name {body.get('name')!r}, expected {by_key[key]['name']!r}")
            for c, uuid in zip(customers, customer_uuids):
                _, body = client.request("GET", f"/api/customers/{uuid}/")
                got = sorted(g.get("uuid") for g in body.get("organization_groups") or [])
                want = sorted({created[k]["uuid"] for k in c.get("groups", [])})
                if got != want or body.get("name") != c["name"].strip():
                    mismatches.append(f"customer {c['name']!r}: name {body.get('name')!r}, "
                                      f"groups {got}, expected {want}")
    except LoadError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1

    total = time.monotonic() - started
    print(f"Loaded {args.file} into {args.url}")
    print(f"  groups:      {len(groups):5d}  in {t_groups - started:6.2f} s (login included)")
    print(f"  customers:   {len(customers):5d}  with {n_members} memberships in {t_done - t_groups:6.2f} s")
    print(f"  requests:    {client.requests:5d}  in {total:6.2f} s ({client.requests / total:.0f} requests/s)")
    if args.verify:
        if mismatches:
            print(f"  verify:      FAILED, {len(mismatches)} mismatches:")
            for m in mismatches:
                print(f"    {m}")
            return 1
        print(f"  verify:      OK, {len(created)} groups and {len(customers)} customers read back as expected "
              "(names, parents, customers_count, memberships)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
