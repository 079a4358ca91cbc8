#!/bin/sh
# Compiles every header under shim/include on its own, as C (module flags) and as C++, failing on any warning.
# Usage: tests/lib/check_headers.sh [repo-root]   (exit status = number of failing headers, capped at 100)
root=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
inc="$root/shim/include"
CC=${CC:-gcc}
CXX=${CXX:-g++}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for h in $(cd "$inc" && find . -name '*.h' | sed 's|^\./||' | sort); do
	printf '#include <%s>\n' "$h" > "$tmp/one.c"
	cp "$tmp/one.c" "$tmp/one.cpp"
	if ! $CC -std=gnu11 -nostdinc -Wall -Wextra -Werror -D__KERNEL__ -DMODULE \
		-I "$inc" -fsyntax-only "$tmp/one.c" 2> "$tmp/err"; then
		echo "C   FAIL $h"; sed 's/^/    /' "$tmp/err" | head -20; fail=$((fail + 1))
	fi
	if ! $CXX -std=c++20 -Wall -Wextra -Werror -I "$inc" -fsyntax-only "$tmp/one.cpp" 2> "$tmp/err"; then
		echo "C++ FAIL $h"; sed 's/^/    /' "$tmp/err" | head -20; fail=$((fail + 1))
	fi
done

# Type checks that must reject bad module code (C, -Werror): each snippet must NOT compile.
reject() {
	printf '%s\n' "$2" > "$tmp/neg.c"
	if $CC -std=gnu11 -nostdinc -Wall -Wextra -Werror -D__KERNEL__ -DMODULE -O2 \
		-I "$inc" -c -o /dev/null "$tmp/neg.c" 2>/dev/null; then
		echo "NEG FAIL $1: compiled but should have been rejected"; fail=$((fail + 1))
	fi
}
reject "min() of distinct types" '#include <linux/minmax.h>
int f(int a, long b); int f(int a, long b) { return min(a, b); }'
reject "ARRAY_SIZE() of a pointer" '#include <linux/kernel.h>
int f(int *p); int f(int *p) { return ARRAY_SIZE(p); }'
reject "container_of() member type mismatch" '#include <linux/container_of.h>
struct s { int a; long b; }; struct s *f(int *p); struct s *f(int *p) { return container_of(p, struct s, b); }'
reject "BUILD_BUG_ON(true)" '#include <linux/build_bug.h>
int f(void); int f(void) { BUILD_BUG_ON(sizeof(int) == 4); return 0; }'
reject "GENMASK(low, high)" '#include <linux/bits.h>
unsigned long f(void); unsigned long f(void) { return GENMASK(0, 3); }'
reject "one-argument static_assert failing" '#include <linux/build_bug.h>
static_assert(1 == 2);'

echo "header check: $fail failure(s)"
[ $fail -gt 100 ] && fail=100
exit $fail
