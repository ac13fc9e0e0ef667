"""Bad input: one clear message (caret where there is a spot), exit status 2, never a traceback or a hang."""
import subprocess
import sys
import time

import pytest

from partials import LimitError, NotationError, PartialsError, parse
from partials.cli import main

BAD = [
    # text, words in the message, has a caret
    ("", "empty", False),
    ("   \n  ", "empty", False),
    ("z = (x + y", "not closed", True),
    ("z = x + y)", "no opening", True),
    ("z = [x + y)", "closed by", True),
    ("z = x + * y", "two operators", True),
    ("z = x ^", "ends with an operator", True),
    ("z = ln", "missing its argument", True),
    ("z = x2", "ambiguous", True),
    ("z = x @ y", "unexpected character", True),
    ("z = x < y", "unexpected character", True),
    ("__import__('os').system('ls')", "unexpected character", True),
    ("z = x\x00 + y", "control character", True),
    ("z = x\u202e + y", "control character", True),
    ("z = x + 1, z = y", "defined twice", False),
    ("x = y + 1, y = x + 1", "cycle", False),
    ("z = 10^10^10", "digits", False),
    ("z = ((9^9)^9999)^9999", "digits", False),
    ("z = 9" * 1 + "9" * 200, "digits", False),
    ("z = x^100000", "exponents", False),
    ("z = " + "(" * 5000 + "x" + ")" * 5000, "characters", False),
    ("z = " + "(" * 2000 + "x" + ")" * 2000, "nested", False),
    ("z = " + "-" * 2000 + "x", "nest", False),
    ("z = " + "x^" * 200 + "x", "nest", False),
    ("z = " + " + ".join(["x"] * 200_000), "characters", False),
    ("z = " + "+".join(["x"] * 2000), "symbols", False),
    ("∂²z/∂x", "order 2", True),
    ("z = x, ∂z/∂x = 1", "derivative cannot be part", True),
]


@pytest.mark.parametrize("text, words, caret", BAD, ids=[repr(row[0][:30]) for row in BAD])
def test_bad_input_gets_one_clear_message_and_exit_2(text, words, caret, capsys):
    main(["parse", "z = x"])  # the parser is built (or loaded from its cache) before the clock starts
    capsys.readouterr()
    started = time.perf_counter()
    status = main(["parse", text])
    elapsed = time.perf_counter() - started
    error = capsys.readouterr().err
    assert status == 2
    assert words in error
    assert "Traceback" not in error
    assert ("column" in error) == caret
    if caret:
        caret_line = next(line for line in error.splitlines() if line.strip() == "^")
        assert caret_line.index("^") >= 4
    assert len(error.splitlines()) <= 8
    assert elapsed < 10.0  # a guard against hangs on a loaded machine, not a benchmark


@pytest.mark.parametrize("text", [row[0] for row in BAD if len(row[0]) < 1000])
def test_the_api_raises_only_partials_errors(text):
    with pytest.raises(PartialsError):
        parse(text)


def test_caret_sits_under_the_offending_character():
    with pytest.raises(NotationError) as caught:
        parse("z = u^2 ln v, u = y/x, v = x^2 + * y^2")
    error = caught.value
    assert (error.line, error.column) == (1, 34)
    lines = str(error).splitlines()
    source, caret = lines[2], lines[3]
    assert source[caret.index("^")] == "*"


def test_caret_is_placed_by_display_width_after_chinese_text():
    with pytest.raises(NotationError) as caught:
        parse("设 z = x + * y")
    lines = str(caught.value).splitlines()
    assert lines[3].index("^") == 4 + 2 + 1 + 8  # 设 takes two columns


def test_limits_are_limit_errors():
    with pytest.raises(LimitError):
        parse("z = 2^(2^(2^(2^(2^9))))")


def test_command_line_has_no_traceback_on_bad_input():
    result = subprocess.run([sys.executable, "-m", "partials", "parse", "z = (x"], capture_output=True, text=True,
                            encoding="utf-8")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "not closed" in result.stderr
