"""`partials serve` itself: without the web extra it says how to install it."""
import sys

from partials.cli import main


def test_serve_without_the_web_extra_says_how_to_install(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "starlette", None)  # import starlette -> ImportError
    assert main(["serve", "--port", "8123"]) == 2
    error = capsys.readouterr().err
    assert "starlette" in error and 'pip install "partials[web]"' in error


def test_serve_rejects_a_port_out_of_range(capsys):
    import pytest

    pytest.importorskip("starlette")
    pytest.importorskip("uvicorn")
    pytest.importorskip("latex2mathml")
    assert main(["serve", "--port", "70000"]) == 2
    assert "not a port number" in capsys.readouterr().err
    for option, value in (("--workers", "0"), ("--timeout", "-1"), ("--memory", "0"), ("--queue", "-1")):
        assert main(["serve", "--port", "8123", option, value]) == 2
        assert option in capsys.readouterr().err
