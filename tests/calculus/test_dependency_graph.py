"""The engine's dependency graph: the chain-rule paths between two variables."""
from partials.calculus.dependency_graph import DependencyGraph
from partials.reading.reader import read_problem
from partials.core.symbols import variable

x, y, z, u, v, w = (variable(n) for n in "xyzuvw")


def test_paths_of_seed_problem_1_in_the_order_of_the_children():
    graph = DependencyGraph(read_problem("z = u^2 ln v, u = y/x, v = x^2 + y^2"))
    assert graph.paths(z, x, 6) == [(z, u, x), (z, v, x)]
    assert graph.paths(z, u, 6) == [(z, u)]
    assert graph.paths(u, v, 6) == []


def test_paths_stop_once_more_than_the_limit_are_found():
    # every level doubles the paths: 2·2·2 = 8 from z down to x
    graph = DependencyGraph(read_problem("z = a + b, a = c + d, b = c + d, c = s + t, d = s - t, s = x + y, t = x y"))
    assert len(graph.paths(z, x, 8)) == 8
    found = graph.paths(z, x, 3)
    assert len(found) == 4
    assert len(set(found)) == 4 and all(path[0] == z and path[-1] == x for path in found)


def test_paths_are_unknown_when_an_unknown_of_the_equations_lies_on_the_way():
    graph = DependencyGraph(read_problem("w = x + z, e^z = xyz"))
    assert graph.paths(w, x, 6) is None
    assert graph.paths(w, z, 6) == [(w, z)]


def test_paths_in_a_graph_with_two_to_the_thirtieth_paths_are_found_quickly():
    levels = [f"a_{k} = a_{k - 1} + b_{k - 1}, b_{k} = a_{k - 1} b_{k - 1}" for k in range(1, 31)]
    graph = DependencyGraph(read_problem(", ".join(["z = a_30 + b_30, a_0 = x + y, b_0 = x - y", *levels])))
    assert len(graph.paths(z, x, 6)) == 7
    assert graph.paths(variable("a_30"), variable("b_30"), 6) == []
