#!/bin/sh
# The README's commands: `demo` builds and runs the main sample, `test` builds and runs every test,
# `fuzz [SECONDS]` fuzzes each libFuzzer target (30 s by default) in build-fuzz (tests/fuzz/run.sh).
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
sh "$here/cmake/deps.sh"
[ "${1:-}" = fuzz ] && shift && exec sh "$here/tests/fuzz/run.sh" "$@"
build="${KSHIM_BUILD_DIR:-$here/build}"
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
case "${1:-}" in
  demo)
    cmake --build "$build" -j2 --target custom_workqueue
    exec "$build/samples/custom_workqueue/custom_workqueue" --run-for 7s ;;
  test)
    cmake --build "$build" -j2
    exec ctest --test-dir "$build" --output-on-failure -j2 ;;
  *) echo "usage: cmake/dev.sh demo|test|fuzz [SECONDS]" >&2; exit 2 ;;
esac
