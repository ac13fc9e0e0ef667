"""Compiling LaTeX in tests: the answers and steps we print must be valid
amsmath. The tests skip where no TeX engine is installed (Debian:
texlive-latex-base; .ci/run installs it)."""
from __future__ import annotations

import shutil
import subprocess

import pytest

LATEX = shutil.which("latex") or shutil.which("pdflatex")
needs_latex = pytest.mark.skipif(LATEX is None, reason="no TeX engine (Debian: texlive-latex-base)")


def compile_document(body: str, directory, name: str = "document", timeout: int = 300) -> subprocess.CompletedProcess:
    """Compile `body` inside an amsmath article in `directory`; the result's
    returncode is 0 when TeX accepted it, and its stdout holds TeX's log."""
    document = "\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n" + body + "\n\\end{document}\n"
    (directory / f"{name}.tex").write_text(document, encoding="utf-8")
    return subprocess.run([LATEX, "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"],
                          cwd=directory, capture_output=True, text=True, timeout=timeout)


def compile_formulas(formulas, directory, name: str = "formulas", timeout: int = 300) -> subprocess.CompletedProcess:
    """Each formula displayed as \\[ … \\] in one document."""
    return compile_document("\n".join(rf"\[ {formula} \]" for formula in formulas), directory, name, timeout)
