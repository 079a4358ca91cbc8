#!/bin/sh
# Runs unmodified Kbuild Makefiles of each shape (lkmpg's, ldd3's, a Kbuild file with a composite
# module, obj-$(CONFIG_X) and a subdirectory) through kshim's Kbuild directory, runs what they
# build and cleans them. Usage: kbuild_shapes.sh KBUILD_DIR FIXTURES [NAME]; NAME picks one shape.
set -u
kbuild=$1
fixtures=$2
only=${3:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/kshim-kbuild.XXXXXX")
trap 'rm -rf "$work"' EXIT
failed=0

fail() { echo "FAIL [$shape]: $*"; failed=1; }
# expect_line RUNNER TEXT: the runner's log (virtual time, no timestamps) has the line TEXT.
expect_line()
{
	out=$("$1" --time virtual --no-timestamps 2>&1) || fail "$1 exited $?: $out"
	printf '%s\n' "$out" | grep -qxF "$2" || fail "$1 did not print '$2'; it printed: $out"
}
exists() { for f; do [ -e "$f" ] || fail "$f was not built"; done; }
gone() { for f; do [ ! -e "$f" ] || fail "$f is still there after clean"; done; }
build() { make -s "$@" > "$work/make.log" 2>&1 || fail "make $* failed: $(cat "$work/make.log")"; }
want() { [ -z "$only" ] || [ "$only" = "$1" ]; }

shape=lkmpg_style
if want $shape; then
	d="$work/$shape"; cp -r "$fixtures/$shape" "$d"
	build -C "$kbuild" M="$d"
	exists "$d/alpha.ko" "$d/alpha" "$d/beta-two.ko" "$d/beta-two"
	expect_line "$d/alpha" "alpha: init, KBUILD_MODNAME=alpha"
	expect_line "$d/beta-two" "beta_two: init"
	build -C "$kbuild" M="$d" clean
	gone "$d/alpha.ko" "$d/alpha" "$d/alpha.o" "$d/beta-two.ko" "$d/beta-two"
	[ -e "$d/alpha.c" ] || fail "clean removed a source"
fi

shape=composite
if want $shape; then
	d="$work/$shape"; cp -r "$fixtures/$shape" "$d"
	build -C "$kbuild" M="$d" modules
	exists "$d/combo.ko" "$d/combo" "$d/main.o" "$d/helper.o"
	expect_line "$d/combo" "combo: hello from ccflags-y, scale(7)=21"
	# Built once, nothing is compiled again; a header change recompiles.
	make -C "$kbuild" M="$d" modules 2>&1 | grep -q "CC \[M\]" && fail "an up-to-date module was compiled again"
	touch -d "@$(($(date +%s) + 5))" "$d/include/combo.h"   # newer than main.o, without waiting
	make -C "$kbuild" M="$d" modules 2>&1 | grep -q "CC \[M\]  $d/main.o" || fail "a changed header did not recompile main.o"
fi

shape=ldd3_style
if want $shape; then
	d="$work/$shape"; cp -r "$fixtures/$shape" "$d"
	build -C "$d" KERNELDIR="$kbuild"
	exists "$d/scull_lite.ko" "$d/scull_lite"
	expect_line "$d/scull_lite" "scull_lite: debug build on 6.1.0-kshim"
	build -C "$d" KERNELDIR="$kbuild" clean
	gone "$d/scull_lite.ko" "$d/scull_lite"
fi

shape=config_subdir
if want $shape; then
	d="$work/$shape"; cp -r "$fixtures/$shape" "$d"
	build -C "$kbuild" M="$d" CONFIG_KSHIM_TEST_A=m
	exists "$d/opt_a.ko" "$d/sub/leaf.ko" "$d/sub/leaf"
	gone "$d/opt_b.ko"
	expect_line "$d/opt_a" "opt_a: init, FROM_PARENT=42"
	expect_line "$d/sub/leaf" "leaf: init, FROM_PARENT=42"
	build -C "$kbuild" M="$d" CONFIG_KSHIM_TEST_A=m clean
	gone "$d/opt_a.ko" "$d/opt_a" "$d/sub/leaf.ko" "$d/sub/leaf" "$d/sub/leaf.o"
fi

shape=no_m
if want $shape; then
	make -C "$kbuild" > "$work/make.log" 2>&1 && fail "make without M= succeeded"
	grep -q "M=DIR is required" "$work/make.log" || fail "make without M= did not say why: $(cat "$work/make.log")"
fi

[ $failed -eq 0 ] && echo "kbuild shapes: all passed"
exit $failed
