"""Whatever is pasted, the statement reader and the normalising pass either
read it or raise one PartialsError (exit status 2): never another exception,
and every normalised character knows a column of the pasted text."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partials.core.errors import PartialsError
from partials.reading.statement.normalize import normalize
from partials.reading.statement.reader import read_statement
from partials.assessment.statement_solving import point_of, problem_of, targets_of

PIECES = ["设", "求", "，", "。", "则", "其中", "为常数", "在点", "(1, 2)", "处", "的偏导数", "全微分", "证明", "Let ", "Find ",
          " where ", " and ", " is a constant", " at ", "z", "x", "y", "u", "=", "+", "^", "2", "(", ")", "{", "}", "\\frac",
          "\\sqrt", "\\partial", "\\left(", "\\right)", "$", "∂z/∂x", "z_x", "f(x+y, xy)", "e^(xy)", "ln", "dz", "?",
          "|_{(1,2)}", "<equation>", "</equation>", "⼀", "∛", "根号", "^1\\2", "，", "＝", "－", " ", "\n", "'", "a", "k",
          "f_{1}^{\\prime}", "partial z / partial x", "13、", "例3", "要过程", "___", "=?"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14))
def test_a_statement_is_read_or_refused_with_one_error(pieces):
    text = "".join(pieces)
    mapped = normalize(text)
    assert len(mapped.origins) == len(mapped.text)
    assert all(0 <= origin <= len(text) for origin in mapped.origins)
    try:
        statement = read_statement(text)
        problem = problem_of(statement)
        point_of(statement, problem)
        targets_of(statement, problem)
    except PartialsError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_normalises_with_origins(text):
    mapped = normalize(text)
    assert len(mapped.origins) == len(mapped.text)
    assert all(0 <= origin <= len(text) for origin in mapped.origins)


def test_the_input_limits_hold_for_statements():
    import pytest

    from partials.core.errors import LimitError

    with pytest.raises(LimitError):
        read_statement("设 z = x，" + "求" * 10_000)
    with pytest.raises(LimitError):
        problem_of(read_statement("设 " + "x+" * 4_900 + "y = z，求 ∂z/∂x"))
