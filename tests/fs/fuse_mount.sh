#!/bin/sh
# kshim-run --mount with real programs: cat, echo, python's os/fcntl/select calls against test modules; a blocked read holds up only its own request; poll sleeps until the module wakes its queue; unmounted after SIGINT, SIGKILL, an oops and SMAP's oops; stale mounts cleaned; refused mount points.
# Usage: fuse_mount.sh KSHIM_RUN MODULES_DIR. Skips (CTest: 77) where FUSE cannot mount.
set -u
run=$1
mods=$2
work=$(mktemp -d /tmp/kshim-fuse-test.XXXXXX)
failed=0
fail() { echo "FAIL: $*"; failed=1; }
pids=""
cleanup() {
	for p in $pids; do kill -9 "$p" 2> /dev/null; done
	fusermount3 -u -z "$work/mnt" 2> /dev/null
	rm -rf "$work"
}
trap cleanup EXIT

# Waits (up to 10 s) for a path to appear.
wait_for() {
	i=0
	while [ ! -e "$1" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ -e "$1" ]
}
mounted() { grep -q " $1 fuse.kshim " /proc/mounts; }

if [ ! -c /dev/fuse ] || ! command -v fusermount3 > /dev/null; then
	echo "SKIP: /dev/fuse or fusermount3 is missing"; exit 77
fi
mkdir "$work/mnt"
"$run" "$mods/mount_files.ko" "$mods/chardev_wait.ko" "$mods/misc_echo.ko" "$mods/fasync_notify.ko" --mount "$work/mnt" \
	> "$work/log" 2> "$work/err" &
kpid=$!
pids="$kpid"
if ! wait_for "$work/mnt/proc/kshim_mount64"; then
	if grep -q -- "--mount .*: " "$work/err"; then
		echo "SKIP: FUSE cannot mount here: $(cat "$work/err")"; exit 77
	fi
	fail "no /proc/kshim_mount64 under the mount"; cat "$work/err"; exit 1
fi

