"""The JSON API of `partials serve` (issue 15): every endpoint and error path.

Each answer must be exactly the object the command prints with --json
(compared with the command line's own output), and its values are checked
against oracles independent of the engine (sympy.diff of the fully
substituted expression, mpmath finite differences, the seed problems' own
numbers)."""
from __future__ import annotations

import io
import json
import math
import threading
from contextlib import redirect_stdout

import mpmath
import pytest

pytest.importorskip("starlette")
pytest.importorskip("latex2mathml")
try:  # starlette's TestClient runs on httpx2 (newer starlette) or httpx (older)
    import httpx2  # noqa: F401
except ImportError:
    pytest.importorskip("httpx")

from starlette.testclient import TestClient

from partials.cli import main
from partials.commands.web.app import create_app

SEED_1 = "z = u^2 ln v, u = y/x, v = x^2 + y^2"
EXPENSIVE = "e^(z*x*y) + sin(z*x^y) + cos(z^2*y^x) = x*y*z + z^(x*y)"  # about 8 s for its three second derivatives


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(workers=2, timeout=60), raise_server_exceptions=False) as client:
        yield client


def cli_json(*argv) -> dict:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main([*argv, "--json"]) in (0, 1)
    return json.loads(out.getvalue())


# ---- the same object as the command line -------------------------------------------
@pytest.mark.parametrize("text", [SEED_1, "z = f(u,v), u = u(x,y), v = v(x,y)", "e^z = xyz", "c = a + b, d = b + 1, e = c·d"])
def test_parse_is_the_cli_object(client, text):
    response = client.post("/api/parse", json={"text": text})
    assert response.status_code == 200
    assert response.json() == cli_json("parse", text)


@pytest.mark.parametrize("request_, argv", [
    ({"text": "z=y^lnx", "d2": [["x", "x"]]}, ["z=y^lnx", "--d2", "x", "x"]),
    ({"text": SEED_1, "d": ["x", "y"]}, [SEED_1, "--d", "x", "--d", "y"]),
    ({"text": "e^z = xyz", "d": ["x"], "d2": [["x", "x"]]}, ["e^z = xyz", "--d", "x", "--d2", "x", "x"]),
    ({"text": "z = e^(xy)", "total": True, "at": "x=1,y=2"}, ["z = e^(xy)", "--total", "--at", "x=1,y=2"]),
    ({"text": SEED_1, "d": ["x"], "at": "x=1,y=2"}, [SEED_1, "--d", "x", "--at", "x=1,y=2"]),
    ({"text": "x = u cos v, y = u sin v", "of": "u", "d": ["x"]}, ["x = u cos v, y = u sin v", "--of", "u", "--d", "x"]),
])
def test_solve_is_the_cli_object(client, request_, argv):
    response = client.post("/api/solve", json=request_)
    assert response.status_code == 200
    assert response.json() == cli_json("solve", *argv)


def test_check_and_graph_are_the_cli_objects(client):
    right = {"text": "z = x^2 y", "d": ["x"], "answer": "2xy"}
    assert client.post("/api/check", json=right).json() == cli_json("check", "z = x^2 y", "--d", "x", "--answer", "2xy")
    graph = {"text": "c = a + b, d = b + 1, e = c·d", "at": "a=2,b=1"}
    assert client.post("/api/graph", json=graph).json() == cli_json("graph", graph["text"], "--at", "a=2,b=1")


# ---- values against independent oracles ----------------------------------------------------
def _seed_1(x, y):
    u, v = y / x, x**2 + y**2
    return u**2 * mpmath.log(v)


@pytest.mark.parametrize("x, y", [(1, 2), (-1.5, 0.5), (2, -3)])
def test_solve_value_matches_finite_differences(client, x, y):
    body = client.post("/api/solve", json={"text": SEED_1, "d": ["x", "y"], "at": f"x={x},y={y}"}).json()
    mpmath.mp.dps = 40
    expected = [mpmath.diff(_seed_1, (mpmath.mpf(x), mpmath.mpf(y)), order) for order in ((1, 0), (0, 1))]
    for result, exact in zip(body["results"], expected):
        shown = result["value"].split("≈")[-1].replace("−", "-").strip()
        assert math.isclose(float(shown), float(exact), rel_tol=1e-5), (result["value"], exact)


def test_graph_seed_problem_numbers(client):
    """Seed problem 11: at a = 2, b = 1 the nodes are c = 3, d = 2, e = 6; ∂e/∂a = 2, ∂e/∂b = 5."""
    body = client.post("/api/graph", json={"text": "c = a + b, d = b + 1, e = c·d", "at": "a=2,b=1"}).json()
    nodes = {node["name"]: node for node in body["nodes"]}
    assert {name: nodes[name]["value"] for name in "cde"} == {"c": 3, "d": 2, "e": 6}
    assert nodes["a"]["adjoint"] == 2 and nodes["b"]["adjoint"] == 5


