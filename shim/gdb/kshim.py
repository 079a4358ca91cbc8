# gdb commands for a stopped kshim process, after the kernel's lx- scripts: kshim-ps, kshim-bt PID, kshim-dmesg.
#
# Load with `source PATH/kshim.py` (kshim-config --gdb-script prints PATH). The commands read the
# runtime's own structures through its debug information (a RelWithDebInfo or Debug build):
# kshim::Kernel::current_, its Scheduler's tasks and its Printk ring. They never run code in the
# inferior; kshim-bt points the registers of the selected thread at a sleeping task's saved fiber
# context for the length of one backtrace and puts them back, so it needs a live process.
import gdb

# What Linux's task_state_to_char prints for a task_struct's __state (fs/proc/array.c's order).
_STATE_BITS = [(0x0080, "X"), (0x0040, "P"), (0x0008, "t"), (0x0004, "T"), (0x0002, "D"), (0x0001, "S")]
_TASK_IDLE = 0x0402   # TASK_UNINTERRUPTIBLE | TASK_NOLOAD
# Frames of the runtime itself, skipped when naming what a task waits in.
_INTERNAL = ("kshim::", "kshim_switch", "boost::", "std::", "jump_fcontext", "make_fcontext", "ontop_fcontext")
# Boost.Context's saved context on x86-64 (jump_fcontext): the slots after mxcsr/x87 control word.
_FCTX_SLOTS = [("r12", 0x08), ("r13", 0x10), ("r14", 0x18), ("r15", 0x20), ("rbx", 0x28), ("rbp", 0x30),
               ("rip", 0x38)]
_FCTX_SIZE = 0x40


def _unique(v):
    """The object a std::unique_ptr points to (libstdc++ keeps the pointer first)."""
    target = v.type.strip_typedefs().template_argument(0)
    return v.address.reinterpret_cast(target.pointer().pointer()).dereference()


