"""Runs one command and reports its wall time and the peak RSS of that process alone.

Used as a module by the benchmark suites, and on its own:

    python3 bench/measure.py [--stdout FILE] [--stderr FILE] -- COMMAND ARG...

prints {"seconds": ..., "peakRSSBytes": ..., "exitCode": ..., "cpuSeconds": ...} as JSON.

The command is started by bench/peak-rss.c (compiled on first use with cc), which times it and takes
its peak RSS from wait4(): forked from Python the figure would include Python's own ~15 MB.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import asdict, dataclass

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_DIR = os.path.dirname(BENCH_DIR)


@dataclass
class Measurement:
    seconds: float
    peakRSSBytes: int
    exitCode: int
    cpuSeconds: float
    # The user-space part of cpuSeconds; the rest is the kernel working for the process.
    userSeconds: float


def c_compiler(purpose):
    """The C compiler the bench builds its helpers with (cc, else clang); `purpose` names what needs it."""
    compiler = shutil.which("cc") or shutil.which("clang")
    if compiler is None:
        raise RuntimeError(f"bench needs a C compiler (cc or clang) for {purpose}")
    return compiler


def compile_swift(source_text, directory, name, link_flags=()):
    """Compiles Swift `source_text` into `directory/name` as osbsctl's release binary is linked (static
    Swift runtime and Foundation, unused sections dropped, no exported symbols); returns its path."""
    swiftc = shutil.which("swiftc")
    if swiftc is None:
        raise RuntimeError(f"swiftc is not on PATH (needed for {name})")
    source = os.path.join(directory, name + ".swift")
    binary = os.path.join(directory, name)
    with open(source, "w") as file:
        file.write(source_text)
    flags = ["-parse-as-library"] if "@main" in source_text else []
    subprocess.run(
        [swiftc, "-O", "-static-stdlib", *flags, "-Xlinker", "--gc-sections", "-Xlinker", "--no-export-dynamic",
         "-ldl", *link_flags, "-o", binary, source],
        check=True,
    )
    return binary


def compile_with_libcurl(source_text, directory, name):
    """Compiles `source_text` into `directory/name`, linked with the system's libcurl; returns its path."""
    source = os.path.join(directory, name + ".c")
    binary = os.path.join(directory, name)
    with open(source, "w") as file:
        file.write(source_text)
    # Debian ships libcurl.so.4 without the unversioned development link unless libcurl4-*-dev is in.
    subprocess.run([c_compiler(name), "-O2", "-o", binary, source, "-l:libcurl.so.4"], check=True)
    return binary


def helper_path():
    """The compiled peak-rss helper, built into the (git-ignored) bench scratch directory when stale."""
    source = os.path.join(BENCH_DIR, "peak-rss.c")
    tools = os.environ.get("BENCH_TOOLS_DIR") or os.path.join(REPO_DIR, ".build-bench", "bench-tools")
    binary = os.path.join(tools, "peak-rss")
    if not os.path.exists(binary) or os.path.getmtime(binary) < os.path.getmtime(source):
        os.makedirs(tools, exist_ok=True)
        subprocess.run([c_compiler("bench/peak-rss.c"), "-O2", "-o", binary, source], check=True)
    return binary


def run(command, stdout=None, stderr=None, env=None, timeout=None):
    """Runs `command` to completion with stdin from /dev/null. `stdout`/`stderr` are paths
    (None: /dev/null). Raises TimeoutError when it runs longer than `timeout` seconds."""
    helper = helper_path()
    with tempfile.NamedTemporaryFile("r", prefix="bench-measure-", suffix=".txt") as report, open(
        stdout or os.devnull, "wb"
    ) as out, open(stderr or os.devnull, "wb") as err:
        process = subprocess.Popen(
            [helper, report.name, *command], stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env
        )
        # The helper kills nothing itself; on timeout its whole process group goes.
        timer = threading.Timer(timeout, lambda: _kill_tree(process.pid)) if timeout else None
        if timer:
            timer.start()
        try:
            process.wait()
        finally:
            if timer:
                timer.cancel()
        fields = report.read().split()
    if len(fields) != 5:
        if timer and not timer.is_alive() and process.returncode != 0:
            raise TimeoutError(f"{command[0]} ran longer than {timeout} s and was stopped")
        raise RuntimeError(f"peak-rss did not report on {command[0]} (exit {process.returncode})")
    seconds, rss_kib, code, cpu, user = float(fields[0]), int(fields[1]), int(fields[2]), float(fields[3]), float(fields[4])
    if timeout and seconds >= timeout and code < 0:
        raise TimeoutError(f"{command[0]} ran longer than {timeout} s and was stopped")
    return Measurement(seconds=seconds, peakRSSBytes=rss_kib * 1024, exitCode=code, cpuSeconds=cpu, userSeconds=user)


def paired(run_a, run_b, runs):
    """Runs A B A B … `runs` times each, so drifting load and caches fall on both sides alike.

    `run_a` and `run_b` take the run index and return a number (seconds, or any measure); returns the
    two lists of samples in run order."""
    a, b = [], []
    for index in range(runs):
        a.append(run_a(index))
        b.append(run_b(index))
    return a, b


def spread(samples):
    """Median, min, max and every sample of a list of numbers, as the suites' JSON records them."""
    ordered = sorted(samples)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return {"median": median, "min": ordered[0], "max": ordered[-1], "all": list(samples)}


def _kill_tree(helper_pid):
    """Kills the measured command (the helper's only child), so the helper reports and exits."""
    try:
        children = open(f"/proc/{helper_pid}/task/{helper_pid}/children").read().split()
    except OSError:
        return
    for pid in children:
        try:
            os.kill(int(pid), 9)
        except OSError:
            pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stdout", help="write the command's standard output here (default: /dev/null)")
    parser.add_argument("--stderr", help="write the command's standard error here (default: /dev/null)")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    command = options.command[1:] if options.command[:1] == ["--"] else options.command
    if not command:
        parser.error("name a command to run")
    print(json.dumps(asdict(run(command, stdout=options.stdout, stderr=options.stderr))))


if __name__ == "__main__":
    sys.exit(main())
