"""The tests mirror the package's layers (tests/reading/, tests/calculus/, …).

The tables several layers' tests share stay here, importable from every
folder: engine_cases.py (the engine problems and their oracles),
check_cases.py (answers with their verdicts), latex_compile.py (compiling
LaTeX when TeX is installed)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
