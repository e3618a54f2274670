"""The already-cordoned `node cordon` of one or more osbsctl builds, its Swift floor program and `kubectl
cordon`, run in turn on one sandbox (A B C …, then … C B A, and again), so that the drift of a shared
machine falls on all of them; prints each program's median, min and max, and for two osbsctl builds in how
many rounds the second was faster. The rows of `bench/openshift.py` pair each program with kubectl only;
this compares the programs with each other.

    python3 bench/cordon_interleaved.py --sandbox BIN --kubectl BIN [--runs 100] OSBSCTL [OSBSCTL …]
"""

import argparse
import os
import statistics
import sys
import tempfile

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH_DIR)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import openshift  # noqa: E402  (the sandbox, the measurement and the floor program)
from quiet import load_average  # noqa: E402


def build_names(paths):
    """Each build's file name, or its whole path where two builds share the name (two checkouts'
    `.build-bench/release/osbsctl`), so the rows stay apart."""
    names = [os.path.basename(path) or path for path in paths]
    return [path if names.count(name) > 1 else name for name, path in zip(names, paths)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--kubectl", required=True)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("osbsctl", nargs="+")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-cordon-") as work:
        with openshift.Sandbox(options.sandbox, os.path.join(work, "state")) as sandbox:
            ready = sandbox.ready
            env = dict(os.environ, OSBSCTL_CONFIG=ready["osbsctlConfig"], KUBECONFIG=ready["kubeconfig"],
                       HOME=work, NO_COLOR="1")
            sandbox.control("nodes", {"count": 100})
            node = "bench-node00103"
            kubectl = [options.kubectl, "--kubeconfig", ready["kubeconfig"]]
            if openshift.measure(kubectl + ["cordon", node], env, work)[3] != 0:
                raise RuntimeError(f"kubectl cordon {node} failed")
            floor = openshift.peak.compile_swift(openshift.GET_FLOOR_SWIFT, work, "get-floor-swift")
            programs = [(name, [path, "node", "cordon", "--confirm", node])
                        for name, path in zip(build_names(options.osbsctl), options.osbsctl)]
            programs.append(("Swift floor (the GET alone)", [floor, ready["openshiftAPI"] + "/api/v1/nodes/" + node]))
            programs.append(("kubectl cordon", kubectl + ["cordon", node]))
            for name, command in programs:  # one warm-up each, which must succeed
                if openshift.measure(command, env, work)[3] != 0:
                    raise RuntimeError(f"{name} failed")
            start = load_average()
            seconds = [[] for _ in programs]
            for run in range(options.runs):
                order = range(len(programs)) if run % 2 == 0 else reversed(range(len(programs)))
                for index in order:
                    elapsed, _, _, status = openshift.measure(programs[index][1], env, work)
                    if status != 0:
                        raise RuntimeError(f"{programs[index][0]} exited {status}")
                    seconds[index].append(elapsed)
            end = load_average()

    kubectl_median = statistics.median(seconds[-1])
    width = max(40, *(len(name) for name, _ in programs))
    print(f"{'program':{width}s} {'median':>9s} {'min':>9s} {'max':>9s}  vs kubectl")
    for (name, _), samples in zip(programs, seconds):
        median = statistics.median(samples)
        print(f"{name:{width}s} {median * 1e3:7.2f}ms {min(samples) * 1e3:7.2f}ms {max(samples) * 1e3:7.2f}ms"
              f"  {kubectl_median / median:5.2f}x")
    if len(options.osbsctl) >= 2:
        faster = sum(1 for a, b in zip(seconds[0], seconds[1]) if b < a)
        print(f"{programs[1][0]} faster than {programs[0][0]} in {faster} of {options.runs} rounds")
    print(f"load average {start:.2f} at start, {end:.2f} at end")


if __name__ == "__main__":
    main()
