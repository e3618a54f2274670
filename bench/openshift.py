"""osbsctl vs kubectl on one osbs-sandbox: build log throughput, node list on many nodes, and one
cordon from a cold start. Driven by bench/openshift.sh; prints a table of medians and ratios and can
write the rows as JSON (--json) for bench/run to fold into its report.

Wall time and peak RSS come from bench/measure.py (bench/peak-rss.c forks the command, so Python's own
resident size is not counted); stdout goes to a scratch file that is counted and removed."""

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import urllib.request


def log(message):
    print(f"bench/openshift: {message}", file=sys.stderr, flush=True)


BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH_DIR)

import measure as peak  # noqa: E402  (bench/measure.py: timing and peak RSS via bench/peak-rss.c)


def measure(command, env, scratch):
    """Runs command; returns (seconds, peak RSS KiB, stdout bytes, exit status). Stdout goes to a
    scratch file that is counted and removed."""
    out = os.path.join(scratch, "stdout")
    result = peak.run(command, stdout=out, env=env, timeout=1800)
    count = os.path.getsize(out)
    os.remove(out)
    return result.seconds, result.peakRSSBytes // 1024, count, result.exitCode


class Sandbox:
    def __init__(self, binary, state_dir):
        self.binary, self.state_dir = binary, state_dir

    def __enter__(self):
        self.process = subprocess.Popen(
            [self.binary, "--state-dir", self.state_dir, "--quiet"], stdout=subprocess.PIPE,
            stdin=subprocess.DEVNULL)
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("osbs-sandbox exited before its ready line")
        self.ready = json.loads(line)
        self.base = self.ready["openshiftAPI"]
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def control(self, path, body):
        request = urllib.request.Request(
            self.base + "/_sandbox/openshift/" + path, data=json.dumps(body).encode(), method="POST",
            headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=600) as response:
            return json.loads(response.read())


def median_run(command, env, scratch, runs, expect_bytes=None):
    samples = []
    for _ in range(runs):
        seconds, rss, count, code = measure(command, env, scratch)
        if code != 0:
            raise RuntimeError(f"{' '.join(command)} exited {code}")
        if expect_bytes is not None and count != expect_bytes:
            raise RuntimeError(f"{' '.join(command)} printed {count} bytes, expected {expect_bytes}")
        samples.append((seconds, rss, count))
    return (statistics.median(s[0] for s in samples), max(s[1] for s in samples),
            statistics.median(s[2] for s in samples))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--osbsctl", required=True)
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--kubectl", required=True)
    parser.add_argument("--log-mb", type=int, default=200)
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json")
    options = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-openshift-") as work:
        with Sandbox(options.sandbox, os.path.join(work, "state")) as sandbox:
            ready = sandbox.ready
            env = dict(os.environ, OSBSCTL_CONFIG=ready["osbsctlConfig"], HOME=work, NO_COLOR="1")
            for key in list(env):
                if key.startswith("KUBE") and key != "KUBECONFIG":
                    del env[key]
            env["KUBECONFIG"] = ready["kubeconfig"]
            kubectl = [options.kubectl, "--kubeconfig", ready["kubeconfig"]]
            osbsctl = [options.osbsctl]

            log(f"seeding a {options.log_mb} MiB build log and {options.nodes} nodes")
            build = sandbox.control("builds", {"name": "bench-log-1", "logBytes": options.log_mb << 20})
            sandbox.control("nodes", {"count": options.nodes})
            log_bytes = build["logBytes"]

            # Warm kubectl's discovery cache once, as an admin's shell would have it.
            measure(kubectl + ["get", "nodes", "-o", "name"], env, work)

            cases = [
                ("build logs -f (%d MiB)" % options.log_mb,
                 osbsctl + ["build", "logs", "-f", "bench-log-1"],
                 kubectl + ["get", "--raw",
                            "/apis/build.openshift.io/v1/namespaces/osbs/builds/bench-log-1/log?follow=true"],
                 log_bytes, max(1, options.runs // 2)),
                ("node list -o json (%d nodes)" % (options.nodes + 3),
                 osbsctl + ["node", "list", "-o", "json"], kubectl + ["get", "nodes", "-o", "json"],
                 None, options.runs),
            ]
            for name, ours, theirs, expect, runs in cases:
                log(name)
                o = median_run(ours, env, work, runs, expect)
                k = median_run(theirs, env, work, runs, None)
                row = {"case": name, "osbsctlSeconds": round(o[0], 4), "kubectlSeconds": round(k[0], 4),
                       "speedup": round(k[0] / o[0], 2) if o[0] else None,
                       "osbsctlPeakKiB": o[1], "kubectlPeakKiB": k[1],
                       "osbsctlBytes": o[2], "kubectlBytes": k[2]}
                if expect:
                    row["osbsctlMiBps"] = round(expect / o[0] / (1 << 20), 1)
                    row["kubectlMiBps"] = round(k[2] / k[0] / (1 << 20), 1)
                rows.append(row)

            log("node cordon (cold start, a different node each run)")
            ours, theirs = [], []
            for run in range(options.runs):
                ours.append(measure(osbsctl + ["node", "cordon", "--confirm", "bench-node%05d" % (2 * run + 4)], env, work))
                theirs.append(measure(kubectl + ["cordon", "bench-node%05d" % (2 * run + 5)], env, work))
            for samples in (ours, theirs):
                if any(s[3] != 0 for s in samples):
                    raise RuntimeError("a cordon failed")
            o_sec = statistics.median(s[0] for s in ours)
            k_sec = statistics.median(s[0] for s in theirs)
            rows.append({"case": "node cordon (cold start)", "osbsctlSeconds": round(o_sec, 4),
                         "kubectlSeconds": round(k_sec, 4), "speedup": round(k_sec / o_sec, 2),
                         "osbsctlPeakKiB": max(s[1] for s in ours), "kubectlPeakKiB": max(s[1] for s in theirs)})

    width = max(len(r["case"]) for r in rows)
    print(f"{'case':<{width}}  {'osbsctl s':>10}  {'kubectl s':>10}  {'ratio':>6}  {'osbsctl KiB':>11}  "
          f"{'kubectl KiB':>11}  {'MiB/s':>13}")
    for r in rows:
        rate = f"{r['osbsctlMiBps']}/{r['kubectlMiBps']}" if "osbsctlMiBps" in r else ""
        print(f"{r['case']:<{width}}  {r['osbsctlSeconds']:>10}  {r['kubectlSeconds']:>10}  "
              f"{str(r['speedup']) + 'x':>6}  {r['osbsctlPeakKiB']:>11}  {r['kubectlPeakKiB']:>11}  {rate:>13}")
    if options.json:
        with open(options.json, "w") as out:
            json.dump({"suite": "openshift", "results": rows}, out, indent=2, sort_keys=True)
            out.write("\n")


if __name__ == "__main__":
    main()
