"""`partials serve [--host 127.0.0.1] [--port 8000] [--workers N] [--open]`: the web page and JSON API.

Needs the `web` extra (Starlette, uvicorn, latex2mathml): pip install "partials[web]".
"""
from __future__ import annotations

from partials.core.errors import PartialsError

BUDGET = "own"  # a server runs until interrupted; each request has its own budget (--timeout, --memory)
INSTALL = 'pip install "partials[web]"  (from a checkout: pip install ".[web]")'


def add_arguments(parser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="worker processes that compute the answers (default: the cores, at most 4)")
    parser.add_argument("--timeout", type=float, default=None, metavar="SECONDS", help="time allowed per request (default 10)")
    parser.add_argument("--memory", type=int, default=None, metavar="MB", help="memory a worker may add, in MB (default 768)")
    parser.add_argument("--queue", type=int, default=None, help="requests waiting for a worker before 503 (default 64)")
    parser.add_argument("--open", action="store_true", help="open the page in a browser")


def run(args) -> int:
    try:
        import latex2mathml  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn
    except ImportError as error:
        raise PartialsError(f"the web server needs the package '{error.name}'", hint=INSTALL) from None
    from partials.commands.web.app import create_app
    from partials.commands.web.workers import (
        DEFAULT_MEMORY_MB,
        DEFAULT_QUEUE,
        DEFAULT_TIMEOUT,
        default_workers,
    )

    if not 0 < args.port < 65536:
        raise PartialsError(f"--port {args.port} is not a port number (1 to 65535)")
    for option, value in (("--workers", args.workers), ("--timeout", args.timeout), ("--memory", args.memory)):
        if value is not None and not value > 0:
            raise PartialsError(f"{option} must be more than 0")
    if args.queue is not None and args.queue < 0:
        raise PartialsError("--queue must be 0 or more")
    app = create_app(
        workers=args.workers or default_workers(),
        timeout=args.timeout or DEFAULT_TIMEOUT,
        memory_mb=args.memory or DEFAULT_MEMORY_MB,
        queue=args.queue if args.queue is not None else DEFAULT_QUEUE,
    )
    host = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{host}:{args.port}/"
    print(f"partials serve: {url}  (Ctrl+C to stop)", flush=True)
    if args.open:
        import threading
        import webbrowser

        threading.Timer(1.5, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", server_header=False)
    return 0