def test_check_right_and_wrong(client):
    """Seed 7: ∂z/∂x = yz/(e^z − xy) from e^z = xyz; off by a sign is wrong."""
    right = client.post("/api/check", json={"text": "e^z = xyz", "d": ["x"], "answer": "yz/(e^z - xy)"}).json()
    wrong = client.post("/api/check", json={"text": "e^z = xyz", "d": ["x"], "answer": "-yz/(e^z - xy)"}).json()
    assert right["correct"] is True and right["status"] == "right"
    assert wrong["correct"] is False and wrong["counterexample"]["point"]


def test_view_renders_mathml_steps_and_roles(client):
    parsed = client.post("/api/parse?view=1", json={"text": SEED_1}).json()
    assert parsed["json"] == cli_json("parse", SEED_1)
    assert parsed["view"]["roles"] == {"independent": ["x", "y"], "intermediate": ["u", "v"], "dependent": ["z"], "implicit": []}
    assert parsed["view"]["relations"][0]["text"] == "z = u²·ln(v)"
    solved = client.post("/api/solve?view=1", json={"text": "e^z = xyz", "d": ["x"], "steps": True, "lang": "zh"}).json()
    result = solved["view"]["results"][0]
    assert result["mathml"].startswith("<math") and "<mfrac>" in result["mathml"]
    assert result["text"] == "∂z/∂x = yz/(e^z − xy)"
    assert any("\u4e00" <= ch <= "\u9fff" for step in result["steps"] for ch in step["caption"])


# ---- errors -----------------------------------------------------------------------------------
def test_notation_error_has_line_column_and_hint(client):
    response = client.post("/api/parse", json={"text": "z = (x +"})
    assert response.status_code == 400
    assert response.json() == {"error": "a bracket is not closed", "line": 1, "column": 5, "hint": "add the closing bracket"}


def test_role_error_is_400(client):
    response = client.post("/api/solve", json={"text": "z = x^2 y", "d": ["w"]})
    assert response.status_code == 400 and response.json()["error"]


@pytest.mark.parametrize("body, fragment", [
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe", "not valid JSON"),
    (b"[1, 2]", "must be a JSON object"),
    (b"[" * 30_000 + b"]" * 30_000, "not valid JSON"),  # nested past the JSON reader's recursion limit
    (b'{"txt": "z = x"}', "unknown key 'txt'"),
    (b"{}", "'text' is missing"),
    (b'{"text": 5}', "'text' must be a string"),
    (b'{"text": "z = x", "d": "x y"}', None),  # a single name string is accepted as [name]; see below
    (b'{"text": "z = x", "d2": [["x"]]}', "pairs"),
    (b'{"text": "z = x", "total": "yes"}', "true or false"),
    (b'{"text": "z = x", "lang": "fr"}', "one of"),
])
def test_malformed_requests_are_400(client, body, fragment):
    response = client.post("/api/solve", content=body)
    assert response.status_code == 400
    if fragment:
        assert fragment in response.json()["error"]
    assert set(response.json()) == {"error", "line", "column", "hint"}


def test_check_needs_an_answer_and_a_seed_in_range(client):
    assert client.post("/api/check", json={"text": "z = x"}).status_code == 400
    assert client.post("/api/check", json={"text": "z = x", "d": ["x"], "answer": "1", "seed": -1}).status_code == 400


def test_oversized_body_is_413(client):
    response = client.post("/api/parse", content=b'{"text": "' + b"x" * 70_000 + b'"}')
    assert response.status_code == 413 and "bytes" in response.json()["error"]


def test_text_over_the_reader_limit_is_400(client):
    response = client.post("/api/parse", json={"text": "x+" * 5_001 + "x"})
    assert response.status_code == 400 and "10,000" in response.json()["error"]


def test_unknown_endpoint_wrong_method_and_missing_analyze(client):
    assert client.post("/api/differentiate", json={"text": "z = x"}).status_code == 404
    assert client.get("/api/solve").status_code == 405
    analyze = client.post("/api/analyze", json={"text": "z = x"})
    assert analyze.status_code in (200, 400, 501)
    if analyze.status_code == 501:
        assert client.get("/healthz").json()["analyze"] is False


def test_health_page_and_static_files(client):
    assert client.get("/healthz").json()["status"] == "ok"
    page = client.get("/")
    assert page.status_code == 200 and 'id="problem"' in page.text and "Content-Security-Policy" in page.headers
    for name in ("app.js", "style.css"):
        assert client.get(f"/static/{name}").status_code == 200
    assert "http" not in page.text.replace('xmlns="http', "")  # nothing fetched from elsewhere


# ---- budgets and the queue ---------------------------------------------------------------------------
def test_too_expensive_is_422_and_the_worker_is_replaced():
    with TestClient(create_app(workers=1, timeout=0.5)) as small:
        pid = small.app.state.pool.pids()[0]
        slow = {"text": EXPENSIVE, "d2": [["x", "y"], ["x", "x"], ["y", "y"]]}
        response = small.post("/api/solve", json=slow)
        assert response.status_code == 422
        assert response.json()["error"] == "too expensive" and "time limit" in response.json()["reason"]
        assert small.app.state.pool.pids()[0] != pid  # killed and replaced
        after = small.post("/api/solve", json={"text": "z = x^2 y", "d": ["x"]})
        assert after.status_code == 200 and after.json()["results"][0]["text"] == "2xy"


