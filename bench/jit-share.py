#!/usr/bin/env python3
"""How much of a JVM's CPU its JIT compiler threads took, scenario by scenario, while a load harness runs.

    bench/jit-share.py PATTERN [INTERVAL_S]

Waits for a java process whose command line contains PATTERN (e.g. the jar given to the peer kit's compare.sh), then
every INTERVAL_S (default 2) reads the CPU time (utime + stime, /proc/<pid>/task/*/stat) of its JIT compiler threads
("C1 CompilerThre", "C2 CompilerThre") and of the whole process, and the SCENARIO of the wrk process running then (the
kit's load scripts set it). When the process is gone it prints, for each run of one scenario, the seconds of CPU of
the compiler threads and of the process, and the compiler's share. Compiler threads that ended (the JVM starts and
stops them as the queue grows and shrinks) take their time with them, so the shares are lower bounds. Decision
record 26 measured the product's half of compare.sh so; it must run on the machine that runs the JVM.
"""
import os
import re
import sys
import time

TICKS = os.sysconf("SC_CLK_TCK")


def processes(command):
    """The pids of the running processes whose command name is `command`."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() == command:
                    yield pid
        except OSError:
            continue


def find(pattern):
    for pid in processes("java"):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if pattern in f.read().replace(b"\0", b" ").decode(errors="replace"):
                    return pid
        except OSError:
            continue
    return None


def cpu(stat_path):
    with open(stat_path) as f:
        fields = f.read().rsplit(") ", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def sample(pid):
    """(compiler threads' ticks, process ticks), or None when the process is gone."""
    try:
        jit = 0
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/comm") as f:
                    if re.match(r"C[12] CompilerThre", f.read()):
                        jit += cpu(f"/proc/{pid}/task/{tid}/stat")
            except OSError:
                pass
        return jit, cpu(f"/proc/{pid}/stat")
    except OSError:
        return None


def scenario():
    """The SCENARIO of a running wrk, or '-'."""
    for pid in processes("wrk"):
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                for item in f.read().split(b"\0"):
                    if item.startswith(b"SCENARIO="):
                        return item[9:].decode()
        except OSError:
            continue
    return "-"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    pattern, interval = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
    pid = None
    while pid is None:
        pid = find(pattern)
        time.sleep(0.5)
    runs = []  # [scenario, seconds, first sample, last sample]
    while (now := sample(pid)) is not None:
        name = scenario()
        if runs and runs[-1][0] == name:
            runs[-1][1] += interval
            runs[-1][3] = now
        else:
            start = runs[-1][3] if runs else now
            runs.append([name, interval, start, now])
        time.sleep(interval)
    print(f"{'scenario':26s} {'s':>5s} {'JIT CPU s':>10s} {'JVM CPU s':>10s} {'JIT share':>9s}")
    for name, seconds, first, last in runs:
        jit, whole = (last[0] - first[0]) / TICKS, (last[1] - first[1]) / TICKS
        print(f"{name:26s} {seconds:5.0f} {jit:10.1f} {whole:10.1f} {jit / whole if whole else 0:9.2f}")


if __name__ == "__main__":
    main()
