#!/usr/bin/env python3
"""Runs two or more commands in turn, RUNS rounds, and prints each one's median wall seconds.

Alternating (A B A B ...) rather than all of A then all of B keeps a change in machine load
from falling on one side only. Usage: alternate.py RUNS 'command one' 'command two' ...
Prints one line per command: "<median seconds> <command>". A command that fails is reported
and ends the run with exit 1; exit 3 (UNKNOWN) counts as a failure unless --unknown-ok comes
first (start-up benches time `--help`, which exits 3 by the plugin contract).
"""
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
    times = [[] for _ in commands]
    for _ in range(runs):
        for i, command in enumerate(commands):
            start = time.perf_counter()
            result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[i].append(time.perf_counter() - start)
            if result.returncode not in accepted:
                print(f"failed with exit {result.returncode}: {shlex.join(command)}", file=sys.stderr)
                return 1
    for command, samples in zip(args[1:], times):
        print(f"{statistics.median(samples):.6f} {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
