"""The grammar itself: conflict-free LALR(1), and the packaged copy is the one in grammar/."""
import pytest

from partials.reading import grammar


def test_grammar_has_no_conflicts_or_terminal_collisions():
    pytest.importorskip("interegular")  # Lark's strict mode needs it to compare terminals
    grammar.parser.cache_clear()
    assert grammar.parser(strict=True) is not None


def test_grammar_file_is_found():
    assert grammar.grammar_path().name == "partials.lark"
    assert "start:" in grammar.grammar_text()
