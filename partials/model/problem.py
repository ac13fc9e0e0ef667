"""A problem: its relations and the role of every name in them.

Roles follow docs/design.md ("Problem text"):
* a definition `z = ...` makes z explicit; one whose right side refers to its
  own left side (directly, or through a declaration such as u = u(x, y)) is
  an equation instead;
* a declaration `u = u(x, y)` says u depends on x, y: u is determined by the
  equations when it appears in one, else it is an abstract intermediate;
* equations determine as many unknowns as there are equations: the declared
  names, then the left sides of self-referring definitions, then `of`, then
  the convention "the last of x, y, z";
* independent variables are the names nobody defines or determines.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy
from sympy.core.function import AppliedUndef

from partials.core.errors import RoleError
from partials.model.notation import Partial, Target
from partials.core.symbols import argument_slot, function, symbol_named, variable
from partials.model.shortcuts import ProblemShortcuts
from partials.model.partial_at import partial_at
from partials.model.parameters import is_parameter


@dataclass(frozen=True)
class Relation:
    kind: str  # "definition" | "declaration" | "equation"
    lhs: sympy.Expr
    rhs: sympy.Expr

    @property
    def as_zero(self) -> sympy.Expr:
        """The relation written as `expression = 0`."""
        return self.lhs - self.rhs


@dataclass(frozen=True)
class Problem(ProblemShortcuts):
    relations: tuple[Relation, ...]
    definitions: dict  # Symbol -> Expr, explicit definitions in text order
    equations: tuple[sympy.Expr, ...]  # each one = 0
    declarations: dict  # Symbol -> tuple of Symbols it depends on
    independent: tuple[sympy.Symbol, ...]
    intermediate: tuple[sympy.Symbol, ...]
    dependent: tuple[sympy.Symbol, ...]
    implicit: tuple[sympy.Symbol, ...]  # determined by the equations
    functions: dict  # name -> arity of every abstract function
    targets: tuple[Target, ...] = ()
    text: str = ""
    framing: tuple = field(default=(None, ()), compare=False)

    # ---- construction -------------------------------------------------
    @classmethod
    def from_relations(cls, relations, targets=(), text="", of=None, wrt=()) -> "Problem":
        relations = tuple(_function_definition(r) for r in relations)
        of = _as_symbol(of)
        wrt = tuple(_as_symbol(w) for w in wrt)
        roles = _Roles(relations, of, wrt)
        return cls(
            relations=relations,
            definitions=roles.definitions,
            equations=tuple(roles.equations),
            declarations=roles.declarations,
            independent=roles.independent,
            intermediate=roles.intermediate,
            dependent=roles.dependent,
            implicit=tuple(roles.unknowns),
            functions=roles.functions,
            targets=tuple(targets),
            text=text,
            framing=(of, wrt),
        )

    def framed_for(self, of=None, wrt=()) -> "Problem":
        """This problem with roles decided for the derivative of `of` by `wrt`
        (e.g. x = u cos v, y = u sin v asked for ∂u/∂x makes u, v unknowns)."""
        of, wrt = _as_symbol(of), tuple(_as_symbol(w) for w in wrt)
        if of is None and not wrt:
            return self
        names = set(self.independent) | set(self.definitions) | set(self.implicit) | set(self.declarations)
        unknown = [n for n in (of, *wrt) if n is not None and n not in names]
        if unknown:
            raise RoleError(
                f"'{unknown[0]}' does not occur in the problem",
                hint="names in the problem: " + ", ".join(sorted(str(n) for n in names)),
            )
        if (of is None or of in self.dependent or of in self.intermediate or of in self.implicit) and all(
            w in self.independent for w in wrt
        ):
            return self
        return Problem.from_relations(self.relations, self.targets, self.text, of=of, wrt=wrt)

    # ---- questions ------------------------------------------------------
    @property
    def variables(self) -> tuple[sympy.Symbol, ...]:
        return self.independent + self.intermediate + self.dependent

    def role_of(self, name) -> str:
        name = _as_symbol(name)
        if name in self.independent:
            return "independent"
        if name in self.intermediate:
            return "intermediate"
        if name in self.dependent:
            return "dependent"
        if str(name) in self.functions:
            return "function"
        raise RoleError(f"'{name}' does not occur in the problem")

    def calls(self, name: str) -> list[tuple]:
        """The distinct argument tuples with which function `name` is called."""
        found: list[tuple] = []
        for relation in self.relations:
            if relation.kind == "declaration":
                continue
            for call in (relation.lhs - relation.rhs).atoms(sympy.core.function.AppliedUndef):
                if call.func.__name__ == name and call.args not in found:
                    found.append(call.args)
        return found

    def resolve(self, expr: sympy.Expr) -> sympy.Expr:
        """Give typed abstract-derivative notation (f₁′, F'_z, f'') its meaning
        in this problem: a SymPy Subs/Derivative at the arguments of the call.
        Derivatives of variables (∂z/∂x inside an answer) are left as Partial."""
        replacements = {}
        for partial in expr.atoms(Partial):
            name = str(partial.base)
            if name in self.functions:
                replacements[partial] = self._abstract_partial(name, partial)
        return expr.xreplace(replacements) if replacements else expr

    def _abstract_partial(self, name: str, partial: Partial) -> sympy.Expr:
        calls = self.calls(name)
        if len(calls) != 1:
            where = "is never called" if not calls else "is called with different arguments"
            raise RoleError(
                f"'{partial}' is ambiguous: {name} {where} in the problem",
                hint=f"write the arguments out, e.g. ∂{name}/∂u at a point",
            )
        arguments = calls[0]
        positions = [self._argument_position(name, arguments, b) for b in partial.by]
        return abstract_derivative(function(name), arguments, positions)

    @staticmethod
    def _argument_position(name, arguments, by) -> int:
        if by.is_Integer:
            if not 1 <= int(by) <= len(arguments):
                raise RoleError(f"{name} has {len(arguments)} argument(s); there is no argument {by}")
            return int(by)
        if by in arguments:
            return arguments.index(by) + 1
        raise RoleError(
            f"{name}_{by} is ambiguous: {by} is not one of the arguments of {name}{tuple(arguments)}",
            hint=f"use the argument's position, e.g. {name}_1'",
        )


def abstract_derivative(f, arguments, positions) -> sympy.Expr:
    """∂ f / ∂(arguments at `positions`), evaluated at `arguments`:
    Subs(Derivative(f(_1, …, _n), _i, _j, …), (_1, …, _n), arguments).

    Positions are sorted: f₁₂″ = f₂₁″ (continuous second partials)."""
    slots = tuple(argument_slot(k + 1) for k in range(len(arguments)))
    if not positions:
        return f(*arguments)
    derivative = sympy.Derivative(f(*slots), *[slots[p - 1] for p in sorted(positions)])
    return partial_at(derivative, slots, arguments)  # never sympy.Subs: see partials.model.partial_at


def _function_definition(relation: Relation) -> Relation:
    """f(x, y) = x²y, as textbooks define a function: f is the dependent
    variable, defined by the right side in its arguments (distinct variables
    that the right side is written in). F(x, y) = 0 stays an equation."""
    lhs, rhs = relation.lhs, relation.rhs
    if relation.kind != "equation" or not isinstance(lhs, AppliedUndef):
        return relation
    if not isinstance(rhs, sympy.Expr) or rhs.is_number:
        return relation
    arguments = lhs.args
    if not all(a.is_Symbol for a in arguments) or len(set(arguments)) != len(arguments):
        return relation
    if rhs.has(lhs.func) or not _names(rhs) <= set(arguments):  # parameters (--const m) aside
        return relation
    return Relation("definition", variable(lhs.func.__name__), rhs)


def _as_symbol(name):
    return None if name is None else symbol_named(name)


class _Roles:
    """Decides the role of every name; see the module docstring."""

    def __init__(self, relations, of, wrt):
        self.functions = _function_arities(relations)
        self.declarations = {r.lhs: tuple(r.rhs.args) for r in relations if r.kind == "declaration"}
        self.definitions, self.equations, self.self_referring = self._split_definitions(relations)
        self.inverted_unknowns = []
        if of is not None and of not in self.definitions and self._inverted_for(of, wrt):
            self._invert_definitions()
        elif of is not None and of in self.definitions and self._inputs_are_defined(of, wrt):
            self._invert_definitions(keep=self._used_by(of))
        self._reject_cycles()
        self.unknowns = self._unknowns(of)
        self._decide_variables()

    # definitions that refer to themselves become equations
    def _split_definitions(self, relations):
        definitions, equations, self_referring = {}, [], []
        for relation in relations:
            if relation.kind == "equation":
                equations.append(relation.as_zero)
            elif relation.kind == "definition":
                name = relation.lhs
                if name in definitions:
                    raise RoleError(
                        f"'{name}' is defined twice: {name} = {definitions[name]} and {name} = {relation.rhs}",
                        hint="keep one definition, or write the second as an equation",
                    )
                if self._refers_to_itself(name, relation.rhs):
                    equations.append(relation.as_zero)
                    self_referring.append(name)
                else:
                    definitions[name] = relation.rhs
        return definitions, equations, self_referring

    def _refers_to_itself(self, name, rhs) -> bool:
        seen, frontier = set(), list(_names(rhs))
        while frontier:
            current = frontier.pop()
            if current == name:
                return True
            if current not in seen:
                seen.add(current)
                frontier.extend(self.declarations.get(current, ()))
        return False

    def _inverted_for(self, of, wrt) -> bool:
        """x = u cos v, y = u sin v asked for u: by a defined name (∂u/∂x), or,
        with nothing named, when the definitions can be solved for the names
        they are written in (as many names as definitions, u among them)."""
        if wrt:
            return any(w in self.definitions for w in wrt)
        written_in = self._written_in()
        return of in written_in and len(written_in) == len(self.definitions) and not self.equations

    def _invert_definitions(self, keep=frozenset()):
        """x = u cos v, y = u sin v asked for ∂u/∂x: the definitions become
        equations for the names they were written in. Definitions in `keep`
        stay (z = u² when ∂z/∂x is asked of x = u cos v, y = u sin v, z = u²)."""
        inverted = {name: rhs for name, rhs in self.definitions.items() if name not in keep}
        written_in = set().union(*(_names(rhs) for rhs in inverted.values())) - set(self.declarations) - set(keep)
        self.inverted_unknowns = sorted(written_in, key=str)
        self.equations += [name - rhs for name, rhs in inverted.items()]
        self.definitions = {name: rhs for name, rhs in self.definitions.items() if name in keep}

    def _used_by(self, of) -> set:
        """`of` and the defined names its definition uses, directly or through others."""
        kept, frontier = set(), [of]
        while frontier:
            name = frontier.pop()
            if name in kept or name not in self.definitions:
                continue
            kept.add(name)
            frontier.extend(_names(self.definitions[name]))
        return kept

    def _inputs_are_defined(self, of, wrt) -> bool:
        """∂z/∂x of x = u cos v, y = u sin v, z = u²: x is defined, but not on
        z's side, so x, y are the inputs and u, v follow from them (as with --of u).
        Read the other way (u, v independent) the derivative would be 0 by
        mistake, since z does not depend on x at all."""
        kept = self._used_by(of)
        return bool(wrt) and any(w in self.definitions and w not in kept for w in wrt)

    def _written_in(self) -> set:
        """The undeclared names the definitions' right sides are written in."""
        return set().union(*(_names(rhs) for rhs in self.definitions.values())) - set(self.declarations)

    def _reject_cycles(self):
        state: dict = {}

        def visit(name, path):
            state[name] = "open"
            for used in sorted(_names(self.definitions[name]), key=str):
                if used in self.definitions:
                    if state.get(used) == "open":
                        cycle = path[path.index(used):] + [used]
                        raise RoleError(
                            "these definitions refer to each other in a cycle: " + " → ".join(map(str, cycle)),
                            hint="if they are equations to solve, declare the unknowns, e.g. "
                            + f"{cycle[0]} = {cycle[0]}(x, y)",
                        )
                    if used not in state:
                        visit(used, path + [used])
            state[name] = "done"

        for name in self.definitions:
            if name not in state:
                visit(name, [name])

    def _unknowns(self, of) -> list:
        if not self.equations:
            return []
        in_equations = set().union(*(_names(e) for e in self.equations))
        count = len(self.equations)
        unknowns = [n for n in self.declarations if n in in_equations and n not in self.definitions]
        unknowns += [n for n in self.inverted_unknowns if n in in_equations]
        declared_arguments = set().union(*self.declarations.values()) if self.declarations else set()
        for name in self.self_referring:
            if len(unknowns) < count and name not in unknowns and name not in declared_arguments:
                unknowns.append(name)
        if of is not None and of in in_equations and of not in unknowns and of not in self.definitions:
            if len(unknowns) < count:
                unknowns.append(of)
        if len(unknowns) < count:
            unknowns += self._by_convention(in_equations - set(unknowns) - set(self.definitions), count - len(unknowns))
        if len(unknowns) != count:
            raise RoleError(
                f"{count} equation(s) but {len(unknowns)} unknown(s) they determine: "
                + (", ".join(map(str, unknowns)) or "none"),
                hint="declare the unknowns, e.g. u = u(x, y), v = v(x, y)",
            )
        return unknowns

    @staticmethod
    def _by_convention(candidates, needed) -> list:
        if not candidates:
            raise RoleError("the equations have no variable left for them to determine",
                            hint="an equation such as e^z = xyz determines z = z(x, y)")
        if needed == 1:
            for name in ("z", "y"):
                if variable(name) in candidates:
                    return [variable(name)]
        names = ", ".join(sorted(map(str, candidates)))
        raise RoleError(
            f"cannot tell which of {names} the equations determine",
            hint="name it with --of (e.g. --of z) or declare it, e.g. z = z(x, y)",
        )

    def _decide_variables(self):
        used_in_definitions = set().union(*(_names(rhs) - {name} for name, rhs in self.definitions.items()))
        used_by_others = used_in_definitions.union(*(_names(e) for e in self.equations))
        all_names = set(self.definitions) | set(self.unknowns) | set(self.declarations)
        for expression in list(self.definitions.values()) + list(self.equations):
            all_names |= _names(expression)
        for args in self.declarations.values():
            all_names |= set(args)
        clash = sorted(str(n) for n in all_names if str(n) in self.functions)
        if clash:
            raise RoleError(f"'{clash[0]}' is used both as a function and as a variable", hint="rename one of them")
        abstract_intermediates = [n for n in self.declarations if n not in self.definitions and n not in self.unknowns]
        determined = set(self.definitions) | set(self.unknowns) | set(abstract_intermediates)
        self.independent = _ordered(all_names - determined, self.declarations)
        # a defined name nobody uses, or an unknown no definition uses, is what the problem is about
        top = [n for n in self.definitions if n not in used_by_others]
        self.dependent = tuple(top + [u for u in self.unknowns if u not in used_in_definitions])
        self.intermediate = tuple(
            [n for n in self.definitions if n in used_by_others]
            + [u for u in self.unknowns if u in used_in_definitions]
            + abstract_intermediates
        )


def _names(expr) -> set:
    """Variables of an expression: free symbols, not argument slots, notation or parameters (--const)."""
    return {s for s in expr.free_symbols if not s.name.startswith("_") and not is_parameter(s)}


def _ordered(names, declarations) -> tuple:
    """Independent variables in the order a textbook lists them: the order of
    a declaration z = z(x, y) when there is one, else alphabetical."""
    order = []
    for args in declarations.values():
        order += [a for a in args if a in names and a not in order]
    return tuple(order + sorted((n for n in names if n not in order), key=lambda s: s.name))


def _function_arities(relations) -> dict:
    arities: dict = {}
    for relation in relations:
        if relation.kind == "declaration":
            continue
        for call in (relation.lhs - relation.rhs).atoms(sympy.core.function.AppliedUndef):
            name, arity = call.func.__name__, len(call.args)
            if arities.setdefault(name, arity) != arity:
                raise RoleError(
                    f"function {name} is used with {arities[name]} and with {arity} arguments",
                    hint="a function keeps one number of arguments throughout a problem",
                )
    return arities
