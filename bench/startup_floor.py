"""The start-up floor: how fast a program built and linked as osbsctl is can start, next to osbsctl.

    python3 bench/startup_floor.py --osbsctl BIN [--runs 30] [--instructions]

Runs osbsctl's local commands (`version --client`, `--help`, `config view` as table and JSON, `ovs check
--from` on a saved dump: the commands whose start-up goal is 5 ms) and `osbsctl version`. Compiles
minimal programs with the flags osbsctl's release build uses (`swiftc -O -static-stdlib`,
`--gc-sections`, `--no-export-dynamic`, `-ldl`: the Swift runtime, Foundation and Dispatch linked in, the system's libc, libm,
libstdc++ and libgcc_s shared), then runs them interleaved with osbsctl (A B C … A B C …, after one
untimed run of each) and prints the median, min and max wall and CPU time of each:

- `swift print`: one `print` and nothing else;
- `swift + Foundation`: imports Foundation (as osbsctl does) and writes the line through `FileHandle`;
- `swift + Foundation, async main`: the same from an `async` `main`, as osbsctl's `@main` is: the
  concurrency runtime starts and the work hops to one of its threads;
- the async program twice more, linked as osbsctl is not: without PIE (`-no-pie`: none of the ~90,000
  relative relocations osbsctl's loader applies) and also with libstdc++ linked statically (the loader
  no longer maps and relocates libstdc++.so, ~1.8 M instructions): what those link choices cost;
- the async program once more, mapping libcurl as osbsctl does (`dlopen` with `RTLD_LAZY`, no
  `curl_global_init`) and printing its version from `curl_version_info()`: the floor of `osbsctl version`;
- `C + libcurl`: a C program linked with the system's libcurl that prints `curl_version_info()`'s version:
  what any program pays that maps libcurl and its ~30 libraries (`osbsctl version` loads it to report it).

With `--instructions`, each is also run once under `valgrind --tool=callgrind` for its instruction
count (the load of the shared machine does not move it). The protocol-conformance records of each
Swift binary are counted from its `swift5_protocol_conformances` section: the runtime scans them all on
the first cast of each (type, protocol) pair, which is where osbsctl's start-up goes (bench/README.md).
Results go to `bench/results/startup-floor-<date>.json`.
"""

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile

import measure
import quiet

SWIFT_PROGRAMS = {
    "swift print": 'print("osbsctl 0.1.0")\n',
    "swift + Foundation": (
        "import Foundation\n"
        'FileHandle.standardOutput.write(Data("osbsctl 0.1.0\\n".utf8))\n'
    ),
    "swift + Foundation, async main": (
        "import Foundation\n"
        "@main struct Floor {\n"
        "  static func main() async {\n"
        '    FileHandle.standardOutput.write(Data("osbsctl 0.1.0\\n".utf8))\n'
        "  }\n"
        "}\n"
    ),
}

# `osbsctl version`'s floor: the async program that also maps libcurl as osbsctl's shim does (dlopen with
# RTLD_LAZY, no curl_global_init) and prints its version from curl_version_info, as osbsctl does. Not
# curl_version(): its text names OpenLDAP's version, and asking OpenLDAP initialises it (ldap.conf, the
# resolver's files) and Cyrus SASL, which maps every plugin in its directory (Debian 12: eight, and Berkeley
# DB): 2 M instructions and 16 more files opened, none of which osbsctl touches.
SWIFT_LIBCURL = (
    "import Foundation\n"
    "@main struct Floor {\n"
    "  static func main() async {\n"
    '    guard let library = dlopen("libcurl.so.4", RTLD_LAZY | RTLD_LOCAL),\n'
    '      let symbol = dlsym(library, "curl_version_info") else { exit(1) }\n'
    "    let versionInfo = unsafeBitCast(symbol, to: (@convention(c) (Int32) -> UnsafeRawPointer).self)\n"
    "    // curl_version_info_data starts with its age (an enum, padded to 8 bytes) and the version string.\n"
    "    let version = versionInfo(10).load(fromByteOffset: 8, as: UnsafePointer<CChar>.self)\n"
    '    FileHandle.standardOutput.write(Data("osbsctl 0.1.0 libcurl \\(String(cString: version))\\n".utf8))\n'
    "  }\n"
    "}\n"
)

