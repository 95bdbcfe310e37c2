"""Drive a live server: start uvicorn pinned to one core, run wrk pinned to another."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BACKEND = Path(__file__).resolve().parent.parent / "backend"
SERVER_CORE = "1"
CLIENT_CORE = "0"


@dataclass
class Target:
    """One endpoint to load: a request per bench user, rotated by the wrk script."""

    name: str
    method: str
    paths: list[str]
    body: str | None = None
    base: str | None = None  # another server's URL (the hello yardstick); None: the app's


@dataclass
class Result:
    name: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    errors: int
    note: str = ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A uvicorn process serving `app` (its import string and options) with one or more
    workers, pinned with taskset to SERVER_CORE; `python` is the interpreter (another
    project's venv), `env` is added to this process's environment."""

    def __init__(
        self,
        app: list[str],
        *,
        cwd: Path,
        port: int | None = None,
        env: dict[str, str] | None = None,
        python: str = sys.executable,
        ready_path: str = "/api/ready",
        workers: int = 1,
    ) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ready_path = ready_path
        command = [
            "taskset", "-c", SERVER_CORE, python, "-m", "uvicorn", *app,
            "--host", "127.0.0.1", "--port", str(self.port),
            "--workers", str(workers), "--log-level", "warning", "--no-access-log",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})})

    def wait_ready(self, timeout: float = 180) -> None:
        # 180 s: on the shared machine at a load average of 20, workers took over a minute
        # to import the app.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(self.url + self.ready_path, timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise RuntimeError("the server did not become ready")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def openapi(self) -> dict[str, Any]:
        with urllib.request.urlopen(self.url + "/api/openapi.json", timeout=10) as r:
            return json.load(r)

    def call(self, target: Target, token: str) -> tuple[int, bytes]:
        """One request as the first bench user: (status, body)."""
        request = urllib.request.Request(
            (target.base or self.url) + target.paths[0],
            method=target.method,
            data=target.body.encode() if target.body else None,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()


def touchbase(database_url: str, workers: int = 1) -> Server:
    """Touchbase (`app.main:create_app --factory`) over the database at `database_url`."""
    port = free_port()
    env = {
        "TOUCHBASE_DATABASE_URL": database_url,
        "TOUCHBASE_FRONTEND_DIR": "",
        "TOUCHBASE_PUBLIC_URL": f"http://127.0.0.1:{port}",
    }
    app = ["app.main:create_app", "--factory"]
    return Server(app, cwd=BACKEND, port=port, env=env, workers=workers)


def hello(workers: int = 1) -> Server:
    """bench/hello.py's bare FastAPI app, served the same way: the yardstick."""
    here = Path(__file__).resolve().parent
    return Server(["hello:app"], cwd=here, ready_path="/hello", workers=workers)


_LUA = """
local tokens = {%(tokens)s}
local paths = {%(paths)s}
local method = %(method)s
local body = %(body)s
local i = 0
request = function()
  i = i %% #tokens + 1
  local headers = {["Authorization"] = "Bearer " .. tokens[i]}
  if body then headers["Content-Type"] = "application/json" end
  return wrk.format(method, paths[i], headers, body)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCHJSON {\\"requests\\": %%d, \\"duration_us\\": %%d, \\"non_2xx\\": %%d, " ..
    "\\"errors\\": %%d, \\"p50_us\\": %%d, \\"p99_us\\": %%d}\\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


def _lua_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid Lua string literal for our ASCII text


def wrk(
    url: str, target: Target, tokens: list[str], duration: int, connections: int
) -> dict[str, Any]:
    """Run wrk (pinned to CLIENT_CORE) through a rotating Lua script; its summary."""
    script = _LUA % {
        "tokens": ", ".join(_lua_string(t) for t in tokens),
        "paths": ", ".join(_lua_string(p) for p in target.paths),
        "method": _lua_string(target.method),
        "body": _lua_string(target.body) if target.body else "nil",
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    try:
        out = subprocess.run(
            [
                "taskset",
                "-c",
                CLIENT_CORE,
                "wrk",
                "-t1",
                f"-c{connections}",
                f"-d{duration}s",
                "--timeout",
                "30s",
                "--latency",
                "-s",
                f.name,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(f.name)
    line = next(x for x in out.splitlines() if x.startswith("BENCHJSON "))
    return json.loads(line.removeprefix("BENCHJSON "))


def measure(
    server: Server,
    targets: list[Target],
    tokens: list[str],
    duration: int,
    connections: int,
    rounds: int = 3,
) -> list[Result]:
    """Warm each endpoint up, then load them in turn, `rounds` times over, for `duration`
    seconds each in all: a drift of the machine then touches every endpoint alike. Requests
    per second are over all rounds; p50 is the median of the rounds', p99 the worst."""
    for target in targets:
        wrk(target.base or server.url, target, tokens, 2, connections)
    runs: dict[str, list[dict[str, Any]]] = {t.name: [] for t in targets}
    for _ in range(rounds):
        for target in targets:
            seconds = max(1, round(duration / rounds))
            url = target.base or server.url
            summary = wrk(url, target, tokens, seconds, connections)
            runs[target.name].append(summary)
            # The requests wrk left in flight finish before the next endpoint's load starts
            # (a slow one, Today at 1M applications, would otherwise slow the next).
            time.sleep(min(5.0, summary["p99_us"] / 1e6))
    results = []
    for name, summaries in runs.items():
        p50s = sorted(s["p50_us"] for s in summaries)
        results.append(
            Result(
                name=name,
                requests_per_s=sum(s["requests"] for s in summaries)
                / (sum(s["duration_us"] for s in summaries) / 1e6),
                p50_ms=p50s[len(p50s) // 2] / 1000,
                p99_ms=max(s["p99_us"] for s in summaries) / 1000,
                non_2xx=sum(s["non_2xx"] for s in summaries),
                errors=sum(s["errors"] for s in summaries),
            )
        )
    return results
