#!/usr/bin/env python3
"""Rebuilds fuzz/corpus/ from the repository's captures and fixtures (deterministic; rerun after adding
fixtures). Files are named by content hash, so duplicates collapse. Run from the repository root."""
import hashlib
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "fuzz" / "corpus"
WIRE = ROOT / "Tests" / "OSBSKitTests" / "Fixtures" / "koji-wire"
CONFIG = ROOT / "Tests" / "OSBSKitTests" / "Fixtures" / "config"
SEEDS = ROOT / "fuzz" / "seeds"  # hand-made or sandbox-captured seeds, one folder per target
MAX_SEED = 64 * 1024  # bigger inputs slow every mutation; the decoder is linear, 64 KiB shows that


def put(target, data):
    if len(data) > MAX_SEED:
        return
    directory = CORPUS / target
    directory.mkdir(parents=True, exist_ok=True)
    (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)


def wire_bodies(path):
    """(request body, response body) of one capture: '>>>' head, body, '<<<' head, body."""
    lines = path.read_text().split("\n")
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    if not lines or not lines[0].startswith(">>> "):
        return None
    i = 0
    while i < len(lines) and lines[i].startswith(">>> "):
        i += 1
    i += 1
    start = next((j for j in range(i, len(lines)) if lines[j].startswith("<<< HTTP/")), None)
    if start is None:
        return None
    request = "\n".join(lines[i:start])
    j = start
    while j < len(lines) and lines[j].startswith("<<< "):
        j += 1
    response = "\n".join(lines[j + 1:])
    return request.encode(), response.encode()


for capture in sorted(WIRE.glob("*.txt")):
    bodies = wire_bodies(capture)
    if bodies is None:
        continue
    request, response = bodies
    if b"<methodCall>" in request:
        put("xmlrpc-call", request.strip() + b"\n")
    if b"<methodResponse>" in response:
        put("xmlrpc-response", response)
    for text in (request, response):
        # dist-git URLs that appear in real buildContainer calls
        for token in text.split(b"<string>")[1:]:
            value = token.split(b"</string>")[0]
            if value.startswith(b"git+") or b".git" in value:
                put("distgit-remote", value[4:] if value.startswith(b"git+") else value)

for path in sorted(CONFIG.iterdir()):
    data = path.read_bytes()
    if path.suffix == ".conf" or path.name.endswith("koji-config"):
        put("koji-ini", data)
    elif path.name.startswith("kubeconfig"):
        put("kubeconfig", data)
    elif path.name.startswith("osbsctl"):
        put("osbsctl-config", data)

for path in sorted((ROOT / "Tests" / "OSBSKitTests" / "Fixtures" / "docker").glob("*.json")):
    put("docker-json", path.read_bytes())

for path in sorted(SEEDS.glob("*/*")):
    put(path.parent.name, path.read_bytes())

for url in [
    "https://src.fedoraproject.org/container/osbs-test.git",
    "ssh://pkgs.fedoraproject.org/container/osbs-test",
    "git@pkgs.example.com:container/osbs-test.git",
    "git://pkgs.example.com/docker/x?branch=f40#abc",
    "file:///srv/git/container/osbs-test.git",
    "/srv/git/rpms/bash",
    "osbs-test",
]:
    put("distgit-remote", url.encode() + b"\n")

total = sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file())
for directory in sorted(CORPUS.iterdir()):
    print(f"{directory.name}: {len(list(directory.iterdir()))} files")
print(f"total {total} bytes", file=sys.stderr)
