"""osbsctl vs kubectl on one osbs-sandbox: build log throughput, node list on many nodes, a cordon
from a cold start and of an already cordoned node, and `version --client`; also the cordon's floors (its
one GET from a minimal C program with the same libcurl, and from a minimal Swift program linked as osbsctl
is) against kubectl's cordon. Every case runs the two
tools paired and interleaved (A B A B …). Driven by bench/openshift.sh; prints a table of medians and ratios and can
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
from quiet import QUIET_LOAD_AVERAGE, load_average, verdict  # noqa: E402


# The floor of the cordon of a cordoned node: all it must do is one GET of the node. A C program linked with
# Debian's libcurl that does only that (global init, one easy GET, discard the body) is the fastest any
# client using that libcurl can be, kubectl's ratio to it the most osbsctl could reach.
GET_FLOOR_C = r"""
#include <curl/curl.h>
#include <stdio.h>
static size_t discard(char *data, size_t size, size_t count, void *user) {
  (void)data; (void)user; return size * count;
}
int main(int argc, char **argv) {
  if (argc != 2 || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return 2;
  CURL *easy = curl_easy_init();
  if (!easy) return 2;
  curl_easy_setopt(easy, CURLOPT_URL, argv[1]);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discard);
  long status = 0;
  CURLcode code = curl_easy_perform(easy);
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  printf("%ld\n", status);
  return code == CURLE_OK && status == 200 ? 0 : 1;
}
"""

# The same GET from a program built as osbsctl is (Swift runtime and full Foundation linked statically,
# libcurl mapped with dlopen as osbsctl's shim maps it): issue 16's floor "of a dynamically linked binary
# with the libraries osbsctl needs". What separates it from the C floor is the Swift runtime's and
# Foundation's start (bench/startup_floor.py) and the dlopen; what separates osbsctl from it is osbsctl.
GET_FLOOR_SWIFT = r"""
import Foundation