def _deque(d):
    """The elements of a libstdc++ std::deque, front to back."""
    impl = d["_M_impl"]
    start, finish = impl["_M_start"], impl["_M_finish"]
    per_node = max(1, 512 // d.type.strip_typedefs().template_argument(0).sizeof)
    cur, last, node = start["_M_cur"], start["_M_last"], start["_M_node"]
    while cur != finish["_M_cur"]:
        yield cur.dereference()
        cur += 1
        if cur == last:
            node += 1
            cur = node.dereference()
            last = cur + per_node


def _kernel():
    # A symbol lookup rather than an expression: the stopped frame may be C (module code).
    sym = gdb.lookup_global_symbol("kshim::Kernel::current_") or gdb.lookup_static_symbol("kshim::Kernel::current_")
    if sym is None:
        raise gdb.GdbError("kshim: no kshim runtime with debug information in this process")
    k = sym.value()
    if not k:
        raise gdb.GdbError("kshim: no kernel exists in this process (yet, or any more)")
    return k.dereference()


def _tasks():
    for entry in _deque(_unique(_kernel()["sched_"])["tasks_"]):
        yield _unique(entry)


def _state_char(task):
    life = str(task["life"]).split("::")[-1]
    if life in ("Exited", "Killed"):
        return "X"
    state = int(task["ts"]["__state"])
    if state == _TASK_IDLE:
        return "I"
    for bit, ch in _STATE_BITS:
        if state & bit:
            return ch
    return "R"


def _saved_context(task):
    """The address of a switched-out task's saved registers, or None (running, or never run)."""
    fiber = task["fiber"]
    if not fiber:
        return None
    fctx = int(fiber.dereference()["fctx_"])
    return fctx or None


def _frames_of(task):
    """The function names of a task's stack, innermost first (the current stack when it runs)."""
    fctx = _saved_context(task)
    if fctx is None:
        return None
    with _registers_at(fctx):
        names, frame = [], gdb.newest_frame()
        while frame is not None and len(names) < 64:
            names.append(frame.name() or "??")
            frame = frame.older()
        return names


class _registers_at:
    """Points frame 0's registers at a saved fiber context, and puts them back on exit."""

    def __init__(self, fctx):
        self.fctx = fctx

    def __enter__(self):
        gdb.execute("frame 0", to_string=True)
        names = [r for r, _ in _FCTX_SLOTS] + ["rsp"]
        self.saved = {r: int(gdb.parse_and_eval("$" + r)) for r in names}
        mem = gdb.selected_inferior().read_memory(self.fctx, _FCTX_SIZE)
        for reg, off in _FCTX_SLOTS:
            value = int.from_bytes(bytes(mem[off:off + 8]), "little")
            gdb.execute("set $%s = %#x" % (reg, value), to_string=True)
        gdb.execute("set $rsp = %#x" % (self.fctx + _FCTX_SIZE), to_string=True)
        gdb.invalidate_cached_frames()

    def __exit__(self, *exc):
        gdb.execute("frame 0", to_string=True)
        for reg, value in self.saved.items():
            gdb.execute("set $%s = %#x" % (reg, value), to_string=True)
        gdb.invalidate_cached_frames()
        return False


def _waits_in(task):
    """The kernel API a sleeping task is blocked in and the module code that called it."""
    names = _frames_of(task)
    if not names:
        return "-"
    outside = [n for n in names if not n.startswith(_INTERNAL)]
    return " <- ".join(outside[:2]) if outside else names[0]


class KshimPs(gdb.Command):
    """List every kshim task: pid, CPU, state (as ps and the kernel print it), comm, and for a
sleeping task the API it waits in and its caller. Usage: kshim-ps"""

    def __init__(self):
        super().__init__("kshim-ps", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        gdb.write("%5s %3s %2s  %-16s %s\n" % ("PID", "CPU", "ST", "COMM", "WAITS IN"))
        for t in _tasks():
            ts = t["ts"]
            st = _state_char(t)
            waits = "-" if st in ("R", "X") else _waits_in(t)
            gdb.write("%5d %3d %2s  %-16s %s\n" % (int(ts["pid"]), int(t["cpu"]), st, ts["comm"].string(), waits))


class KshimBt(gdb.Command):
    """Backtrace of one kshim task, running or not. Usage: kshim-bt PID|COMM [bt options]"""

    def __init__(self):
        super().__init__("kshim-bt", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if not argv:
            raise gdb.GdbError("usage: kshim-bt PID|COMM")
        want = argv[0]
        task = next((t for t in _tasks() if want in (str(int(t["ts"]["pid"])), t["ts"]["comm"].string())), None)
        if task is None:
            raise gdb.GdbError("kshim: no task %s" % want)
        fctx = _saved_context(task)
        options = " ".join(argv[1:])
        if fctx is None:
            # The task on the CPU (or one that never ran): the thread's own stack is its stack.
            gdb.execute("bt " + options)
            return
        with _registers_at(fctx):
            gdb.execute("bt " + options)


class KshimDmesg(gdb.Command):
    """Print the printk log as dmesg would, from the runtime's record ring. Usage: kshim-dmesg"""

    def __init__(self):
        super().__init__("kshim-dmesg", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        log = _unique(_kernel()["log_"])
        impl = log["ring_"]["_M_impl"]
        ring = impl["_M_start"]
        size = int(impl["_M_finish"] - ring)   # grows to its bound, then wraps at head_
        void_pp = gdb.lookup_type("void").pointer().pointer()
        base = int(log["text_"].address.reinterpret_cast(void_pp).dereference())   # unique_ptr<char[]>
        head, count = int(log["head_"]), int(log["count_"])
        inferior = gdb.selected_inferior()
        for i in range(count):
            r = (ring + (head + i) % max(size, 1)).dereference()
            ns, off, length = int(r["ts_ns"]), int(r["off"]), int(r["len"])
            body = bytes(inferior.read_memory(base + off, length)).decode("utf-8", "replace")
            stamp = "[%5d.%06d] " % (ns // 1000000000, ns % 1000000000 // 1000)
            for line in body.split("\n"):
                gdb.write(stamp + line + "\n")


KshimPs()
KshimBt()
KshimDmesg()
