#!/usr/bin/env python3
# Validates --trace's JSON (shim/src/trace/trace_json.cpp) against the trace-event format, on the runners given.
"""Usage: check_trace_json.py RUNNER...

Runs each module runner for 10 virtual seconds with --trace (trace_contexts also gets its
interrupt raised) and checks the file: a JSON object with traceEvents; every event has name,
ph, ts, pid and tid; ph is one kshim writes; B/E balanced per track; X with a dur >= 0 and the
X slices of a track nested, never overlapping (what Perfetto requires of a thread track);
every flow start has its end; every track named by a thread_name; counters numeric. Then
checks what each module's run must show. Exits 1 on the first module that fails.
"""
import json
import os
import subprocess
import sys
import tempfile

PHASES = {"X", "B", "E", "i", "C", "M", "s", "f"}


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def check_fields(ev):
    for e in ev:
        for k in ("name", "ph", "ts", "pid", "tid"):
            if k not in e and not (e.get("ph") == "C" and k == "tid"):
                fail("event without %s: %r" % (k, e))
        if e["ph"] not in PHASES:
            fail("unknown ph: %r" % e)
        if not isinstance(e["ts"], (int, float)) or e["ts"] < 0:
            fail("bad ts: %r" % e)
        if e["ph"] == "X" and (not isinstance(e.get("dur"), (int, float)) or e["dur"] < 0):
            fail("X without a dur >= 0: %r" % e)
        if e["ph"] == "i" and e.get("s") not in ("t", "p", "g"):
            fail("instant without a scope: %r" % e)
        if e["ph"] == "C" and not all(isinstance(v, (int, float)) for v in e.get("args", {}).values()):
            fail("counter with a non-numeric value: %r" % e)


def check_tracks(ev):
    named = {(e["pid"], e["tid"]) for e in ev if e["ph"] == "M" and e["name"] == "thread_name"}
    depth, slices = {}, {}
    for e in ev:
        track = (e["pid"], e.get("tid"))
        if e["ph"] in ("X", "B", "E", "i") and track not in named:
            fail("track %r has no thread_name" % (track,))
        if e["ph"] == "B":
            depth[track] = depth.get(track, 0) + 1
        elif e["ph"] == "E":
            depth[track] = depth.get(track, 0) - 1
            if depth[track] < 0:
                fail("E without B on %r" % (track,))
        elif e["ph"] == "X":
            slices.setdefault(track, []).append((e["ts"], -e["dur"], e["name"]))
    if any(depth.values()):
        fail("B/E unbalanced: %r" % depth)
    for track, xs in slices.items():
        stack = []
        for ts, neg, name in sorted(xs):
            end = ts - neg
            while stack and stack[-1][0] <= ts + 1e-9:   # ended before this one starts
                stack.pop()
            if stack and end > stack[-1][0] + 1e-9:
                fail("slice %s [%s, %s] overlaps its parent %s on %r" % (name, ts, end, stack[-1][1], track))
            stack.append((end, name))


def check_flows(ev):
    starts = {e["id"] for e in ev if e["ph"] == "s"}
    ends = {e["id"] for e in ev if e["ph"] == "f"}
    if starts - ends:
        fail("flows that never end: %r" % sorted(starts - ends)[:5])


def thread_names(ev):
    return {(e["pid"], e["tid"]): e["args"]["name"] for e in ev if e["ph"] == "M" and e["name"] == "thread_name"}


def on_kind(ev, names, prefix):
    return [e for e in ev if e["ph"] == "X" and names.get((e["pid"], e["tid"]), "").startswith(prefix)]


def check_content(module, ev):
    names = thread_names(ev)
    x = [e["name"] for e in ev if e["ph"] == "X"]
    inst = {e["name"] for e in ev if e["ph"] == "i"}
    if not any(n.startswith("CPU ") for n in names.values()):
        fail("%s: no CPU track" % module)
    if "sched_wakeup" not in inst:
        fail("%s: no sched_wakeup" % module)
    if module == "custom_workqueue":
        works = [e["name"] for e in on_kind(ev, names, "kworker/")]
        if "do_work1 [custom_workqueue]" not in works or "do_work2 [custom_workqueue]" not in works:
            fail("custom_workqueue: no work item slices on a kworker track: %r" % works[:5])
        if not any(e["ph"] == "f" for e in ev) or not any(e["ph"] == "C" for e in ev):
            fail("custom_workqueue: no flow or no queue-depth counter")
        if "mythread" not in names.values():
            fail("custom_workqueue: no mythread track")
    if module == "trace_contexts":
        for want in ("irq 5: trace_dev", "softirq TASKLET", "bottom_half [trace_contexts]", "tick_fn [trace_contexts]",
                     "fine_fn [trace_contexts]", "mutex wait", "tick_work_fn [trace_contexts]"):
            if want not in x:
                fail("trace_contexts: no slice %r" % want)


def main(runners):
    for runner in runners:
        module = os.path.basename(runner)
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "trace.json")
            args = [runner, "--time", "virtual", "--run-for", "10s", "--trace", out]
            if module == "trace_contexts":
                args += ["--irq", "5@100msx3"]
            r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
            if not os.path.exists(out):
                fail("%s wrote no trace (exit %d): %s" % (module, r.returncode, r.stderr.decode()[-500:]))
            with open(out) as f:
                doc = json.load(f)
        if not isinstance(doc, dict) or not isinstance(doc.get("traceEvents"), list):
            fail("%s: not a JSON object with traceEvents" % module)
        ev = doc["traceEvents"]
        check_fields(ev)
        check_tracks(ev)
        check_flows(ev)
        check_content(module, ev)
        print("ok: %s: %d events" % (module, len(ev)))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    main(sys.argv[1:])
