"""The bounded simplification policy: textbook-shaped results in bounded time.

What a textbook answer key does, and no more:
* one fraction over a common denominator, the denominator kept factored
  ((e^z − xy)³, never expanded); the numerator expanded, sin² + cos² = 1
  applied, common factors pulled out (2y²(x² − …)), and factors it shares
  with the denominator cancelled;
* expressions with abstract functions grouped by the abstract derivatives
  (f₁₁″ + (x + y)·f₁₂″ + xy·f₂₂″ + f₂′), each coefficient tidied as above,
  a shared function factor written once (e^(f(x))(…));
* roots of products kept whole (√(xy), never √x·√y, which differs for
  x, y < 0), powers of one base combined (r^(n−1)/r = r^(n−2)), and a
  numerator written with a power of a denominator's sum where that is
  plainer ((x² + (2 − z)²)/(2 − z)³).
There is no call to simplify(): every step is a polynomial-time rewrite,
skipped when its input is larger than a fixed size, so the worst case is
the unsimplified but correct expression.
"""
from __future__ import annotations

from functools import lru_cache

import sympy
from sympy.core.function import AppliedUndef

from sympy.core.mul import _keep_coeff

from partials.calculus.chain import top_atoms

MAX_NODES = 4000  # larger expressions are returned as they are
MAX_EXPAND_NODES = 2500  # expand a numerator only below this size
MAX_EXPANDED_TERMS = 2000  # ... and only when its expansion has at most this many terms (counted before expanding)
MAX_COLLECT_TERMS = 40
MAX_MULTINOMIAL = 4  # expand (a + b)^k only up to this k
MAX_TRIG_NODES = 120
MAX_REWRITE_NODES = 120  # the optional rewrites (cancelling, a denominator's power) only below this size
MAX_POWSIMP_NODES = 400  # powers of one base combined (powsimp, superlinear) only below this size


def size(expr) -> int:
    """SymPy's count_ops: the measure of compactness used in the tests."""
    return int(sympy.count_ops(expr))


@lru_cache(maxsize=8192)
def nodes(expr) -> int:
    """Tree size, a cheap measure for the decisions made here."""
    return 1 + sum(nodes(a) for a in expr.args)


def tidy(expr):
    """Textbook shape of `expr` (see the module docstring)."""
    expr = sympy.sympify(expr, strict=True)
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
    result = combine_powers(_cancelled(hidden, result))
    if nodes(result) > 2 * nodes(hidden) + 4:
        result = hidden
    return result.xreplace(restore)


def _cancelled(expr, result):
    """The shortest of `result` and SymPy's cancellation of `expr`, where the
    structural steps leave a common factor: (u − v)²/((v − u)(u − v)) → −1,
    and a root of a product kept whole, (yz − √(xyz))/(√(xyz) − xy)."""
    candidates = [result]
    if _shares_a_factor(result):
        numerator, denominator = sympy.fraction(sympy.cancel(expr))
        candidates.append(one_fraction(numerator / sympy.factor(denominator)))  # denominator kept factored
    if _has_root_of_product(expr) and nodes(expr) <= MAX_EXPAND_NODES:
        candidates.append(one_fraction(sympy.together(expr)))
    return min(candidates, key=nodes)


def _shares_a_factor(fraction) -> bool:
    """Whether a small fraction's numerator and denominator have a common
    polynomial factor, which the steps above do not cancel."""
    numerator, denominator = sympy.fraction(fraction)
    sums = [f for f in sympy.Mul.make_args(denominator) if f.as_base_exp()[0].is_Add]
    if len(sums) < 2 or not numerator.has(sympy.Add) or nodes(fraction) > MAX_REWRITE_NODES:
        return False  # only where two sums meet, as Cramer's rule's (u − v) and (v − u) do
    if numerator.has(sympy.Function) or denominator.has(sympy.Function):
        return False
    try:
        return sympy.gcd(numerator, denominator).has(*fraction.free_symbols)
    except (sympy.PolynomialError, sympy.GeneratorsNeeded, NotImplementedError):
        return False


