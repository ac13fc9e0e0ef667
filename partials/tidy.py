"""The bounded simplification policy: textbook-shaped results in bounded time.

What a textbook answer key does, and no more:
* one fraction over a common denominator, the denominator kept factored
  ((e^z − xy)³, never expanded); the numerator expanded, sin² + cos² = 1
  applied, common factors pulled out (2y²(x² − …)), and factors it shares
  with the denominator cancelled;
* expressions with abstract functions grouped by the abstract derivatives
  (f₁₁″ + (x + y)·f₁₂″ + xy·f₂₂″ + f₂′), each coefficient tidied as above.
There is no call to simplify(): every step is a polynomial-time rewrite,
skipped when its input is larger than a fixed size, so the worst case is
the unsimplified but correct expression.
"""
from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef

from .chain import top_atoms

MAX_NODES = 1500  # larger expressions are returned as they are
MAX_EXPAND_NODES = 400  # expand a numerator only below this size
MAX_GCD_NODES = 150  # cancel against a denominator factor only below this size


def size(expr) -> int:
    """SymPy's count_ops: the measure of compactness used in the tests."""
    return int(sympy.count_ops(expr))


def nodes(expr) -> int:
    """Tree size, a cheap measure for the decisions made here."""
    return sum(1 for _ in sympy.preorder_traversal(expr))


def tidy(expr):
    """Textbook shape of `expr` (see the module docstring)."""
    expr = sympy.sympify(expr)
    if expr.is_Atom or nodes(expr) > MAX_NODES:
        return expr
    atoms = top_atoms(expr)
    placeholders = {atom: sympy.Dummy(f"a{k}") for k, atom in enumerate(atoms)}
    restore = {p: atom for atom, p in placeholders.items()}
    hidden = expr.xreplace(placeholders)
    grouping = [p for atom, p in placeholders.items() if _is_function_atom(atom)]
    if grouping and not _in_denominator(hidden, grouping):
        result = _grouped(hidden, grouping)
    else:
        result = one_fraction(hidden)
    if nodes(result) > 2 * nodes(hidden) + 4:
        result = hidden
    return result.xreplace(restore)


def needs_tidy(expr) -> bool:
    """Whether tidy could improve a chain-rule result: a fraction inside a
    fraction, or a sum of several fractions over sums."""
    for node in sympy.preorder_traversal(expr):
        if _is_reciprocal(node) and any(_is_reciprocal(inner) for inner in sympy.preorder_traversal(node.base)):
            return True
        if node.is_Add and sum(1 for term in node.args if _has_sum_denominator(term)) >= 2:
            return True
    return False


def one_fraction(expr):
    """numerator/denominator, the denominator as a product of factored powers."""
    if not expr.has(sympy.Pow) and not expr.is_Add:
        return expr
    numerator, denominator = sympy.fraction(sympy.together(expr))
    factors = [_tidy_factor(base) ** exponent for base, exponent in _powers(denominator)]
    numerator = _tidy_numerator(numerator)
    for k, factor in enumerate(factors):
        numerator, factors[k] = _cancel_common(numerator, factor)
    return _signed(numerator, sympy.Mul(*factors))


def _tidy_numerator(numerator):
    if nodes(numerator) > MAX_EXPAND_NODES:
        return numerator
    expanded = _pythagoras(sympy.expand(numerator))
    return sympy.factor_terms(expanded)


def _tidy_factor(base):
    """A denominator base: expanded and re-collected only when that helps
    (u·cos²v + u·sin²v → u), otherwise as it stands."""
    if not base.is_Add or nodes(base) > MAX_EXPAND_NODES:
        return base
    expanded = _pythagoras(sympy.expand(base))
    collected = sympy.factor_terms(expanded)
    return collected if nodes(collected) < nodes(base) else sympy.factor_terms(base)


