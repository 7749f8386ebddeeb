#!/usr/bin/env bash
# The README's example session, as a script: README.md shows this file from the line after the marker below, and
# a test (ReadmeExampleSessionTest) fails when the two differ, so the commands a reader follows are the ones CI
# runs. Run from anywhere, after the jar is built (the README's first command); PORT chooses the port (default
# 8080). Stops at the first request that does not answer what is expected, with a non-zero status.
set -euo pipefail
cd "$(dirname "$0")/.."
# ---- README.md shows the script from here on ----
# The service, on an embedded database of its own, made afresh on every run (data/example.mv.db), whose staff
# user gets the password chosen here; its log goes to data/example.log. Stop any other service on the port first.
PORT=${PORT:-8080}
BASE=http://localhost:$PORT
PASSWORD=secret123
if curl -s -o /dev/null "$BASE/"; then echo "port $PORT is taken: stop its service (Ctrl-C) or set PORT" >&2; exit 1; fi
mkdir -p data && rm -f data/example.mv.db data/example.trace.db
ORGGROUPS_ADMIN_PASSWORD=$PASSWORD PORT=$PORT \
SPRING_DATASOURCE_URL='jdbc:h2:file:./data/example;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=10000' \
  java -jar app/target/app-0.1.0-SNAPSHOT.jar > data/example.log 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true' EXIT   # the service stops when the session ends, however it ends

# wait until the service is up (at most two minutes), before asking for a token
for _ in $(seq 120); do curl -sf "$BASE/actuator/health/readiness" -o /dev/null && break; sleep 1; done
curl -sf "$BASE/actuator/health/readiness" | grep -q '"UP"' || { tail -n 20 data/example.log; echo "not started" >&2; exit 1; }

# three small tools: check that an answer says what is expected (and show it), read a list's first uuid, an url
expect() { case $2 in *"$1"*) echo "$2" ;; *) echo "expected $1, got: $2" >&2; exit 1 ;; esac; }
first_uuid() { python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["uuid"])'; }
url_of() { python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])'; }

