"""`partials worksheet SET.toml ...`: a problem set as a LaTeX worksheet (or PDF)."""
from __future__ import annotations

import random
import sys
from pathlib import Path

from partials.core.errors import PartialsError
from partials.classroom.problemset import bank_files, load_problem_set
from partials.classroom.variants import worksheet_variants
from partials.classroom.worksheet import Options, build_worksheet, compile_pdf, tex_engine_status


DEFAULT_TITLES = {"en": "Partial derivatives: problems", "zh": "偏导数练习 · Partial derivatives"}
BUDGET = "own"  # --timeout is per problem typeset: the whole sheet gets that times the problems


def add_arguments(parser) -> None:
    parser.add_argument("sets", nargs="+", metavar="SET.toml",
                        help="problem-set files (or directories of them; 'bank' for the shipped bank)")
    parser.add_argument("-o", "--output", metavar="FILE", help="where to write (.tex, or .pdf with --pdf); default: standard output / SET.pdf")
    parser.add_argument("--answers", action="store_true", help="append an answer key")
    parser.add_argument("--steps", action="store_true", help="append worked solutions")
    parser.add_argument("--pdf", action="store_true", help="compile with pdflatex (xelatex for --lang zh)")
    parser.add_argument("--lang", choices=("en", "zh"), default="en",
                        help="language of statements and captions (zh needs XeLaTeX with ctex for --pdf)")
    parser.add_argument("--title", help="title in the header (default: the set's title)")
    parser.add_argument("--date", help="date in the header (default: today)")
    choose = parser.add_argument_group("choosing problems")
    choose.add_argument("--pick", metavar="IDS", help="comma-separated problem ids, in this order")
    choose.add_argument("--topic", metavar="T", help="only problems of this topic file or with this tag")
    choose.add_argument("--count", type=int, metavar="N", help="N problems drawn at random (with --seed)")
    choose.add_argument("--seed", default="0", metavar="S", help="seed for --count and --variants (default 0)")
    choose.add_argument("--variants", type=int, default=1, metavar="N",
                        help="N versions with different coefficients for parameter families")
    from partials.commands.options import add_budget_arguments

    add_budget_arguments(parser, per="each problem typeset")


def run(args) -> int:
    from partials.core.bounded import run_within
    from partials.core.outputs import writable_file, write_text

    if args.output or args.pdf:
        writable_file(args.output or Path(args.sets[0]).stem + ".pdf", make_folder=args.pdf)
    if args.variants < 1:
        raise PartialsError("--variants must be a positive whole number")
    sets = [load_problem_set(path) for path in _set_paths(args.sets)]
    exercises = _chosen(sets, args)
    versions = worksheet_variants(exercises, args.variants, args.seed)
    if args.variants == 1:
        versions = [[e.default_instance() for e in versions[0]]]
    typeset = sum(len(version) for version in versions)
    lang = args.lang
    if args.pdf and lang == "zh" and tex_engine_status("xelatex"):
        print(
            f"partials worksheet: no CJK TeX engine (apt-get install {tex_engine_status('xelatex')}); "
            "printing the English statements",
            file=sys.stderr,
        )
        lang = "en"
    title = args.title or (sets[0].title if len(sets) == 1 else DEFAULT_TITLES[lang])
    options = Options(title=title, date=args.date or "", answers=args.answers, steps=args.steps, lang=lang)
    document = run_within(_build, versions, options, seconds=args.timeout * max(1, typeset), memory_mb=args.memory)
    for warning in document.warnings:
        print(f"partials worksheet: {warning}", file=sys.stderr)
    if args.pdf:
        output = Path(args.output) if args.output else Path(Path(args.sets[0]).stem + ".pdf")
        try:
            compile_pdf(document.tex, output, engine=document.engine)
        except OSError as error:
            raise PartialsError(f"cannot write to {output}: {error.strerror or error}") from None
        print(f"wrote {output}", file=sys.stderr)
    elif args.output:
        write_text(args.output, document.tex)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(document.tex)
    return 0


def _build(versions, options):
    """The document, once every problem on it has been read in full
    (partials.classroom.setcheck): a malformed problem is never typeset."""
    from partials.classroom.setcheck import check_exercise

    for version in versions:
        for exercise in version:
            check_exercise(exercise)
    return build_worksheet(versions, options)


def _set_paths(names) -> list[Path]:
    paths: list[Path] = []
    for name in names:
        path = Path(name)
        if name == "bank":
            paths += bank_files()
        elif path.is_dir():
            found = sorted(path.glob("*.toml"))
            if not found:
                raise PartialsError(f"{name}: no .toml problem sets in this directory")
            paths += found
        else:
            paths.append(path)
    return paths


def _chosen(sets, args) -> list:
    exercises = [e for s in sets for e in s.problems]
    if args.topic:
        topical = {id(e) for s in sets for e in s.problems if s.topic == args.topic or args.topic in e.tags}
        exercises = [e for e in exercises if id(e) in topical]
        if not exercises:
            known = sorted({t for s in sets for t in s.topics()})
            raise PartialsError(f"no problem has topic '{args.topic}'", hint="topics: " + ", ".join(known))
    if args.pick:
        by_id = {e.id: e for e in exercises}
        wanted = [i.strip() for i in args.pick.split(",") if i.strip()]
        unknown = [i for i in wanted if i not in by_id]
        if unknown:
            raise PartialsError(f"no problem with id '{unknown[0]}' in the chosen sets")
        exercises = [by_id[i] for i in wanted]
    if args.count is not None:
        if not 1 <= args.count <= len(exercises):
            raise PartialsError(f"--count must be between 1 and {len(exercises)} (the problems to choose from)")
        chosen = set(random.Random(f"partials-count:{args.seed}").sample(range(len(exercises)), args.count))
        exercises = [e for k, e in enumerate(exercises) if k in chosen]
    if not exercises:
        raise PartialsError("no problems chosen")
    return exercises