# cat of a /proc file: the module's 64 bytes, in a user task named after cat.
out=$(cat "$work/mnt/proc/kshim_mount64")
[ "$out" = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde" ] || fail "cat /proc: '$out'"
# echo into a misc device, cat back; the ioctl of _IOR('e', 1, int) gives its length.
echo hello > "$work/mnt/dev/kshim_echo" || fail "echo > /dev/kshim_echo"
out=$(cat "$work/mnt/dev/kshim_echo")
[ "$out" = "hello" ] || fail "cat /dev/kshim_echo: '$out'"
len=$(python3 -c "import fcntl,os,struct,sys
fd=os.open(sys.argv[1], os.O_RDONLY)
print(struct.unpack('i', fcntl.ioctl(fd, 0x80046501, b'\0'*4))[0])" "$work/mnt/dev/kshim_echo")
[ "$len" = "6" ] || fail "ioctl ECHO_LEN: '$len'"
# ls shows the tree.
ls "$work/mnt/proc" | grep -qx kshim_mount64 || fail "ls /proc lacks kshim_mount64"
ls "$work/mnt/dev" | grep -qx kshim_wait || fail "ls /dev lacks kshim_wait"
# O_NONBLOCK on an empty device: EAGAIN, as the module returns it.
err=$(python3 -c "import os,sys
fd=os.open(sys.argv[1], os.O_RDONLY|os.O_NONBLOCK)
try: os.read(fd, 8); print('read')
except BlockingIOError: print('EAGAIN')" "$work/mnt/dev/kshim_wait")
[ "$err" = "EAGAIN" ] || fail "O_NONBLOCK read: '$err'"
# poll: an empty device times out for POLLIN (FUSE once said readable at once) and is writable;
# select blocks until another process's write wakes the module's queue; two pollers both wake.
dev="$work/mnt/dev/fasync_notify"
out=$(python3 -c "import os,select,sys
fd=os.open(sys.argv[1], os.O_RDWR)
p=select.poll(); p.register(fd, select.POLLIN)
print('in:', p.poll(300))
p.modify(fd, select.POLLOUT)
print('out:', [e for _, e in p.poll(300)])" "$dev")
[ "$out" = "in: []
out: [4]" ] || fail "poll of an empty device: '$out'"
out=$(python3 -c "import os,select,sys,threading,time
fd=os.open(sys.argv[1], os.O_RDONLY)
def writer():
    time.sleep(0.5)
    w=os.open(sys.argv[1], os.O_WRONLY); os.write(w, b'hi\\n'); os.close(w)
threading.Thread(target=writer).start()
t=time.monotonic()
r,_,_=select.select([fd], [], [], 10)
dt=time.monotonic()-t
print('ready' if r else 'timeout', 'late' if dt > 0.4 else 'early', os.read(fd, 16))" "$dev")
[ "$out" = "ready late b'hi\\n'" ] || fail "select until a write: '$out'"
selector="import os,select,sys
fd=os.open(sys.argv[1], os.O_RDONLY)
print('ready' if select.select([fd], [], [], 10)[0] else 'timeout')"
(sleep 0.6; echo x > "$dev") &
pids="$pids $!"
python3 -c "$selector" "$dev" > "$work/p1" &
p1=$!
out=$(python3 -c "$selector" "$dev")
wait $p1
[ "$out $(cat "$work/p1")" = "ready ready" ] || fail "two pollers: '$out $(cat "$work/p1")'"
# A blocking read holds up only its own request: cat waits in the module while others work.
cat "$work/mnt/dev/kshim_wait" > "$work/blocked" &
cpid=$!
pids="$pids $cpid"
sleep 0.5
kill -0 "$cpid" 2> /dev/null || fail "the blocking cat did not block"
out=$(cat "$work/mnt/proc/kshim_mount64" | head -c 10)
[ "$out" = "0123456789" ] || fail "a read while another blocks: '$out'"
echo wake > "$work/mnt/dev/kshim_wait"
i=0
while [ ! -s "$work/blocked" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(cat "$work/blocked")" = "wake" ] || fail "the blocked cat got '$(cat "$work/blocked")'"
# cat now blocks again; a signal to it interrupts its request (the task gets SIGINT: EINTR).
# (SIGTERM: a background job of sh ignores SIGINT.)
kill -TERM "$cpid"
wait "$cpid" 2> /dev/null
# The module saw real programs in user tasks.
kill -INT "$kpid"
wait "$kpid"
status=$?
[ $status = 0 ] || { fail "kshim-run exit status $status"; tail -n 40 "$work/log" "$work/err"; }
grep -q "kshim_mount64: opened by cat (pid [0-9]*, mm set)" "$work/log" || fail "no open by cat in the log"
grep -q "kshim_wait: read 5 bytes" "$work/log" || fail "the blocked read did not complete in the module"
mounted "$work/mnt" && fail "still mounted after the run"
grep -q "leaked\|Module .* is in use" "$work/log" "$work/err" && fail "leftovers: $(cat "$work/log" "$work/err")"

# Ctrl-C while a read blocks in the module: the unmount interrupts it and puts the file before
# rmmod, so the run ends cleanly (the drain once stopped at the pending signal, and its calls
# ran later against a freed mount).
"$run" "$mods/chardev_wait.ko" --mount "$work/mnt" > "$work/log" 2> "$work/err" &
kpid=$!
pids="$pids $kpid"
wait_for "$work/mnt/dev/kshim_wait" || fail "chardev_wait mount"
cat "$work/mnt/dev/kshim_wait" > /dev/null 2>&1 &
cpid=$!
pids="$pids $cpid"
i=0
while ! grep -q "kshim_wait: open" "$work/log" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.3
kill -INT "$kpid"
wait "$kpid"
status=$?
[ $status = 0 ] || { fail "Ctrl-C during a blocked read: exit status $status"; cat "$work/log" "$work/err"; }
order=$(grep -o "kshim_wait: release\|kshim_wait: gone" "$work/log" | tr '\n' ,)
[ "$order" = "kshim_wait: release,kshim_wait: gone," ] || fail "Ctrl-C during a blocked read: '$order'"
grep -q "Oops\|BUG\|leaked\|in use" "$work/log" "$work/err" && fail "Ctrl-C during a blocked read: $(cat "$work/log" "$work/err")"
wait "$cpid" 2> /dev/null

# SIGKILL of kshim: libfuse's auto_unmount takes the mount down.
"$run" "$mods/mount_files.ko" --mount "$work/mnt" > /dev/null 2>&1 &
kpid=$!
pids="$pids $kpid"
wait_for "$work/mnt/proc/kshim_mount64" || fail "second mount"
kill -9 "$kpid"
wait "$kpid" 2> /dev/null
i=0
while mounted "$work/mnt" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
mounted "$work/mnt" && fail "still mounted after SIGKILL"

# An oops in a request's task ends the run; the mount goes with it.
"$run" "$mods/mount_oops.ko" --mount "$work/mnt" > "$work/log" 2>&1 &
kpid=$!
pids="$pids $kpid"
wait_for "$work/mnt/proc/kshim_oops" || fail "oops module mount"
cat "$work/mnt/proc/kshim_oops" > /dev/null 2>&1
wait "$kpid"
[ $? != 0 ] || fail "the oops run exited 0"
grep -q "BUG: kernel NULL pointer dereference" "$work/log" || fail "no oops report: $(head -5 "$work/log")"
i=0
while mounted "$work/mnt" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
mounted "$work/mnt" && { fail "still mounted after the oops"; grep fuse /proc/mounts; grep -v "^\[" "$work/log"; pgrep -a fusermount3; pgrep -a kshim-run; }

# A write whose module reads the request's buffer itself: SMAP's oops, and the run ends.
"$run" "$mods/smap_direct.ko" --mount "$work/mnt" > "$work/log" 2>&1 &
kpid=$!
pids="$pids $kpid"
wait_for "$work/mnt/dev/smap_direct" || fail "smap_direct mount"
echo hi > "$work/mnt/dev/smap_direct" 2> /dev/null
wait "$kpid"
[ $? = 1 ] || fail "the SMAP oops run did not exit 1"
grep -q "#PF: supervisor read access in kernel mode" "$work/log" || fail "no supervisor read: $(head -20 "$work/log")"
grep -q "#PF: error_code(0x0001) - permissions violation" "$work/log" || fail "no permissions violation: $(head -20 "$work/log")"
grep -q "RIP: 0010:direct_write" "$work/log" || fail "no RIP in direct_write: $(head -30 "$work/log")"
i=0
while mounted "$work/mnt" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
mounted "$work/mnt" && fail "still mounted after SMAP's oops"

# A stale mount (kshim and its unmount helper both killed): the next start clears it.
"$run" "$mods/mount_files.ko" --mount "$work/mnt" > /dev/null 2>&1 &
kpid=$!
pids="$pids $kpid"
wait_for "$work/mnt/proc/kshim_mount64" || fail "third mount"
helper=$(pgrep -f -- "auto_unmount.* -- $work/mnt\$")
[ -n "$helper" ] || fail "no fusermount3 auto_unmount helper for the mount"
kill -9 $helper
kill -9 "$kpid"
wait "$kpid" 2> /dev/null
"$run" "$mods/mount_files.ko" --mount "$work/mnt" --run-for 1s > "$work/log" 2> "$work/err" &
kpid=$!
pids="$pids $kpid"
wait_for "$work/mnt/proc/kshim_mount64" || fail "no mount over a stale one: $(cat "$work/err")"
wait "$kpid"
mounted "$work/mnt" && fail "still mounted after --run-for"

# Refused mount points: the run goes on (insmod, rmmod) and says why.
refused() {
	"$run" "$mods/mount_files.ko" --mount "$1" --run-for 0 > "$work/log" 2> "$work/err"
	[ $? = 0 ] || fail "refused mount point $1: the run failed"
	grep -q -- "--mount $1: $2; the run goes on without it" "$work/err" || fail "refusal of $1: $(cat "$work/err")"
}
touch "$work/file"
refused "$work/file" "not a directory"
mkdir "$work/full" && touch "$work/full/x"
refused "$work/full" "not an empty directory"
mkdir "$work/theirs" && chown 65534 "$work/theirs" 2> /dev/null && refused "$work/theirs" "not owned by you (uid [0-9]*)"
refused "$work/none" "No such file or directory"
exit $failed