# a token; a wrong password stops here with the server's answer, and no token
TOKEN=$(curl -s "$BASE/api-auth/password/" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" | python3 -c \
  'import json,sys; d=json.load(sys.stdin); print(d["token"]) if "token" in d else sys.exit("login failed: %s" % d)')
AUTH="Authorization: Token $TOKEN"

# the sample consortium (42 groups, 201 customers, 5 offerings with 12 plans), loaded through the API; then
# --verify reads it back and compares it with the file, loading nothing
python3 scripts/load-dataset.py --url "$BASE" --password "$PASSWORD"
python3 scripts/load-dataset.py --url "$BASE" --password "$PASSWORD" --verify

# who may order what, and why. First a few uuids of the sample data, looked up by name
GEOLOGY=$(curl -sSf -G "$BASE/api/customers/" --data-urlencode 'name_exact=Arctic Geology Lab' | first_uuid)
MARITIME=$(curl -sSf -G "$BASE/api/customers/" --data-urlencode 'name_exact=Maritime Safety Unit' | first_uuid)
HPC=$(curl -sSf -G "$BASE/api/marketplace-public-offerings/" --data-urlencode 'name_exact=Polaris HPC Cluster' | first_uuid)
GPU=$(curl -sSf "$BASE/api/marketplace-public-offerings/$HPC/plans/" -H "$AUTH" | python3 -c \
  'import json,sys; print(next(p["uuid"] for p in json.load(sys.stdin) if p["name"].startswith("GPU")))')

# the cluster is restricted to Universities and Universities of Applied Sciences, its GPU plan to Universities,
# both with their descendant groups. Arctic Geology Lab, a member of a faculty of the University of Nordhavn, may
# order the GPU plan: granted by Universities, via its faculty
expect '"reason":"granted"' "$(curl -s -H "$AUTH" \
  "$BASE/api/marketplace-provider-offerings/$HPC/order_check/?customer_uuid=$GEOLOGY&plan_uuid=$GPU")"
# {"allowed":true,"reason":"granted","detail":null,"customer_uuid":"...",
#  "offering":{"uuid":"...","allowed":true,"restricted":true,"granted_by":[{"uuid":"...","url":"...",
#    "name":"Universities","via_uuid":"..."}]},"plan":{"uuid":"...","allowed":true,"restricted":true,"granted_by":[...]}}

# Maritime Safety Unit, of a university of applied sciences, may order the cluster but not its GPU plan
expect '"reason":"not_in_plan_groups"' "$(curl -s -H "$AUTH" \
  "$BASE/api/marketplace-provider-offerings/$HPC/order_check/?customer_uuid=$MARITIME&plan_uuid=$GPU")"
# {"allowed":false,"reason":"not_in_plan_groups","detail":"This plan is not available for ordering.",...,
#  "offering":{...,"allowed":true,...,"granted_by":[{...,"name":"Universities of Applied Sciences",...}]},
#  "plan":{"uuid":"...","allowed":false,"restricted":true,"granted_by":[]}}

# what Maritime Safety Unit may order: the offerings and, in each, the plans it may order
expect "Polaris HPC Cluster ['CPU allocation, 100,000 core hours', 'Course accounts for teaching']" "$(curl -sSf \
  "$BASE/api/marketplace-public-offerings/?allowed_customer_uuid=$MARITIME" -H "$AUTH" | python3 -c \
  'import json,sys; [print(o["name"], [p["name"] for p in o["plans"]]) for o in json.load(sys.stdin)]')"
# Cumulus Research Cloud ['Small project, 8 vCPU and 32 GB RAM', 'Standard project, 32 vCPU and 128 GB RAM']
# Polaris HPC Cluster ['CPU allocation, 100,000 core hours', 'Course accounts for teaching']

# who may order Cryo-EM Microscope Time, restricted to three groups without their descendants (Waldur's rule):
# their direct members, 28 customers; the first three, with the groups that admit them
CRYO=$(curl -sSf -G "$BASE/api/marketplace-public-offerings/" --data-urlencode 'name_exact=Cryo-EM Microscope Time' | first_uuid)
expect "2D Materials Lab ['Hallström Institute for Advanced Materials']" "$(curl -sSf -H "$AUTH" \
  "$BASE/api/marketplace-provider-offerings/$CRYO/allowed_customers/?page_size=3" | python3 -c \
  'import json,sys; [print(c["name"], [g["name"] for g in c["granted_by"]]) for c in json.load(sys.stdin)]')"
# 2D Materials Lab ['Hallström Institute for Advanced Materials']
# Arbeitsgruppe Mikrobielle Ökologie ['Fakultät für Chemie und Biowissenschaften']
# Baltic Sea Microbiome Atlas ['Department of Biology', 'Fakultät für Chemie und Biowissenschaften']

# a small tree of our own
ROOT=$(curl -sSf "$BASE/api/organization-groups/" -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"name":"Nordic"}' | url_of)
CHILD=$(curl -sSf "$BASE/api/organization-groups/" -H "$AUTH" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Finland\",\"parent\":\"$ROOT\"}" | url_of)

# list, filter, order, page: the headers carry the count, the page links and the request's correlation id
expect 'X-Result-Count: ' "$(curl -si "$BASE/api/organization-groups/?name=uni&o=-customers_count&page_size=5")"

# move the root under its own child: refused, no cycle is ever stored
expect '{"parent":["Organization group cannot be moved under its own descendant."]}' "$(curl -s -X PATCH "$ROOT" \
  -H "$AUTH" -H 'Content-Type: application/json' -d "{\"parent\":\"$CHILD\"}")"

# a customer put in both groups, then in none: its history has one version per request (as Waldur's), newest first
LAB=$(curl -sSf "$BASE/api/customers/" -H "$AUTH" -H 'Content-Type: application/json' -d '{"name":"Nordic Lab"}' | url_of)
curl -sSf "${LAB}update_organization_groups/" -H "$AUTH" -H 'Content-Type: application/json' \
  -d "{\"organization_groups\":[\"$ROOT\",\"$CHILD\"]}"
curl -sSf "${LAB}update_organization_groups/" -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"organization_groups":[]}'
expect '3 versions' "$(curl -sSf "${LAB}history/" -H "$AUTH" | python3 -c \
  'import json,sys; h=json.load(sys.stdin); print(len(h), "versions"); [print(v["revision_comment"]) for v in h]')"
# 3 versions
# Left "Finland"; Left "Nordic"        (a request's changes in the order recorded, here the groups' uuid order:
# Joined "Finland"; Joined "Nordic"      the uuids are random, so the two names may come the other way round)
# Created "Nordic Lab"

# delete a subtree (each group gets its own recorded deletion; customers only lose memberships)
expect 204 "$(curl -s -X DELETE "$ROOT" -H "$AUTH" -o /dev/null -w '%{http_code}')"
echo "example session: done"
