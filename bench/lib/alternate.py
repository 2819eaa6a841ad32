#!/usr/bin/env python3
"""Runs two or more commands in turn, RUNS rounds, and prints each one's median wall seconds and
median CPU seconds (user + system, from wait4): under load the CPU time is the steadier figure.

Alternating (A B A B ...) rather than all of A then all of B keeps a change in machine load
from falling on one side only. Usage: alternate.py RUNS 'command one' 'command two' ...
Prints one line per command: "<median wall seconds> <median CPU seconds> <command>"; with SHOW_ROUNDS=1 in
the environment also each round's wall seconds to stderr as it ends (a long run stopped early still shows
what it measured). A command that fails is reported
and ends the run with exit 1; exit 3 (UNKNOWN) counts as a failure unless --unknown-ok comes
first (start-up benches time `--help`, which exits 3 by the plugin contract).
"""
import os
import shlex
import statistics
import subprocess
import sys
import time


def main() -> int:
    args = sys.argv[1:]
    accepted = (0, 1, 2)
    if args[0] == "--unknown-ok":
        accepted, args = (0, 1, 2, 3), args[1:]
    runs = int(args[0])
    commands = [shlex.split(c) for c in args[1:]]
    walls = [[] for _ in commands]
    cpus = [[] for _ in commands]
    for _ in range(runs):
        for i, command in enumerate(commands):
            start = time.perf_counter()
            child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            walls[i].append(time.perf_counter() - start)
            cpus[i].append(usage.ru_utime + usage.ru_stime)
            child.returncode = os.waitstatus_to_exitcode(status)
            if child.returncode not in accepted:
                print(f"failed with exit {child.returncode}: {shlex.join(command)}", file=sys.stderr)
                return 1
        if os.environ.get("SHOW_ROUNDS") == "1":
            print("round " + " ".join(f"{wall[-1]:.3f}" for wall in walls) + " s", file=sys.stderr, flush=True)
    for command, wall, cpu in zip(args[1:], walls, cpus):
        print(f"{statistics.median(wall):.6f} {statistics.median(cpu):.6f} {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
