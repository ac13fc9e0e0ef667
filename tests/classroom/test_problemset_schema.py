"""The problem-set format: loading, and one clear error (file, problem id,
field) for each way a set can be malformed."""
from __future__ import annotations

import pytest

from partials.core.errors import PartialsError
from partials.classroom.problemset import ProblemSetError, load_problem_set

GOOD = '''
title = "复合函数 · Composites"
topic = "composites"

[[problem]]
id = "p-1"
text = "z = f(x+y, xy)"
zh = "设 z = f(x + y, xy)，求 ∂z/∂x。"
en = "Let z = f(x + y, xy). Find ∂z/∂x."
tags = ["abstract"]
difficulty = 2
hypotheses = ["f is C²"]
answers = { "∂z/∂x" = "f_1' + y f_2'", "∂²z/∂x∂y" = "f_11'' + (x+y) f_12'' + xy f_22'' + f_2'" }

[[problem]]
id = "p-2"
kind = "identity"
text = "z = xy + x F(y/x)"
identity = "x z_x + y z_y = z + xy"
tags = ["identity"]
difficulty = 1

[[problem]]
id = "p-3"
text = "z = f($a x + $b y, xy)"
tags = ["family"]
difficulty = 1
parameters = { a = [2, 3], b = { from = 1, to = 3 } }
answers = { "∂z/∂x" = "$a f_1' + y f_2'" }
'''


def write(tmp_path, text, name="set.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_set_loads_with_every_field(tmp_path):
    problem_set = load_problem_set(write(tmp_path, GOOD))
    assert problem_set.title == "复合函数 · Composites"
    assert problem_set.topic == "composites"
    first, identity, family = problem_set.problems
    assert first.id == "p-1" and first.difficulty == 2 and first.kind == "derivative"
    assert first.asks == ("∂z/∂x", "∂²z/∂x∂y")
    assert first.answers["∂z/∂x"] == "f_1' + y f_2'"
    assert first.hypotheses == ("f is C²",) and first.tags == ("abstract",)
    assert first.zh.startswith("设") and first.en.startswith("Let")
    assert identity.kind == "identity" and identity.holds is True and identity.answers == {}
    assert family.parameters == {"a": (2, 3), "b": (1, 2, 3)}
    assert family.is_family and not first.is_family
    assert problem_set.by_id("p-3") is family
    assert problem_set.topics() == ("composites", "abstract", "identity", "family")


def test_instantiating_a_family_fills_text_and_answers(tmp_path):
    family = load_problem_set(write(tmp_path, GOOD)).problems[2]
    instance = family.instantiate({"a": 3, "b": 1})
    assert instance.text == "z = f(3x + y, xy)"
    assert instance.answers == {"∂z/∂x": "3f_1' + y f_2'"}
    assert instance.values == {"a": 3, "b": 1} and not instance.is_family
    with pytest.raises(ProblemSetError, match="no value for parameter"):
        family.instantiate({"a": 3})


def _broken(replace_from, replace_to):
    assert replace_from in GOOD
    return GOOD.replace(replace_from, replace_to, 1)


MALFORMED = [
    # (what is changed, expected problem id, expected field, words in the message)
    (('title = "复合函数 · Composites"\n', ""), None, "title", "missing"),
    (('topic = "composites"', 'topic = "Composite Functions"'), None, "topic", "lower-case"),
    (('id = "p-1"', 'id = "P 1"'), "P 1", "id", "lower-case"),
    (('id = "p-2"', 'id = "p-1"'), "p-1", "id", "duplicate"),
    (('difficulty = 2', 'difficulty = 5'), "p-1", "difficulty", "1 (basic)"),
    (('difficulty = 2', 'difficulty = "hard"'), "p-1", "difficulty", "1 (basic)"),
    (('tags = ["abstract"]', 'tags = []'), "p-1", "tags", "must not be empty"),
    (('tags = ["abstract"]', 'tags = "abstract"'), "p-1", "tags", "list"),
    (('text = "z = f(x+y, xy)"', 'text = ""'), "p-1", "text", "non-empty"),
    (('text = "z = f(x+y, xy)"\n', ''), "p-1", "text", "missing"),
    (('answers = { "∂z/∂x" = "$a f_1\' + y f_2\'" }', 'answers = { "∂z/∂x" = "" }'), "p-3", "answers", "non-empty"),
    (('answers = { "∂z/∂x" = "f_1\' + y f_2\'", ', 'answers = { "∂z/∂x" = 3, '), "p-1", "answers", "non-empty text"),
    (('kind = "identity"', 'kind = "proof"'), "p-2", "kind", "derivative, differential, identity"),
    (('identity = "x z_x + y z_y = z + xy"\n', ''), "p-2", "identity", "states the identity"),
    (('identity = "x z_x + y z_y = z + xy"', 'identity = "x z_x + y z_y"'), "p-2", "identity", "left = right"),
    (('hypotheses = ["f is C²"]', 'hypothesis = ["f is C²"]'), "p-1", "hypothesis", "unknown field"),
    (('parameters = { a = [2, 3], b = { from = 1, to = 3 } }', 'parameters = { a = [2, 3] }'), "p-3", "parameters", "$b is used but not declared"),
    (('parameters = { a = [2, 3], b = { from = 1, to = 3 } }', 'parameters = { a = [2, 3], b = [1], c = [4] }'), "p-3", "parameters", "never used"),
    (('parameters = { a = [2, 3], b = { from = 1, to = 3 } }', 'parameters = { a = [2, 3], b = { from = 3, to = 1 } }'), "p-3", "parameters", "m <= n"),
    (('parameters = { a = [2, 3], b = { from = 1, to = 3 } }', 'parameters = { ab = [2, 3], b = [1] }'), "p-3", "parameters", "single letter"),
]


@pytest.mark.parametrize("change,problem_id,field,words", MALFORMED, ids=[f"{m[2]}:{m[3]}" for m in MALFORMED])
def test_a_malformed_set_names_file_problem_and_field(tmp_path, change, problem_id, field, words):
    path = write(tmp_path, _broken(*change))
    with pytest.raises(ProblemSetError) as raised:
        load_problem_set(path)
    error = raised.value
    assert isinstance(error, PartialsError)
    assert error.field_name == field and error.problem_id == problem_id
    message = str(error)
    assert message.startswith(str(path))
    assert f"field '{field}'" in message and words in message
    if problem_id:
        assert f"problem '{problem_id}'" in message


def test_invalid_toml_reports_the_file_and_the_line(tmp_path):
    path = write(tmp_path, GOOD.replace('difficulty = 1\n', 'difficulty = \n', 1))
    with pytest.raises(ProblemSetError, match=r"set\.toml: not valid TOML: .*line"):
        load_problem_set(path)


def test_a_missing_or_binary_file_is_a_clear_error(tmp_path):
    with pytest.raises(ProblemSetError, match="cannot read the file"):
        load_problem_set(tmp_path / "absent.toml")
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00title")
    with pytest.raises(ProblemSetError, match="not UTF-8"):
        load_problem_set(binary)


def test_a_set_without_problems_is_refused(tmp_path):
    path = write(tmp_path, 'title = "t"\ntopic = "t"\n')
    with pytest.raises(ProblemSetError, match="no problems"):
        load_problem_set(path)


def test_holds_must_be_a_boolean(tmp_path):
    path = write(tmp_path, GOOD.replace('kind = "identity"', 'kind = "identity"\nholds = "yes"'))
    with pytest.raises(ProblemSetError, match="field 'holds': must be true or false"):
        load_problem_set(path)
