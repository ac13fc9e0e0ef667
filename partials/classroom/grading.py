"""Batch grading: a problem set and a CSV of (student, problem, answer) rows.

Student answers are untrusted: one can be built to exhaust time or memory,
and a signal cannot interrupt a long big-integer operation.  So every row is
checked in a worker process with a memory cap (`resource.RLIMIT_AS`) and a
time limit enforced from outside: a worker over its time is killed, one that
runs out of memory dies or reports MemoryError, the row is reported "too
expensive to check", a fresh worker takes its place, and the other rows go on.

Before the first row, each worker prepares every derivative asked by the
exercises the rows use (answer key, test points, possible mistakes), so a
row's time limit is spent on the student's answer alone; the checker's
caches then serve every row.

The `problem` column names an exercise of the set by id, optionally followed
by the derivative asked (`composite-01 ∂z/∂y`, `composite-01:z_y`); without
one, the answer's own left side (`az/ax = …`) says which derivative it is, or
the exercise asks only one.
"""
from __future__ import annotations

import csv
import io
import multiprocessing
import os
import sys
import time
from collections import deque
from dataclasses import asdict, dataclass
from multiprocessing.connection import wait

from partials.core.errors import LimitError, PartialsError
from partials.core.bounded import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, cap_memory, ready_by


@dataclass(frozen=True)
class AnalysisExercise:
    """An exercise of kind "analysis" in load_exercises' table: a student's answer is a claim."""

    text: str
    at: str | None

DEFAULT_TIMEOUT = DEFAULT_SECONDS  # seconds per row (partials.core.bounded: one budget for every command)
DEFAULT_STARTUP_TIMEOUT = 120.0  # seconds for a worker to prepare the whole set
IN_FLIGHT = 3  # rows sent ahead to each worker
MAX_ROWS = 200_000
MAX_FIELD = 10_000  # characters in one CSV field


@dataclass
class Row:
    index: int
    student: str
    problem: str
    answer: str
    error: str | None = None  # the row itself is malformed


@dataclass
class Graded:
    index: int
    student: str
    problem: str
    target: str
    answer: str
    status: str
    correct: bool | None
    diagnosis: str
    message: str


# ---------------------------------------------------------------------------
# the problem set (one function, so a change of format is a one-line swap)
# ---------------------------------------------------------------------------
def load_exercises(path) -> dict:
    """id -> (problem text, of, tuple of derivative texts asked, point or None)."""
    from partials.classroom.problemset import load_problem_set

    from partials.classroom.setcheck import check_exercise

    problem_set = load_problem_set(path)
    exercises = {}
    for exercise in problem_set.problems:
        exercise = exercise.default_instance()
        if exercise.kind == "analysis":  # the answer is a claim about f at the point
            exercises[exercise.id] = AnalysisExercise(exercise.text, exercise.at)
            continue
        check_exercise(exercise)  # a stored answer that does not read is the set's error, not a student's
        exercises[exercise.id] = (exercise.text, exercise.of, tuple(exercise.asks), exercise.at)
    return exercises


# ---------------------------------------------------------------------------
# reading the CSV
# ---------------------------------------------------------------------------
def decode_answers(data: bytes) -> str:
    """The answers file as text; bytes that are not UTF-8 are kept as lone
    surrogates, so only the rows holding them are unreadable (read_rows)."""
    text = data.decode("utf-8", errors="surrogateescape")
    return text[1:] if text.startswith("\ufeff") else text


def _not_utf8(field: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in field)


def _printable(field: str) -> str:
    return field.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="replace")


