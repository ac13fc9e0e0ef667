"""Every `$ partials …` example in README.md prints what README shows."""
import io
import re
import shlex
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from partials.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"


def examples():
    """(command line, expected output) for each `$ partials` line of a text block."""
    found = []
    for block in re.findall(r"```text\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        for chunk in re.split(r"^(?=\$ partials )", block, flags=re.M):
            if chunk.startswith("$ partials "):
                command, _, output = chunk.partition("\n")
                found.append((command[len("$ partials "):], output.rstrip("\n")))
    return found


def test_readme_has_examples():
    assert len(examples()) >= 10


@pytest.mark.parametrize("command, expected", examples(), ids=[c for c, _ in examples()])
def test_readme_example_prints_what_readme_shows(command, expected, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(README.parent)  # examples name files from the repository root
    printed = io.StringIO()
    with redirect_stdout(printed):
        try:
            main(shlex.split(command))
        except SystemExit:
            pass
    assert printed.getvalue().rstrip("\n") == expected
