"""Fleet benchmark: `osbsctl fleet prune --confirm` on N = 1, 3 and 6 simulated nodes.

Each simulated node is an osbs-sandbox kubelet (`--kubelet NODE=SOCKET,root=DIR`) with its own podman API
service (hermetic state, as in bench/prune_node.py), so every node's pod runs the osbsctl image (built
by scripts/build-image from the benchmarked osbsctl) on its own engine and prunes that engine through
the Docker socket its pod mounts. The node work is held constant: before every run each selected node's
engine gets the same number of exited containers (--containers, default 20), and the run must remove
exactly those on every node. Runs at each N are interleaved round by round (the order shuffled per
round), with --parallel N, and the median wall time at each N is compared with N = 1.

Goal: wall time grows sub-linearly with N: t(N) / t(1) < N for N = 3 and 6. The serial loop over the
nodes that the runbook's ssh does is measured too, as `--parallel 1` on 6 nodes in the same rounds.

The machine must be quiet when the benchmark starts (load average at most 1 before its engines start);
the load it records at the end is its own six engines and their pods, which is the work being measured.

    python3 bench/fleet.py --osbsctl BIN --sandbox BIN [--rounds 3] [--containers 20]
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_DIR = os.path.dirname(BENCH_DIR)
sys.path.insert(0, BENCH_DIR)
sys.dont_write_bytecode = True

import measure  # noqa: E402
import quiet  # noqa: E402
from prune_node import Podman  # noqa: E402

IMAGE = "localhost/osbsctl:bench"
SIZES = (1, 3, 6)


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


class FleetSandbox:
    """osbs-sandbox with a kubelet per simulated node."""

    def __init__(self, binary, state_dir, kubelets):
        self.binary, self.state_dir, self.kubelets = binary, state_dir, kubelets
        self.process = None

    def __enter__(self):
        arguments = [self.binary, "--state-dir", self.state_dir, "--quiet"]
        for node, socket_path, root in self.kubelets:
            arguments += ["--kubelet", f"{node}={socket_path},root={root}"]
        self.process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            raise RuntimeError(f"osbs-sandbox exited ({self.process.returncode}) before its ready line")
        self.ready = json.loads(line)
        return self

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def node_root(base, name, socket_path):
    """A node's root directory: hostPath /var/run/docker.sock is its engine's socket."""
    root = os.path.join(base, name)
    os.makedirs(os.path.join(root, "var/run"), exist_ok=True)
    os.symlink(socket_path, os.path.join(root, "var/run/docker.sock"))
    return root


def one_run(ctx, nodes, containers, engines, work, label, parallel):
    for engine in engines[: len(nodes)]:
        engine.fill(containers)
    report_path = os.path.join(work, f"fleet-{label}.json")
    command = [ctx.osbsctl, "fleet", "prune", *nodes, "--confirm", "--parallel", str(parallel),
               "--image", IMAGE, "--timeout", "10m", "-o", "json"]
    result = measure.run(command, stdout=report_path, stderr=os.path.join(work, f"fleet-{label}.err"),
                         env=ctx.env, timeout=1800)
    with open(report_path) as f:
        report = json.load(f)
    removed = report["totals"]["prune"]["containersRemoved"]
    statuses = {node["nodeName"]: node["status"] for node in report["nodes"]}
    left = sum(1 for engine in engines[: len(nodes)] for c in engine.containers() if c.get("State") == "exited")
    if result.exitCode != 0 or removed != containers * len(nodes) or left or set(statuses.values()) != {"ok"}:
        troubled = [{key: node.get(key) for key in ("nodeName", "status", "reason", "exitCode", "nodeError",
                                                    "logTail")}
                    for node in report["nodes"] if node["status"] != "ok"]
        raise RuntimeError(f"fleet prune on {len(nodes)} nodes: exit {result.exitCode}, removed {removed}, "
                           f"{left} exited containers left, statuses {statuses}; not ok: {troubled}")
    return result


# The runs of one round: (label, nodes, --parallel); "serial" is the ssh loop's shape on every node.
RUNS = [(str(size), size, size) for size in SIZES] + [("serial", max(SIZES), 1)]


def bench_fleet(ctx):
    rounds, containers = ctx.options.rounds, ctx.options.containers
    # Other work on the machine, before this benchmark adds its own.
    load_start = os.getloadavg()
    base = tempfile.mkdtemp(prefix="osbs-bench-fleet-", dir="/tmp")
    engines = []
    try:
        for index in range(max(SIZES)):
            engine = Podman(os.path.join(base, f"engine{index}")).__enter__()
            engines.append(engine)
            subprocess.run([os.path.join(REPO_DIR, "scripts/build-image"), "--url", "unix://" + engine.socket,
                            ctx.osbsctl, IMAGE], check=True, stdout=subprocess.DEVNULL)
        log(f"{len(engines)} podman services with the osbsctl image")
        names = [f"bench-node{index}" for index in range(len(engines))]
        kubelets = [(name, engine.socket, node_root(base, name, engine.socket))
                    for name, engine in zip(names, engines)]
        with FleetSandbox(ctx.sandbox, os.path.join(base, "sandbox"), kubelets) as sandbox:
            ctx.env = dict(os.environ, OSBSCTL_CONFIG=sandbox.ready["osbsctlConfig"])
            times = {label: [] for label, _, _ in RUNS}
            for round_index in range(rounds):
                order = list(RUNS)
                random.shuffle(order)
                for label, size, parallel in order:
                    result = one_run(ctx, names[:size], containers, engines, base, f"{label}-{round_index}",
                                     parallel)
                    times[label].append(result.seconds)
                    log(f"round {round_index + 1}: {size} node(s), --parallel {parallel}, in {result.seconds:.2f}s")
            load_end = os.getloadavg()
    finally:
        for engine in engines:
            engine.__exit__(None, None, None)
        shutil.rmtree(base, ignore_errors=True)
    medians = {label: statistics.median(values) for label, values in times.items()}
    rows = []
    for label, size, parallel in RUNS:
        ratio = medians[label] / medians["1"]
        serial = label == "serial"
        what = f"fleet prune --confirm on {size} node(s), --parallel {parallel}, {containers} containers each (s)"
        goal = "reference" if size == 1 or serial else f"< {size}x one node"
        rows.append({
            "benchmark": what, "unit": "s", "osbsctl": round(medians[label], 2), "ratioToOneNode": round(ratio, 2),
            "goal": goal, "met": (ratio < size) if goal != "reference" else None,
            "details": {"runs": [round(t, 2) for t in times[label]],
                        "minimum": round(min(times[label]), 2), "maximum": round(max(times[label]), 2)},
        })
    # Only the load found before the benchmark competes with it; the end's is the benchmark's own.
    return quiet.withhold_claims(rows, load_start[0]), load_start, load_end


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--osbsctl", required=True)
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--containers", type=int, default=20)
    options = parser.parse_args()

    class Context:
        pass

    ctx = Context()
    ctx.osbsctl, ctx.sandbox, ctx.options = options.osbsctl, options.sandbox, options
    rows, load_start, load_end = bench_fleet(ctx)
    load = load_start[0]
    print(f"load average {load_start[0]:.2f} before the engines started, {load_end[0]:.2f} at the end (its own work)")
    print(f"{'benchmark':<84} {'seconds':>8} {'vs 1 node':>10}  goal")
    for row in rows:
        met = quiet.verdict(row["met"] is not False, load) if row["goal"] != "reference" else ""
        print(f"{row['benchmark']:<84} {row['osbsctl']:>8.2f} {row['ratioToOneNode']:>9.2f}x  {row['goal']} {met}")
    results = os.path.join(BENCH_DIR, "results")
    os.makedirs(results, exist_ok=True)
    path = os.path.join(results, time.strftime("fleet-%Y-%m-%d.json"))
    with open(path, "w") as f:
        json.dump({"suite": "fleet", "loadAverage": load, "loadAverageAtStart": load_start,
                   "loadAverageAtEnd": load_end, "rows": rows}, f, indent=2)
    log(f"wrote {path}")


if __name__ == "__main__":
    main()