def read_rows(text: str) -> list[Row]:
    """Rows of `student, problem, answer`; a header line is skipped; a row
    with the wrong number of fields, or with bytes that are not UTF-8
    (decode_answers), is kept, marked with the reason."""
    csv.field_size_limit(MAX_FIELD)
    rows = []
    try:
        records = list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise LimitError(f"the answers file is not valid CSV: {error}") from None
    if records and [c.strip().lower() for c in records[0]] == ["student", "problem", "answer"]:
        records = records[1:]
    if len(records) > MAX_ROWS:
        raise LimitError(f"the answers file has {len(records)} rows; at most {MAX_ROWS} are graded at once")
    for number, record in enumerate(records):
        if not any(field.strip() for field in record):
            continue
        if any(_not_utf8(field) for field in record):
            fields = [_printable(field).strip() for field in (record + ["", "", ""])[:3]]
            rows.append(Row(number, *fields, error="the row is not valid UTF-8 text"))
            continue
        if len(record) != 3:
            fields = (record + ["", "", ""])[:3]
            rows.append(Row(number, fields[0].strip(), fields[1].strip(), ",".join(record[2:]),
                            error=f"expected 3 fields (student, problem, answer), found {len(record)}"))
            continue
        student, problem, answer = (field.strip() for field in record)
        rows.append(Row(number, student, problem, answer))
    return rows


# ---------------------------------------------------------------------------
# grading one row (runs in a worker)
# ---------------------------------------------------------------------------
def grade_row(exercises: dict, row: Row, seed: int = 0) -> Graded:
    from partials.assessment.checker import UNREADABLE, judge, prepare

    def result(status, correct, message, target="", diagnosis=""):
        return Graded(row.index, row.student, row.problem, target, row.answer, status, correct, diagnosis, message)

    if row.error:
        return result(UNREADABLE, None, f"cannot understand the row: {row.error}")
    entry = exercises.get(_exercise_id(row))
    if isinstance(entry, AnalysisExercise):
        return _grade_claim(entry, row, result)
    try:
        text, of, target = _target_of(exercises, row)
        prepared = prepare(text, target, of=of, seed=seed, at=_point_of(exercises, row))
    except PartialsError as error:
        return result(UNREADABLE, None, f"cannot understand: {error}")
    verdict = judge(prepared, row.answer)
    code = verdict.diagnosis.code if verdict.diagnosis else ""
    return result(verdict.status, verdict.correct, verdict.message, prepared.notation, code)


def _point_of(exercises, row):
    """The exercise's `at` (answers are values there), or None."""
    entry = exercises.get(_exercise_id(row), ())
    return entry[3] if len(entry) > 3 else None


def _grade_claim(entry, row, result) -> Graded:
    """A row answering an analysis exercise: its answer is a claim ("连续但不可微")."""
    from partials.assessment.analysis.analyze import analyze
    from partials.assessment.analysis.claims import RIGHT, WRONG, check_claim
    from partials.assessment.analysis.reading import read_function
    from partials.assessment.analysis.vectors import read_point
    from partials.assessment.checker import UNDECIDED, UNREADABLE

    text, at = entry.text, entry.at
    try:
        report = analyze(text, read_point(at, read_function(text)) if at else None)
        check = check_claim(row.answer, report)
    except PartialsError as error:
        return result(UNREADABLE, None, f"cannot understand: {error}")
    reasons = "; ".join(f"{atom.text}: {atom.verdict} ({atom.en})" for atom in check.atoms)
    if check.verdict == RIGHT:
        return result(RIGHT, True, f"right: {reasons}", "claim")
    if check.verdict == WRONG:
        return result(WRONG, False, f"wrong: {reasons}", "claim")
    return result(UNDECIDED, None, f"could not decide: {reasons}", "claim")


def _exercise_id(row) -> str:
    return row.problem.replace(":", " ").partition(" ")[0].strip()


def _target_of(exercises, row):
    """(problem text, of, Target) of a row: from the problem column, else from
    the answer's left side, else the exercise's only derivative."""
    from partials.assessment.checker import problem_of, target_of as read_target

    exercise_id, _, asked = row.problem.replace(":", " ").partition(" ")
    exercise_id = exercise_id.strip()
    if exercise_id not in exercises:
        raise PartialsError(f"the problem set has no problem '{exercise_id}'")
    text, of, asks = exercises[exercise_id][:3]
    if asked.strip():
        return text, of, read_target(asked.strip(), text, of)
    label = _label_of(row.answer, problem_of(text, of))
    if label is not None:
        return text, of, label
    if len(asks) == 1:
        return text, of, read_target(asks[0], text, of)
    raise PartialsError(
        f"problem '{exercise_id}' asks for {', '.join(asks)}: say which one",
        hint="write the derivative on the left (az/ax = …) or after the id (composite-01 ∂z/∂x)",
    )


