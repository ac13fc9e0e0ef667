"""A verdict with its certificate: the kind of argument and the reason, in
English and Chinese. `verdict is None` means undecided."""
from __future__ import annotations

from dataclasses import dataclass, field

DEFINITION, BOUND, PATHS, THEOREM, SUBSTITUTION = "definition", "bound", "paths", "theorem", "substitution"
RANK = {DEFINITION: 3, BOUND: 3, SUBSTITUTION: 3, PATHS: 2, THEOREM: 1, None: 0}


@dataclass
class Finding:
    verdict: object = None          # True / False / None
    value: object = None            # a SymPy value when there is one
    kind: str | None = None
    en: str = ""
    zh: str = ""
    tried: list = field(default_factory=list)  # paths tried, when undecided

    @property
    def decided(self) -> bool:
        return self.verdict is not None


def undecided(en: str, zh: str, tried=()) -> Finding:
    return Finding(None, None, None, en, zh, list(tried))
