#!/usr/bin/env python3
"""Two or more builds or settings of the service under one write or read scenario, side by side, in turns.

    PEER=<peer kit> bench/ab.py OUT_DIR SCENARIO ROUNDS DURATION JAR[@K=V,K=V] JAR[@K=V,...] ...

Each variant (a jar, with environment variables of its own after "@", e.g. app.jar@ORGGROUPS_DB_POOL_SIZE=8) gets a
fresh PostgreSQL database and its own JVM (-Xmx256m). All are started, seeded through the API with the peer kit's
load/seed.py (SEED groups, default 3000) and warmed up (WARM of the kit's mixed scenario, default 30s, then 10 s of
SCENARIO). Then ROUNDS rounds: in each, every variant runs SCENARIO (the kit's load/scenario.lua: create,
create_child, rename, retrieve, ...) for DURATION with wrk -t2 -c16, one after the other, the round's first variant
moving one further each round, so that a drift of the machine's speed falls on all alike. After each run it waits
until every projection has caught up (benchctl.py settle) (so the streaming projections' work for the run is counted) and prints:

    requests/s and p99 ms (wrk), CPU ms per request of the variant's JVM and of the PostgreSQL backends connected
    to its database (utime + stime from /proc, so the server must run on this machine), committed transactions per
    request (pg_stat_database)

and at the end the median of the rounds and each JVM's resident set. Needs wrk, psql as user postgres on
127.0.0.1:5432 and the peer kit (bench/README.md, "Side by side with the CRUD peer"). Decision record 17 was
measured with it.
"""
import os
import re
import statistics
import subprocess
import sys

PSQL = ["psql", "-X", "-h", "127.0.0.1", "-U", "postgres", "-Atc"]
LISTS = "page=5&page_size=50&o=name;page=5&page_size=50&o=name&name=blue"
PASSWORD = "ab-admin-password"
BENCHCTL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "benchctl.py")


def psql(sql, db="postgres"):
    return subprocess.run(PSQL + [sql, "-d", db], capture_output=True, text=True, check=True).stdout.strip()


def benchctl(*args, **env):
    """bench/benchctl.py's command (wait, login, settle); its output, or the end of the run when it fails."""
    result = subprocess.run(["python3", BENCHCTL, *args], env=dict(os.environ, **env), capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"benchctl {args[0]}: {result.stderr.strip()}")
    return result.stdout.strip()


def jiffies(pid):
    """utime + stime of a process, in clock ticks (1/100 s here); 0 when it has gone."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError):
        return 0


class Variant:
    def __init__(self, index, spec, out, load_dir):
        jar, _, settings = spec.partition("@")
        self.extra = dict(kv.split("=", 1) for kv in settings.split(",")) if settings else {}
        self.name = f"{index}:{os.path.basename(jar)}{'@' + settings if settings else ''}"
        self.db, self.port, self.load_dir = f"ab_variant_{index}", 18200 + index, load_dir
        self.base = f"http://127.0.0.1:{self.port}"
        self.groups = os.path.join(out, f"groups-{index}.tsv")
        psql(f"drop database if exists {self.db} with (force)")
        psql(f"create database {self.db}")
        env = dict(os.environ, SPRING_DATASOURCE_URL=f"jdbc:postgresql://127.0.0.1:5432/{self.db}",
                   SPRING_DATASOURCE_USERNAME="postgres", SPRING_DATASOURCE_PASSWORD="",
                   ORGGROUPS_ADMIN_USERNAME="admin", ORGGROUPS_ADMIN_PASSWORD=PASSWORD, **self.extra)
        self.process = subprocess.Popen(["java", "-Xmx256m", "-jar", jar, f"--server.port={self.port}"], env=env,
                                        stdout=open(os.path.join(out, f"service-{index}.log"), "w"),
                                        stderr=subprocess.STDOUT)
        self.token = None
        self.rounds = []

    def start(self):
        benchctl("wait", "--url", self.base, "--pid", str(self.process.pid))
        self.token = benchctl("login", "--url", self.base, "--username", "admin", BENCH_PASSWORD=PASSWORD)

    def env(self, **more):
        return dict(os.environ, AUTH_TOKEN=self.token, BASE_URL=self.base, LOAD_DIR=self.load_dir,
                    GROUPS_FILE=self.groups, LIST_QUERIES=LISTS, **more)

    def seed(self, count):
        subprocess.run(["python3", os.path.join(self.load_dir, "seed.py"), self.base, self.groups, "--count", count],
                       env=self.env(), capture_output=True, check=True)

    def wrk(self, scenario, duration):
        result = subprocess.run(["wrk", "-t2", "-c16", f"-d{duration}", "--timeout", "10s", "-s",
                                 os.path.join(self.load_dir, "scenario.lua"), self.base + "/"],
                                env=self.env(SCENARIO=scenario, REQUEST=scenario), capture_output=True, text=True)
        line = re.search(r"RESULT .*", result.stdout)
        if not line:
            sys.exit(f"{self.name}: wrk gave no result:\n{result.stdout}{result.stderr}")
        return line.group(0)

    def cpu(self):
        """(JVM ticks, ticks of this database's backends, committed transactions of this database)."""
        backends = psql(f"select pid from pg_stat_activity where datname = '{self.db}'").split()
        commits = int(psql(f"select xact_commit from pg_stat_database where datname = '{self.db}'"))
        return jiffies(self.process.pid), sum(jiffies(pid) for pid in backends), commits

    def measure(self, scenario, duration):
        before = self.cpu()
        line = self.wrk(scenario, duration)
        benchctl("settle", "--url", self.base, BENCH_TOKEN=self.token)
        after = self.cpu()
        requests = int(re.search(r"requests=(\d+)", line).group(1))
        row = {"rps": float(re.search(r"rps=([\d.]+)", line).group(1)),
               "p99": float(re.search(r"p99_ms=([\d.]+)", line).group(1)),
               "jvm_ms": (after[0] - before[0]) * 1000 / os.sysconf("SC_CLK_TCK") / requests,
               "pg_ms": (after[1] - before[1]) * 1000 / os.sysconf("SC_CLK_TCK") / requests,
               "xact": (after[2] - before[2]) / requests}
        self.rounds.append(row)
        return row


def main():
    if len(sys.argv) < 7 or not os.environ.get("PEER"):
        sys.exit(__doc__)
    out, scenario, rounds, duration, specs = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5:]
    os.makedirs(out, exist_ok=True)
    variants = [Variant(i, spec, out, os.path.join(os.environ["PEER"], "load")) for i, spec in enumerate(specs)]
    try:
        for variant in variants:
            variant.start()
            variant.seed(os.environ.get("SEED", "3000"))
            variant.wrk("mixed", os.environ.get("WARM", "30s"))
            variant.wrk(scenario, "10s")
        for r in range(rounds):
            for variant in variants[r % len(variants):] + variants[:r % len(variants)]:
                row = variant.measure(scenario, duration)
                print(r, variant.name, " ".join(f"{k}={v:.2f}" for k, v in row.items()), flush=True)
        for variant in variants:
            medians = {k: statistics.median(row[k] for row in variant.rounds) for k in variant.rounds[0]}
            rss = int(subprocess.run(["ps", "-o", "rss=", "-p", str(variant.process.pid)], capture_output=True,
                                     text=True).stdout.strip() or 0) // 1024
            print("median", variant.name, " ".join(f"{k}={v:.2f}" for k, v in medians.items()), f"rss={rss}MiB")
    finally:
        for variant in variants:
            variant.process.terminate()
            variant.process.wait()
            psql(f"drop database if exists {variant.db} with (force)")


if __name__ == "__main__":
    main()
