"""The grammar itself: conflict-free LALR(1), shipped beside its reader, and
its FUNC terminal the same as the one table of elementary functions."""
import re

import pytest
import sympy

from partials.core.functions import BY_SPELLING, SPECIAL_SPELLINGS, TABLE, RealCubeRoot
from partials.reading import grammar
from partials.reading.reader import read_expression


def test_grammar_has_no_conflicts_or_terminal_collisions():
    pytest.importorskip("interegular")  # Lark's strict mode needs it to compare terminals
    grammar.parser.cache_clear()
    assert grammar.parser(strict=True) is not None


def test_grammar_file_is_found():
    assert grammar.grammar_path().name == "partials.lark"
    assert "start:" in grammar.grammar_text()


def _func_alternatives() -> set:
    pattern = re.search(r"^FUNC\.\d+: /(.*)/$", grammar.grammar_text(), re.M).group(1)
    spellings = set()
    for alternative in pattern.split("|"):
        if alternative.startswith("log_"):
            spellings.add("log_b")
        else:
            spellings.add(re.sub(r"\(\?!.*\)$", "", alternative))
    return spellings


def test_the_grammar_reads_exactly_the_functions_of_the_table():
    assert _func_alternatives() == set(BY_SPELLING) | SPECIAL_SPELLINGS


@pytest.mark.parametrize("spelling", sorted(BY_SPELLING))
def test_every_spelling_reads_to_its_function(spelling):
    x = sympy.Symbol("x", real=True)
    expected = BY_SPELLING[spelling].sympy(x)
    assert read_expression(f"{spelling}(x)") == expected


@pytest.mark.parametrize("row", TABLE, ids=lambda row: row.name)
def test_every_function_is_differentiated_printed_and_evaluated(row):
    """Read, differentiated, printed (text reads back), valued on floats
    (agreeing with mpmath at high precision), for every row of the table."""
    import mpmath

    from partials.core.evaluate import FP, Evaluator
    from partials.presentation.printing import latex, text

    x = sympy.Symbol("x", real=True)
    call = row.sympy(x)
    derivative = sympy.diff(call, x)
    assert not derivative.has(sympy.Derivative)
    printed = text(call)
    assert read_expression(printed) == call, printed
    assert latex(call).endswith(("x", "x}", r"x\right|"))
    inside_unit_interval = row.sympy in (sympy.asin, sympy.acos, sympy.atanh)
    point = sympy.Rational(3, 10) if inside_unit_interval else sympy.Rational(17, 10)
    value = Evaluator(FP, {})(call, {"x": float(point)})
    with mpmath.workdps(30):
        exact = float(sympy.N(call.subs(x, point), 30))
    assert abs(value - exact) <= 1e-12 * max(1.0, abs(exact))


def test_the_cube_root_is_real():
    x = sympy.Symbol("x", real=True)
    assert read_expression("∛(-8)") == -2
    assert read_expression("cbrt x") == RealCubeRoot(x)
    assert sympy.diff(RealCubeRoot(x), x).subs(x, -8) == sympy.Rational(1, 12)
