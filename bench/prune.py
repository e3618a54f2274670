"""The prune suite behind `bench/run prune`: osbsctl's prune commands, timed on one osbs-sandbox.

Each sub-benchmark is a function in SUB_BENCHMARKS taking a Context and returning table rows
({benchmark, unit, osbsctl, <peer>, ratio, goal, met, note, details}, as in bench.py); all rows go into
one results file, bench/results/<date>-prune.json. Add a sub-benchmark by adding a function to the table.

    python3 bench/prune.py --osbsctl BIN --sandbox BIN [--only builds,...] [--builds N] [--latency-ms N]

builds: `osbsctl prune builds --confirm` deleting N (10,000) builds with N ms (2) of latency injected on
every API request (a sandbox fault rule), at the default parallelism against `--parallel 1`. The sandbox
is seeded with the same history before each run (`POST /_sandbox/openshift/build-history`, finished
builds only, `--keep-complete 0 --keep-failed 0 --keep-younger-than 0 --orphans`: every build goes);
each run must report N deletions and leave no build behind. Goal: >= 6x faster, peak RSS < 100 MB.
"""

import argparse
import datetime
import json
import os
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH_DIR)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import measure  # noqa: E402
from bench import log, machine, output_of, table  # noqa: E402
from quiet import withhold_claims, worst_load  # noqa: E402
from sandbox import Sandbox  # noqa: E402

PEER = "baseline"


@dataclass
class Context:
    osbsctl: str
    sandbox: Sandbox
    work: str
    options: argparse.Namespace


def api_get(sandbox, path):
    with urllib.request.urlopen(sandbox.base + path, timeout=120) as response:
        return json.loads(response.read())


def bench_builds(ctx):
    """prune builds: default parallelism vs --parallel 1, N builds, injected latency on every request."""
    count, latency = ctx.options.builds, ctx.options.latency_ms
    sandbox = ctx.sandbox
    env = dict(os.environ, OSBSCTL_CONFIG=sandbox.ready["osbsctlConfig"], NO_COLOR="1")
    command = [ctx.osbsctl, "prune", "builds", "-A", "--orphans", "--keep-complete", "0", "--keep-failed", "0",
               "--keep-younger-than", "0", "--confirm", "-o", "json"]
    spec = {"seed": 2026, "builds": count, "finishedOnly": True}
    # Clear what the sandbox starts with, so a run deletes exactly the seeded builds; unfinished ones stay.
    measure.run(command, env=env, timeout=600)
    resident = len(api_get(sandbox, "/apis/build.openshift.io/v1/builds")["items"])
    samples = {"parallel 1": [], "default": []}
    # Pairs interleaved (--parallel 1, default, --parallel 1, default, …): drifting load falls on both.
    for label, extra in [("parallel 1", ["--parallel", "1"]), ("default", [])] * ctx.options.pairs:
        seeded = sandbox._request("POST", "/_sandbox/openshift/build-history", spec)
        assert seeded["builds"] == count, seeded
        fault = sandbox._request("POST", "/_sandbox/faults", {
            "match": {"path": "/apis/*"}, "action": {"type": "delay", "ms": latency}})
        out = os.path.join(ctx.work, f"prune-{label.replace(' ', '-')}.json")
        err = out + ".stderr"
        cpu_before = sandbox.cpu_seconds()
        log(f"prune builds ({label}): {count} builds, {latency} ms latency")
        result = measure.run(command + extra, stdout=out, stderr=err, env=env, timeout=1800)
        sandbox_cpu = sandbox.cpu_seconds() - cpu_before
        sandbox._request("DELETE", f"/_sandbox/faults/{fault['ids'][0]}")
        report = json.load(open(out))
        left = len(api_get(sandbox, "/apis/build.openshift.io/v1/builds")["items"])
        if result.exitCode != 0 or report["totals"]["deleted"] != count or left != resident:
            raise RuntimeError(f"prune builds ({label}) exit {result.exitCode}, deleted "
                               f"{report['totals']['deleted']} of {count}, {left - resident} left: {open(err).read()[-500:]}")
        samples[label].append({"seconds": round(result.seconds, 2), "peakRSSBytes": result.peakRSSBytes,
                               "cpuSeconds": round(result.cpuSeconds, 2),
                               "sandboxCPUSeconds": round(sandbox_cpu, 2), "deleted": report["totals"]["deleted"]})
        log(f"  {result.seconds:.2f} s, peak RSS {result.peakRSSBytes / 1e6:.1f} MB")

    def combined(runs):
        median = lambda key: measure.spread([r[key] for r in runs])["median"]  # noqa: E731
        return {"seconds": median("seconds"), "peakRSSBytes": max(r["peakRSSBytes"] for r in runs),
                "cpuSeconds": median("cpuSeconds"), "sandboxCPUSeconds": median("sandboxCPUSeconds"),
                "deleted": runs[0]["deleted"], "secondsSpread": measure.spread([r["seconds"] for r in runs])}

    runs = {label: combined(list_of_runs) for label, list_of_runs in samples.items()}
    default, serial = runs["default"], runs["parallel 1"]
    speedup = serial["seconds"] / default["seconds"]
    rss_mb = default["peakRSSBytes"] / 1e6
    note = (f"baseline is osbsctl --parallel 1; sandbox CPU {default['sandboxCPUSeconds']} s (default) and "
            f"{serial['sandboxCPUSeconds']} s (--parallel 1); osbsctl CPU {default['cpuSeconds']} s")
    return [
        {"benchmark": f"prune builds --confirm, {count:,} builds, {latency} ms latency", "unit": "s",
         "osbsctl": default["seconds"], PEER: serial["seconds"], "ratio": round(speedup, 1),
         "goal": ">= 10x faster", "met": speedup >= 10, "note": note, "details": runs},
        {"benchmark": f"peak RSS pruning {count:,} builds", "unit": "MB", "osbsctl": round(rss_mb, 1),
         PEER: round(serial["peakRSSBytes"] / 1e6, 1), "ratio": round(serial["peakRSSBytes"] / default["peakRSSBytes"], 1),
         "goal": "osbsctl < 100 MB", "met": rss_mb < 100, "note": "", "details": {}},
    ]


