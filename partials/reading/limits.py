"""Bounds on untrusted input, checked before any SymPy object is built.

SymPy evaluates numeric powers eagerly (10^10^10 never returns) and Python
refuses to print integers over 4,300 digits, so sizes are estimated on the
text and on the parse tree first.
"""
import math

from lark import Token, Tree

from partials.core.errors import LimitError, NotationError

MAX_CHARACTERS = 10_000
MAX_TOKENS = 3_000
MAX_NESTING = 60          # brackets, powers, functions inside each other
MAX_DIGITS = 60           # in one number literal
MAX_BITS = 16_384         # size of any number the input makes (about 5,000 digits)
MAX_EXPONENT = 1_000      # a number as the exponent of an expression with variables

_OPENING, _CLOSING = "([{（", ")]}）"
_INVISIBLE = {chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F,
                              0x200B, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF)}
_NESTING_RULES = {"power", "apply", "call_function", "call", "absolute", "neg", "pos"}


def check_text(text: str) -> None:
    """Length, invisible control characters and bracket depth of the raw text."""
    if len(text) > MAX_CHARACTERS:
        raise LimitError(
            f"the input is {len(text):,} characters long; partials reads at most {MAX_CHARACTERS:,}",
            hint="split the problem, or shorten the expression",
        )
    for position, character in enumerate(text):
        if character in _INVISIBLE:
            raise NotationError(
                f"the text contains an invisible control character (U+{ord(character):04X})",
                text, position, hint="retype the text without it",
            )
    depth = 0
    for position, character in enumerate(text):
        depth += (character in _OPENING) - (character in _CLOSING)
        if depth > MAX_NESTING:
            raise LimitError(f"brackets are nested more than {MAX_NESTING} deep (at character {position + 1})")


def check_tree(tree: Tree) -> None:
    """Token count, nesting, literal sizes and the size of numeric powers, in
    one pass from the leaves up. bits[node] is log₂ of an upper bound of the
    node's value when the node is a number, else None."""
    tokens, depth, bits = 0, {}, {}
    for node in tree.iter_subtrees():  # children before parents
        subtrees = [child for child in node.children if isinstance(child, Tree)]
        tokens += len(node.children) - len(subtrees)
        depth[id(node)] = max((depth[id(c)] for c in subtrees), default=0) + (node.data in _NESTING_RULES)
        if depth[id(node)] > MAX_NESTING:
            raise LimitError(f"the expression nests powers or functions more than {MAX_NESTING} deep")
        bits[id(node)] = _bits_of(node, bits)
    if tokens > MAX_TOKENS:
        raise LimitError(f"the input has {tokens:,} symbols; partials reads at most {MAX_TOKENS:,}")


def _bits_of(node: Tree, bits: dict):
    children = [bits.get(id(c)) if isinstance(c, Tree) else _token_bits(c) for c in node.children]
    operands = [c for c, raw in zip(children, node.children) if not _is_operator(raw)]
    rule = node.data
    if rule == "power":
        return _power_bits(node, operands)
    if rule in ("number", "neg", "pos", "raised") or (rule == "name" and _is_euler(node)):
        return operands[0] if operands and operands[0] is not None else (1.5 if rule == "name" else None)
    if any(b is None for b in operands) or not operands:
        return None
    if rule in ("add", "sub"):
        return max(operands) + 1
    if rule in ("mul", "juxt", "run_plain", "run_applied", "argument"):
        return sum(operands)
    if rule == "div":
        return operands[0] - min(operands[1], 0)
    return None


def _power_bits(node: Tree, operands):
    base, exponent = operands[0], operands[-1]
    if exponent is None:
        return None
    if exponent > 64:
        raise LimitError("a power in the input has an exponent too large to work with")
    size = 2.0 ** exponent
    if base is None:
        if size > MAX_EXPONENT:
            raise LimitError(f"exponents above {MAX_EXPONENT:,} are not supported")
        return None
    result = size * max(abs(base), 1.0)
    if result > MAX_BITS:
        raise LimitError(f"a power in the input is a number of about {int(result * 0.30103):,} digits; "
                         f"partials works with at most {int(MAX_BITS * 0.30103):,}")
    return result


def _token_bits(token: Token):
    if token.type in ("NUMBER", "UNSIGNED"):
        written = token.value.replace(".", "")  # every digit is read: 0.000…01 is a huge denominator
        if len(written) > MAX_DIGITS:
            raise LimitError(f"a number in the input has {len(written)} digits; at most {MAX_DIGITS} are allowed")
        digits = token.value.split(".")[0].lstrip("0")
        return math.log2(int(digits)) if digits else 0.0
    if token.type == "SUPERSCRIPT":
        if len(token.value.lstrip("⁻")) > MAX_DIGITS:
            raise LimitError(f"a power in the input has {len(token.value)} digits; at most {MAX_DIGITS} are allowed")
        return math.log2(max(1, _superscript_value(token.value)))
    if token.type == "CONSTANT":
        return 1.7
    return None


def _superscript_value(text: str) -> int:
    digits = text.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")).lstrip("⁻")
    return int(digits)


def _is_operator(child) -> bool:
    return isinstance(child, Token) and child.type in ("PLUS", "MINUS", "TIMES", "DIVIDE", "POWER")


def _is_euler(node: Tree) -> bool:
    return node.children and node.children[0] == "e"
