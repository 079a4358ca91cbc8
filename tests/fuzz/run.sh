#!/bin/sh
# Builds the libFuzzer targets with clang (build-fuzz) and fuzzes each in turn: run.sh [SECONDS] [NAME...]
# SECONDS defaults to 30 per target; the NAMEs default to every tests/fuzz/corpus/NAME. Each run
# starts from the seed corpus and what earlier runs found (build-fuzz/fuzz-corpus/NAME); a
# finding is written to build-fuzz/fuzz-artifacts/NAME/ and ends the script with its status.
set -e
here=$(cd "$(dirname "$0")/../.." && pwd)
build="${KSHIM_FUZZ_BUILD_DIR:-$here/build-fuzz}"
secs="${1:-30}"
[ $# -gt 0 ] && shift
names="$*"
if [ -z "$names" ]; then
  for d in "$here"/tests/fuzz/corpus/*/; do names="$names $(basename "$d")"; done
fi
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
    -DCMAKE_CXX_COMPILER=clang++ -DKSHIM_FUZZ=ON >/dev/null
fi
cmake --build "$build" -j2 --target fuzzers
for name in $names; do
  work="$build/fuzz-corpus/$name"
  artifacts="$build/fuzz-artifacts/$name"
  mkdir -p "$work" "$artifacts"
  set -- -max_total_time="$secs" -max_len=4096 -print_final_stats=1 -artifact_prefix="$artifacts/"
  dict="$here/tests/fuzz/$name.dict"
  [ -f "$dict" ] && set -- "$@" -dict="$dict"
  # NAME.options: libFuzzer flags of that target's own, one a line (see docs/workflow.md).
  opts="$here/tests/fuzz/$name.options"
  [ -f "$opts" ] && set -- "$@" $(cat "$opts")
  set -- "$@" "$work" "$here/tests/fuzz/corpus/$name"
  [ -d "$here/tests/fuzz/regressions/$name" ] && set -- "$@" "$here/tests/fuzz/regressions/$name"
  echo "kshim: fuzzing $name for ${secs}s" >&2
  nice -n 19 "$build/fuzz/kshim_fuzz_$name" "$@"
done
