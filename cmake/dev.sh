#!/bin/sh
# The README's commands: `demo` builds and runs the main sample, `test` builds and runs every test,
# `fuzz [SECONDS]` fuzzes each libFuzzer target (30 s by default) in build-fuzz (tests/fuzz/run.sh);
# `asan` and `ubsan` build everything with AddressSanitizer or UBSan (build-asan, build-ubsan) and run every test.
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
  asan|ubsan)
    # A sanitizer build of its own (docs/detectors.md, "ASan and UBSan modes").
    [ "$1" = asan ] && san=address || san=undefined
    sbuild="${KSHIM_BUILD_DIR:-$here/build-$1}"
    # ccache, when installed, keeps the rebuilds of these full builds cheap.
    launch=""
    command -v ccache >/dev/null &&
      launch="-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache"
    cmake -S "$here" -B "$sbuild" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKSHIM_SANITIZE=$san $launch >/dev/null
    cmake --build "$sbuild" -j2
    # No leak check at exit: kshim abandons the fibers of killed and parked tasks on purpose
    # (kmemleak reports what modules leak); kshim's own SIGSEGV handler stays.
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:detect_stack_use_after_return=0:allow_user_segv_handler=1}"
    # A UBSan report shows its call stack (the check names only the line).
    export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
    exec ctest --test-dir "$sbuild" --output-on-failure -j2 ;;
  *) echo "usage: cmake/dev.sh demo|test|fuzz [SECONDS]|asan|ubsan" >&2; exit 2 ;;
esac
