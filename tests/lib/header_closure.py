#!/usr/bin/env python3
"""The header closure of Linux 6.1: generates and checks tests/lib/header_closure.txt.

Linux headers pull in other headers: a module that includes only <linux/sched.h> may call
spin_lock(). For every shim header H that also exists in Linux 6.1, every Linux header that the
real H includes transitively and that kshim also provides must be reachable from kshim's H.

  python3 tests/lib/header_closure.py --generate   # rewrite header_closure.txt (needs Debian's
                                                    # linux-headers-6.1.0-57-amd64 and its kbuild)
  python3 tests/lib/header_closure.py              # check (CTest kshim_header_closure; gcc only)
  python3 tests/lib/header_closure.py --why linux/sched.h linux/spinlock.h   # the real chain
  python3 tests/lib/header_closure.py --direct linux/sched.h   # the kshim headers it reaches first
  python3 tests/lib/header_closure.py --self-test   # the checker on synthetic headers (CTest)

--generate builds a one-line module once with kbuild (make -C KBUILD M=tmp) to learn kbuild's
exact gcc command from its .one.o.cmd, then runs that command with -E -H on a file that includes
only H, for every shim header H, and keeps the headers of H's include tree that kshim provides.
Headers that kbuild force-includes into every compile (kconfig.h, compiler_types.h and what they
include) are not part of any closure: gcc does not reopen them.

The check compiles, for every H in the table, a C file that includes H alone and uses one
representative of each header of its closure (tests/lib/header_symbols.txt: a header, then a
statement list that is valid in a function body). It fails when a shim header has no line in the
table (the table is stale: regenerate it), when a closure header has no representative (add one),
or when a representative does not compile (add the missing #include to the shim header).
"""
import argparse
import concurrent.futures
import os
import re
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TABLE = os.path.join(HERE, "header_closure.txt")
SYMBOLS = os.path.join(HERE, "header_symbols.txt")
DEFAULT_KBUILD = "/usr/src/linux-headers-6.1.0-57-amd64"
# The check compiles like a kshim module, with kbuild's errors for undeclared names.
CHECK_FLAGS = ["-std=gnu11", "-nostdinc", "-D__KERNEL__", "-DMODULE", "-DKBUILD_MODNAME=\"closure\"",
               "-fsyntax-only", "-Werror=implicit-function-declaration", "-Werror=implicit-int",
               "-Werror=incompatible-pointer-types"]
REGEN = "python3 tests/lib/header_closure.py --generate"


def compile_text(argv, text, cwd=None):
    """Runs the compiler argv on a temporary C file holding text; returns the result and the file's name."""
    with tempfile.NamedTemporaryFile("w", suffix=".c", delete=False) as f:
        f.write(text)
        path = f.name
    try:
        return subprocess.run(argv + [path], cwd=cwd, capture_output=True, text=True), path
    finally:
        os.unlink(path)


def shim_headers(inc):
    """Every shim header, as the name a module includes it by (linux/sched.h)."""
    out = []
    for d, _, files in os.walk(inc):
        for f in files:
            if f.endswith(".h"):
                out.append(os.path.relpath(os.path.join(d, f), inc))
    return sorted(out)


# ---------------------------------------------------------------- generation (needs linux-headers)

