#!/bin/sh
# Tests kshim-config and kshim.pc (cmake/tools), and the installed tree: `cmake --install` into a
# fresh prefix, then a Kbuild build against the installed Kbuild directory alone.
# Usage: kshim_config.sh BUILD_DIR FIXTURES VERSION
set -u
build=$1
fixtures=$2
version=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/kshim-config-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }
cfg="$build/bin/kshim-config"

[ "$("$cfg" --version)" = "$version" ] || fail "--version is not $version"
case $("$cfg" --cflags) in *-nostdinc*"-include linux/kconfig.h"*) ;; *) fail "--cflags lacks kbuild's flags" ;; esac
case $("$cfg" --libs) in *-lkshim*) ;; *) fail "--libs lacks -lkshim" ;; esac
[ -f "$("$cfg" --build-dir)/Makefile" ] || fail "--build-dir has no Makefile"
"$cfg" --bogus 2> /dev/null; [ $? -eq 2 ] || fail "an unknown option did not exit 2"
if command -v pkg-config > /dev/null; then
	[ "$(PKG_CONFIG_PATH="$build" pkg-config --cflags kshim | sed "s/ *$//")" = "$("$cfg" --cflags)" ] ||
		fail "kshim.pc's Cflags differ from kshim-config --cflags"
fi

# The installed tree works on its own.
cmake --install "$build" --prefix "$work/prefix" > "$work/install.log" 2>&1 || fail "install failed: $(cat "$work/install.log")"
icfg="$work/prefix/bin/kshim-config"
kbuild=$("$icfg" --build-dir)
[ "$kbuild" = "$work/prefix/lib/kshim/build" ] || fail "installed --build-dir is $kbuild"
cp -r "$fixtures/lkmpg_style" "$work/m"
make -s -C "$kbuild" M="$work/m" > "$work/make.log" 2>&1 || fail "installed Kbuild failed: $(cat "$work/make.log")"
out=$("$work/m/alpha" --time virtual --no-timestamps 2>&1)
printf '%s\n' "$out" | grep -qx "alpha: init, KBUILD_MODNAME=alpha" || fail "installed build printed: $out"
[ -f "$("$icfg" --gdb-script)" ] || fail "installed --gdb-script names no file"
grep -q "$build" "$work/prefix/bin/kshim-cc" "$icfg" "$kbuild/Makefile" && fail "an installed tool names the build tree"

[ $failed -eq 0 ] && echo "kshim-config: all passed"
exit $failed
