#!/usr/bin/env python3
"""Where one JVM's CPU goes, thread by thread, under one scenario, window after window.

    PEER=<peer kit> bench/threads.py OUT_DIR SCENARIO WINDOWS DURATION JAR[@K=V,K=V]

Starts the jar (-Xmx256m) on a fresh PostgreSQL database as bench/ab.py does (seeded with SEED groups, default
3000, warmed up with WARM of the kit's mixed scenario, default 30s, then 10 s of SCENARIO), then runs SCENARIO with
wrk -t2 -c16 for WINDOWS windows of DURATION. After each window it prints wrk's result line and, for each kind of
thread (the kernel's first 15 characters of the name, digits folded: "http-nio-#-" for the request threads,
"C# CompilerThre" for the JIT's), how many there are, their
CPU ms per request (utime + stime from /proc/<pid>/task) and their context switches per request (voluntary and not).

The compiler threads' share shows whether the JIT has finished with the request path (decision record 20: with too
many requests at once it had not, minutes after start). Needs what bench/ab.py needs.
"""
import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ab  # noqa: E402  (bench/ab.py: the variant's start, seeding and wrk runs)

TOP = 8


def per_kind(pid):
    """{kind of thread: (clock ticks of CPU, context switches, threads)} of a process now."""
    kinds = collections.defaultdict(lambda: [0, 0, 0])
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            stat = open(f"/proc/{pid}/task/{tid}/stat").read()
            status = open(f"/proc/{pid}/task/{tid}/status").read()
        except OSError:
            continue  # the thread ended meanwhile
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat.rsplit(")", 1)[1].split()
        switches = sum(int(n) for n in re.findall(r"ctxt_switches:\s+(\d+)", status))
        kind = kinds[re.sub(r"\d+", "#", name)]
        kind[0] += int(fields[11]) + int(fields[12])
        kind[1] += switches
        kind[2] += 1
    return kinds


def main():
    if len(sys.argv) != 6 or not os.environ.get("PEER"):
        sys.exit(__doc__)
    out, scenario, windows, duration, spec = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
    os.makedirs(out, exist_ok=True)
    variant = ab.Variant(0, spec, out, os.path.join(os.environ["PEER"], "load"))
    tick_ms = 1000 / os.sysconf("SC_CLK_TCK")
    try:
        variant.start()
        variant.seed(os.environ.get("SEED", "3000"))
        variant.wrk("mixed", os.environ.get("WARM", "30s"))
        variant.wrk(scenario, "10s")
        for window in range(windows):
            before = per_kind(variant.process.pid)
            line = variant.wrk(scenario, duration)
            after = per_kind(variant.process.pid)
            requests = int(re.search(r"requests=(\d+)", line).group(1))
            print(f"window {window + 1}: {line}", flush=True)
            used = {k: (after[k][0] - before.get(k, [0, 0, 0])[0], after[k][1] - before.get(k, [0, 0, 0])[1])
                    for k in after}
            for kind, (ticks, switches) in sorted(used.items(), key=lambda item: -item[1][0])[:TOP]:
                print(f"  {kind:24s} threads={after[kind][2]:3d} cpu_ms/request={ticks * tick_ms / requests:.3f}"
                      f" switches/request={switches / requests:.2f}", flush=True)
    finally:
        variant.process.terminate()
        variant.process.wait()
        ab.psql(f"drop database if exists {variant.db} with (force)")


if __name__ == "__main__":
    main()