@main struct GetFloor {
  typealias Easy = OpaquePointer
  static func main() async {
    guard CommandLine.arguments.count == 2,
      let library = dlopen("libcurl.so.4", RTLD_LAZY | RTLD_LOCAL),
      let globalInit = dlsym(library, "curl_global_init"), let easyInit = dlsym(library, "curl_easy_init"),
      let setopt = dlsym(library, "curl_easy_setopt"), let perform = dlsym(library, "curl_easy_perform"),
      let getinfo = dlsym(library, "curl_easy_getinfo")
    else { exit(2) }
    guard unsafeBitCast(globalInit, to: (@convention(c) (Int) -> Int32).self)(3) == 0,
      let easy = unsafeBitCast(easyInit, to: (@convention(c) () -> Easy?).self)()
    else { exit(2) }
    let set = unsafeBitCast(setopt, to: (@convention(c) (Easy?, Int32, UnsafeRawPointer?) -> Int32).self)
    let discard: @convention(c) (UnsafeMutableRawPointer?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
      _, size, count, _ in size * count
    }
    _ = CommandLine.arguments[1].withCString { set(easy, 10002, $0) }  // CURLOPT_URL
    _ = set(easy, 20011, unsafeBitCast(discard, to: UnsafeRawPointer.self))  // CURLOPT_WRITEFUNCTION
    let code = unsafeBitCast(perform, to: (@convention(c) (Easy?) -> Int32).self)(easy)
    var status = 0
    let info = unsafeBitCast(getinfo, to: (@convention(c) (Easy?, Int32, UnsafeMutablePointer<Int>) -> Int32).self)
    _ = info(easy, 0x200002, &status)  // CURLINFO_RESPONSE_CODE
    FileHandle.standardOutput.write(Data("\(status)\n".utf8))
    exit(code == 0 && status == 200 ? 0 : 1)
  }
}
"""


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


def paired_run(ours, theirs, env, scratch, runs, expect_bytes=None):
    """osbsctl and kubectl interleaved (A B A B …), so load that drifts during the case falls on both.
    Returns one summary per tool: median seconds, max peak RSS KiB, median stdout bytes, and the
    seconds' spread (median, min, max, all)."""
    def one(command, expect):
        def run(_index):
            seconds, rss, count, code = measure(command, env, scratch)
            if code != 0:
                raise RuntimeError(f"{' '.join(command)} exited {code}")
            if expect is not None and count != expect:
                raise RuntimeError(f"{' '.join(command)} printed {count} bytes, expected {expect}")
            return seconds, rss, count
        return run

    samples = peak.paired(one(ours, expect_bytes), one(theirs, None), runs)
    return [(statistics.median(s[0] for s in side), max(s[1] for s in side),
             statistics.median(s[2] for s in side), peak.spread([round(s[0], 4) for s in side]))
            for side in samples]


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
    load_at_start = load_average()
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
            # Already cordoned: both tools read the node and find nothing to change (issue 16's row). The
            # seeded nodes follow the sandbox's three (bench-node00004 on); the cold-start runs below take
            # the first ones, so this is the last.
            cordoned = "bench-node%05d" % (options.nodes + 3)
            if measure(kubectl + ["cordon", cordoned], env, work)[3] != 0:
                raise RuntimeError(f"kubectl cordon {cordoned} failed")
            cases += [
                ("node cordon (already cordoned)",
                 osbsctl + ["node", "cordon", "--confirm", cordoned],
                 kubectl + ["cordon", cordoned], None, max(options.runs, 10)),
                ("version --client (no network)", osbsctl + ["version", "--client"],
                 [options.kubectl, "version", "--client"], None, max(options.runs, 20)),
            ]
            cases.append(
                ("the cordon's GET alone: C + libcurl (floor)",
                 [peak.compile_with_libcurl(GET_FLOOR_C, work, "get-floor"),
                  ready["openshiftAPI"] + "/api/v1/nodes/" + cordoned],
                 kubectl + ["cordon", cordoned], None, max(options.runs, 10)))
            cases.append(
                ("the cordon's GET alone: Swift + Foundation, libcurl mapped (floor)",
                 [peak.compile_swift(GET_FLOOR_SWIFT, work, "get-floor-swift"),
                  ready["openshiftAPI"] + "/api/v1/nodes/" + cordoned],
                 kubectl + ["cordon", cordoned], None, max(options.runs, 10)))
            goals = {"node cordon (already cordoned)": 5.0, "version --client (no network)": 6.0}
            for name, ours, theirs, expect, runs in cases:
                log(name)
                o, k = paired_run(ours, theirs, env, work, runs, expect)
                row = {"case": name, "osbsctlSeconds": round(o[0], 4), "kubectlSeconds": round(k[0], 4),
                       "speedup": round(k[0] / o[0], 2) if o[0] else None,
                       "osbsctlPeakKiB": o[1], "kubectlPeakKiB": k[1],
                       "osbsctlBytes": o[2], "kubectlBytes": k[2],
                       "osbsctlSpread": o[3], "kubectlSpread": k[3], "pairedRuns": runs}
                if name in goals:
                    row["goal"] = f">= {goals[name]:g}x"
                    row["met"] = bool(o[0]) and k[0] / o[0] >= goals[name]
                if expect:
                    row["osbsctlMiBps"] = round(expect / o[0] / (1 << 20), 1)
                    row["kubectlMiBps"] = round(k[2] / k[0] / (1 << 20), 1)
                rows.append(row)

            log("node cordon (cold start, a different node each run; paired A B A B)")
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

    load = max(load_at_start, load_average())
    for r in rows:
        if "met" in r:
            r["verdict"] = verdict(r["met"], load)
    width = max(len(r["case"]) for r in rows)
    print(f"{'case':<{width}}  {'osbsctl s':>10}  {'kubectl s':>10}  {'ratio':>6}  {'osbsctl KiB':>11}  "
          f"{'kubectl KiB':>11}  {'MiB/s':>13}")
    for r in rows:
        rate = f"{r['osbsctlMiBps']}/{r['kubectlMiBps']}" if "osbsctlMiBps" in r else ""
        goal = f"  {r['goal']}: {r['verdict']}" if "goal" in r else ""
        print(f"{r['case']:<{width}}  {r['osbsctlSeconds']:>10}  {r['kubectlSeconds']:>10}  "
              f"{str(r['speedup']) + 'x':>6}  {r['osbsctlPeakKiB']:>11}  {r['kubectlPeakKiB']:>11}  {rate:>13}"
              f"{goal}")
    print(f"load average {load_at_start:.1f} at start, {load_average():.1f} at end"
          + ("" if load <= QUIET_LOAD_AVERAGE else ": goals met are not claimed (bench/quiet.py)"))
    if options.json:
        with open(options.json, "w") as out:
            json.dump({"suite": "openshift", "results": rows, "loadAverageAtStart": load_at_start,
                       "loadAverageAtEnd": load_average()}, out, indent=2, sort_keys=True)
            out.write("\n")


if __name__ == "__main__":
    main()