def kbuild_command(kbuild):
    """kbuild's gcc command for a module object, as argv, and the directory it runs in."""
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "one.c"), "w") as f:
            f.write("\n")
        with open(os.path.join(tmp, "Kbuild"), "w") as f:
            f.write("obj-m += one.o\n")
        # modpost fails (no MODULE_LICENSE); the object and its .cmd file exist by then.
        subprocess.run(["make", "-s", "-C", kbuild, "M=" + tmp, "modules"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(os.path.join(tmp, ".one.o.cmd")) as f:
            line = f.readline()
    cmd = line.split(":=", 1)[1].split(";", 1)[0]
    argv = [a for a in shlex.split(cmd) if not a.startswith("-Wp,-M")]
    cut = argv.index("-c")                      # drop "-c -o one.o one.c"
    return argv[:cut], os.path.realpath(kbuild)


def include_dirs(argv, cwd):
    return [os.path.normpath(os.path.join(cwd, a[2:])) for a in argv if a.startswith("-I")]


def resolve(name, dirs):
    """The file that #include <name> opens on the kernel's include path, or None."""
    for d in dirs:
        p = os.path.join(d, name)
        if os.path.isfile(p):
            return os.path.realpath(p)
    return None


def shim_name(path, dirs, provided):
    """The name a shim module would use for the Linux file path, if kshim provides that header."""
    for d in dirs:
        if path.startswith(d + os.sep):
            name = os.path.relpath(path, d)
            if name in provided and resolve(name, dirs) == path:
                return name
    return None


def include_tree(argv, cwd, name):
    """gcc -H's tree for a file that includes only name: [(depth, realpath)] below that header."""
    r, _ = compile_text(argv + ["-E", "-H", "-o", os.devnull], "#include <%s>\n" % name, cwd)
    tree = []
    for line in r.stderr.splitlines():
        m = re.match(r"^(\.+) (.*)$", line)
        if m:
            tree.append((len(m.group(1)), os.path.realpath(os.path.join(cwd, m.group(2)))))
    return tree


def subtree(tree, root):
    """The entries included (transitively) by the depth-1 entry root."""
    for i, (depth, path) in enumerate(tree):
        if depth == 1 and path == root:
            out = []
            for d, p in tree[i + 1:]:
                if d == 1:
                    break
                out.append((d, p))
            return out
    return []


def forced(argv, cwd):
    """The files kbuild's -include options bring into every compile, with what they include."""
    heads = [argv[i + 1] for i, a in enumerate(argv) if a == "-include"]
    bare = [a for i, a in enumerate(argv) if a != "-include" and (i == 0 or argv[i - 1] != "-include")]
    r, _ = compile_text(bare + ["-E", "-H", "-o", os.devnull], "".join('#include "%s"\n' % h for h in heads), cwd)
    return {os.path.realpath(os.path.join(cwd, m.group(1)))
            for m in re.finditer(r"^\.+ (.*)$", r.stderr, re.M)}


def closure_of(name, argv, cwd, dirs, provided, always):
    root = resolve(name, dirs)
    if root is None:
        return None
    deps = set()
    for _, path in subtree(include_tree(argv, cwd, name), root):
        dep = shim_name(path, dirs, provided) if path not in always else None
        if dep and dep != name:
            deps.add(dep)
    return sorted(deps)


def generate(args):
    argv, cwd = kbuild_command(args.kbuild)
    dirs = include_dirs(argv, cwd)
    provided = set(shim_headers(args.include))
    always = forced(argv, cwd)
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        closures = dict(zip(sorted(provided), pool.map(
            lambda h: closure_of(h, argv, cwd, dirs, provided, always), sorted(provided))))
    with open(args.table, "w") as f:
        f.write("# Linux 6.1's header closure among the headers kshim provides: H: what Linux's H includes\n")
        f.write("# transitively. Generated by `%s` from %s; do not edit.\n" % (REGEN, os.path.basename(cwd)))
        f.write("# `H: -` means Linux 6.1 has no header H (kshim's own, or one Linux generates).\n")
        for h, deps in closures.items():
            f.write("%s: %s\n" % (h, "-" if deps is None else " ".join(deps)))
    print("wrote %s (%d headers, %d in Linux 6.1)" % (os.path.relpath(args.table, ROOT), len(closures),
                                                      sum(d is not None for d in closures.values())))
    return 0


def direct(args):
    """For each named header, the kshim headers Linux's reaches first (not through another kshim one):
    the #include lines kshim's header needs for the closure to follow."""
    argv, cwd = kbuild_command(args.kbuild)
    dirs = include_dirs(argv, cwd)
    provided = set(shim_headers(args.include))
    always = forced(argv, cwd)
    for h in args.direct:
        root = resolve(h, dirs)
        if root is None:
            print("%s: -" % h)
            continue
        out, cut = [], None
        for depth, path in subtree(include_tree(argv, cwd, h), root):
            if cut is not None and depth > cut:
                continue
            cut = None
            dep = shim_name(path, dirs, provided) if path not in always else None
            if dep:
                out.append(dep)
                cut = depth
        print("%s: %s" % (h, " ".join(out)))
    return 0


def why(args):
    """Prints the chain of includes through which Linux's H reaches D."""
    argv, cwd = kbuild_command(args.kbuild)
    dirs = include_dirs(argv, cwd)
    h, d = args.why
    root, target = resolve(h, dirs), resolve(d, dirs)
    stack = [root]
    for depth, path in subtree(include_tree(argv, cwd, h), root):
        del stack[depth:]
        stack.append(path)
        if path == target:
            print(" -> ".join(re.sub(r"^/usr/src/linux-headers-[^/]*/", "", p) for p in stack))
            return 0
    print("Linux's %s does not include %s" % (h, d))
    return 1


# ---------------------------------------------------------------- check (gcc only)

def read_table(path):
    table = {}
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            h, rest = line.split(":", 1)
            rest = rest.split()
            table[h.strip()] = None if rest == ["-"] else rest
    return table


def read_symbols(path):
    sym = {}
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            h, _, snippet = line.strip().partition(" ")
            sym[h] = snippet.strip()
    return sym


def probe_source(h, deps, sym):
    """A C file that includes h and uses each representative; returns it and {line: dep}."""
    lines = ["#include <%s>" % h, "void kshim_closure_probe(void);", "void kshim_closure_probe(void)", "{"]
    where = {}
    for d in deps:
        m = re.match(r"defined (\w+)$", sym[d])
        if m:
            lines += ["#ifndef %s" % m.group(1), "#error %s is not defined" % m.group(1), "#endif"]
            where[len(lines) - 1] = d
        else:
            lines.append("\t{ %s } /* %s */" % (sym[d], d))
            where[len(lines)] = d
    return "\n".join(lines + ["}", ""]), where


def compile_probe(h, deps, sym, inc, cc):
    """Compiles the probe; returns {dep: first error}, and other errors."""
    src, where = probe_source(h, deps, sym)
    r, path = compile_text([cc] + CHECK_FLAGS + ["-I", inc], src)
    bad, other = {}, []
    for line in r.stderr.splitlines():
        m = re.match(re.escape(path) + r":(\d+):\d+: error: (.*)", line)
        if m and int(m.group(1)) in where:
            bad.setdefault(where[int(m.group(1))], m.group(2))
        elif ": error:" in line:
            other.append(line.replace(path, "probe.c"))
    if r.returncode != 0 and not bad and not other:
        other.append(r.stderr.strip().replace(path, "probe.c"))
    return bad, other


def check_one(h, deps, sym, inc, cc):
    """Compiles H with one use of each closure header; returns the failure messages."""
    bad, other = compile_probe(h, deps, sym, inc, cc)
    out = ["%s: Linux's %s reaches <%s>, kshim's does not (`%s` fails: %s).\n"
           "    Add `#include \"%s\"` to shim/include/%s (in its C-only `#ifndef __cplusplus` closure block), or to the\n"
           "    header through which Linux's reaches it; `--direct %s` lists the includes H needs\n"
           "    (`python3 tests/lib/header_closure.py --why %s %s` prints the chain; needs linux-headers)."
           % (h, h, d, sym[d], msg, d, h, h, h, d) for d, msg in bad.items()]
    if other:
        out.append("%s: the probe does not compile:\n    %s" % (h, "\n    ".join(other[:10])))
    return out


def check_symbol(d, sym, inc, cc):
    """A representative must compile with its own header alone, or the check proves nothing."""
    bad, other = compile_probe(d, [d], sym, inc, cc)
    if not bad and not other:
        return []
    return ["tests/lib/header_symbols.txt: the representative of <%s> (`%s`) does not compile with <%s> "
            "alone: %s. Fix the line." % (d, sym[d], d, "; ".join(list(bad.values()) + other[:3]))]


def check(args):
    table, sym = read_table(args.table), read_symbols(args.symbols)
    headers = shim_headers(args.include)
    errors = ["shim/include/%s is not in tests/lib/header_closure.txt: regenerate the table with `%s` "
              "(needs linux-headers-6.1.0-57-amd64) and commit it." % (h, REGEN)
              for h in headers if h not in table]
    errors += ["tests/lib/header_closure.txt lists %s, which shim/include no longer has: regenerate it with `%s`."
               % (h, REGEN) for h in table if h not in headers]
    needed = sorted({d for deps in table.values() if deps for d in deps})
    errors += ["<%s> is in a header closure but has no representative in tests/lib/header_symbols.txt: "
               "add a line `%s <statements using one of its symbols>`." % (d, d) for d in needed if d not in sym]
    if errors:
        print("\n".join(errors))
        return 1
    jobs = [(h, deps) for h, deps in table.items() if deps]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        own = pool.map(lambda d: check_symbol(d, sym, args.include, args.cc), sorted(sym))
        results = pool.map(lambda j: check_one(j[0], j[1], sym, args.include, args.cc), jobs)
        errors = [e for r in list(own) + list(results) for e in r]
    print("\n".join(errors))
    print("header closure: %d header(s) checked, %d failure(s)" % (len(jobs), len(errors)))
    return 1 if errors else 0


def self_test(args):
    """The check fails on an uncovered header and on an unreachable closure header, passes otherwise."""
    def run(files, table, symbols):
        with tempfile.TemporaryDirectory() as tmp:
            for name, text in files.items():
                os.makedirs(os.path.dirname(os.path.join(tmp, "inc", name)), exist_ok=True)
                with open(os.path.join(tmp, "inc", name), "w") as f:
                    f.write(text)
            for name, text in (("table", table), ("symbols", symbols)):
                with open(os.path.join(tmp, name), "w") as f:
                    f.write(text)
            ns = argparse.Namespace(include=os.path.join(tmp, "inc"), table=os.path.join(tmp, "table"),
                                    symbols=os.path.join(tmp, "symbols"), cc=args.cc)
            return check(ns)
    y = {"a/y.h": "#define Y_VALUE 1\n"}
    sym = "a/y.h (void)Y_VALUE;\n"
    cases = [
        ("a closure that is reachable passes", 0,
         dict(y, **{"a/x.h": '#include "a/y.h"\n'}), "a/x.h: a/y.h\na/y.h: -\n", sym),
        ("an unreachable closure header fails", 1, dict(y, **{"a/x.h": "\n"}), "a/x.h: a/y.h\na/y.h: -\n", sym),
        ("a header the table does not cover fails", 1, dict(y, **{"a/x.h": "\n"}), "a/y.h: -\n", sym),
        ("a closure header without a representative fails", 1,
         dict(y, **{"a/x.h": '#include "a/y.h"\n'}), "a/x.h: a/y.h\na/y.h: -\n", ""),
        ("a representative that needs more than its header fails", 1,
         dict(y, **{"a/x.h": '#include "a/y.h"\n'}), "a/x.h: a/y.h\na/y.h: -\n", "a/y.h (void)Z_VALUE;\n"),
    ]
    bad = 0
    for what, want, files, table, symbols in cases:
        got = run(files, table, symbols)
        if got != want:
            print("SELF-TEST FAIL: %s (exit %d, expected %d)" % (what, got, want))
            bad += 1
    print("self-test: %d case(s), %d failure(s)" % (len(cases), bad))
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--generate", action="store_true", help="rewrite the table from linux-headers")
    ap.add_argument("--why", nargs=2, metavar=("H", "D"), help="print the chain by which Linux's H includes D")
    ap.add_argument("--direct", nargs="+", metavar="H", help="print the kshim headers Linux's H reaches first")
    ap.add_argument("--self-test", action="store_true", help="check the checker on synthetic headers")
    ap.add_argument("--kbuild", default=DEFAULT_KBUILD)
    ap.add_argument("--include", default=os.path.join(ROOT, "shim", "include"))
    ap.add_argument("--table", default=TABLE)
    ap.add_argument("--symbols", default=SYMBOLS)
    ap.add_argument("--cc", default=os.environ.get("CC", "gcc"))
    args = ap.parse_args()
    if args.generate:
        return generate(args)
    if args.self_test:
        return self_test(args)
    if args.why:
        return why(args)
    if args.direct:
        return direct(args)
    return check(args)


if __name__ == "__main__":
    sys.exit(main())