from prune_node import bench_containers  # noqa: E402

SUB_BENCHMARKS = {"builds": bench_builds, "containers": bench_containers}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--osbsctl", required=True)
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--only", default=",".join(SUB_BENCHMARKS),
                        help=f"comma-separated sub-benchmarks ({', '.join(SUB_BENCHMARKS)})")
    parser.add_argument("--builds", type=int, default=10_000)
    parser.add_argument("--latency-ms", type=int, default=2)
    parser.add_argument("--pairs", type=int, default=3, help="interleaved (--parallel 1, default) pairs")
    parser.add_argument("--containers", type=int, default=500, help="exited containers to remove")
    parser.add_argument("--container-pairs", type=int, default=2,
                        help="interleaved (osbsctl, floor, same-job floor) rounds of the container removal")
    parser.add_argument("--docker", default="/usr/local/bin/docker", help="the docker CLI for the runbook loop")
    parser.add_argument("--results", default=os.path.join(BENCH_DIR, "results"))
    options = parser.parse_args()
    chosen = [name.strip() for name in options.only.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in SUB_BENCHMARKS]
    if unknown:
        parser.error(f"unknown sub-benchmark(s): {', '.join(unknown)}")

    started = datetime.datetime.now(datetime.timezone.utc)
    report = {"date": started.isoformat(timespec="seconds"), "machine": machine(),
              "loadAverageAtStart": list(os.getloadavg()),
              "osbsctlVersion": " ".join(output_of([options.osbsctl, "version"]).split()),
              "suites": {"prune": {"peer": PEER, "results": []}}}
    rows = report["suites"]["prune"]["results"]
    begin = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="osbsctl-bench-prune-") as work:
        with Sandbox(options.sandbox, os.path.join(work, "state")) as sandbox:
            log(f"sandbox at {sandbox.base}; load average {os.getloadavg()[0]:.2f}")
            for name in chosen:
                sub_dir = os.path.join(work, name)
                os.makedirs(sub_dir)
                rows += SUB_BENCHMARKS[name](Context(options.osbsctl, sandbox, sub_dir, options))
    report["suites"]["prune"]["seconds"] = round(time.monotonic() - begin, 1)
    report["loadAverageAtEnd"] = list(os.getloadavg())
    withhold_claims(rows, worst_load(report))

    load = f"load average {report['loadAverageAtStart'][0]:.1f} at start, {report['loadAverageAtEnd'][0]:.1f} at end"
    print(f"\n## prune ({report['date']}, {report['machine']['cores']} cores, {load})\n")
    print(table(rows, PEER))
    os.makedirs(options.results, exist_ok=True)
    path = os.path.join(options.results, started.strftime("%Y-%m-%dT%H%M%SZ") + "-prune.json")
    with open(path, "w") as out:
        json.dump(report, out, indent=2, default=list)
        out.write("\n")
    print(f"\nwrote {os.path.relpath(path)}")


if __name__ == "__main__":
    main()
