"""A non-editable install runs from another folder: a file missing from the wheel
(the grammar!) fails here. Builds the wheel into a fresh virtual environment."""
import os
import subprocess
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # builds and installs the wheel: `pytest -m "not slow"` leaves it out


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    if os.environ.get("PARTIALS_SKIP_INSTALL_TEST"):
        pytest.skip("PARTIALS_SKIP_INSTALL_TEST is set")
    folder = tmp_path_factory.mktemp("wheel-venv")
    venv.create(folder / "venv", with_pip=True)
    python = folder / "venv" / "bin" / "python"
    _see_dependencies_of_this_interpreter(python)
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--quiet", "--force-reinstall",
         str(ROOT)],
        capture_output=True, text=True, cwd=folder,
    )
    if result.returncode != 0 and "hatchling" in result.stderr:
        result = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--quiet", "--force-reinstall",
                                 str(ROOT)], capture_output=True, text=True, cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder, folder / "venv" / "bin" / "partials"


def test_installed_package_is_not_the_checkout(installed):
    folder, _ = installed
    python = folder / "venv" / "bin" / "python"
    where = subprocess.run([str(python), "-c", "import partials, sys; print(partials.__file__)"],
                           capture_output=True, text=True, cwd=folder, env=_clean_env())
    assert where.returncode == 0, where.stderr
    assert str(ROOT) not in where.stdout
    assert "site-packages" in where.stdout


def test_installed_command_parses_from_another_folder(installed):
    folder, command = installed
    result = subprocess.run([str(command), "parse", "z = u^2 ln v, u = y/x, v = x^2 + y^2"],
                            capture_output=True, text=True, cwd=folder, env=_clean_env(), encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert "z = u²·ln(v)" in result.stdout
    assert "independent: x, y" in result.stdout


def test_installed_command_solves_from_another_folder(installed):
    folder, command = installed
    result = subprocess.run([str(command), "solve", "z=y^lnx", "--d2", "x", "x"],
                            capture_output=True, text=True, cwd=folder, env=_clean_env(), encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert "∂²z/∂x²" in result.stdout


def test_installed_command_checks_from_another_folder(installed):
    """Checking needs the subpackages (partials.assessment.equivalence) in the wheel."""
    folder, command = installed
    result = subprocess.run([str(command), "check", "e^z = xyz", "--d", "x", "--answer", "z/(x(z-1))"],
                            capture_output=True, text=True, cwd=folder, env=_clean_env(), encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert "right" in result.stdout


def _see_dependencies_of_this_interpreter(python):
    """sympy and lark come from the environment running the tests (a path in a
    .pth file: listed after the new venv's own site-packages, so its partials
    comes first, and .pth files found there, an editable install's among them,
    are not run)."""
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    Path(purelib, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")


def _clean_env():
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env["XDG_CACHE_HOME"] = str(Path(env.get("TMPDIR", "/tmp")) / "partials-install-test-cache")
    return env


def test_installed_bank_makes_a_worksheet_from_another_folder(installed):
    """`partials worksheet bank` (a README command) needs problem_sets/ in the wheel."""
    folder, command = installed
    result = subprocess.run([str(command), "worksheet", "bank", "--pick", "composite-01", "--answers"],
                            capture_output=True, text=True, cwd=folder, env=_clean_env(), encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert "\\begin{document}" in result.stdout and "\\partial" in result.stdout
    where = subprocess.run([str(folder / "venv" / "bin" / "python"), "-c",
                            "from partials.classroom.problemset import bank_directory; print(bank_directory())"],
                           capture_output=True, text=True, cwd=folder, env=_clean_env())
    assert "site-packages" in where.stdout and str(ROOT) not in where.stdout


def test_installed_command_reports_too_expensive_within_the_budget(installed):
    folder, command = installed
    result = subprocess.run([str(command), "solve", "z = x^y", "--at", "x=10^60,y=10^60", "--timeout", "1"],
                            capture_output=True, text=True, cwd=folder, env=_clean_env(), encoding="utf-8")
    assert result.returncode == 3, result.stderr
    assert "too expensive" in result.stderr and "Traceback" not in result.stderr
