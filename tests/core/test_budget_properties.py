"""Property: random short inputs generated from the grammar end within the
budget with exit status 0/2/3 (check: 0/1/2/3), one message, no traceback,
for `solve` and `check`.  Two sources: the grammar's own productions
(hypothesis.extra.lark, any token the grammar allows, whitespace included)
and a textbook-shaped generator over the same productions (sums, products,
juxtaposition, powers, functions with and without brackets, |…|, abstract
functions, implicit equations), which reaches the engine more often."""
from functools import lru_cache

import lark
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

from partials.cli import main
from partials.reading.grammar import grammar_text

BUDGET = ["--timeout", "1.5", "--memory", "512"]
SETTINGS = settings(max_examples=20, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                           HealthCheck.function_scoped_fixture])  # capsys is read after every example

NAMES = st.sampled_from(["x", "y", "u", "v", "t"])
NUMBERS = st.sampled_from(["0", "1", "2", "3", "10", "1/2", "0.5", "99", "10^60", "π", "e"])
FUNCTIONS = st.sampled_from(["ln", "sin", "cos", "tan", "arctan", "sqrt", "e^", "exp", "√", "sinh"])


def _grow(inner):
    return st.one_of(
        st.tuples(inner, st.sampled_from([" + ", " - ", "·", "/", " ", "^", "*"]), inner).map("".join),
        st.tuples(FUNCTIONS, inner).map(lambda p: f"{p[0]}({p[1]})"),
        st.tuples(FUNCTIONS, NAMES).map(lambda p: f"{p[0]} {p[1]}" if p[0][-1].isalpha() else "".join(p)),
        inner.map(lambda e: f"({e})"),
        inner.map(lambda e: f"|{e}|"),
        inner.map(lambda e: f"-{e}"),
        st.tuples(inner, st.sampled_from(["²", "^2", "^-1", "^(1/2)", "^x", "^y", "^10"])).map("".join),
        st.tuples(inner, inner).map(lambda p: f"f({p[0]}, {p[1]})"),
    )


EXPRESSIONS = st.recursive(st.one_of(NAMES, NUMBERS), _grow, max_leaves=6)
PROBLEMS = st.one_of(
    EXPRESSIONS.map(lambda e: f"z = {e}"),
    st.tuples(EXPRESSIONS, EXPRESSIONS).map(lambda p: f"z = {p[0]}, u = {p[1]}"),
    st.tuples(EXPRESSIONS, EXPRESSIONS).map(lambda p: f"{p[0]} = {p[1]}"),
    st.tuples(EXPRESSIONS, EXPRESSIONS).map(lambda p: f"z = f(u, v), u = {p[0]}, v = {p[1]}"),
)


@lru_cache(maxsize=None)
def _grammar_strings():
    grammar = lark.Lark(grammar_text(), parser="lalr", lexer="contextual")
    # the bars of |x| are told apart by the reader's post-lexer, not by a terminal of their own
    bars = {"ABS_OPEN": st.just("|"), "ABS_CLOSE": st.just("|")}
    return from_lark(grammar, explicit=bars).filter(lambda text: 0 < len(text) <= 40)


def _ends_cleanly(argv, allowed, capsys):
    status = main(argv)
    out, err = capsys.readouterr()
    assert status in allowed, (argv, status, out, err)
    assert "Traceback" not in out + err
    assert "internal error" not in out + err, (argv, err)
    if status in (2, 3) and argv[0] == "solve":
        assert err.strip(), "an error exit says why"


@SETTINGS
@given(text=PROBLEMS)
def test_solve_on_textbook_shaped_inputs_ends_cleanly(text, capsys):
    _ends_cleanly(["solve", text, *BUDGET], (0, 2, 3), capsys)


@SETTINGS
@given(text=PROBLEMS, answer=EXPRESSIONS)
def test_check_on_textbook_shaped_inputs_ends_cleanly(text, answer, capsys):
    _ends_cleanly(["check", text, "--d", "x", "--answer", answer, *BUDGET], (0, 1, 2, 3), capsys)


@SETTINGS
@given(data=st.data())
def test_solve_on_strings_of_the_grammar_ends_cleanly(data, capsys):
    text = data.draw(_grammar_strings())
    _ends_cleanly(["solve", text, *BUDGET], (0, 2, 3), capsys)


@SETTINGS
@given(data=st.data())
def test_check_on_strings_of_the_grammar_ends_cleanly(data, capsys):
    text, answer = data.draw(_grammar_strings()), data.draw(_grammar_strings())
    _ends_cleanly(["check", text, "--d", "x", "--answer", answer, *BUDGET], (0, 1, 2, 3), capsys)