def _cancel_common(numerator, factor):
    """Cancel a denominator factor b^k against the numerator as far as it divides."""
    base, exponent = factor.as_base_exp()
    if not base.is_Add or not exponent.is_Integer or exponent <= 0:
        return numerator, factor
    if nodes(numerator) > MAX_GCD_NODES or nodes(base) > MAX_GCD_NODES:
        return numerator, factor
    remaining = int(exponent)
    while remaining > 0:
        try:
            quotient = sympy.cancel(numerator / base)
        except (sympy.PolynomialError, ValueError):
            break
        if sympy.fraction(quotient)[1] != 1:
            break
        numerator, remaining = sympy.factor_terms(quotient), remaining - 1
    return numerator, base**remaining


def _signed(numerator, denominator):
    """Sign placement as in answer keys: no sum in the denominator that starts
    with a minus (−x² − y² → −(x² + y²)), and x/(2 − z) rather than −x/(z − 2)."""
    factors = list(sympy.Mul.make_args(denominator))
    for k, factor in enumerate(factors):
        base, exponent = factor.as_base_exp()
        if base.is_Add and exponent.is_Integer and _negatives(-base) < _negatives(base):
            factors[k] = (-base) ** exponent
            numerator = numerator * (-1) ** exponent
    sums = [k for k, f in enumerate(factors) if f.is_Add]
    if numerator.could_extract_minus_sign() and len(sums) == 1:
        k = sums[0]
        if _negatives(-factors[k]) <= _negatives(factors[k]):
            factors[k] = -factors[k]
            numerator = -numerator
    return numerator / sympy.Mul(*factors)


def _negatives(expr) -> int:
    return sum(1 for term in sympy.Add.make_args(expr) if term.could_extract_minus_sign())


def _pythagoras(expr):
    """sin²a + cos²a = 1: replace sin²a by 1 − cos²a (and back) where shorter."""
    if not expr.has(sympy.sin) or not expr.has(sympy.cos):
        return expr
    best = expr
    sines = {p.base.args[0] for p in expr.atoms(sympy.Pow) if isinstance(p.base, sympy.sin) and p.exp.is_Integer and p.exp >= 2}
    for argument in sines:
        if not expr.has(sympy.cos(argument)):
            continue
        for rewrite in (
            {sympy.sin(argument) ** 2: 1 - sympy.cos(argument) ** 2},
            {sympy.cos(argument) ** 2: 1 - sympy.sin(argument) ** 2},
        ):
            candidate = sympy.expand(best.subs(rewrite))
            if nodes(candidate) < nodes(best):
                best = candidate
    return best


def _grouped(expr, atoms):
    """Σ coefficient · (product of abstract function atoms), each coefficient
    one tidy fraction; the parts without abstract functions stay together."""
    if nodes(expr) > MAX_EXPAND_NODES:
        return expr
    groups: dict = {}
    for term in sympy.Add.make_args(sympy.expand(expr)):
        key, coefficient = [], []
        for factor in sympy.Mul.make_args(term):
            (key if factor.as_base_exp()[0] in atoms else coefficient).append(factor)
        monomial = sympy.Mul(*key)
        groups[monomial] = groups.get(monomial, sympy.S.Zero) + sympy.Mul(*coefficient)
    terms = []
    for monomial, coefficient in groups.items():
        if coefficient != 0:
            if coefficient.free_symbols and nodes(coefficient) > 1:
                coefficient = one_fraction(coefficient)
            terms.append(coefficient * monomial)
    return sympy.Add(*terms)


def _is_function_atom(atom) -> bool:
    """f(…), f₁′(…) — not a derivative of an abstract intermediate (∂u/∂x)."""
    return isinstance(atom, (AppliedUndef, sympy.Subs))


def _in_denominator(expr, atoms) -> bool:
    atoms = set(atoms)
    for node in sympy.preorder_traversal(expr):
        if _is_reciprocal(node) and node.base.free_symbols & atoms:
            return True
    return False


def _is_reciprocal(node) -> bool:
    return node.is_Pow and node.exp.is_negative is True


def _has_sum_denominator(term) -> bool:
    """A factor 1/(…) whose base is more than a variable: (x + y), f(x² − y²)."""
    return any(_is_reciprocal(f) and not f.base.is_Symbol for f in sympy.Mul.make_args(term))


def _powers(product):
    for factor in sympy.Mul.make_args(product):
        yield factor.as_base_exp()
