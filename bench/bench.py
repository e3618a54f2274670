"""Benchmark driver behind bench/run: starts one osbs-sandbox, runs the chosen suites (each tool
against the same sandbox), prints a table and writes bench/results/<date>.json."""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from types import SimpleNamespace

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH_DIR)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

from sandbox import Sandbox  # noqa: E402
from quiet import withhold_claims, worst_load  # noqa: E402
from suite_koji import KojiSuite  # noqa: E402

# A suite is a class with `peer` (the other tool's column name) and `run()` returning table rows;
# it is constructed with (tools, sandbox, work directory, log function).
SUITES = {"koji": KojiSuite}


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def machine():
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / (1 << 20):.0f} GiB"
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu": cpu, "memory": memory, "kernel": platform.release(),
            "python": platform.python_version()}


def output_of(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def fmt(value):
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def table(rows, peer):
    """Markdown table of a suite's rows: each has benchmark, unit, osbsctl, <peer>, ratio, goal, met
    (True, False or None for "no goal"), and optionally note and details."""
    headers = ["benchmark", "osbsctl", peer, "ratio", "goal", "met?"]
    met = {True: "yes", False: "NO", None: "-"}
    lines = [[r["benchmark"] + (f" ({r['unit']})" if r.get("unit") else ""), fmt(r["osbsctl"]), fmt(r[peer]),
              fmt(r["ratio"]) + "x", r["goal"], "not claimed" if r.get("notClaimed") else met[r["met"]]]
             for r in rows]
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(headers)]

    def row(cells):
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"

    out = [row(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [row(line) for line in lines]
    notes = [f"- {r['benchmark']}: {r['note']}" for r in rows if r.get("note")]
    notes += [f"- {r['benchmark']}: goal met but {r['notClaimed']}" for r in rows if r.get("notClaimed")]
    return "\n".join(out + ([""] + notes if notes else []))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("suite", nargs="?", default="all", choices=["all", *SUITES])
    parser.add_argument("--osbsctl", required=True)
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--koji", required=True)
    parser.add_argument("--results", default=os.path.join(BENCH_DIR, "results"))
    options = parser.parse_args()
    suites = list(SUITES) if options.suite == "all" else [options.suite]
    tools = SimpleNamespace(osbsctl=options.osbsctl, koji=options.koji)

    started = datetime.datetime.now(datetime.timezone.utc)
    report = {
        "date": started.isoformat(timespec="seconds"), "machine": machine(),
        "loadAverageAtStart": list(os.getloadavg()),
        "osbsctlVersion": " ".join(output_of([options.osbsctl, "version"]).split()),
        "suites": {},
    }
    with tempfile.TemporaryDirectory(prefix="osbsctl-bench-") as work:
        with Sandbox(options.sandbox, os.path.join(work, "state")) as sandbox:
            log(f"sandbox at {sandbox.base}; load average {os.getloadavg()[0]:.2f}")
            for name in suites:
                suite_dir = os.path.join(work, name)
                os.makedirs(suite_dir)
                begin = time.monotonic()
                rows = SUITES[name](tools, sandbox, suite_dir, log).run()
                report["suites"][name] = {"peer": SUITES[name].peer, "seconds": round(time.monotonic() - begin, 1),
                                          "results": rows}
    report["loadAverageAtEnd"] = list(os.getloadavg())
    for name in suites:
        withhold_claims(report["suites"][name]["results"], worst_load(report))

    for name in suites:
        load = f"load average {report['loadAverageAtStart'][0]:.1f} at start, {report['loadAverageAtEnd'][0]:.1f} at end"
        print(f"\n## {name} ({report['date']}, {report['machine']['cores']} cores, {load})\n")
        print(table(report["suites"][name]["results"], report["suites"][name]["peer"]))
    os.makedirs(options.results, exist_ok=True)
    path = os.path.join(options.results, started.strftime("%Y-%m-%dT%H%M%SZ") + ".json")
    with open(path, "w") as out:
        json.dump(report, out, indent=2, default=list)
        out.write("\n")
    print(f"\nwrote {os.path.relpath(path)}")


if __name__ == "__main__":
    main()
