"""Worker processes for the web server: every computation runs in one, with
a time limit enforced from outside (the worker is killed) and a memory cap
(RLIMIT_AS, partials.core.bounded.cap_memory); a killed or dead worker is
answered "too expensive" and replaced.  Requests wait for a free worker in a
bounded queue; past its bound they are refused at once (QueueFull -> 503).
The interpreted-as preview (parse, milliseconds) is served before waiting
solves, so typing stays responsive while the workers are busy.

Workers are forked from a forkserver that imported and warmed the engine
once (partials.commands.web.warm), so a replacement is ready in milliseconds and never
inherits the server's threads.
"""
from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor

from partials.commands.web.answers import too_expensive

DEFAULT_TIMEOUT = 10.0  # seconds per request
DEFAULT_MEMORY_MB = 768  # address space a worker may add to what it starts with
DEFAULT_QUEUE = 64  # requests waiting for a worker before 503
STARTUP_SECONDS = 60.0
WARM_UP = [  # fills the engine's caches before the first request
    ("parse", {"text": "z = u^2 ln v, u = y/x, v = x^2 + y^2", "of": None}),
    ("solve", {"text": "z = u^2 ln v, u = y/x, v = x^2 + y^2", "of": None, "d": [], "d2": [], "at": None,
               "total": False, "explicit": False, "arguments": False, "steps": True, "lang": "en"}),
]


class QueueFull(Exception):
    """More requests are waiting than the queue holds."""


def _limit_memory(memory_mb: int) -> None:
    from partials.core.bounded import cap_memory  # the one memory cap (RLIMIT_AS) of every worker

    cap_memory(memory_mb)


def _worker_main(connection, memory_mb: int, warm: bool) -> None:
    from partials.commands.web.answers import answer

    _limit_memory(memory_mb)
    for endpoint, request in WARM_UP if warm else ():
        answer(endpoint, request, view=True)
    connection.send("ready")
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        connection.send(answer(*job))


class _Worker:
    def __init__(self, context, memory_mb):
        parent, child = context.Pipe()
        warm = context.get_start_method() != "forkserver"  # else partials.commands.web.warm did it in the forkserver
        self.process = context.Process(target=_worker_main, args=(child, memory_mb, warm), daemon=True)
        self.process.start()
        child.close()
        self.connection = parent
        self.ready = False

    def await_ready(self, seconds) -> bool:
        from partials.core.bounded import ready_by

        deadline = time.monotonic() + seconds
        self.ready = self.ready or ready_by(self.connection, deadline)
        return self.ready

    def call(self, job, timeout):
        """(status, body, healthy): healthy is False when the worker had to be killed."""
        if not self.await_ready(STARTUP_SECONDS):
            return (*too_expensive("no worker could start"), False)
        try:
            self.connection.send(job)
            if not self.connection.poll(timeout):
                return (*too_expensive(f"over the {timeout:g} s time limit"), False)
            status, body = self.connection.recv()
        except (EOFError, OSError, BrokenPipeError):
            return (*too_expensive("the computation ran out of memory"), False)
        return status, body, True

    def stop(self, kill=False):
        if not kill:
            try:
                self.connection.send(None)
            except (BrokenPipeError, OSError):
                kill = True
        if kill:
            self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


class Pool:
    def __init__(self, size=2, timeout=DEFAULT_TIMEOUT, memory_mb=DEFAULT_MEMORY_MB, queue=DEFAULT_QUEUE):
        self.size, self.timeout, self.memory_mb, self.queue_limit = max(1, size), timeout, memory_mb, queue
        self.workers: list[_Worker] = []
        self.waiting = 0
        self.replaced = 0
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._waiters = {True: deque(), False: deque()}  # futures waiting for a worker: quick ones first
        self._threads = None
        self._context = None

    # ---- life -----------------------------------------------------------------
    def start(self) -> None:
        """Start the workers and wait until each is warm; call from the event loop's thread."""
        if "forkserver" in multiprocessing.get_all_start_methods():
            self._context = multiprocessing.get_context("forkserver")
            self._context.set_forkserver_preload(["partials.commands.web.warm"])
        else:
            self._context = multiprocessing.get_context("spawn")
        self._threads = ThreadPoolExecutor(max_workers=self.size, thread_name_prefix="partials-worker")
        self.workers = [_Worker(self._context, self.memory_mb) for _ in range(self.size)]
        for worker in self.workers:
            worker.await_ready(STARTUP_SECONDS)
            self._idle.append(worker)

    def close(self) -> None:
        with self._lock:
            workers, self.workers = self.workers, []
        for worker in workers:
            worker.stop()
        if self._threads:
            self._threads.shutdown(wait=False, cancel_futures=True)

    def pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self.workers]

    # ---- requests ---------------------------------------------------------------
    async def run(self, endpoint: str, request: dict, view: bool = False) -> tuple[int, dict]:
        if not self._idle and self.waiting >= self.queue_limit:
            raise QueueFull
        self.waiting += 1
        try:
            worker = await self._acquire(quick=endpoint == "parse")
        finally:
            self.waiting -= 1
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._threads, self._call, worker, (endpoint, request, view), loop)
        return await asyncio.shield(future)

    async def _acquire(self, quick: bool):
        if self._idle:
            return self._idle.pop()
        future = asyncio.get_running_loop().create_future()
        self._waiters[quick].append(future)
        try:
            return await future
        except asyncio.CancelledError:  # the client went away
            if future.done() and not future.cancelled():
                self._release(future.result())
            raise

    def _release(self, worker) -> None:
        """On the event loop: the worker to the first waiting request (quick ones first), else idle."""
        for quick in (True, False):
            waiters = self._waiters[quick]
            while waiters:
                future = waiters.popleft()
                if not future.done():
                    future.set_result(worker)
                    return
        self._idle.append(worker)

    def _call(self, worker, job, loop):
        """In a thread: the worker's answer; the worker (or its replacement)
        goes back to the idle queue whatever happens to the request."""
        healthy = False
        try:
            status, body, healthy = worker.call(job, self.timeout)
            return status, body
        finally:
            if not healthy:
                worker = self._replace(worker)
            loop.call_soon_threadsafe(self._release, worker)

    def _replace(self, worker):
        worker.stop(kill=True)
        fresh = _Worker(self._context, self.memory_mb)
        with self._lock:
            self.workers = [fresh if w is worker else w for w in self.workers]
            self.replaced += 1
        return fresh

    def stats(self) -> dict:
        return {"workers": self.size, "idle": len(self._idle), "waiting": self.waiting,
                "replaced": self.replaced}


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))