def _label_of(answer: str, problem):
    """The derivative written on the left of an answer (also of a chain
    az/ax = … = …, or Z'x = …: partials.assessment.written_answers), or None."""
    from partials.assessment.written_answers import label_of

    return label_of(answer, problem)


# ---------------------------------------------------------------------------
# worker processes
# ---------------------------------------------------------------------------
def _worker_main(connection, exercises, seed, memory_mb, warm):
    cap_memory(memory_mb)
    if warm:
        _warm(warm, seed)
    connection.send("ready")
    while True:
        try:
            row = connection.recv()
        except EOFError:
            return
        if row is None:
            return
        try:
            graded = grade_row(exercises, row, seed)
        except MemoryError:
            graded = _failed(row, "too expensive", "too expensive to check: the check ran out of memory")
        except RecursionError:
            graded = _failed(row, "unreadable", "cannot understand: the answer is nested too deeply")
        except OSError as error:  # under a tight memory cap, allocations in C fail as OSError
            graded = _failed(row, "too expensive", f"too expensive to check: {error.strerror or error}")
        except Exception as error:  # noqa: BLE001 - one row's failure must not stop the others
            graded = _failed(row, "undecided", f"could not check: internal error ({type(error).__name__}: {error})")
        connection.send(graded)


def _warm(exercises, seed):
    """Prepare every derivative these exercises ask for (answer key, test
    points, possible mistakes) before the first row."""
    from partials.assessment.checker import prepare, target_of

    for entry in exercises.values():
        if isinstance(entry, AnalysisExercise):
            continue
        text, of, asks, *at = entry
        for asked in asks:
            try:
                prepare(text, target_of(asked, text, of), of=of, seed=seed, at=at[0] if at else None).diagnoser()
            except (PartialsError, MemoryError, RecursionError):
                continue  # the row that needs it reports the problem


def _failed(row, status, message) -> Graded:
    return Graded(row.index, row.student, row.problem, "", row.answer, status, None, "", message)


class _Worker:
    def __init__(self, context, exercises, seed, memory_mb, warm=None):
        parent, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, exercises, seed, memory_mb, warm), daemon=True)
        self.process.start()
        child.close()
        self.connection = parent
        self.rows: deque = deque()  # rows sent, in the order the worker checks them
        self.deadline = 0.0  # when the row being checked (the first) runs out of time
        self.ready = False

    def await_ready(self, deadline) -> bool:
        """Wait (until `deadline`) for the worker to finish warming up."""
        self.ready = self.ready or ready_by(self.connection, deadline)
        return self.ready

    def give(self, row, timeout):
        if not self.rows:
            self.deadline = time.monotonic() + timeout
        self.rows.append(row)
        self.connection.send(row)

    def finished(self, timeout):
        """The first row is done; the worker has started on the next."""
        self.rows.popleft()
        if self.rows:
            self.deadline = time.monotonic() + timeout

    def abandon(self, pending: deque) -> Row:
        """The first row (the one that failed); the others go back to `pending`."""
        failed = self.rows.popleft()
        pending.extendleft(reversed(self.rows))
        self.rows.clear()
        return failed

    def stop(self, kill=False):
        if kill:
            self.process.kill()
        else:
            try:
                self.connection.send(None)
            except (BrokenPipeError, OSError):
                self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


