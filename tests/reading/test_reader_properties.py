"""Whatever text comes in, reading it ends in a result or a PartialsError, quickly.

Strings are generated from the grammar itself (its rules and terminals), as
arbitrary text, and as mutations of the seed problems."""
import time

import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lark import Lark
from lark.grammar import NonTerminal

from partials import PartialsError
from partials.classroom.examples import SEED_ANSWER_NOTATION, SEED_PROBLEMS
from partials.reading.grammar import grammar_text
from partials.reading.reader import read_answer, read_problem

SEEDS = [*SEED_PROBLEMS.values(), "az/ax = 2ulnv - y/x^2", SEED_ANSWER_NOTATION]
# Terminals whose regular expressions use lookahead get explicit examples.
LOOKAHEAD_TERMINALS = {
    "DTOP": st.sampled_from(["d", "a"]),
    "DOP_ORDER": st.sampled_from(["(∂^2)", "(δ^2)", "(d²)"]),
    "CALLNAME": st.sampled_from(["f", "g", "x", "F", "φ", "z"]),
    "PRIMED_CALL": st.sampled_from(["'", "''", "′"]),
    "INDEXED_CALL": st.sampled_from(["f₁′", "f_1'", "F'_2", "f_12''", "f''_{12}"]),
    "ABS_OPEN": st.just("|"),  # made from "|" by the post-lexer
    "ABS_CLOSE": st.just("|"),
}
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
BOUND_SECONDS = 5.0  # a guard against hangs; typical reads take milliseconds


class GrammarStrings:
    """Strings derived from the grammar's own rules and terminals.

    hypothesis.extra.lark.from_lark picks productions uniformly and, on a
    grammar this recursive, spends minutes on derivations that overrun its
    buffer; this walk does the same but, past a depth, takes the expansion
    that ends soonest."""

    def __init__(self, lark: Lark, explicit: dict, max_depth: int = 6):
        self.rules: dict = {}
        for rule in lark.rules:
            self.rules.setdefault(rule.origin.name, []).append(rule.expansion)
        self.terminals = {t.name: t for t in lark.terminals}
        self.explicit = explicit
        self.max_depth = max_depth
        self.height = self._heights()

    def _heights(self) -> dict:
        height = {name: float("inf") for name in self.rules}
        changed = True
        while changed:
            changed = False
            for name, expansions in self.rules.items():
                best = min(1 + max([height.get(s.name, 0) for s in e if isinstance(s, NonTerminal)], default=0)
                           for e in expansions)
                if best < height[name]:
                    height[name], changed = best, True
        return height

    def _expansion_height(self, expansion) -> float:
        return max([self.height[s.name] for s in expansion if isinstance(s, NonTerminal)], default=0)

    def terminal(self, draw, name: str) -> str:
        if name in self.explicit:
            return draw(self.explicit[name])
        pattern = self.terminals[name].pattern
        if pattern.type == "str":
            return pattern.value
        return draw(st.from_regex(pattern.to_regexp(), fullmatch=True))

    def symbol(self, draw, name: str, depth: int) -> str:
        expansions = self.rules[name]
        if depth >= self.max_depth:
            lowest = min(map(self._expansion_height, expansions))
            expansions = [e for e in expansions if self._expansion_height(e) == lowest]
        expansion = draw(st.sampled_from(expansions))
        parts = [self.symbol(draw, s.name, depth + 1) if isinstance(s, NonTerminal) else self.terminal(draw, s.name)
                 for s in expansion]
        return " ".join(parts)

    def strategy(self):
        return st.composite(lambda draw: self.symbol(draw, "start", 0))()


def ends_cleanly(text: str) -> None:
    started = time.perf_counter()
    for read in (read_problem, read_answer):
        try:
            result = read(text)
        except PartialsError as error:
            assert str(error)
        else:
            assert result is not None
    assert time.perf_counter() - started < BOUND_SECONDS


@SETTINGS
@given(GrammarStrings(Lark(grammar_text(), parser="lalr", lexer="contextual"), LOOKAHEAD_TERMINALS).strategy())
def test_grammar_generated_text(text):
    ends_cleanly(text)


@SETTINGS
@given(st.text(max_size=80))
def test_arbitrary_text(text):
    ends_cleanly(text)


@SETTINGS
@given(st.text(alphabet="xyzuvfFe^()[]{}|+-*/=,;'′_0123456789 lnsincoarctg√∂δ偏²", max_size=60))
def test_text_made_of_notation_characters(text):
    ends_cleanly(text)


@st.composite
def mutated_seed(draw):
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 3))):
        position = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        character = draw(st.sampled_from(list("()[]^*/+-=,;'_x2 ∂|√e")))
        if kind == "insert":
            text = text[:position] + character + text[position:]
        elif kind == "delete":
            text = text[:position] + text[position + 1:]
        else:
            text = text[:position] + character + text[position + 1:]
    return text


@SETTINGS
@given(mutated_seed())
def test_mutated_seed_problems(text):
    ends_cleanly(text)


def test_every_seed_reads():
    for text in SEED_PROBLEMS.values():
        problem = read_problem(text)
        assert all(isinstance(r.rhs, sympy.Basic) for r in problem.relations)
