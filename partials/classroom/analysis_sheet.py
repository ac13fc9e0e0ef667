"""Analysis exercises (kind = "analysis": a function of two variables at a
point) on a worksheet: the statement, the answer key from the stored
answers, and the worked argument from `partials analyze --steps`."""
from __future__ import annotations

import re

from partials.presentation.tex import tex_text

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_CJK_ASIDE = re.compile(r"\s*[（(][^()（）]*[\u3400-\u9fff][^()（）]*[)）]")
LABELS = {
    "en": {"limit": "limit", "continuous": "continuous", "f_x": "f_x", "f_y": "f_y",
           "differentiable": "differentiable", "partials_continuous": "partials continuous",
           "f_xy": "f_xy = (f_x)_y", "f_yx": "f_yx = (f_y)_x"},
    "zh": {"limit": "极限", "continuous": "连续", "f_x": "f_x", "f_y": "f_y", "differentiable": "可微",
           "partials_continuous": "偏导数连续", "f_xy": "f_xy = (f_x)_y", "f_yx": "f_yx = (f_y)_x"},
}
ANSWER_WORDS = {"zh": {"yes": "是", "no": "否", "does not exist": "不存在"}}


def statement(exercise) -> str:
    asked = ", ".join(LABELS["en"][key] for key in exercise.asks)
    return f"Let {tex_text(exercise.text)}. At the point, decide: {tex_text(asked)}."


def answer_lines(exercise, lang: str = "en") -> list[str]:
    labels, words = LABELS[lang], ANSWER_WORDS.get(lang, {})
    return [f"\\text{{{tex_text(labels[key])}: {tex_text(words.get(answer.lower(), answer))}}}"
            for key, answer in exercise.answers.items()]


def steps_blocks(exercise, lang: str = "en") -> list[str]:
    """The argument a grader expects, property by property, as LaTeX paragraphs."""
    from partials.assessment.analysis.analyze import analyze
    from partials.assessment.analysis.reading import read_function
    from partials.assessment.analysis.render import as_text
    from partials.assessment.analysis.vectors import read_point

    point = read_point(exercise.at, read_function(exercise.text)) if exercise.at else None
    text = as_text(analyze(exercise.text, point), lang, steps=True)
    lines = [line.strip() for line in text.splitlines()[1:] if line.strip()]
    if lang != "zh":
        lines = [_CJK.sub("", _CJK_ASIDE.sub("", line)).strip() for line in lines]
    return ["\\par " + tex_text(line) for line in lines if line]
