"""The Starlette application: the page, POST /api/<command>, GET /healthz.

Status codes: 200 the command's --json object (with ?view=1, the page's
{"json": …, "view": …}); 400 the input cannot be understood, malformed JSON
or an unknown key, {"error", "line", "column", "hint"}; 413 a body over the
size limit; 422 {"error": "too expensive", "reason"} past the time or memory
budget; 501 a command this installation lacks; 503 with Retry-After when
the queue is full; 500 {"error": "internal error"} (the traceback goes to
the log at DEBUG only).
"""
from __future__ import annotations

import contextlib
import importlib.util
import json
import logging
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from partials.commands.web.answers import error_body
from partials.commands.web.requests import ENDPOINTS, BadRequest, validated
from partials.commands.web.workers import DEFAULT_MEMORY_MB, DEFAULT_QUEUE, DEFAULT_TIMEOUT, Pool, QueueFull

MAX_BODY = 64 * 1024  # bytes in one request body
STATIC = Path(__file__).parent / "static"
RETRY_AFTER = "1"
log = logging.getLogger("partials.commands.web")
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class TooLarge(Exception):
    pass


def has_command(name: str) -> bool:
    return importlib.util.find_spec(f"partials.commands.{name}") is not None


def create_app(workers: int = 2, timeout: float = DEFAULT_TIMEOUT, memory_mb: int = DEFAULT_MEMORY_MB,
               queue: int = DEFAULT_QUEUE, max_body: int = MAX_BODY) -> Starlette:
    pool = Pool(workers, timeout=timeout, memory_mb=memory_mb, queue=queue)
    analyze = has_command("analyze")

    @contextlib.asynccontextmanager
    async def lifespan(app):
        pool.start()
        try:
            yield
        finally:
            pool.close()

    async def page(request: Request):
        return FileResponse(STATIC / "index.html", headers=HEADERS)

    async def healthz(request: Request):
        return JSONResponse({"status": "ok", "analyze": analyze, **pool.stats()})

    async def api(request: Request):
        endpoint = request.path_params["endpoint"]
        if endpoint not in ENDPOINTS:
            return _error(404, f"no endpoint /api/{endpoint}", hint=f"the endpoints are {', '.join(ENDPOINTS)}")
        if endpoint == "analyze" and not analyze:
            return _error(501, "this installation of partials has no analysis command")
        try:
            body = await _body(request, max_body)
        except TooLarge:
            return _error(413, f"the request body is over {max_body:,} bytes")
        try:
            wanted = validated(endpoint, json.loads(body))
        except (ValueError, UnicodeDecodeError, RecursionError):
            return _error(400, "the body is not valid JSON", hint='send e.g. {"text": "z = x^2 y"}')
        except BadRequest as error:
            return _error(400, error.message, hint=error.hint)
        view = request.query_params.get("view") in ("1", "true")
        try:
            status, answer = await pool.run(endpoint, wanted, view)
        except QueueFull:
            return _error(503, "the server is busy", hint="try again in a moment", headers={"Retry-After": RETRY_AFTER})
        except Exception:  # logged for the operator, never shown to the user
            log.debug("internal error in /api/%s", endpoint, exc_info=True)
            return _error(500, "internal error")
        return JSONResponse(answer, status_code=status)

    routes = [
        Route("/", page),
        Route("/healthz", healthz),
        Route("/api/{endpoint}", api, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.pool = pool
    return app


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise TooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _error(status: int, message: str, hint: str | None = None, headers=None) -> Response:
    return JSONResponse(error_body(message, hint=hint), status_code=status, headers=headers)