def test_full_queue_is_503_with_retry_after():
    with TestClient(create_app(workers=1, timeout=5.0, queue=1)) as small:
        slow = {"text": EXPENSIVE, "d2": [["x", "y"], ["x", "x"], ["y", "y"]]}
        statuses = []

        def send():
            statuses.append(small.post("/api/solve", json=slow))

        threads = [threading.Thread(target=send) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        codes = sorted(r.status_code for r in statuses)
        assert 503 in codes and set(codes) <= {200, 422, 503}, codes
        busy = next(r for r in statuses if r.status_code == 503)
        assert busy.headers["Retry-After"] == "1" and busy.json()["error"] == "the server is busy"


def test_workers_run_under_a_memory_cap(client):
    for pid in client.app.state.pool.pids():
        with open(f"/proc/{pid}/limits") as limits:
            line = next(row for row in limits if row.startswith("Max address space"))
        soft = line.split()[3]
        assert soft != "unlimited" and int(soft) < 64 * 2**30, line


def test_out_of_memory_and_internal_errors_in_a_worker(monkeypatch):
    from partials.commands.web import answers

    def exhausted(*args):
        raise MemoryError

    def broken(*args):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(answers, "_answer", exhausted)
    assert answers.answer("solve", {"text": "z = x"}) == (422, answers.too_expensive("the computation ran out of memory")[1])
    monkeypatch.setattr(answers, "_answer", broken)
    status, body = answers.answer("solve", {"text": "z = x"})
    assert (status, body["error"]) == (500, "internal error") and "a bug" not in json.dumps(body)


def test_analyze_answers_with_what_the_command_prints(monkeypatch):
    """/api/analyze calls the analysis command's own run() with --json (a
    stand-in command here, so the test holds with or without the real one)."""
    import sys
    import types

    from partials.commands.web import answers

    stand_in = types.ModuleType("partials.commands.analyze")

    def add_arguments(parser):
        parser.add_argument("text")
        parser.add_argument("--at")
        parser.add_argument("--dir", dest="direction")
        parser.add_argument("--steps", action="store_true")
        parser.add_argument("--lang", default="en")
        parser.add_argument("--json", action="store_true")

    def run(args):
        if args.text == "undecidable":
            print("partials analyze: could not decide: no bound found", file=sys.stderr)
            return 3
        print(json.dumps({"text": args.text, "at": args.at, "direction": args.direction, "json": args.json}))
        return 0

    stand_in.add_arguments, stand_in.run = add_arguments, run
    monkeypatch.setitem(sys.modules, "partials.commands.analyze", stand_in)
    request = {"text": "xy/(x^2+y^2)", "at": "x=0,y=0", "dir": "(1,1)", "steps": False, "lang": "en"}
    assert answers.answer("analyze", request) == (
        200, {"text": "xy/(x^2+y^2)", "at": "x=0,y=0", "direction": "(1,1)", "json": True})
    status, body = answers.answer("analyze", {**request, "text": "undecidable"})
    assert status == 422 and body["error"] == "could not decide" and "no bound found" in body["reason"]


def test_graph_picture_is_svg_from_graphviz_or_none(client):
    import re
    import shutil

    body = client.post("/api/graph?view=1", json={"text": "c = a + b, d = b + 1, e = c·d", "at": "a=2,b=1"}).json()
    assert body["json"] == cli_json("graph", "c = a + b, d = b + 1, e = c·d", "--at", "a=2,b=1")
    if shutil.which("dot") is None:
        assert body["view"]["svg"] is None  # the page shows the tables
        return
    svg = body["view"]["svg"]
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    labels = set(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    assert {"a", "b", "c", "d", "e"} <= {label.split()[0] for label in labels if label.strip()}


def test_a_queue_of_zero_still_serves_a_free_worker():
    with TestClient(create_app(workers=1, queue=0)) as small:
        response = small.post("/api/solve", json={"text": "z = x^2 y", "d": ["x"]})
        assert response.status_code == 200 and response.json()["results"][0]["text"] == "2xy"


def test_a_pasted_statement_is_solved_as_the_command_solves_it(client):
    import sympy

    text = "设 z = x^2 y + e^(xy)，求 ∂z/∂x。"
    body = client.post("/api/solve", json={"text": text}).json()
    assert body == cli_json("solve", text)
    x, y = sympy.symbols("x y", real=True)
    found = sympy.sympify(body["results"][0]["sympy"], locals={"Symbol": sympy.Symbol})  # our own srepr, not user text
    assert sympy.simplify(found - sympy.diff(x**2 * y + sympy.exp(x * y), x)) == 0
