"""Starts osbs-sandbox for the benchmarks and talks to its control API (/_sandbox/...)."""

import json
import os
import signal
import subprocess
import time
import urllib.request


class Sandbox:
    def __init__(self, binary, state_dir, koji_speed=1.0):
        self.binary = binary
        self.state_dir = state_dir
        self.koji_speed = koji_speed
        self.process = None
        self.ready = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [self.binary, "--state-dir", self.state_dir, "--quiet", "--koji-speed", str(self.koji_speed)],
            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
        )
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            raise RuntimeError(f"osbs-sandbox exited ({self.process.returncode}) before its ready line")
        self.ready = json.loads(line)
        hub = self.ready["kojiHub"]
        self.base = hub[: hub.index("/kojihub")]
        return self

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def cpu_seconds(self):
        """User + system CPU time the sandbox has used so far (to show how much of a run was the server's)."""
        fields = open(f"/proc/{self.process.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    # Control API.

    def _request(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read() or b"null")

    def script(self, **build):
        return self._request("POST", "/_sandbox/koji/script", build)

    def advance_clock(self, seconds):
        return self._request("POST", "/_sandbox/koji/clock", {"advanceSeconds": seconds})

    def tasks(self):
        return {task["id"]: task for task in self._request("GET", "/_sandbox/koji/tasks")}

    def journal(self):
        return self._request("GET", "/_sandbox/state")["requests"]

    def clear_journal(self):
        return self._request("DELETE", "/_sandbox/requests")

    def wait_for_task_state(self, task_id, states, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            task = self.tasks().get(task_id)
            if task and task["state"] in states:
                return task
            time.sleep(0.1)
        raise TimeoutError(f"task {task_id} did not reach {states} in {timeout} s")

    def stream_file(self, url, sink):
        """GETs `url` (e.g. the task's file under /kojifiles) and hands each chunk to `sink`."""
        with urllib.request.urlopen(url, timeout=300) as response:
            while chunk := response.read(1 << 20):
                sink(chunk)


def write_koji_config(path, server, topurl, poll_interval):
    """A koji client profile [sandbox] that both koji (-c FILE -p sandbox) and osbsctl
    (--koji-config FILE --koji-profile sandbox) read."""
    with open(path, "w") as config:
        config.write(
            "[sandbox]\n"
            f"server = {server}\n"
            f"topurl = {topurl}\n"
            f"poll_interval = {poll_interval}\n"
        )
    os.chmod(path, 0o600)
    return path