def _has_root_of_product(expr) -> bool:
    return any(p.base.is_Mul and not p.exp.is_Integer for p in expr.atoms(sympy.Pow))


def combine_powers(expr):
    """n·x·r^(n−1)/r → n·x·r^(n−2): powers of one base with a symbolic
    exponent combine where that is shorter (always valid: one logarithm)."""
    if nodes(expr) > MAX_POWSIMP_NODES or all(p.exp.is_Number for p in expr.atoms(sympy.Pow)):
        return expr
    return min((expr, sympy.powsimp(expr, combine="exp")), key=nodes)


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
    """numerator/denominator: the denominator as a product of the sums and
    powers the expression was built from (never expanded), the numerator
    expanded with common factors pulled out."""
    if not expr.has(sympy.Pow) and not expr.is_Add:
        return expr
    numerator, denominator = _fraction(expr)
    coefficient, factors = sympy.S.One, {}
    for base, exponent in denominator.items():
        # (xy)^(1/2) stays whole: √x·√y is another function where x, y < 0
        parts = sympy.Mul.make_args(_tidy_factor(base)) if exponent.is_Integer else (base,)
        for part in parts:
            part_base, part_exponent = part.as_base_exp()
            content, part_base, sign = _normalised(part_base, part_exponent * exponent)
            coefficient *= content
            numerator = numerator * sign
            factors[part_base] = factors.get(part_base, 0) + part_exponent * exponent
    numerator = _against_denominator(_tidy_numerator(numerator), factors)
    denominator = sympy.Mul(*[base**exponent for base, exponent in factors.items()])
    return _signed(numerator / coefficient, denominator)


def _against_denominator(numerator, factors):
    """A numerator that holds a power of a denominator's sum, written with it:
    x² + z² − 4z + 4 over (2 − z)³ is (2 − z)² + x², as the textbook has it."""
    if not numerator.is_Add or nodes(numerator) > MAX_REWRITE_NODES:
        return numerator
    best, terms = numerator, set(numerator.args)
    for base, exponent in factors.items():
        if not base.is_Add or not exponent.is_Integer or nodes(base) > MAX_REWRITE_NODES:
            continue
        for power in range(1, min(int(exponent), 2) + 1):
            expanded = sympy.Add.make_args(_expand(base**power))
            for sign in (1, -1):
                if len(terms & {sign * t for t in expanded}) < 2:
                    continue  # the numerator does not hold this power
                rest = _expand(numerator - sign * base**power)
                candidate = sympy.Add(sign * base**power, pull_common_factors(rest))
                if _shape(candidate) < _shape(best):
                    best = candidate
    return best


def _shape(expr) -> tuple:
    """Smaller is plainer: fewer nodes, then fewer terms."""
    return nodes(expr), len(sympy.Add.make_args(expr))


def _fraction(expr):
    """(numerator, {base: exponent}) with expr = numerator / Π base^exponent,
    found structurally: a sum of fractions gets the least common multiple of
    the denominators' factors; nothing is expanded or factored here."""
    if expr.is_Add:
        parts = [_fraction(term) for term in expr.args]
        common: dict = {}
        for _, denominator in parts:
            for base, exponent in denominator.items():
                common[base] = max(common.get(base, exponent), exponent)
        terms = []
        for numerator, denominator in parts:
            missing = [b ** (e - denominator.get(b, 0)) for b, e in common.items() if e != denominator.get(b, 0)]
            terms.append(sympy.Mul(numerator, *missing))
        return sympy.Add(*terms), common
    if expr.is_Mul:
        numerators, common = [], {}
        for factor in expr.args:
            numerator, denominator = _fraction(factor)
            numerators.append(numerator)
            for base, exponent in denominator.items():
                common[base] = common.get(base, 0) + exponent
        return sympy.Mul(*numerators), common
    if expr.is_Pow and expr.exp.is_Rational:
        base, exponent = expr.args
        if exponent.is_negative and not exponent.is_Integer:
            # (xyz)^(−1/2) is not x^(−1/2)·y^(−1/2)·z^(−1/2) where factors are negative
            return sympy.S.One, {base: -exponent}
        if exponent.is_negative:
            k = -exponent
            numerator, denominator = _fraction(base)
            top = sympy.Mul(*[b ** (e * k) for b, e in denominator.items()])
            bottom: dict = {}
            for factor in sympy.Mul.make_args(numerator):
                if factor.is_Number:
                    top = top / factor**k
                    continue
                b, e = factor.as_base_exp()
                bottom[b] = bottom.get(b, 0) + e * k
            return top, bottom
        if exponent.is_Integer:
            numerator, denominator = _fraction(base)
            return numerator**exponent, {b: e * exponent for b, e in denominator.items()}
    return expr, {}


