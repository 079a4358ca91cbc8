#!/bin/sh
# The README's two commands: `demo` builds and runs the main sample, `test` builds and runs every test.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
sh "$here/cmake/deps.sh"
build="${KSHIM_BUILD_DIR:-$here/build}"
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
case "${1:-}" in
  demo)
    cmake --build "$build" -j2 --target custom_workqueue
    exec "$build/samples/custom_workqueue/custom_workqueue" --run-for 7s ;;
  test)
    cmake --build "$build" -j2
    exec ctest --test-dir "$build" --output-on-failure -j2 ;;
  *) echo "usage: cmake/dev.sh demo|test" >&2; exit 2 ;;
esac
