#!/bin/sh
# Issue 8's performance bound in one run: each benchmark with every detector on, then compiled out (KSHIM_MEMORY_DETECTORS=OFF), alternating.
# usage: sh tests/bench/compare_detectors.sh [BUILD_TYPE] [ROUNDS]   (from the source tree; builds build-rel and build-rel-off)
set -e
type=${1:-Release}
rounds=${2:-3}
benches="kbench_wq_throughput kbench_printk kbench_vday kbench_wq_vday kbench_kmalloc"
launcher=""
command -v ccache >/dev/null && launcher="-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache"
cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=$type $launcher >/dev/null
cmake -S . -B build-rel-off -DCMAKE_BUILD_TYPE=$type -DKSHIM_MEMORY_DETECTORS=OFF $launcher >/dev/null
for d in build-rel build-rel-off; do
  cmake --build $d -j2 --target $benches >/dev/null
done
uptime
i=1
while [ $i -le $rounds ]; do
  for b in $benches; do
    for d in build-rel build-rel-off; do
      echo "== round $i: $d $b"
      $d/tests/bench/$b || true
    done
  done
  i=$((i + 1))
done