def _normalised(base, exponent):
    """(content, primitive base, sign) with base^exponent =
    content^exponent · sign · primitive^exponent: 2z − 4 → 2, z − 2."""
    if base.is_Number:
        return base**exponent, sympy.S.One, sympy.S.One
    if not base.is_Add:
        return sympy.S.One, base, sympy.S.One
    content, primitive = base.as_content_primitive()
    sign = sympy.S.One
    if exponent.is_Integer and _orientation(-primitive) > _orientation(primitive):
        primitive, sign = -primitive, sympy.S.NegativeOne**exponent
    return content**exponent, primitive, sign


def _orientation(base) -> tuple:
    """How a textbook orients a sum in a denominator: its leading term
    positive (e^z − xy, 2 − z, z² − xy), then as few minus signs as possible.
    Leading: a function before a constant before a power before a product."""
    def rank(term):
        term = -term if term.could_extract_minus_sign() else term
        if term.atoms(sympy.Function):
            return 3
        if term.is_Number:
            return 2
        if term.is_Symbol or (term.is_Pow and term.base.is_Symbol):
            return 1
        return 0

    terms = sympy.Add.make_args(base)
    top = max(rank(term) for term in terms)
    leading_negative = all(term.could_extract_minus_sign() for term in terms if rank(term) == top)
    return (not leading_negative, -_negatives(base))


def _tidy_numerator(numerator):
    """The shortest of: expanded, expanded and collected on the transcendental
    factors (x² − (x² + y²)·ln(x² + y²)), as built; common factors pulled out."""
    if not _expandable(numerator):
        return pull_common_factors(numerator)
    expanded = _trigonometry(_expand(numerator))
    if nodes(expanded) <= MAX_POWSIMP_NODES and any(not p.exp.is_Rational for p in expanded.atoms(sympy.Pow)):
        expanded = sympy.powsimp(expanded, combine="exp")  # y·y^(ln x − 1) → y^(ln x)
    forms = [pull_common_factors(expanded), pull_common_factors(numerator)]
    if expanded.is_Add and len(expanded.args) <= MAX_COLLECT_TERMS:
        collected = _collect_shared(expanded)
        if collected is not None:
            forms.append(pull_common_factors(collected))
    return min(forms, key=nodes)


def _collect_shared(expr):
    """Group the terms that share a transcendental factor:
    x² − x² ln w − y² ln w → x² − (x² + y²) ln w."""
    counts: dict = {}
    for term in expr.args:
        for factor in dict.fromkeys(sympy.Mul.make_args(term)):
            base, _ = _base_exponent(factor)
            if not (base.is_Symbol or base.is_Number or base.is_Add):
                counts[factor] = counts.get(factor, 0) + 1
    shared = [f for f, n in counts.items() if 2 <= n < len(expr.args)]
    if not shared:
        return None
    best = max(counts[f] for f in shared)
    smallest = min(nodes(f) for f in shared if counts[f] == best)
    candidates = sorted((f for f in shared if counts[f] == best and nodes(f) == smallest), key=sympy.default_sort_key,
                        reverse=True)
    # among equal candidates the shortest result, then SymPy's canonical order (reversed:
    # trigonometric before exponential factors, as the stored answers have it),
    # never the order of a set, which varies from run to run with the hash seed
    return min((_collected(expr, factor) for factor in candidates), key=nodes)


