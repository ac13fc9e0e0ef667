"""The tests mirror the package's layers (tests/reading/, tests/calculus/, …).

The tables several layers' tests share stay here, importable from every
folder: engine_cases.py (the engine problems and their oracles),
check_cases.py (answers with their verdicts), analysis_oracle.py (verdicts at
a point by high-precision paths and quotients), latex_compile.py (compiling
LaTeX when TeX is installed)."""
import sys
from pathlib import Path

import mpmath
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(autouse=True)
def _mpmath_precision_restored():
    """mpmath's precision is global: a test that raises it must not lower another's oracle."""
    dps = mpmath.mp.dps
    yield
    mpmath.mp.dps = dps
