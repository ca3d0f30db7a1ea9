#!/usr/bin/env python3
"""Who used the CPU during a timed window: run.sh snapshots before and after each wrk run and keeps the difference.

    cpu.py snapshot FILE                      every process's CPU ticks (user + system) and the machine's busy/idle
    cpu.py diff BEFORE AFTER NAME=PID ...     CPU seconds per named process tree, then postgres, wrk, kernel
                                              threads, the rest,
                                              and the machine's busy and idle seconds, on one tab-separated line
    cpu.py table FILE                         run.sh's lines "round, implementation, scenario, diff" as a table: per
                                              round, implementation and scenario (the lines of its slices added
                                              up), the seconds of the one under test, of the other
                                              implementations, of PostgreSQL, wrk and the rest, and the machine busy

A process tree is the process and all its descendants (uvicorn's workers are children of the command run.sh starts).
wrk itself has ended when the second snapshot is taken: its time is the machine's busy time that no process counted
holds (interrupts and any other process that ended inside the window are in it too).
"""
import json
import os
import sys

TICK = os.sysconf("SC_CLK_TCK")


def snapshot(path):
    processes = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # ended while being read
        # the command name is in parentheses and may hold spaces; the fields after it are fixed
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        processes[entry] = {"ppid": fields[1], "ticks": int(fields[11]) + int(fields[12]), "name": name}
    with open("/proc/stat") as f:
        cpu = [int(v) for v in f.readline().split()[1:]]
    idle = cpu[3] + cpu[4]
    with open(path, "w") as f:
        json.dump({"processes": processes, "busy": sum(cpu[:8]) - idle, "idle": idle}, f)


def diff(before_path, after_path, roots):
    with open(before_path) as f:
        before = json.load(f)
    with open(after_path) as f:
        after = json.load(f)
    processes = after["processes"]
    children = {}
    for pid, p in processes.items():
        children.setdefault(p["ppid"], []).append(pid)

    def used(pid):
        old = before["processes"].get(pid)
        new = processes[pid]["ticks"]
        # a pid that was reused by a new process inside the window counts from zero
        return new - old["ticks"] if old and old["name"] == processes[pid]["name"] else new

    counted = set()
    line = []
    for name, root in roots:
        stack, ticks = [root], 0
        while stack:
            pid = stack.pop()
            if pid in processes and pid not in counted:
                counted.add(pid)
                ticks += used(pid)
                stack.extend(children.get(pid, []))
        line.append((name, ticks))
    pids = [pid for pid, p in processes.items() if p["name"] == "postgres" and pid not in counted]
    counted.update(pids)
    line.append(("postgres", sum(used(pid) for pid in pids)))
    # kernel threads (children of kthreadd, pid 2): ksoftirqd carries much of loopback's network work under load
    pids = [pid for pid, p in processes.items() if (p["ppid"] == "2" or pid == "2") and pid not in counted]
    counted.update(pids)
    line.append(("kernel-threads", sum(used(pid) for pid in pids)))
    line.append(("rest", sum(used(pid) for pid in processes if pid not in counted)))
    busy = after["busy"] - before["busy"]
    idle = after["idle"] - before["idle"]
    # wrk has ended by the second snapshot, so its time is what the machine spent outside every process counted
    # (with interrupt time and any other process that ended inside the window)
    line.insert(len(roots) + 1, ("wrk", max(0, busy - sum(ticks for _, ticks in line))))
    line.append(("machine-busy", busy))
    line.append(("machine-idle", idle))
    print("\t".join(f"{name}={ticks / TICK:.2f}" for name, ticks in line))


def table(path):
    print("round scen implementation            under-test  other-impls  postgres    wrk  kthreads   rest  machine-busy")
    windows = {}  # (round, scenario, implementation) -> seconds per name, the slices added up, in the order they ran
    with open(path) as f:
        for row in f:
            round_, impl, scenario, *pairs = row.rstrip("\n").split("\t")
            seconds = windows.setdefault((round_, scenario, impl), {})
            for k, v in (p.split("=", 1) for p in pairs):
                seconds[k] = seconds.get(k, 0.0) + float(v)
    for (round_, scenario, impl), seconds in sorted(windows.items(), key=lambda w: (int(w[0][0]), w[0][1])):
        others = sum(v for k, v in seconds.items() if k not in (impl, "postgres", "wrk", "kernel-threads", "rest",
                                                                  "machine-busy", "machine-idle"))
        whole = seconds["machine-busy"] + seconds["machine-idle"]
        print(f"{round_:>5} {scenario:<4} {impl:<24} {seconds[impl]:>9.2f}s {others:>11.2f}s {seconds['postgres']:>8.2f}s"
              f" {seconds['wrk']:>5.2f}s {seconds['kernel-threads']:>8.2f}s {seconds['rest']:>5.2f}s {100 * seconds['machine-busy'] / whole:>12.1f}%")


if __name__ == "__main__":
    if sys.argv[1] == "snapshot":
        snapshot(sys.argv[2])
    elif sys.argv[1] == "diff":
        diff(sys.argv[2], sys.argv[3], [arg.split("=", 1) for arg in sys.argv[4:]])
    elif sys.argv[1] == "table":
        table(sys.argv[2])
    else:
        sys.exit("usage: cpu.py snapshot FILE | cpu.py diff BEFORE AFTER NAME=PID ... | cpu.py table FILE")