C_LIBCURL = (
    "#include <stdio.h>\n"
    "struct curl_version_info_prefix { int age; const char *version; };\n"
    "struct curl_version_info_prefix *curl_version_info(int age);\n"
    'int main(void) { printf("libcurl %s\\n", curl_version_info(10)->version); return 0; }\n'
)


def build(directory):
    """Compiles the floor programs into `directory`; returns [(name, path)] in table order."""
    compiler = measure.c_compiler("the libcurl floor")
    programs = []
    # The last program again, linked two ways osbsctl is not: what each link choice costs before `main`.
    static_libstdcxx = os.path.join(directory, "static-libstdc++")
    archive = subprocess.run([compiler, "-print-file-name=libstdc++.a"], capture_output=True, text=True).stdout.strip()
    variants = [("", [])]
    variants.append((", no PIE", ["-Xclang-linker", "-no-pie"]))
    if os.path.isabs(archive) and os.path.exists(archive):
        # swiftc's static-stdlib-args.lnk says -lstdc++; a search directory holding only the archive
        # makes the linker take it instead of libstdc++.so.
        os.makedirs(static_libstdcxx, exist_ok=True)
        os.symlink(archive, os.path.join(static_libstdcxx, "libstdc++.a"))
        variants.append((", no PIE, static libstdc++", ["-Xclang-linker", "-no-pie", "-L", static_libstdcxx]))
    sources = list(SWIFT_PROGRAMS.items())
    builds = [(name, source, []) for name, source in sources]
    builds += [(sources[-1][0] + suffix, sources[-1][1], flags) for suffix, flags in variants[1:]]
    builds.append((sources[-1][0] + ", then dlopen libcurl", SWIFT_LIBCURL, []))
    for index, (name, source, link_flags) in enumerate(builds):
        programs.append((name, measure.compile_swift(source, directory, f"floor{index}", link_flags)))
    programs.append(("C + libcurl", measure.compile_with_libcurl(C_LIBCURL, directory, "floor-curl")))
    return programs


def conformance_records(binary):
    """The number of protocol-conformance records (4-byte relative pointers) in `binary`, or None."""
    try:
        sections = subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    for line in sections.stdout.splitlines():
        fields = line.replace("[ ", "[").split()
        if "swift5_protocol_conformances" in fields:
            at = fields.index("swift5_protocol_conformances")
            return int(fields[at + 4], 16) // 4
    return 0


