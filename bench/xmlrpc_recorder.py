"""A recording HTTP proxy in front of the Koji hub: forwards every request unchanged and notes, per
request, the XML-RPC method and (for multiCall) the methods and first argument of each batched call.

The sandbox's own journal counts requests; this tells what each one asked, so the benchmark can tell
a poll from a one-off lookup without trusting either client's account of itself.
"""

import http.client
import threading
import urllib.parse
import xmlrpc.client
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Hop-by-hop headers are the proxy's own business (RFC 9110 7.6.1).
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"}


def describe(body):
    """(method, [(inner method, first argument), ...]) of an XML-RPC call body."""
    try:
        params, method = xmlrpc.client.loads(body, use_builtin_types=True)
    except Exception:  # not XML-RPC (or not parseable): record it as such
        return None, []
    calls = []
    if method == "multiCall" and params:
        for call in params[0] if isinstance(params[0], list) else []:
            inner = call.get("params") or [None]
            calls.append((call.get("methodName"), inner[0] if inner else None))
    else:
        calls.append((method, params[0] if params else None))
    return method, calls


class Recorder:
    def __init__(self, upstream):
        parsed = urllib.parse.urlsplit(upstream)
        self.host, self.port = parsed.hostname, parsed.port or 80
        self.lock = threading.Lock()
        self.entries = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                self._forward()

            def do_GET(self):
                self._forward()

            def _forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                method, calls = describe(body) if self.command == "POST" else (None, [])
                with recorder.lock:
                    recorder.entries.append(
                        {"httpMethod": self.command, "path": self.path.split("?")[0], "method": method,
                         "calls": calls})
                if not hasattr(self, "upstream"):
                    self.upstream = http.client.HTTPConnection(recorder.host, recorder.port, timeout=300)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                self.upstream.request(self.command, self.path, body=body, headers=headers)
                response = self.upstream.getresponse()
                payload = response.read()
                self.send_response(response.status, response.reason)
                for name, value in response.getheaders():
                    if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def take(self):
        """The entries so far, forgetting them."""
        with self.lock:
            entries, self.entries = self.entries, []
        return entries
