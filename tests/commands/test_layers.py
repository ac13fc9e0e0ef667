"""The layer contract of pyproject.toml, checked on the code's own imports
(imports inside functions included): every import points down or stays in its
layer, and no import cycle joins modules of two layers, apart from the
contract's listed doors. import-linter checks the same contract in CI; this
test needs nothing but the standard library."""
import ast
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "partials"
CONTRACT = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"][0]


def _modules() -> dict:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        modules[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return modules


def _imports(modules: dict) -> dict:
    edges = {}
    for name, (path, is_package) in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    here = name.split(".")[: len(name.split(".")) - (0 if is_package else 1)]
                    here = here[: len(here) - node.level + 1]
                    base = ".".join(here + ([node.module] if node.module else []))
                candidates = [base] + [f"{base}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            else:
                continue
            targets |= {c for c in candidates if c in modules and c != name}
        edges[name] = targets
    return edges


def _rank() -> dict:
    """Layer name -> height (0 at the bottom); siblings share a height."""
    rank = {}
    for height, layer in enumerate(reversed(CONTRACT["layers"])):
        for sibling in layer.split("|"):
            rank[sibling.strip()] = height
    return rank


def _layer(module: str):
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def _is_door(source: str, target: str) -> bool:
    for rule in CONTRACT["ignore_imports"]:
        left, right = (side.strip() for side in rule.split("->"))
        if source == left and (target == right or (right.endswith(".**") and target.startswith(right[:-3]))):
            return True
    return False


EDGES = _imports(_modules())
RANK = _rank()


def test_every_module_is_in_a_layer():
    outside = sorted(m for m in EDGES if m != "partials" and _layer(m) not in RANK and _layer(m) != "__main__")
    assert outside == []


def _upward(edges: dict) -> list:
    upward = []
    for source, targets in edges.items():
        for target in targets:
            a, b = _layer(source), _layer(target)
            if a is None or b is None or a == b or a == "__main__" or _is_door(source, target):
                continue
            if RANK[b] >= RANK[a]:
                upward.append(f"{source} -> {target}")
    return upward


def test_imports_point_down():
    assert _upward(EDGES) == []


def test_no_cycle_joins_two_layers():
    edges = {m: {t for t in ts if not _is_door(m, t)} for m, ts in EDGES.items()}
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(v):  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len({_layer(m) for m in component}) > 1:
                cycles.append(sorted(component))

    for module in edges:
        if module not in index:
            visit(module)
    assert cycles == []


def test_the_check_itself_sees_an_upward_import():
    """A test that cannot fail is a defect: an import of the checker from the
    reading layer must be caught."""
    edges = dict(EDGES)
    edges["partials.reading.reader"] = EDGES["partials.reading.reader"] | {"partials.assessment.checker"}
    assert _upward(edges) == ["partials.reading.reader -> partials.assessment.checker"]
    edges["partials.reading.reader"] = EDGES["partials.reading.reader"] | {"partials.calculus.engine"}
    assert _upward(edges) == ["partials.reading.reader -> partials.calculus.engine"]  # siblings
