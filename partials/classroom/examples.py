"""The seed problems this project was born from, as people type them.

One list for the README, the tests and the benchmarks."""

SEED_PROBLEMS = {
    1: "z = u^2 ln v, u = y/x, v = x^2 + y^2",
    2: "z = e^(uv), u = ln[√(x^2+y^2)], v = arctan(y/x)",
    3: "z = y^lnx",
    4: "u = f(x,y,z), y = g(x,t), t = v(x,z)",
    5: "z = f(u,v), u = u(x,y), v = v(x,y)",
    6: "z = y / f(x^2 - y^2)",
    7: "e^z = xyz",
    8: "F(yz, y + xz) = 0",
    9: "y = ln(x+2)",
    11: "c = a + b, d = b + 1, e = c·d",
}

# Notation found verbatim in the material, inside answers.
SEED_ANSWER_NOTATION = "y(∂z/∂y)F'1 + z·F'2 - f_12'' + (δ^2)z/δ(x^2) + f1' + az/ax + 偏u/偏x"