def _collected(expr, factor):
    inside = [t for t in expr.args if factor in sympy.Mul.make_args(t)]
    outside = [t for t in expr.args if factor not in sympy.Mul.make_args(t)]
    grouped = pull_common_factors(sympy.Add(*[t / factor for t in inside]))
    return sympy.Add(*outside, _keep_coeff(sympy.S.One, grouped * factor))


def _expandable(expr) -> bool:
    """Whether _expand is cheap on `expr`: the bound counts the work, the
    terms the expansion makes, not the input's size (a sum of 20 products
    of 19 binomials is 2,400 nodes and expands to 20·2¹⁹ products)."""
    return nodes(expr) <= MAX_EXPAND_NODES and expansion_terms(expr, MAX_EXPANDED_TERMS) <= MAX_EXPANDED_TERMS


def expansion_terms(expr, limit: int) -> int:
    """An upper bound on the number of terms _expand makes of `expr` (like
    terms not merged), stopping past `limit`."""
    if expr.is_Add:
        total = 0
        for term in expr.args:
            total += expansion_terms(term, limit)
            if total > limit:
                break
        return total
    if expr.is_Mul:
        product = 1
        for factor in expr.args:
            product *= expansion_terms(factor, limit)
            if product > limit:
                break
        return product
    if expr.is_Pow and expr.base.is_Add and expr.exp.is_Integer and 1 < expr.exp <= MAX_MULTINOMIAL:
        inner = expansion_terms(expr.base, limit)
        return inner ** int(expr.exp) if inner <= limit else inner
    return 1


def _expand(expr):
    """Distribute products over sums; exponentials and logarithms stay whole,
    and powers of sums are expanded only when small ((x + y)² yes, (x + y)²⁰⁰ no)."""
    multinomial = all(
        not (p.base.is_Add and p.exp.is_Integer and abs(p.exp) > MAX_MULTINOMIAL) for p in expr.atoms(sympy.Pow)
    )
    return sympy.expand(expr, power_exp=False, power_base=False, log=False, multinomial=multinomial, mul=True)


def _tidy_factor(base):
    """A denominator base: expanded only when that makes it shorter
    (u·cos²v + u·sin²v → u), otherwise as it stands."""
    if not base.is_Add or not _expandable(base) or not any(t.is_Mul or t.is_Pow for t in base.args):
        return base
    expanded = _trigonometry(_expand(base))
    if nodes(expanded) < nodes(base):
        return pull_common_factors(expanded)
    return base


def pull_common_factors(expr):
    """2x²y + 4xy² → 2xy(x + 2y): the numeric gcd and the powers every term
    shares (a cheap factor_terms: no recursion, no polynomial algebra)."""
    if not expr.is_Add:
        return expr
    coefficients, powers = [], []
    for term in expr.args:
        coefficient, rest = term.as_coeff_Mul()
        coefficients.append(coefficient)
        exponents: dict = {}
        for factor in sympy.Mul.make_args(rest):
            base, exponent = _base_exponent(factor)
            exponents[base] = exponents.get(base, 0) + exponent
        powers.append(exponents)
    shared = {}
    for base in powers[0]:
        if all(base in p for p in powers[1:]):
            least = min(p[base] for p in powers)
            if least > 0:
                shared[base] = least
    numeric = _rational_gcd(coefficients)
    if all(c.is_negative for c in coefficients):
        numeric = -numeric
    if not shared and numeric == 1:
        return expr
    inner = sympy.Add(*[
        sympy.Mul(c / numeric, *[b ** (e - shared.get(b, 0)) for b, e in p.items()])
        for c, p in zip(coefficients, powers)
    ])
    common = sympy.Mul(*[b**e for b, e in shared.items()])
    return _keep_coeff(numeric, common * inner)


