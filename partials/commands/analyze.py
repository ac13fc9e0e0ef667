"""partials analyze TEXT [--at x=0,y=0] [--dir "(cos a, sin a)"] [--steps] [--lang zh] [--json]
partials analyze TEXT --claim "连续但不可微"   |   partials analyze --choices item.toml [--answer C]"""
from __future__ import annotations

import json
import sys

from partials.commands.claims import add_claim_arguments

DESCRIPTION = """\
A function of two variables at a point: its value and limit, continuity,
f_x and f_y by the definition, differentiability (with dz), continuity of
the partials, f_xy = (f_x)_y and f_yx = (f_y)_x, directional derivatives.
Each verdict names its argument (definition, bound, paths, theorem); one
that cannot be proved is "undecided", never guessed.
Exit status: 0 everything decided, 3 something undecided, 2 unreadable input.
With --claim (repeatable) each claim is checked against the analysis, and
with --choices a multiple-choice item (TOML: function, [options]) is
answered option by option; exit 0 right, 1 wrong, 3 undecided.

examples:
  partials analyze "f(x,y) = xy/(x^2+y^2), (x,y) ≠ (0,0); 0, (x,y) = (0,0)"
  partials analyze "f(x,y) = sin(x^2+y^2)/(x^2+y^2), f(0,0) = 1" --steps --lang zh
  partials analyze "√|xy|" --dir "(1,1)" --json
  partials analyze "f(x,y) = xy/(x^2+y^2), (x,y) ≠ (0,0); 0, (x,y) = (0,0)" --claim "连续但不可微"
  partials analyze --choices item.toml --answer C
"""


def add_arguments(parser) -> None:
    parser.description = DESCRIPTION
    parser.formatter_class = __import__("argparse").RawDescriptionHelpFormatter
    parser.add_argument("text", metavar="TEXT", nargs="?", help="the function, with its pieces")
    parser.add_argument("--at", metavar="POINT", help="the point, e.g. x=0,y=0 (default: where the pieces meet)")
    parser.add_argument("--dir", metavar="VECTOR", dest="direction",
                        help='a direction, e.g. "(1,1)" or "(cos a, sin a)" (made a unit vector)')
    parser.add_argument("--steps", action="store_true", help="the argument a grader expects")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the report")
    parser.add_argument("--answer", metavar="OPTION", help="with --choices: the option(s) a student chose, e.g. C")
    parser.add_argument("--json", action="store_true", help="one JSON object (the contract of issue #14)")
    add_claim_arguments(parser)


def run(args) -> int:
    from partials.commands.claims import refuse_mixed, run_choices, run_claims
    from partials.core.errors import PartialsError

    refuse_mixed(args)
    if args.choices:
        if args.text:
            raise PartialsError("with --choices the function is in the file: give no TEXT")
        return run_choices(args.choices, getattr(args, "answer", None), args.lang, args.json)
    if not args.text:
        raise PartialsError("give the function, e.g. partials analyze \"f(x,y) = xy/(x^2+y^2), (x,y) ≠ (0,0); "
                            "0, (x,y) = (0,0)\"")
    if args.answer is not None:
        raise PartialsError("--answer is the option chosen in a --choices item")
    if args.claim:
        return run_claims(args.text, args.at, args.claim, args.lang, args.json)
    from partials.assessment.analysis.analyze import analyze
    from partials.assessment.analysis.neighbourhood import Refused
    from partials.assessment.analysis.reading import read_function
    from partials.assessment.analysis.render import as_json, as_text
    from partials.assessment.analysis.vectors import read_direction, read_point

    function = read_function(args.text)
    point = read_point(args.at, function) if args.at else None
    direction = read_direction(args.direction) if args.direction else None
    try:
        report = analyze(args.text, point, direction)
    except Refused as refusal:
        print(f"partials analyze: could not decide: {refusal}", file=sys.stderr)
        return 3
    if args.json:
        print(json.dumps(as_json(report), ensure_ascii=False, indent=2))
    else:
        print(as_text(report, args.lang, args.steps))
    return 3 if report.undecided() else 0
