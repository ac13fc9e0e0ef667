"""Output files named on the command line, checked before any work starts:
a report or a worksheet must not be lost to a typo after minutes of grading."""
from __future__ import annotations

import os
from pathlib import Path

from partials.core.errors import PartialsError


def writable_file(name, option: str = "-o", make_folder: bool = False) -> Path:
    """The path `name` if a file can be written there, else PartialsError
    saying why (a folder, a missing folder, no permission); with
    `make_folder` the writer creates missing folders itself."""
    path = Path(name)
    if str(name).strip() == "":
        raise PartialsError(f"{option} needs a file name")
    if path.is_dir():
        raise PartialsError(f"cannot write to {name}: it is a folder; give {option} a file name")
    folder = path.parent if str(path.parent) else Path(".")
    if make_folder:
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if folder.exists() and not folder.is_dir():
            raise PartialsError(f"cannot write to {name}: {folder} is a file, not a folder")
        return path
    if not folder.is_dir():
        raise PartialsError(f"cannot write to {name}: the folder {folder} does not exist")
    if path.exists() and not os.access(path, os.W_OK) or not path.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise PartialsError(f"cannot write to {name}: permission denied")
    return path


def write_text(path, text: str) -> None:
    """Write `text` to `path`; a failure is one message, not a traceback."""
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as error:
        raise PartialsError(f"cannot write to {path}: {error.strerror or error}") from None
