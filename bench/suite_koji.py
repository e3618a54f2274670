"""osbsctl against the koji CLI on one osbs-sandbox hub: log throughput and peak RSS, hub requests
per poll watching a 1 + 8 task tree, and start-up time."""

import hashlib
import os
import statistics
import subprocess
import time

import measure
from sandbox import write_koji_config
from xmlrpc_recorder import Recorder

MB = 1 << 20  # "MB" in this suite means MiB
LOG_BYTES = 100 * MB
PROBE_LOG_BYTES = 10 * MB
# Above this estimate the 100 MB koji run is skipped and the 10 MB probe is scaled per MB.
KOJI_FULL_RUN_LIMIT_SECONDS = 300
OSBSCTL_LOG_RUNS = 5
STARTUP_RUNS = 20
TREE_ARCHES = ["x86_64", "aarch64", "ppc64le", "s390x", "i686", "armv7hl", "riscv64", "mips64el"]
TREE_DURATION_SECONDS = 4
WATCH_INTERVAL_SECONDS = 0.2


class KojiSuite:
    peer = "koji"

    def __init__(self, tools, sandbox, work, log):
        self.tools = tools
        self.sandbox = sandbox
        self.work = work
        self.log = log
        base = sandbox.base
        # koji's poll_interval is an integer; 0 means "no sleep" (watch-logs on a finished task never
        # sleeps anyway).
        self.config = write_koji_config(
            os.path.join(work, "koji.conf"), f"{base}/kojihub", f"{base}/kojifiles", poll_interval=0)
        self.env = dict(os.environ, OSBSCTL_CONFIG=sandbox.ready["osbsctlConfig"], NO_COLOR="1")

    # Command lines.

    def osbsctl(self, *args, config=None):
        return [self.tools.osbsctl, *args, "--koji-config", config or self.config, "--koji-profile", "sandbox"]

    def koji(self, *args, config=None, noauth=True):
        # koji 1.36 stops with "KeyError: 'user'" when user/password come from -c FILE; the command line works.
        auth = ["--noauth"] if noauth else ["--authtype=password", "--user=builder1", "--password=builder1pass"]
        return [self.tools.koji, "-c", config or self.config, "-p", "sandbox", *auth, *args]

    def submit(self, name):
        """Submits a scratch buildContainer as builder1 (password login) and returns the task id."""
        command = self.koji(
            "call", "--python", "buildContainer", f"'git+https://src.example.org/container/{name}#abc123'",
            "'rawhide-container-candidate'", "{'scratch': True}", noauth=False)
        output = subprocess.run(command, check=True, capture_output=True, text=True, env=self.env).stdout
        return int(output.strip())

    def finished_task_with_log(self, name, size):
        self.sandbox.script(logBytes=size, openAfterSeconds=0, durationSeconds=1)
        task = self.submit(name)
        self.sandbox.advance_clock(60)
        info = self.sandbox.wait_for_task_state(task, {"CLOSED", "FAILED"})
        return task, info["files"]["x86_64.log"]

    def run(self):
        return [*self.log_throughput(), self.requests_per_poll(), self.startup()]

    # 1. Log throughput and peak RSS.

    def log_throughput(self):
        task, size, digest, plain_rate = self._finished_log("biglog", LOG_BYTES)
        mb = size / MB
        label = f"{LOG_BYTES // MB} MiB"  # as scripted; the sandbox's log may be a few lines shorter
        output = os.path.join(self.work, "osbsctl-log.out")
        runs = []
        for _ in range(OSBSCTL_LOG_RUNS):
            run = self._measured(
                self.osbsctl("task", "logs", str(task), "--log", "x86_64.log"), output, "osbsctl task logs")
            run["ok"], run["note"] = self._verify(output, size, digest, header=b"")
            runs.append(run)
        os.remove(output)
        o = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]  # the median run
        o["peakRSSBytes"] = max(r["peakRSSBytes"] for r in runs)
        o["ok"] = all(r["ok"] for r in runs)
        self.log(f"osbsctl task logs: {[round(r['seconds'], 3) for r in runs]} s, peak RSS "
                 f"{o['peakRSSBytes'] / MB:.1f} MB, CPU {o['cpuSeconds']:.2f} s (sandbox {o['serverCPUSeconds']:.2f} s), "
                 f"{o['note']}")

        # koji: a small probe first, to know whether the full run fits the time budget.
        probe_task, probe_size, probe_digest, _ = self._finished_log("probelog", PROBE_LOG_BYTES)
        probe = self._koji_watch_logs(probe_task, probe_size, probe_digest)
        estimate = probe["seconds"] * size / probe_size
        self.log(f"koji watch-logs {probe_size / MB:.0f} MB probe: {probe['seconds']:.2f} s, peak RSS "
                 f"{probe['peakRSSBytes'] / MB:.1f} MB, {probe['note']}; {mb:.0f} MB estimate {estimate:.0f} s")
        if estimate <= KOJI_FULL_RUN_LIMIT_SECONDS:
            k = self._koji_watch_logs(task, size, digest)
            basis = f"koji measured on the same {size}-byte log"
            self.log(f"koji watch-logs: {k['seconds']:.2f} s, peak RSS {k['peakRSSBytes'] / MB:.1f} MB, "
                     f"CPU {k['cpuSeconds']:.2f} s (sandbox {k['serverCPUSeconds']:.2f} s), {k['note']}")
        else:
            scale = size / probe_size
            k = dict(probe, seconds=estimate, cpuSeconds=probe["cpuSeconds"] * scale,
                     userSeconds=probe["userSeconds"] * scale,
                     serverCPUSeconds=probe["serverCPUSeconds"] * scale)
            basis = (f"koji measured on a {probe_size / MB:.0f} MB log and scaled per MB (the {mb:.0f} MB run "
                     f"would take ~{estimate:.0f} s); its peak RSS is the {probe_size / MB:.0f} MB run's")

        o_rate, k_rate = mb / o["seconds"], mb / k["seconds"]
        details = {
            "taskID": task, "logBytes": size, "kojiBasis": basis,
            "sandboxPlainGETMBps": round(plain_rate, 1),
            "osbsctl": {"command": "osbsctl task logs N --log x86_64.log > FILE (median of "
                                   f"{OSBSCTL_LOG_RUNS})", "runs": runs},
            "koji": {"command": "koji watch-logs --log x86_64.log N > FILE", "run": k, "probe": probe},
        }
        ceiling = (f"the log has {size} bytes; the sandbox serves it at {plain_rate:.0f} MiB/s over a plain GET; "
                   f"its CPU time was {o['serverCPUSeconds']:.1f} s of osbsctl's {o['seconds']:.1f} s run"
                   f" and {k['serverCPUSeconds']:.1f} s of koji's {k['seconds']:.1f} s")
        if "scaled" in basis:
            ceiling = basis + "; " + ceiling
        throughput = {
            "benchmark": f"log throughput, {label} x86_64.log", "unit": "MiB/s",
            "osbsctl": round(o_rate, 1), "koji": round(k_rate, 2), "ratio": round(o_rate / k_rate, 1),
            "goal": ">= 10x", "met": o_rate / k_rate >= 10 and o["ok"] and k["ok"], "note": ceiling,
            "details": details,
        }
        # CPU is taken per run, not from the run of median duration: the two need not coincide.
        o_cpu = statistics.median(r["cpuSeconds"] for r in runs)
        o_user = statistics.median(r["userSeconds"] for r in runs)
        cpu = {
            "benchmark": "client CPU time for the log", "unit": "s",
            "osbsctl": round(o_cpu, 2), "koji": round(k["cpuSeconds"], 2),
            "ratio": round(k["cpuSeconds"] / o_cpu, 1), "goal": ">= 20x less",
            "met": k["cpuSeconds"] / o_cpu >= 20 and o["ok"] and k["ok"],
            "note": (f"user + system CPU of the client process alone (not the sandbox), median of {len(runs)} runs: "
                     f"osbsctl {[round(r['cpuSeconds'], 3) for r in runs]} s, of which user "
                     f"{[round(r['userSeconds'], 3) for r in runs]} s (median {o_user:.3f} s); koji user "
                     f"{k['userSeconds']:.2f} s of {k['cpuSeconds']:.2f} s; ratio = koji / osbsctl"),
        }
        rss = {
            "benchmark": f"peak RSS reading the {label} log", "unit": "MiB",
            "osbsctl": round(o["peakRSSBytes"] / MB, 1), "koji": round(k["peakRSSBytes"] / MB, 1),
            "ratio": round(k["peakRSSBytes"] / o["peakRSSBytes"], 2), "goal": "osbsctl < 50 MB",
            "met": o["peakRSSBytes"] < 50 * MB, "note": "ratio = koji / osbsctl",
        }
        return [throughput, cpu, rss]

    def _finished_log(self, name, size):
        """A closed task whose x86_64.log has about `size` bytes: (task, exact size, sha256, plain GET MB/s)."""
        task, size = self.finished_task_with_log(name, size)
        url = f"{self.sandbox.base}/kojifiles/work/tasks/{task % 10000}/{task}/x86_64.log"
        expected = hashlib.sha256()
        started = time.perf_counter()
        self.sandbox.stream_file(url, expected.update)
        rate = size / MB / (time.perf_counter() - started)
        self.log(f"task {task}: x86_64.log is {size} bytes; plain GET from the sandbox: {rate:.0f} MB/s")
        return task, size, expected.hexdigest(), rate

    def _measured(self, command, output, what):
        server_before = self.sandbox.cpu_seconds()
        result = measure.run(command, stdout=output, stderr=output + ".err", env=self.env, timeout=900)
        server = self.sandbox.cpu_seconds() - server_before
        self._check_exit(what, result, output + ".err")
        return {"seconds": result.seconds, "peakRSSBytes": result.peakRSSBytes, "cpuSeconds": result.cpuSeconds,
                "userSeconds": result.userSeconds, "serverCPUSeconds": round(server, 2)}

    def _koji_watch_logs(self, task, size, digest):
        output = os.path.join(self.work, "koji-log.out")
        run = self._measured(self.koji("watch-logs", "--log", "x86_64.log", str(task)), output, "koji watch-logs")
        header = (b"Watching logs (this may be safely interrupted)...\n"
                  + f"==> {task}:DEFAULT:x86_64.log: <==\n".encode())
        run["ok"], run["note"] = self._verify(output, size, digest, header=header)
        os.remove(output)
        return run

    @staticmethod
    def _verify(path, size, digest, header):
        """The output is `header` followed by exactly the log's bytes."""
        total = os.path.getsize(path)
        hasher = hashlib.sha256()
        with open(path, "rb") as output:
            head = output.read(len(header))
            while chunk := output.read(4 * MB):
                hasher.update(chunk)
        if head != header:
            return False, f"unexpected header {head[:120]!r}"
        if total - len(header) != size:
            return False, f"{total - len(header)} log bytes printed, the log has {size}"
        if hasher.hexdigest() != digest:
            return False, f"{size} bytes printed but they differ from the log"
        extra = f" + {len(header)}-byte header" if header else ""
        return True, f"output is the log byte for byte ({size} bytes{extra})"

    @staticmethod
    def _check_exit(what, measurement, stderr_path=None):
        if measurement.exitCode != 0:
            detail = ""
            if stderr_path and os.path.exists(stderr_path):
                detail = ": " + open(stderr_path, errors="replace").read()[-2000:]
            raise RuntimeError(f"{what} exited {measurement.exitCode}{detail}")

    # 2. Hub requests per poll watching a 1 + 8 task tree.

    def requests_per_poll(self):
        with Recorder(f"{self.sandbox.base}") as recorder:
            # Same hub, reached through the recorder; koji polls every second (its smallest setting
            # but 0, which would just spin), osbsctl every 0.2 s.
            proxied = write_koji_config(
                os.path.join(self.work, "koji-recorded.conf"), f"{recorder.url}/kojihub",
                f"{self.sandbox.base}/kojifiles", poll_interval=1)
            osbsctl = self._watch_tree(
                recorder, "osbsctl",
                self.osbsctl("task", "watch", "{task}", "--interval", str(WATCH_INTERVAL_SECONDS), config=proxied))
            koji = self._watch_tree(recorder, "koji", self.koji("watch-task", "{task}", config=proxied))

        def poll_of_osbsctl(entry, root):
            return entry["method"] == "multiCall" and any(
                m in ("getTaskInfo", "getTaskChildren") for m, _ in entry["calls"])

        def poll_of_koji(entry, root):
            # Every round of koji's watch loop lists the root's children exactly once.
            return entry["calls"] == [("getTaskChildren", root)]

        o = self._count(osbsctl, poll_of_osbsctl)
        k = self._count(koji, poll_of_koji)
        lookups_only = set(o["extraCallsByMethod"]) <= {"getHost", "getTaskResult"}
        extras = "; ".join(
            "multiCall[" + ", ".join(f"{m}×{n}" for m, n in extra.items()) + "]" for extra in o["extraRequests"])
        self.log(f"osbsctl task watch: {o['requests']} hub requests, {o['polls']} polls, "
                 f"other requests: {extras or 'none'}")
        self.log(f"koji watch-task: {k['requests']} hub requests, {k['polls']} rounds")
        osbsctl_rate = o["requests"] / o["polls"]
        koji_rate = k["requests"] / k["polls"]
        return {
            "benchmark": "hub requests per poll, 1 + 8 task tree", "unit": "requests/poll",
            "osbsctl": round(osbsctl_rate, 2), "koji": round(koji_rate, 2),
            "ratio": round(koji_rate / osbsctl_rate, 1), "goal": "osbsctl 1 (+ lookups)",
            "met": lookups_only,
            "note": (f"osbsctl: {o['polls']} polls, one multiCall each, + {len(o['extraRequests'])} "
                     f"lookup(s) ({extras or 'none'}); koji: {k['polls']} rounds, {k['requests']} requests ("
                     + ", ".join(f"{m} {n}" for m, n in k["requestsByMethod"].items()) + ")"),
            "details": {"osbsctl": o, "koji": k, "arches": TREE_ARCHES,
                        "durationSeconds": TREE_DURATION_SECONDS, "osbsctlInterval": WATCH_INTERVAL_SECONDS,
                        "kojiPollInterval": 1},
        }

    def _watch_tree(self, recorder, label, command):
        self.sandbox.script(children=True, arches=TREE_ARCHES, openAfterSeconds=1,
                            durationSeconds=TREE_DURATION_SECONDS)
        task = self.submit(f"tree-{label}")
        recorder.take()
        self.sandbox.clear_journal()
        command = [part.replace("{task}", str(task)) for part in command]
        result = measure.run(command, stdout=os.path.join(self.work, f"{label}-watch.out"),
                             stderr=os.path.join(self.work, f"{label}-watch.err"), env=self.env, timeout=300)
        self._check_exit(f"{label} watching task {task}", result, os.path.join(self.work, f"{label}-watch.err"))
        tree = [t for t in self.sandbox.tasks().values() if t["id"] == task or t.get("parent") == task]
        if len(tree) != 1 + len(TREE_ARCHES) or any(t["state"] != "CLOSED" for t in tree):
            raise RuntimeError(f"task {task}: expected a closed 1 + {len(TREE_ARCHES)} tree, got {tree}")
        journal = [e for e in self.sandbox.journal() if e["method"] == "POST" and e["path"] == "/kojihub"]
        entries = [e for e in recorder.take() if e["path"] == "/kojihub"]
        if len(journal) != len(entries):
            raise RuntimeError(f"the hub saw {len(journal)} requests but the recorder {len(entries)}")
        return {"task": task, "seconds": result.seconds, "journal": journal, "entries": entries}

    @staticmethod
    def _count(run, is_poll):
        """Polls, and the methods of every request that is not a poll."""
        root = run["task"]
        polls = 0
        extra = []
        for entry in run["entries"]:
            if is_poll(entry, root):
                polls += 1
                continue
            counts = {}
            for method, _ in entry["calls"] or [(entry["method"], None)]:
                counts[method] = counts.get(method, 0) + 1
            extra.append(counts)
        by_method = {}
        for entry in run["journal"]:
            by_method[entry["xmlrpcMethod"]] = by_method.get(entry["xmlrpcMethod"], 0) + 1
        extra_by_method = {}
        for counts in extra:
            for method, n in counts.items():
                extra_by_method[method] = extra_by_method.get(method, 0) + n
        return {"task": root, "seconds": round(run["seconds"], 2), "requests": len(run["journal"]),
                "polls": polls, "extraRequests": extra if len(extra) <= 10 else f"{len(extra)} requests",
                "extraCallsByMethod": extra_by_method, "requestsByMethod": by_method}

    # 3. Start-up.

    def startup(self):
        def timed(command):
            def one(_index):
                r = measure.run(command, env=self.env, timeout=60)
                self._check_exit(" ".join(command[:2]), r)
                return r
            return one

        # One untimed run each, so neither pays for a cold page cache.
        for command in ([self.tools.osbsctl, "version"], self.koji("--help")):
            measure.run(command, env=self.env, timeout=60)
        versions = {
            "osbsctl": " ".join(subprocess.run([self.tools.osbsctl, "version"], capture_output=True, text=True,
                                               env=self.env).stdout.split()),
            "koji": " ".join(subprocess.run(self.koji("version"), capture_output=True, text=True,
                                            env=self.env).stdout.split()),
        }
        # Paired and interleaved (A B A B ...): load that drifts during the run falls on both tools.
        osbsctl_runs, koji_runs = measure.paired(
            timed([self.tools.osbsctl, "version"]), timed(self.koji("version")), STARTUP_RUNS)
        client_runs, koji_help_runs = measure.paired(
            timed([self.tools.osbsctl, "version", "--client"]), timed(self.koji("--help")), STARTUP_RUNS)

        def ms(runs):
            return measure.spread([round(r.seconds * 1000, 2) for r in runs])

        osbsctl, koji = ms(osbsctl_runs)["median"], ms(koji_runs)["median"]
        client, koji_help = ms(client_runs)["median"], ms(koji_help_runs)["median"]
        self.log(f"start-up medians of {STARTUP_RUNS}: osbsctl version {osbsctl:.1f} ms, "
                 f"koji version {koji:.0f} ms; osbsctl version --client {client:.1f} ms, "
                 f"koji --help {koji_help:.0f} ms")
        return {
            "benchmark": f"start-up, median of {STARTUP_RUNS} paired runs", "unit": "ms",
            "osbsctl": round(osbsctl, 1), "koji": round(koji, 1),
            "ratio": round(koji / osbsctl, 1), "goal": ">= 35x (osbsctl <= 5 ms)",
            "met": koji / osbsctl >= 35 and osbsctl <= 5,
            "note": (f"osbsctl version (loads libcurl for its version, no network) vs koji version (asks "
                     f"the hub); osbsctl version --client (no libcurl) {client:.1f} ms vs koji --help (no "
                     f"hub) {koji_help:.0f} ms = {koji_help / client:.1f}x"),
            "details": {"osbsctlVersionMs": ms(osbsctl_runs), "kojiVersionMs": ms(koji_runs),
                        "osbsctlVersionClientMs": ms(client_runs), "kojiHelpMs": ms(koji_help_runs),
                        "versions": versions,
                        "osbsctlPeakRSSBytes": max(r.peakRSSBytes for r in osbsctl_runs)},
        }
