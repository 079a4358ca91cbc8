#!/bin/sh
# Installs the Debian packages kshim needs to build and test, or prints the exact line to do it.
set -e
pkgs="g++ cmake make pkg-config python3 libboost-context-dev libfmt-dev catch2 libdw-dev binutils gdb"
# FUSE for --mount (fs/fuse_mount.cpp) and fusermount3 for its unmount paths.
pkgs="$pkgs libfuse3-dev fuse3"
# clang and its sanitizer and libFuzzer runtimes: the fuzz build (tests/fuzz, -DKSHIM_FUZZ=ON).
pkgs="$pkgs clang clang-14 libclang-rt-14-dev"
# chromium renders the --timeline page in its test (tests/trace/check_timeline.py).
pkgs="$pkgs chromium"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "kshim: installing$missing" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
else
  echo "kshim: missing packages; install them with:" >&2
  echo "  sudo apt-get install -y$missing" >&2
  exit 1
fi
