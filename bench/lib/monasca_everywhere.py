#!/usr/bin/env python3
"""Copies an inventory (SOURCE folder to TARGET folder) with every host and hypervisor marked
'monasca: true', so that confgen writes a nagios_wrapper.yaml, every command line expanded, for
each of them. Usage: monasca_everywhere.py SOURCE TARGET"""
import os
import sys

import yaml


def main(source, target):
    for folder, _, files in os.walk(source):
        for name in files:
            with open(os.path.join(folder, name)) as f:
                documents = list(yaml.safe_load_all(f))
            for document in documents:
                scopes = [document.get("global") or {}] + list((document.get("cells") or {}).values())
                for scope in scopes:
                    for host in scope.get("hosts", []) + scope.get("hypervisors", []):
                        host["monasca"] = True
            out = os.path.join(target, os.path.relpath(folder, source))
            os.makedirs(out, exist_ok=True)
            with open(os.path.join(out, name), "w") as f:
                yaml.safe_dump_all(documents, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
