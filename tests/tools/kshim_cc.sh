#!/bin/sh
# Tests kshim-cc (cmake/tools/kshim-cc.in): one- and two-file modules, -o, -I/-D, -c objects,
# KBUILD_MODNAME, modpost's license warning, and errors. Usage: kshim_cc.sh BINDIR FIXTURES.
set -u
bin=$1
fixtures=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/kshim-cc-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }
log() { "$1" --time virtual --no-timestamps 2>&1; }

# One file, default name: NAME.ko and the runner NAME in the current directory.
cp "$fixtures/lkmpg_style/beta-two.c" "$work/"
(cd "$work" && "$bin/kshim-cc" beta-two.c) || fail "kshim-cc beta-two.c failed"
[ -x "$work/beta-two" ] && [ -f "$work/beta-two.ko" ] || fail "beta-two and beta-two.ko were not written"
log "$work/beta-two" | grep -qx "beta_two: init" || fail "KBUILD_MODNAME is not beta_two: $(log "$work/beta-two")"

# Two files into one module named by -o, with -I and -D as a Makefile would pass them.
mkdir "$work/out"
"$bin/kshim-cc" "$fixtures/composite/main.c" "$fixtures/composite/helper.c" -o "$work/out/combo" \
	-I "$fixtures/composite/include" -DCOMBO_GREETING='"from -D"' -DHELPER_FACTOR=5 || fail "two-file build failed"
log "$work/out/combo" | grep -qx "combo: from -D, scale(7)=35" || fail "combo printed: $(log "$work/out/combo")"

# -c writes one object; objects then link like sources.
"$bin/kshim-cc" -c "$fixtures/lkmpg_style/alpha.c" -o "$work/alpha.o" --modname alpha || fail "-c failed"
"$bin/kshim-cc" "$work/alpha.o" -o "$work/alpha" || fail "linking alpha.o failed"
log "$work/alpha" | grep -qx "alpha: init, KBUILD_MODNAME=alpha" || fail "alpha printed: $(log "$work/alpha")"

# A module without MODULE_LICENSE gets modpost's warning; it still builds, as on Linux.
sed '/MODULE_LICENSE/d' "$fixtures/lkmpg_style/alpha.c" > "$work/nolicense.c"
"$bin/kshim-cc" "$work/nolicense.c" -o "$work/nolicense" 2> "$work/err" || fail "a module without a license failed to build"
grep -q "WARNING: modpost: missing MODULE_LICENSE() in nolicense.o" "$work/err" || fail "no modpost warning: $(cat "$work/err")"

# A compile error is the compiler's diagnostic and a failing status; a bad argument is usage.
printf '#include <linux/module.h>\nint f(void) { return undeclared_thing; }\n' > "$work/broken.c"
"$bin/kshim-cc" "$work/broken.c" -o "$work/broken" 2> "$work/err" && fail "a broken module built"
grep -q "undeclared_thing" "$work/err" || fail "no diagnostic for the broken module: $(cat "$work/err")"
"$bin/kshim-cc" 2> /dev/null; [ $? -eq 2 ] || fail "kshim-cc without sources did not exit 2"
"$bin/kshim-cc" "$work/notes.txt" 2> "$work/err" && fail "a .txt argument was accepted"

[ $failed -eq 0 ] && echo "kshim-cc: all passed"
exit $failed
