"""Parameter families: substitution, and worksheet versions that are
reproducible from the seed and differ between seeds and between versions."""
from __future__ import annotations

import pytest

from partials.core.errors import LimitError
from partials.classroom.problemset import bank_files, load_problem_set, problem_set_from_data
from partials.classroom.variants import draw_values, family_members, substitute, worksheet_variants
from partials.classroom.worksheet import Options, build_worksheet

SUBSTITUTIONS = [
    ("z = f($a x + $b y, xy)", {"a": 2, "b": 3}, "z = f(2x + 3y, xy)"),
    ("z = f($a x + $b y, xy)", {"a": 1, "b": -1}, "z = f(x - y, xy)"),
    ("z = f($a x + $b y, xy)", {"a": -1, "b": -4}, "z = f(-x - 4y, xy)"),
    ("u = e^($a x) cos($b y)", {"a": 3, "b": 1}, "u = e^(3x) cos(y)"),
    ("w = x^$a y^$b", {"a": -2, "b": 3}, "w = x^(-2) y^3"),
    ("$a·$b f_11''", {"a": 2, "b": 5}, "2·5f_11''"),
    ("2$a + $b", {"a": 3, "b": 4}, "2·3 + 4"),
    ("z^3 - 3xyz = $a^3", {"a": 2}, "z^3 - 3xyz = 2^3"),
    ("y/$a", {"a": 1}, "y/1"),
]


@pytest.mark.parametrize("text,values,expected", SUBSTITUTIONS)
def test_substitute_writes_coefficients_as_a_person_would(text, values, expected):
    assert substitute(text, values) == expected


def test_substituted_texts_read_as_the_intended_expression():
    from partials.reading.reader import read_expression
    from partials.core.symbols import variable

    x, y = variable("x"), variable("y")
    assert read_expression(substitute("$a x + $b y", {"a": 1, "b": -3})) == x - 3 * y
    assert read_expression(substitute("$a x^2 y", {"a": -1})) == -(x**2) * y


FAMILY = problem_set_from_data({
    "title": "t", "topic": "t",
    "problem": [
        {"id": "fam", "text": "z = f($a x + $b y, xy)", "tags": ["f"], "difficulty": 1,
         "parameters": {"a": {"from": 1, "to": 4}, "b": [2, 3, 5]},
         "answers": {"∂z/∂x": "$a f_1' + y f_2'"}},
        {"id": "plain", "text": "z = x^2 y", "tags": ["p"], "difficulty": 1, "answers": {"∂z/∂x": "2xy"}},
    ],
})


def test_family_members_are_every_combination():
    members = family_members(FAMILY.problems[0])
    assert len(members) == 12
    assert {"a": 4, "b": 5} in members and len({tuple(sorted(m.items())) for m in members}) == 12


def test_same_seed_same_versions_and_other_seed_other_versions():
    first = worksheet_variants(FAMILY.problems, 4, seed=7)
    again = worksheet_variants(FAMILY.problems, 4, seed=7)
    other = worksheet_variants(FAMILY.problems, 4, seed=8)
    def texts(versions):
        return [[e.text for e in version] for version in versions]

    assert texts(first) == texts(again)
    assert texts(first) != texts(other)


def test_versions_of_one_worksheet_differ_while_the_family_lasts():
    versions = worksheet_variants(FAMILY.problems, 12, seed="class 3")
    family_texts = [version[0].text for version in versions]
    assert len(set(family_texts)) == 12  # 12 members, 12 versions: all different
    assert all(version[1].text == "z = x^2 y" for version in versions)  # plain problems stay
    assert [v[0].answers["∂z/∂x"][0] for v in versions] == [str(v[0].values["a"]) if v[0].values["a"] != 1 else "f" for v in versions]


def test_each_version_has_its_own_answer_key():
    versions = worksheet_variants(FAMILY.problems, 3, seed=1)
    document = build_worksheet(versions, Options(title="Quiz", answers=True, date="2026-01-01"))
    assert document.tex.count("Answer key") == 3
    for version in versions:
        a = version[0].values["a"]
        coefficient = "" if a == 1 else str(a)
        assert f"{coefficient} f_{{1}}'" in document.tex or f"{coefficient}f_{{1}}'" in document.tex
    assert "Version A" in document.tex and "Version C" in document.tex


def test_draws_cycle_when_more_versions_than_members():
    exercise = FAMILY.problems[0]
    values = draw_values(exercise, 30, seed=3)
    assert values[:12] == values[12:24]


def test_variant_counts_are_bounded():
    with pytest.raises(LimitError):
        worksheet_variants(FAMILY.problems, 0, seed=1)
    with pytest.raises(LimitError):
        worksheet_variants(FAMILY.problems, 10_000, seed=1)


def test_every_family_in_the_bank_gives_answers_with_the_numbers_filled_in():
    families = [e for p in bank_files() for e in load_problem_set(p).problems if e.is_family]
    assert len(families) >= 8
    for exercise in families:
        for values in family_members(exercise)[:3]:
            instance = exercise.instantiate(values)
            assert "$" not in instance.text + "".join(instance.answers.values())


from hypothesis import given, settings, strategies as st  # noqa: E402

nonzero = st.integers(min_value=-9, max_value=9).filter(bool)


@settings(max_examples=60, deadline=None)
@given(a=nonzero, b=nonzero, c=nonzero)
def test_substituted_coefficients_always_read_back_as_the_numbers(a, b, c):
    from partials.reading.reader import read_expression
    from partials.core.symbols import variable

    x, y = variable("x"), variable("y")
    text = substitute("$a x + $b y^2 - $c xy", {"a": a, "b": b, "c": c})
    assert read_expression(text) == a * x + b * y**2 - c * x * y
