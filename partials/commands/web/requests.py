"""What each API endpoint accepts: the command line's options as JSON keys.

Checked in the server process before anything is queued, so a malformed
request costs no worker time.  Returns the request with defaults filled in,
or raises BadRequest with one clear message.
"""
from __future__ import annotations

from partials.reading.limits import MAX_CHARACTERS

MAX_OPTION = 1_000  # characters in any option other than the text and the answer
MAX_DERIVATIVES = 16  # entries of d and d2

ENDPOINTS = ("parse", "solve", "check", "analyze", "graph")


class BadRequest(Exception):
    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message, self.hint = message, hint


def _text(limit):
    def check(key, value):
        if not isinstance(value, str):
            raise BadRequest(f"'{key}' must be a string")
        if len(value) > limit:
            raise BadRequest(f"'{key}' is {len(value):,} characters long; at most {limit:,} are accepted")
        return value
    return check


def _optional(check):
    def optional(key, value):
        return None if value is None else check(key, value)
    return optional


def _flag(key, value):
    if not isinstance(value, bool):
        raise BadRequest(f"'{key}' must be true or false")
    return value


def _names(key, value):
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise BadRequest(f"'{key}' must be a list of variable names, e.g. [\"x\", \"y\"]")
    if len(value) > MAX_DERIVATIVES or any(len(v) > MAX_OPTION for v in value):
        raise BadRequest(f"'{key}' is too long")
    return [v.strip() for v in value]


def _pairs(key, value):
    pairs = value if isinstance(value, list) else None
    if pairs is None or not all(isinstance(p, list) and len(p) == 2 for p in pairs):
        raise BadRequest(f"'{key}' must be a list of pairs of variable names, e.g. [[\"x\", \"y\"]]")
    if len(pairs) > MAX_DERIVATIVES:
        raise BadRequest(f"'{key}' is too long")
    return [_names(key, p) for p in pairs]


def _choice(*choices):
    def check(key, value):
        if value not in choices:
            raise BadRequest(f"'{key}' must be one of: {', '.join(map(str, choices))}")
        return value
    return check


def _seed(key, value):
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**32:
        raise BadRequest(f"'{key}' must be a whole number from 0 to 2^32 - 1")
    return value


_TEXT, _OPTION = _text(MAX_CHARACTERS), _optional(_text(MAX_OPTION))

# key -> (check, default); the keys mirror the command line's options
FIELDS = {
    "parse": {"text": (_TEXT, None), "of": (_OPTION, None)},
    "solve": {
        "text": (_TEXT, None), "of": (_OPTION, None), "d": (_names, []), "d2": (_pairs, []),
        "at": (_OPTION, None), "total": (_flag, False), "explicit": (_flag, False),
        "arguments": (_flag, False), "steps": (_flag, False), "lang": (_choice("en", "zh"), "en"),
    },
    "check": {
        "text": (_TEXT, None), "of": (_OPTION, None), "d": (_names, []), "target": (_OPTION, None),
        "answer": (_TEXT, None), "seed": (_seed, 0),
    },
    "graph": {
        "text": (_TEXT, None), "at": (_OPTION, None), "wrt": (_OPTION, None), "of": (_OPTION, None),
        "mode": (_choice("forward", "reverse", "both"), "both"), "float": (_flag, False),
    },
    "analyze": {
        "text": (_TEXT, None), "at": (_OPTION, None), "dir": (_OPTION, None),
        "steps": (_flag, False), "lang": (_choice("en", "zh"), "en"),
    },
}
REQUIRED = {"text", "answer"}


def validated(endpoint: str, body) -> dict:
    """The request with every key checked and the defaults filled in."""
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object, e.g. {\"text\": \"z = x^2 y\"}")
    fields = FIELDS[endpoint]
    unknown = sorted(set(body) - set(fields))
    if unknown:
        raise BadRequest(f"unknown key '{unknown[0]}'", hint=f"{endpoint} accepts: {', '.join(fields)}")
    request = {}
    for key, (check, default) in fields.items():
        if key not in body:
            if key in REQUIRED:
                raise BadRequest(f"'{key}' is missing")
            request[key] = list(default) if isinstance(default, list) else default
        else:
            request[key] = check(key, body[key])
    return request
