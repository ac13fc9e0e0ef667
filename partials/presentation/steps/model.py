"""Steps as data: each Step a caption (English and Chinese) and formulas;
Steps numbers them and renders them as text, ASCII or a LaTeX enumerate."""
from __future__ import annotations

from dataclasses import dataclass, field

from partials.presentation.steps.render import Diagram, _ascii_caption, _text_caption, draw_tree, render_formula
from partials.presentation.tex import tex_math_text, tex_text


@dataclass(frozen=True)
class Step:
    """One step: a caption (English and Chinese) and formulas, each a tuple
    of sides joined by `=`."""

    caption: str
    caption_zh: str
    formulas: tuple = ()
    on_surface: bool = False  # its equalities hold where the problem's equations hold

    def caption_in(self, lang: str) -> str:
        return self.caption_zh if lang == "zh" else self.caption


@dataclass
class Steps:
    steps: list
    problem: object = None
    lang: str = "en"
    tree: tuple = field(default=())  # (node, children) pairs of the dependency tree
    introduced: dict = field(default_factory=dict)  # names given to arguments: {u: x² − y²}

    def __iter__(self):
        return iter(self.steps)

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, index):
        return self.steps[index]

    def in_language(self, lang: str) -> "Steps":
        return Steps(self.steps, self.problem, lang, self.tree, self.introduced)

    @property
    def text(self) -> str:
        return self.render_text()

    @property
    def latex(self) -> str:
        return self.render_latex()

    def __str__(self) -> str:
        return self.text

    def render_text(self, ascii: bool = False, boxes: bool = False) -> str:
        """Numbered captions, each formula indented under its caption;
        `boxes` draws the dependency tree with box-drawing characters."""
        lines = []
        for number, step in enumerate(self.steps, start=1):
            caption = step.caption_in(self.lang)
            lines.append(f"{number}. {_ascii_caption(caption) if ascii else _text_caption(caption)}")
            for formula in step.formulas:
                lines.append("   " + render_formula(formula, self.problem, "ascii" if ascii else "text"))
            if boxes and self.tree and step.formulas and isinstance(step.formulas[0][0], Diagram):
                lines += ["   " + line for line in draw_tree(self.tree)]
        return "\n".join(lines)

    def render_latex(self) -> str:
        """A LaTeX enumerate: captions as prose with their formulas typeset,
        displayed formulas through the printers."""
        lines = [r"\begin{enumerate}"]
        for step in self.steps:
            lines.append(r"\item " + tex_text(_text_caption(step.caption_in(self.lang))))
            for formula in step.formulas:
                lines.append(r"\[ " + tex_math_text(render_formula(formula, self.problem, "latex")) + r" \]")
        lines.append(r"\end{enumerate}")
        return "\n".join(lines)