def _base_exponent(factor):
    """x³ → (x, 3); e^(xy), y^(ln x), √(…)^k keep a non-rational exponent inside the base."""
    base, exponent = factor.as_base_exp()
    if exponent.is_Rational and base is not sympy.E:
        return base, exponent
    return factor, sympy.S.One


def _rational_gcd(numbers):
    from math import gcd

    if not all(n.is_Rational for n in numbers):
        return sympy.S.One
    top, bottom = 0, 1
    for n in numbers:
        top = gcd(top, abs(int(n.p)))
    for n in numbers:
        bottom = bottom * int(n.q) // gcd(bottom, int(n.q))
    return sympy.Rational(top, bottom) if top else sympy.S.One


def _signed(numerator, denominator):
    """Sign placement as in answer keys: no sum in the denominator that starts
    with a minus (−x² − y² → −(x² + y²)), and x/(2 − z) rather than −x/(z − 2)."""
    factors = list(sympy.Mul.make_args(denominator))
    sums = [k for k, f in enumerate(factors) if f.is_Add]
    if numerator.could_extract_minus_sign() and len(sums) == 1:
        k = sums[0]
        if _orientation(-factors[k]) >= _orientation(factors[k]):
            factors[k] = -factors[k]
            numerator = -numerator
    return numerator / sympy.Mul(*factors)


def _negatives(expr) -> int:
    return sum(1 for term in sympy.Add.make_args(expr) if term.could_extract_minus_sign())


def _trigonometry(expr):
    """sin²a + cos²a = 1 and the double-angle formulas, where they shorten
    a small expression (the textbook's cos²t − sin²t → cos 2t)."""
    if not expr.has(sympy.sin) or not expr.has(sympy.cos) or nodes(expr) > MAX_TRIG_NODES:
        return expr
    best = expr
    arguments = {f.args[0] for f in expr.atoms(sympy.sin)} & {f.args[0] for f in expr.atoms(sympy.cos)}
    for a in sorted(arguments, key=sympy.default_sort_key):
        s, c = sympy.sin(a), sympy.cos(a)
        rewrites = []
        if best.has(s**2) or best.has(c**2):
            rewrites += [{s**2: 1 - c**2}, {c**2: 1 - s**2}]
            rewrites.append({s**2: (1 - sympy.cos(2 * a)) / 2, c**2: (1 + sympy.cos(2 * a)) / 2})
        for rewrite in rewrites + [{}]:
            candidate = _double_angle(_expand(best.xreplace(rewrite)), s, c, a)
            if nodes(candidate) < nodes(best):
                best = candidate
    return best


def _double_angle(expr, s, c, a):
    """sin a · cos a → sin(2a)/2 in every term."""
    terms = []
    for term in sympy.Add.make_args(expr):
        factors = list(sympy.Mul.make_args(term))
        if s in factors and c in factors:
            factors.remove(s)
            factors.remove(c)
            factors.append(sympy.sin(2 * a) / 2)
        terms.append(sympy.Mul(*factors))
    return sympy.Add(*terms)


def _grouped(expr, atoms):
    """Σ coefficient · (product of abstract function atoms), each coefficient
    one tidy fraction; the parts without abstract functions stay together."""
    if not _expandable(expr):
        return expr
    groups: dict = {}
    for term in sympy.Add.make_args(_expand(expr)):  # e^(x+y) stays whole
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
    return _common_transcendental_out(sympy.Add(*terms))


def _common_transcendental_out(expr):
    """e^(f(x))·(f(e^x)·f′(x) + e^x·f′(e^x)): a function factor every term
    shares is written once, as textbooks do (plain variables stay in)."""
    terms = sympy.Add.make_args(expr)
    if len(terms) < 2:
        return expr
    shared = set.intersection(*(set(sympy.Mul.make_args(t)) for t in terms))
    common = [f for f in shared if isinstance(f, sympy.Function) and not isinstance(f, AppliedUndef)]
    if not common:
        return expr
    factor = sympy.Mul(*common)
    return factor * sympy.Add(*(t / factor for t in terms))


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
