#!/bin/sh
# Drives gdb in batch mode on a runner stopped at a breakpoint and checks the kshim commands
# (shim/gdb/kshim.py): kshim-ps's listing, kshim-bt of a sleeping task, kshim-dmesg.
# Usage: kshim_gdb.sh GDB_SCRIPT RUNNER
set -u
script=$1
runner=$2
if ! command -v gdb > /dev/null; then
	echo "gdb is missing (cmake/deps.sh installs it)"; exit 1
fi
# Where the machine forbids ptrace (some containers), gdb cannot run anything: skip (CTest: 77).
if ! gdb -nx -batch -ex run --args /bin/true 2>&1 | grep -q "exited normally"; then
	echo "SKIP: gdb cannot start a process here (ptrace not permitted)"; exit 77
fi
out=$(gdb -nx -batch -ex "set breakpoint pending on" -ex "break probe_point" \
	-ex "run --time virtual --run-for 1s" -ex "source $script" \
	-ex "kshim-ps" -ex "echo ==bt==\n" -ex "kshim-bt waiter" \
	-ex "echo ==after==\n" -ex "bt 1" -ex "echo ==dmesg==\n" -ex "kshim-dmesg" \
	-ex "echo ==end==\n" -ex "kill" --args "$runner" 2>&1)
failed=0
expect() { printf '%s\n' "$out" | grep -qE "$1" || { echo "FAIL: no line matching '$1'"; failed=1; }; }
# kshim-ps: pid, CPU, state (D: msleep and wait_for_completion sleep uninterruptibly), comm, and
# for a sleeper the API it waits in and its module caller.
expect '^ +PID CPU ST  COMM +WAITS IN$'
expect '^ +100 +[0-9]+ +X  insmod +-$'
expect '^ +[0-9]+ +[0-9]+ +D  waiter +wait_for_completion <- waiter_fn$'
expect '^ +[0-9]+ +[0-9]+ +D  sleeper +msleep <- sleeper_fn$'
expect '^ +[0-9]+ +[0-9]+ +R  prober +-$'
# kshim-bt of a task that is not on the CPU: its own stack, down to the module's function.
bt=$(printf '%s\n' "$out" | sed -n '/^==bt==$/,/^==after==$/p')
printf '%s\n' "$bt" | grep -q " wait_for_completion " || { echo "FAIL: kshim-bt waiter lacks wait_for_completion"; failed=1; }
printf '%s\n' "$bt" | grep -q " waiter_fn " || { echo "FAIL: kshim-bt waiter lacks waiter_fn"; failed=1; }
# After kshim-bt, the thread's registers are back: frame 0 is where the breakpoint stopped it.
printf '%s\n' "$out" | sed -n '/^==after==$/,/^==dmesg==$/p' | grep -q "^#0 .*probe_point" ||
	{ echo "FAIL: the stopped thread was not restored after kshim-bt"; failed=1; }
dmesg=$(printf '%s\n' "$out" | sed -n '/^==dmesg==$/,/^==end==$/p')
printf '%s\n' "$dmesg" | grep -qx '\[    0.000000\] gdb_tasks: waiter waits' || { echo "FAIL: kshim-dmesg lacks the waiter's line"; failed=1; }
printf '%s\n' "$dmesg" | grep -q 'gdb_tasks: probe reached' && { echo "FAIL: kshim-dmesg shows a line printed after the breakpoint"; failed=1; }
[ $failed -eq 0 ] && echo "kshim gdb commands: all passed" || printf '%s\n' "$out"
exit $failed
