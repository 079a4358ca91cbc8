#!/usr/bin/env python3
# Checks that the extern "C" bridges (shim/src/**/*_api.cpp) hold no logic: short bodies, no control flow.
"""Usage: check_bridges.py <source root>

A bridge is one call into a kshim:: class plus argument conversion. Every function defined
in a *_api.cpp file (bridges and their file-local helpers alike) must have a body of at most
MAX_LINES non-blank lines and as many statements, not counting the argument plumbing
(`(void)arg;` and the va_list/va_start/va_end lines of a variadic bridge), and no control
flow: no for/while/do/switch/goto/else and no ?:. The one `if` allowed is an early return,
`if (cond) return value;`.

Offenders are printed as file:line: function: reason; there is no allowlist.
"""
import pathlib
import re
import sys

MAX_LINES = 4
FORBIDDEN = re.compile(r"\b(for|while|do|switch|case|goto|else)\b")
EARLY_RETURN = re.compile(r"\bif\s*\(")
PLUMBING = re.compile(r"^\s*(\(void\)\s*\w+;|va_list\s+\w+;|va_start\s*\(.*\);|va_end\s*\(.*\);)\s*$")
FUNC_NAME = re.compile(r"([A-Za-z_]\w*)\s*\(")
QUALIFIERS = re.compile(r"(\s*\b(const|noexcept|override|final)\b)*\s*$")


def strip(text):
    """Blanks comments, string and char literals and preprocessor lines, keeping line breaks."""
    out, i, n = [], 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if at_line_start and c == "#":
            while i < n and text[i] != "\n":
                # a continued directive spans the next line too
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    out.append(" \n")
                    i += 2
                    continue
                out.append(" ")
                i += 1
            continue
        if c.isspace():
            at_line_start = at_line_start or c == "\n"
            out.append(c)
            i += 1
            continue
        at_line_start = False
        if text.startswith("//", i):
            while i < n and text[i] != "\n":
                out.append(" ")
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j]) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(code):
    """Yields (name, line of the opening brace, body text) for each function defined at
    namespace scope (inside extern "C" and namespaces too)."""
    stack = []          # 'scope' (namespace, extern "C"), 'fn', or 'other' (struct, initializer)
    head_start = 0      # where the text before the next namespace-level '{' begins
    body_start = None
    for i, c in enumerate(code):
        if c == "{":
            in_scope = all(k == "scope" for k in stack)
            if not in_scope:
                stack.append("inner")
                continue
            head = code[head_start:i]
            if re.search(r"\bnamespace\b|\bextern\s*\"", head):
                stack.append("scope")
                head_start = i + 1
            elif QUALIFIERS.sub("", head).rstrip().endswith(")") and "=" not in head.split("(")[0]:
                stack.append("fn")
                m = FUNC_NAME.search(head)
                name = m.group(1) if m else "?"
                body_start = i
                fn_name = name
            else:
                stack.append("other")
        elif c == "}":
            kind = stack.pop() if stack else "scope"
            if kind == "fn":
                line = code.count("\n", 0, body_start) + 1
                yield fn_name, line, code[body_start + 1:i]
            if all(k == "scope" for k in stack):
                head_start = i + 1
        elif c == ";" and all(k == "scope" for k in stack):
            head_start = i + 1


def problems(body):
    """What makes this body more than a bridge (empty list: it is one)."""
    found = []
    lines = [l for l in body.split("\n") if l.strip() and not PLUMBING.match(l)]
    if len(lines) > MAX_LINES:
        found.append(f"{len(lines)} lines (at most {MAX_LINES})")
    statements = statement_count("\n".join(lines))
    if statements > MAX_LINES:
        found.append(f"{statements} statements (at most {MAX_LINES})")
    m = FORBIDDEN.search(body)
    if m:
        found.append(f"control flow '{m.group(1)}'")
    if "?" in body:
        found.append("control flow '?:'")
    for m in EARLY_RETURN.finditer(body):
        close = matching_paren(body, m.end() - 1)
        if not re.match(r"\s*return\b[^;{]*;", body[close + 1:]):
            found.append("an 'if' that is not an early return")
    return found


def statement_count(text):
    """Semicolons outside parentheses: one per statement."""
    depth, count = 0, 0
    for c in text:
        depth += {"(": 1, ")": -1}.get(c, 0)
        count += c == ";" and depth == 0
    return count


def matching_paren(text, open_at):
    depth = 0
    for j in range(open_at, len(text)):
        depth += {"(": 1, ")": -1}.get(text[j], 0)
        if depth == 0:
            return j
    return len(text) - 1


SELF_TEST = r'''
namespace { Thing &t() { return Kernel::get().thing(); } }
extern "C" {
struct s { int a; };
static const int table[] = {1, 2};
int fine(int a, void *unused)
{
    (void)unused;
    if (!a)
        return -1;
    return t().call(a, "while ? for");   // for (;;) in a comment
}
int too_long(void) { a(); b(); c(); d(); e(); }
int looping(void) { for (;;) t().x(); }
int choosing(int a) { return a ? 1 : 2; }
void guarded(int a) { if (a) t().x(); }
void branching(int a) { if (a) return; else t().x(); }
}
'''


def self_test():
    """The checker's own cases: what it accepts and what it reports."""
    got = {name: problems(body) for name, _, body in functions(strip(SELF_TEST))}
    want_bad = {"too_long", "looping", "choosing", "guarded", "branching"}
    ok = set(got) == {"t", "fine"} | want_bad
    ok = ok and not got["t"] and not got["fine"]
    ok = ok and all(got[n] for n in want_bad)
    print("self-test", "passed" if ok else f"FAILED: {got}")
    return 0 if ok else 1


def main(argv):
    if len(argv) > 1 and argv[1] == "--self-test":
        return self_test()
    root = pathlib.Path(argv[1])
    failures = 0
    for src in sorted((root / "shim" / "src").rglob("*_api.cpp")):
        rel = src.relative_to(root).as_posix()
        for name, line, body in functions(strip(src.read_text())):
            found = problems(body)
            if not found:
                continue
            print(f"{rel}:{line}: {name}: {'; '.join(found)}")
            failures += 1
    if failures:
        print(f"{failures} bridge(s) hold logic: move it into the kshim:: class the bridge calls")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
