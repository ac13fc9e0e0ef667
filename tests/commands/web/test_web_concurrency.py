"""32 clients at once against a real `partials serve` (issue 15): a mix of
good, bad and expensive requests.  Every request is answered; every good
answer is exactly what the command line prints; bad ones are 400 with the
spot; expensive ones are 422 "too expensive"; afterwards the same number of
workers is alive, and after Ctrl+C no process is left behind."""
from __future__ import annotations

import io
import json
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stdout

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("latex2mathml")

from web_server import Server, descendants

from partials.cli import main

GOOD = [
    ({"text": "z = u^2 ln v, u = y/x, v = x^2 + y^2"}, ["z = u^2 ln v, u = y/x, v = x^2 + y^2"]),
    ({"text": "z = e^(uv), u = ln[√(x^2+y^2)], v = arctan(y/x)"}, ["z = e^(uv), u = ln[√(x^2+y^2)], v = arctan(y/x)"]),
    ({"text": "z=y^lnx", "d2": [["x", "x"]]}, ["z=y^lnx", "--d2", "x", "x"]),
    ({"text": "u = f(x,y,z), y = g(x,t), t = v(x,z)", "d": ["x"]}, ["u = f(x,y,z), y = g(x,t), t = v(x,z)", "--d", "x"]),
    ({"text": "e^z = xyz", "d": ["x"], "d2": [["x", "x"]]}, ["e^z = xyz", "--d", "x", "--d2", "x", "x"]),
    ({"text": "z = y / f(x^2 - y^2)"}, ["z = y / f(x^2 - y^2)"]),
    ({"text": "y = ln(x+2)"}, ["y = ln(x+2)"]),
    ({"text": "z = e^(xy)", "total": True, "at": "x=1,y=2"}, ["z = e^(xy)", "--total", "--at", "x=1,y=2"]),
]
BAD = [({"text": "z = (x +"}, 5), ({"text": "z = x ^^ 2"}, None), ({"text": "z = x", "d2": "x"}, None)]
# an exact value with more digits than any budget allows (issue 12's list), against a 2.5 s budget
# (the seed problems take well under 0.5 s)
EXPENSIVE = {"text": "z = x^(x^(x^y))", "d": ["x"], "at": "x=10,y=10"}
WORKERS = 2


def cli_json(argv) -> dict:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["solve", *argv, "--json"]) == 0
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def server():
    server = Server("--workers", str(WORKERS), "--timeout", "2.5", "--queue", "64")
    yield server
    server.stop()


def test_32_clients_mixed(server):
    expected = [cli_json(argv) for _, argv in GOOD]
    jobs = []
    for k in range(64):
        kind = "expensive" if k % 8 == 0 else "bad" if k % 4 == 1 else "good"
        jobs.append((kind, k))

    def send(job):
        kind, k = job
        if kind == "good":
            request, _ = GOOD[k % len(GOOD)]
            return job, server.post("solve", request)
        if kind == "bad":
            request, _ = BAD[k % len(BAD)]
            return job, server.post("solve", request)
        return job, server.post("solve", EXPENSIVE)

    with ThreadPoolExecutor(max_workers=32) as clients:
        answers = list(clients.map(send, jobs))

    assert len(answers) == len(jobs)
    for (kind, k), (status, body, _) in answers:
        if kind == "good":
            assert status == 200, body
            assert body == expected[k % len(GOOD)]
        elif kind == "bad":
            _, column = BAD[k % len(BAD)]
            assert status == 400 and body["error"]
            if column:
                assert (body["line"], body["column"]) == (1, column)
        else:
            assert status == 422 and body["error"] == "too expensive"

    health = server.health()
    assert health["workers"] == WORKERS and health["waiting"] == 0
    assert health["replaced"] >= sum(kind == "expensive" for kind, _ in jobs)
    # the server, a forkserver, WORKERS workers (and multiprocessing's resource tracker): none more
    alive = descendants(server.process.pid)
    assert WORKERS + 1 <= len(alive) <= WORKERS + 2, alive


def test_nothing_left_behind_and_no_traceback(server):
    alive = descendants(server.process.pid)
    log = server.stop()
    assert server.process.returncode == 0
    assert "Traceback" not in log and "Error" not in log.replace("error", ""), log
    import os
    import time

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(os.path.exists(f"/proc/{pid}") for pid in alive):
        time.sleep(0.2)
    left = [pid for pid in alive if os.path.exists(f"/proc/{pid}") and _state(pid) != "Z"]
    assert not left, left


def _state(pid) -> str:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"
