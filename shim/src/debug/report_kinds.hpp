// The kinds of bug report kshim makes: one line each (enumerator, name, detector, what it counts as).
#pragma once

// X(Enumerator, "kind-name", "detector", Severity). The kind name and the detector name are
// what --no-detector=NAME, the end-of-run summary and the test API's records use; Severity
// (Bug or Warning) is the end-of-run counter the report adds to. To add a kind, add one line.
#define KSHIM_REPORT_KINDS(X)                                                            \
    X(Warning, "warning", "warn", Warning)           /* WARN(), WARN_ON() */             \
    X(Bug, "bug", "bug", Bug)                        /* BUG(), BUG_ON() */               \
    X(Oops, "oops", "oops", Bug)                     /* a fault in a task */             \
    X(SleepInAtomic, "sleep-in-atomic", "atomic", Bug)                                   \
    X(SchedulingWhileAtomic, "scheduling-while-atomic", "atomic", Bug)                   \
    X(HungTask, "hung-task", "hung-task", Bug)                                           \
    X(NotImplemented, "not-implemented", "not-implemented", Bug)                         \
    X(SpinlockBug, "spinlock-bug", "spinlock", Bug)  /* spinlock_debug.c's BUG lines */  \
    X(DebugLocksWarn, "debug-locks-warn", "lockdep", Warning) /* DEBUG_LOCKS_WARN_ON */  \
    X(CircularLocking, "circular-locking", "lockdep", Warning)                           \
    X(RecursiveLocking, "recursive-locking", "lockdep", Warning)                         \
    X(InconsistentLockState, "inconsistent-lock-state", "lockdep", Warning)              \
    X(IrqLockOrder, "irq-lock-order", "lockdep", Warning) /* HARDIRQ-safe -> HARDIRQ-unsafe */ \
    X(IrqLockInversion, "irq-lock-inversion", "lockdep", Warning)                        \
    X(InvalidWaitContext, "invalid-wait-context", "lockdep", Bug) /* [ BUG: Invalid wait context ] */ \
    X(BadUnlockBalance, "bad-unlock-balance", "lockdep", Warning)                        \
    X(LocksHeldAtExit, "locks-held-at-exit", "lockdep", Warning)                         \
    X(LockHeldReturningToUser, "lock-held-returning-to-user", "lockdep", Warning)        \
    X(LockdepAssert, "lockdep-assert", "lockdep", Warning) /* lockdep_assert_held() */   \
    X(WorkqueueLeakedLock, "workqueue-leaked-lock", "workqueue", Bug)                    \
    X(PercpuInPreemptible, "percpu-in-preemptible", "preempt", Bug) /* BUG: using X() in preemptible */ \
    X(HrtimerCancelSelf, "hrtimer-cancel-self", "deadlock", Bug) /* would wait for itself */ \
    X(UnloadLeftover, "unload-leftover", "unload", Bug) /* module code still referenced */ \
    X(OdebugOnStack, "odebug-on-stack", "debugobjects", Warning) /* INIT_WORK vs _ONSTACK */ \
    X(KfenceOutOfBounds, "kfence-out-of-bounds", "kfence", Bug) /* mm/kfence/report.c */ \
    X(KfenceUseAfterFree, "kfence-use-after-free", "kfence", Bug)                         \
    X(KfenceCorruption, "kfence-memory-corruption", "kfence", Bug)                        \
    X(KfenceInvalidFree, "kfence-invalid-free", "kfence", Bug)                            \
    X(KfenceInvalid, "kfence-invalid-access", "kfence", Bug)                              \
    X(KasanOutOfBounds, "kasan-out-of-bounds", "kasan", Bug) /* the ASan build */         \
    X(KasanUseAfterFree, "kasan-use-after-free", "kasan", Bug)                            \
    X(Unclassified, "unclassified", "other", Bug)    /* count_bug() of older callers */

namespace kshim {

enum class ReportKind : unsigned char {
#define KSHIM_KIND_ENUM(e, name, det, sev) e,
    KSHIM_REPORT_KINDS(KSHIM_KIND_ENUM)
#undef KSHIM_KIND_ENUM
    Count
};

enum class Severity : unsigned char { Bug, Warning };

// The table the X-list makes: name, detector and severity of each kind.
struct ReportKindInfo {
    const char *name;
    const char *detector;
    Severity severity;
};

inline constexpr ReportKindInfo kReportKinds[] = {
#define KSHIM_KIND_INFO(e, name, det, sev) {name, det, Severity::sev},
    KSHIM_REPORT_KINDS(KSHIM_KIND_INFO)
#undef KSHIM_KIND_INFO
};

constexpr const ReportKindInfo &kind_info(ReportKind k) { return kReportKinds[(unsigned)k]; }

}  // namespace kshim
