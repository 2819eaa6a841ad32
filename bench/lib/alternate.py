#!/usr/bin/env python3
"""Runs two or more commands in turn, RUNS rounds, and prints each one's median wall seconds.

Alternating (A B A B ...) rather than all of A then all of B keeps a change in machine load
from falling on one side only. Usage: alternate.py RUNS 'command one' 'command two' ...
Prints one line per command: "<median seconds> <command>". A command that fails is reported
and ends the run with exit 1.
"""
import shlex
import statistics
import subprocess
import sys
import time


def main() -> int:
    runs = int(sys.argv[1])
    commands = [shlex.split(c) for c in sys.argv[2:]]
    times = [[] for _ in commands]
    for _ in range(runs):
        for i, command in enumerate(commands):
            start = time.perf_counter()
            result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[i].append(time.perf_counter() - start)
            if result.returncode not in (0, 1, 2):
                print(f"failed with exit {result.returncode}: {shlex.join(command)}", file=sys.stderr)
                return 1
    for command, samples in zip(sys.argv[2:], times):
        print(f"{statistics.median(samples):.6f} {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