def grade(exercises: dict, rows: list[Row], jobs: int | None = None, timeout: float = DEFAULT_TIMEOUT,
          memory_mb: int = DEFAULT_MEMORY_MB, seed: int = 0, progress=None,
          startup_timeout: float = DEFAULT_STARTUP_TIMEOUT) -> list[Graded]:
    """Grade every row in worker processes; results in row order.  Workers
    first prepare every derivative asked by the exercises the rows use
    (within `startup_timeout` seconds), then check rows, `timeout` seconds
    each."""
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(rows) or 1))
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    pending, results = deque(rows), {}
    used = {_exercise_id(row) for row in rows}
    warm = {key: value for key, value in exercises.items() if key in used}
    workers = _start(context, exercises, seed, memory_mb, jobs, startup_timeout, warm)
    try:
        while pending or any(w.rows for w in workers):
            for worker in workers:  # a few rows in flight: no worker waits for the parent
                while len(worker.rows) < IN_FLIGHT and pending:
                    worker.give(pending.popleft(), timeout)
            busy = [w for w in workers if w.rows]
            remaining = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.connection for w in busy], timeout=remaining)
            for index, worker in enumerate(workers):
                if not worker.rows:
                    continue
                if worker.connection in ready:
                    try:
                        graded = worker.connection.recv()
                    except (EOFError, OSError):  # the worker died: out of memory
                        failed = worker.abandon(pending)
                        graded = _failed(failed, "too expensive", "too expensive to check: the check ran out of memory")
                        workers[index] = _replace(worker, context, exercises, seed, memory_mb)
                    else:
                        if graded == "ready":  # a cold replacement saying hello
                            continue
                        worker.finished(timeout)
                elif time.monotonic() >= worker.deadline:
                    failed = worker.abandon(pending)
                    graded = _failed(failed, "too expensive", f"too expensive to check: over the {timeout:g} s time limit")
                    workers[index] = _replace(worker, context, exercises, seed, memory_mb, kill=True)
                else:
                    continue
                results[graded.index] = graded
                if progress:
                    progress(len(results), len(rows))
    finally:
        for worker in workers:
            worker.stop(kill=bool(worker.rows))
    return [results[row.index] for row in rows]


def _start(context, exercises, seed, memory_mb, jobs, startup_timeout, warm) -> list:
    """`jobs` workers warmed up on the exercises in `warm`; one that cannot
    warm up in time (a problem the engine cannot do quickly) is replaced by
    a cold one."""
    workers = [_Worker(context, exercises, seed, memory_mb, warm=warm) for _ in range(jobs)]
    deadline = time.monotonic() + startup_timeout
    for index, worker in enumerate(workers):
        if not worker.await_ready(deadline):
            worker.stop(kill=True)
            workers[index] = _Worker(context, exercises, seed, memory_mb)
    return workers


def _replace(worker, context, exercises, seed, memory_mb, kill=False):
    worker.stop(kill=True)
    return _Worker(context, exercises, seed, memory_mb)


# ---------------------------------------------------------------------------
# scores and the report
# ---------------------------------------------------------------------------
def scores(graded: list[Graded]) -> dict:
    """student -> (right, rows)."""
    table: dict = {}
    for item in graded:
        right, total = table.get(item.student, (0, 0))
        table[item.student] = (right + (item.correct is True), total + 1)
    return table


REPORT_FIELDS = ["student", "problem", "target", "answer", "status", "correct", "diagnosis", "message"]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs a cell starting so


def write_report(graded: list[Graded], stream) -> None:
    """The report CSV; every cell is quoted, and a cell a spreadsheet would
    run as a formula (=HYPERLINK(…), -1+1) starts with a single quote, as
    OWASP recommends against CSV injection."""
    writer = csv.DictWriter(stream, fieldnames=REPORT_FIELDS, extrasaction="ignore", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for item in graded:
        record = asdict(item)
        record["correct"] = {True: "yes", False: "no", None: ""}[item.correct]
        writer.writerow({key: inert_cell(value) for key, value in record.items()})


def inert_cell(value):
    """A CSV cell a spreadsheet shows as text: a leading = + - @ (or tab,
    carriage return) gets a single quote before it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def progress_bar(stream=None):
    """A progress callback drawing on a terminal, or None when not a terminal."""
    stream = stream or sys.stderr
    if not stream.isatty():
        return None

    def draw(done, total):
        width = 30
        filled = int(width * done / max(total, 1))
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            stream.write("\n")
        stream.flush()

    return draw
