"""The claim side of `partials analyze` and `partials check`: claims about
a function at a point (--claim "连续但不可微") and multiple-choice items
(--choices item.toml, optionally --answer C for a student's choice).
Exit status: 0 right, 1 wrong, 2 cannot understand, 3 undecided."""
from __future__ import annotations

import json

from partials.core.errors import PartialsError

EXIT = {"right": 0, "wrong": 1, "undecided": 3}


def add_claim_arguments(parser) -> None:
    parser.add_argument("--claim", metavar="CLAIM", action="append", default=[],
                        help='a claim to check, e.g. "连续但不可微", "f_x(0,0) = 1", "differentiable" (repeatable)')
    parser.add_argument("--choices", metavar="FILE",
                        help="a multiple-choice item (TOML: function, optional at, [options] A = \"claim\" …)")


def run_claims(text: str, at: str | None, claims: list, lang: str = "en", as_json: bool = False) -> int:
    from partials.assessment.analysis.analyze import analyze
    from partials.assessment.analysis.claims import atoms_of, check_claim
    from partials.assessment.analysis.reading import read_function
    from partials.assessment.analysis.render_claims import claim_json, claim_text
    from partials.assessment.analysis.vectors import read_point

    for claim in claims:
        atoms_of(claim)  # unreadable claims are refused before any analysis
    point = read_point(at, read_function(text)) if at else None
    report = analyze(text, point)
    checks = [check_claim(claim, report) for claim in claims]
    if as_json:
        print(json.dumps([claim_json(check) for check in checks], ensure_ascii=False, indent=2))
    else:
        print("\n".join(claim_text(check, lang) for check in checks))
    verdicts = {check.verdict for check in checks}
    return EXIT["wrong"] if "wrong" in verdicts else EXIT["undecided"] if "undecided" in verdicts else EXIT["right"]


def run_choices(path: str, chosen: str | None, lang: str = "en", as_json: bool = False) -> int:
    from partials.assessment.analysis.choices import answer_item, read_item
    from partials.assessment.analysis.render_claims import item_json, item_text

    answered = answer_item(read_item(path))
    judged = answered.judge(chosen) if chosen is not None else None
    if as_json:
        print(json.dumps(item_json(answered, chosen, judged), ensure_ascii=False, indent=2))
    else:
        print(item_text(answered, lang, chosen, judged))
    if judged is not None:
        return EXIT[judged]
    if answered.key is None:
        return EXIT["undecided"]
    stored = answered.item.answer
    return EXIT["wrong"] if stored is not None and stored.strip().upper() != answered.key else EXIT["right"]


def refuse_mixed(args) -> None:
    if getattr(args, "claim", None) and getattr(args, "choices", None):
        raise PartialsError("give either --claim or --choices, not both")
