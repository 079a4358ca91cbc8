#!/usr/bin/env python3
# Checks that the runtime's subsystems (shim/src/<subsystem>/) include each other without cycles.
"""Usage: check_layers.py <source root> [--graph] | --self-test

A unit is a subsystem folder of shim/src, except for the few files that are their own layer
below the rest of their folder (LEAF_UNITS): the clock and the timer queue sit under the
scheduler while the timer_list engine in the same folder sits above softirq, and the module
address map is a registry with no dependencies. An edge A -> B means a runtime file of A
includes a header of B. The extern "C" bridges (*_api.cpp) are left out: they sit above
everything and may reach any class. kernel.hpp (the composition root, forward declarations
only) and globals.hpp are not units. The check fails on any cycle and prints it; --graph
prints every unit's dependencies, for docs/architecture.md.
"""
import pathlib
import re
import sys

LEAF_UNITS = {
    "time/clock.hpp": "time/clock", "time/clock.cpp": "time/clock",
    "time/timer_queue.hpp": "time/clock", "time/timer_queue.cpp": "time/clock",
    "module/address_map.hpp": "module/address_map",
}
INCLUDE = re.compile(r'#include "([a-z_]+/[a-z_]+\.hpp)"')


def unit_of(rel):
    return LEAF_UNITS.get(rel, rel.split("/", 1)[0])


def graph(src):
    edges = {}
    for f in sorted(src.rglob("*.[ch]pp")):
        rel = f.relative_to(src).as_posix()
        if "/" not in rel or rel.endswith("_api.cpp"):
            continue
        me = unit_of(rel)
        deps = edges.setdefault(me, set())
        for inc in INCLUDE.findall(f.read_text()):
            if (src / inc).exists() and unit_of(inc) != me:
                deps.add(unit_of(inc))
    return edges


def find_cycle(edges):
    state, stack = {}, []

    def visit(u):
        state[u] = 1
        stack.append(u)
        for v in sorted(edges.get(u, ())):
            if state.get(v) == 1:
                return stack[stack.index(v):] + [v]
            if v not in state and (c := visit(v)):
                return c
        stack.pop()
        state[u] = 2
        return None

    for u in sorted(edges):
        if u not in state and (c := visit(u)):
            return c
    return None


def self_test():
    """A tiny tree with a cycle a -> b -> a through headers, and the same tree without it."""
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        src = pathlib.Path(d) / "shim" / "src"
        for name, text in {"a/a.hpp": '#include "b/b.hpp"', "b/b.cpp": '#include "a/a.hpp"',
                           "b/b.hpp": "", "b/b_api.cpp": '#include "a/a.hpp"'}.items():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            (src / name).write_text(text + "\n")
        cyclic = find_cycle(graph(src)) == ["a", "b", "a"]
        (src / "b/b.cpp").write_text("\n")
        acyclic = find_cycle(graph(src)) is None   # the bridge's include does not count
    print("self-test", "passed" if cyclic and acyclic else "FAILED")
    return 0 if cyclic and acyclic else 1


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    src = pathlib.Path(argv[1]) / "shim" / "src"
    edges = graph(src)
    if "--graph" in argv:
        for u in sorted(edges):
            print(f"{u} -> {', '.join(sorted(edges[u])) or '(nothing)'}")
    cycle = find_cycle(edges)
    if cycle:
        print("dependency cycle between subsystems: " + " -> ".join(cycle))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