def instructions(command, environment):
    """Instructions executed by `command` (all threads), from callgrind, or None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    with tempfile.TemporaryDirectory(prefix="startup-floor-cg-") as scratch:
        out = os.path.join(scratch, "callgrind.out")
        binary = command[0]
        if shutil.which("strip"):
            # valgrind cannot read Swift 6.3's DWARF; the symbol table is enough to run it.
            binary = os.path.join(scratch, os.path.basename(command[0]))
            subprocess.run(["strip", "--strip-debug", "-o", binary, command[0]], check=True)
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", binary, *command[1:]],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=environment,
        )
        with open(out) as file:
            for line in file:
                if line.startswith("summary:") or line.startswith("totals:"):
                    return int(line.split()[1])
    return None


def local_command_inputs(directory):
    """What `config view` and `ovs check --from` read, written as the sandbox writes its files: an osbsctl
    profile naming a Koji config and a kubeconfig (a token user), a saved flow dump of a node (the repo's
    fixture, 25 flows) and the PodList that owns all of its per-pod flows, so the check finds nothing
    and exits 0. Returns the environment for osbsctl and the check's arguments."""
    koji = os.path.join(directory, "koji.conf")
    kubeconfig = os.path.join(directory, "kubeconfig")
    config = os.path.join(directory, "osbsctl.yaml")
    pods = os.path.join(directory, "pods.json")
    files = {
        koji: "[bench]\nserver = https://koji.example.test/kojihub\ntopurl = https://koji.example.test/kojifiles\n"
              "authtype = password\nuser = builder1\npassword = builder1pass\npoll_interval = 1\n",
        kubeconfig: "apiVersion: v1\nkind: Config\nclusters:\n- name: bench\n  cluster:\n"
                    "    server: https://api.example.test:6443\nusers:\n- name: admin\n  user:\n"
                    "    token: bench-token\ncontexts:\n- name: bench\n  context:\n    cluster: bench\n"
                    "    user: admin\n    namespace: osbs\ncurrent-context: bench\n",
        config: f"defaultProfile: bench\nprofiles:\n  bench:\n    koji:\n      profile: bench\n"
                f"      configFile: {json.dumps(koji)}\n    openshift:\n      kubeconfig: {json.dumps(kubeconfig)}\n"
                f"      context: bench\n      namespace: osbs\n",
        pods: json.dumps({"kind": "PodList", "apiVersion": "v1", "items": [
            {"metadata": {"name": f"build-{index}", "namespace": "osbs"}, "spec": {"nodeName": "node-1"},
             "status": {"phase": "Running", "podIP": address}}
            for index, address in enumerate(["10.128.1.7", "10.129.1.108", "10.129.1.168"])]}),
    }
    for path, text in files.items():
        with open(path, "w") as file:
            file.write(text)
        os.chmod(path, 0o600)
    dump = os.path.join(measure.REPO_DIR, "Tests/OSBSKitTests/Fixtures/ovs/ovs-3.1.0-dump-flows-one-stale-pod.txt")
    environment = dict(os.environ, OSBSCTL_CONFIG=config, KUBECONFIG=kubeconfig)
    return environment, ["ovs", "check", "--from", dump, "--pods-from", pods]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--osbsctl", required=True, help="the release osbsctl binary (--static-swift-stdlib)")
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each program (default 30)")
    parser.add_argument("--instructions", action="store_true", help="also count instructions with callgrind")
    options = parser.parse_args()

    load_at_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="startup-floor-") as scratch:
        environment, check = local_command_inputs(scratch)
        commands = [
            ("osbsctl version --client", [options.osbsctl, "version", "--client"]),
            ("osbsctl --help", [options.osbsctl, "--help"]),
            ("osbsctl config view", [options.osbsctl, "config", "view"]),
            ("osbsctl config view -o json", [options.osbsctl, "config", "view", "-o", "json"]),
            ("osbsctl ovs check --from (25 flows, 3 pods)", [options.osbsctl, *check]),
            ("osbsctl version", [options.osbsctl, "version"]),
        ] + [(name, [binary]) for name, binary in build(scratch)]
        for _, command in commands:
            measure.run(command, env=environment)  # untimed: page cache
        samples = {name: {"wall": [], "cpu": []} for name, _ in commands}
        for _ in range(options.runs):
            for name, command in commands:
                result = measure.run(command, env=environment)
                if result.exitCode != 0:
                    raise RuntimeError(f"{name} exited with {result.exitCode}")
                samples[name]["wall"].append(result.seconds)
                samples[name]["cpu"].append(result.cpuSeconds)
        rows = []
        for name, command in commands:
            rows.append({
                "program": name,
                "wallSeconds": measure.spread(samples[name]["wall"]),
                "cpuSeconds": measure.spread(samples[name]["cpu"]),
                "instructions": instructions(command, environment) if options.instructions else None,
                "conformanceRecords": conformance_records(command[0]) if "C +" not in name else None,
            })
    load_at_end = os.getloadavg()

    print(f"load average {load_at_start[0]:.2f} at start, {load_at_end[0]:.2f} at the end"
          + ("" if quiet.worst_load({"loadAverageAtStart": load_at_start, "loadAverageAtEnd": load_at_end})
             <= quiet.QUIET_LOAD_AVERAGE else " (not quiet: the times are not the floor)"))
    print(f"{'program':<52} {'wall median':>11} {'min':>7} {'max':>7} {'cpu median':>10} "
          f"{'instructions':>13} {'conformances':>12}")
    for row in rows:
        wall, cpu = row["wallSeconds"], row["cpuSeconds"]
        count = f"{row['instructions'] / 1e6:.1f} M" if row["instructions"] else "-"
        records = str(row["conformanceRecords"]) if row["conformanceRecords"] is not None else "-"
        print(f"{row['program']:<52} {wall['median'] * 1e3:>8.2f} ms {wall['min'] * 1e3:>7.2f} "
              f"{wall['max'] * 1e3:>7.2f} {cpu['median'] * 1e3:>7.2f} ms {count:>13} {records:>12}")

    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H%M%SZ")
    results = os.path.join(measure.BENCH_DIR, "results")
    os.makedirs(results, exist_ok=True)
    path = os.path.join(results, f"startup-floor-{stamp}.json")
    with open(path, "w") as file:
        json.dump({"runs": options.runs, "loadAverageAtStart": load_at_start, "loadAverageAtEnd": load_at_end,
                   "rows": rows}, file, indent=2)
    print(f"written to {path}")


if __name__ == "__main__":
    sys.exit(main())
