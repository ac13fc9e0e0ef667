"""Benchmark: `partials serve` under load, on 127.0.0.1 only.

Starts the server (`--workers N`, default 2), then for 1, 8 and 32
concurrent clients sends a bounded number of requests (a mix of the page's
two calls: the interpreted-as preview, POST /api/parse?view=1, on prefixes of
the seed problems as a student types them, and POST /api/solve?view=1 on the
seed problems), each client on one keep-alive connection.  Prints, per
concurrency: requests per second, p50/p99 latency of preview and of solve,
the error rate; then how soon a replacement worker is ready, and the peak
memory (VmHWM) of the server and of each worker.

The baseline, measured in the same run: the same requests answered in this
process by the function the workers call (no HTTP, no worker hop), warm;
each server latency is also printed as a ratio to it.

    python bench/web.py [--workers 2] [--requests 240] [--seconds 60]
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [
    ("z = u^2 ln v, u = y/x, v = x^2 + y^2", {}),
    ("z = e^(uv), u = ln[√(x^2+y^2)], v = arctan(y/x)", {}),
    ("z=y^lnx", {"d2": [["x", "x"]]}),
    ("u = f(x,y,z), y = g(x,t), t = v(x,z)", {"d": ["x"]}),
    ("z = f(u,v), u = u(x,y), v = v(x,y)", {}),
    ("z = y / f(x^2 - y^2)", {}),
    ("e^z = xyz", {"d": ["x"], "d2": [["x", "x"]]}),
    ("F(yz, y + xz) = 0", {"d": ["y"]}),
    ("y = ln(x+2)", {}),
    ("z = e^(xy)", {"total": True, "at": "x=1,y=2"}),
]


def workload(count: int) -> list:
    """Three previews (prefixes of a seed, as typed) for every solve."""
    jobs = []
    k = 0
    while len(jobs) < count:
        text, options = SEEDS[k % len(SEEDS)]
        for cut in (len(text) // 3, 2 * len(text) // 3, len(text)):
            jobs.append(("parse", {"text": text[:cut]}))
        jobs.append(("solve", {"text": text, **options}))
        k += 1
    return jobs[:count]


def start_server(workers: int):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "partials", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process, port
        except OSError:
            time.sleep(0.3)
    process.kill()
    sys.exit("the server did not start")


def run_clients(port: int, clients: int, jobs: list, seconds: float):
    """(elapsed, [(kind, seconds, status)]) for the jobs shared among `clients` threads."""
    results, lock, queue = [], threading.Lock(), list(reversed(jobs))
    stop_at = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.monotonic() < stop_at:
            with lock:
                if not queue:
                    break
                endpoint, body = queue.pop()
            data = json.dumps(body).encode()
            began = time.perf_counter()
            try:
                connection.request("POST", f"/api/{endpoint}?view=1", body=data, headers={"Content-Type": "application/json"})
                response = connection.getresponse()
                response.read()
                status = response.status
            except OSError:
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status = 0
            took = time.perf_counter() - began
            with lock:
                results.append((endpoint, took, status))
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, results


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] if values else float("nan")


def baseline(jobs) -> dict:
    """Median seconds per request kind answered in this process, warm."""
    sys.path.insert(0, str(ROOT))
    from partials.commands.web.answers import answer
    from partials.commands.web.requests import validated

    prepared = [(endpoint, validated(endpoint, body)) for endpoint, body in jobs]
    for endpoint, request in prepared:  # warm the caches, as the workers are
        answer(endpoint, request, view=True)
    times = {"parse": [], "solve": []}
    for endpoint, request in prepared:
        began = time.perf_counter()
        answer(endpoint, request, view=True)
        times[endpoint].append(time.perf_counter() - began)
    return {kind: statistics.median(values) for kind, values in times.items()}


def peak_memory(pid: int) -> list:
    """(pid, role, VmHWM in MB) of the server and everything below it: its
    children are the forkserver and the resource tracker, the forkserver's
    children the workers."""
    children: dict = {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/stat") as stat:
                children.setdefault(int(stat.read().rsplit(")", 1)[1].split()[1]), []).append(int(entry))
        except OSError:
            pass
    found = [(pid, "server")]
    for child in children.get(pid, []):
        grandchildren = children.get(child, [])
        found.append((child, "forkserver" if grandchildren else "resource tracker"))
        found += [(worker, "worker") for worker in grandchildren]
    rows = []
    for p, role in found:
        try:
            with open(f"/proc/{p}/status") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
            rows.append((p, role, int(fields["VmHWM"].split()[0]) / 1024))
        except (OSError, KeyError):
            pass
    return rows


def worker_start(times: int = 5) -> float:
    """Median seconds from starting a worker (as one killed past its budget
    is replaced) to its first answer being possible."""
    import multiprocessing

    sys.path.insert(0, str(ROOT))
    from partials.commands.web import workers

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["partials.commands.web.warm"])
    first = workers._Worker(context, workers.DEFAULT_MEMORY_MB)  # starts and warms the forkserver
    first.await_ready(workers.STARTUP_SECONDS)
    seconds = []
    for _ in range(times):
        began = time.perf_counter()
        worker = workers._Worker(context, workers.DEFAULT_MEMORY_MB)
        worker.await_ready(workers.STARTUP_SECONDS)
        seconds.append(time.perf_counter() - began)
        worker.stop()
    first.stop()
    return statistics.median(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=240, help="requests per concurrency level")
    parser.add_argument("--seconds", type=float, default=60, help="at most this long per concurrency level")
    options = parser.parse_args()

    jobs = workload(options.requests)
    base = baseline(jobs[: 4 * len(SEEDS)])
    print(f"baseline, in process (no HTTP, no worker): preview {base['parse'] * 1e3:.1f} ms, "
          f"solve {base['solve'] * 1e3:.1f} ms (medians)")
    process, port = start_server(options.workers)
    try:
        run_clients(port, options.workers, workload(4 * len(SEEDS)), 60)  # every worker warm on every seed
        print(f"server: --workers {options.workers}, {options.requests} requests per level (3 previews : 1 solve)")
        print(f"{'clients':>7} {'req/s':>7} {'preview p50':>12} {'p99':>8} {'solve p50':>10} {'p99':>8} "
              f"{'errors':>7}  p50 ratio to baseline (preview, solve)")
        for clients in (1, 8, 32):
            elapsed, results = run_clients(port, clients, jobs, options.seconds)
            preview = [t for kind, t, _ in results if kind == "parse"]
            solve = [t for kind, t, _ in results if kind == "solve"]
            # a preview of half-typed text is answered 400 with the caret: that is the page working
            errors = sum(status not in (200, 400) for _, _, status in results)
            p50p, p50s = percentile(preview, 50), percentile(solve, 50)
            print(f"{clients:>7} {len(results) / elapsed:>7.1f} {p50p * 1e3:>9.1f} ms {percentile(preview, 99) * 1e3:>5.0f} ms "
                  f"{p50s * 1e3:>7.1f} ms {percentile(solve, 99) * 1e3:>5.0f} ms {errors / max(1, len(results)):>7.1%}  "
                  f"{p50p / base['parse']:.1f}x, {p50s / base['solve']:.1f}x")
        print(f"a replacement worker is ready {worker_start() * 1e3:.0f} ms after it is started (median of 5)")
        print("peak memory (VmHWM):")
        for pid, role, megabytes in peak_memory(process.pid):
            print(f"  {role:<16} {megabytes:7.1f} MB  (pid {pid})")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    main()
