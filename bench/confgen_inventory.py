#!/usr/bin/env python3
"""Writes a generated inventory for confgen's scale benchmark: one environment, a global control
plane, CELLS cells of HYPERVISORS hypervisors each (one file per cell, as a generator would)."""
import os
import sys


def main(directory, cells, hypervisors):
    env = os.path.join(directory, "bench")
    os.makedirs(env, exist_ok=True)
    with open(os.path.join(env, "environment.yaml"), "w") as out:
        out.write("environment: bench\nservers:\n  - {name: nagios-global.bench.example.net, class: global}\n")
        for c in range(1, cells + 1):
            out.write(f"  - {{name: nagios-cell{c}.bench.example.net, class: cell, cells: [cell{c}]}}\n")
        out.write("contacts:\n  - {name: ops, email: ops@example.net}\n")
        out.write("global:\n  hosts:\n")
        for i in range(1, 4):
            out.write(f"    - {{name: ctl{i}.bench.example.net, address: 10.0.0.{i}, roles: [keystone, nova-api, glance-api]}}\n")
        out.write("    - {name: db.bench.example.net, address: 10.0.0.10, roles: [database]}\n")
        out.write("    - {name: rabbit.bench.example.net, address: 10.0.0.20, roles: [rabbitmq]}\n")
        out.write("  rabbitmq:\n    - {host: rabbit.bench.example.net, credentials_file: /etc/nagios4/private/rabbit.ini}\n")
        out.write("  databases:\n")
        for name in ("keystone", "nova_api", "neutron", "glance"):
            out.write(f"    - {{name: {name}, host: db.bench.example.net, defaults_file: /etc/nagios4/private/{name}.cnf}}\n")
        out.write("  keystone:\n    - {host: ctl1.bench.example.net, cloud: bench}\n")
    for c in range(1, cells + 1):
        with open(os.path.join(env, f"cell{c}.yaml"), "w") as out:
            out.write(f"environment: bench\ncells:\n  cell{c}:\n    hosts:\n")
            out.write(f"      - {{name: cond.cell{c}.bench.example.net, address: 10.{c // 250}.{c % 250}.1, roles: [nova-conductor]}}\n")
            out.write(f"      - {{name: db.cell{c}.bench.example.net, address: 10.{c // 250}.{c % 250}.2, roles: [database]}}\n")
            out.write(f"      - {{name: rabbit.cell{c}.bench.example.net, address: 10.{c // 250}.{c % 250}.3, roles: [rabbitmq]}}\n")
            out.write(f"    rabbitmq:\n      - {{host: rabbit.cell{c}.bench.example.net, credentials_file: /etc/nagios4/private/rabbit-cell{c}.ini}}\n")
            out.write(f"    databases:\n      - {{name: nova, host: db.cell{c}.bench.example.net, defaults_file: /etc/nagios4/private/nova-cell{c}.cnf}}\n")
            out.write("    hypervisors:\n")
            for h in range(1, hypervisors + 1):
                out.write(f"      - {{name: cmp{h}.cell{c}.bench.example.net, address: 172.{16 + c // 250}.{c % 250}.{h % 250}}}\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
