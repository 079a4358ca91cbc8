// Notifier chains (linux/notifier.h): priority-ordered lists, their calls, and what a module leaves on them.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>

struct notifier_block;
struct blocking_notifier_head;
struct module;

namespace kshim {

class Kernel;
struct ModuleSpan;

// The chain operations of every flavour, and a registry of the blocks on any chain so that
// a module unloaded with a block still registered is caught. The flavours differ only in the
// lock taken around the list operation (atomic: the spinlock and RCU; blocking: the rwsem;
// SRCU: the mutex and SRCU; raw: none), which the callers below take as 6.1 does.
class Notifiers {
public:
    // Which lock guards a chain. Raw: none (the caller serialises).
    enum class Flavour { Atomic, Blocking, Raw, Srcu };

    explicit Notifiers(Kernel &k);
    ~Notifiers();

    // *_chain_register: inserts n after the blocks of higher or equal priority. 0, -EEXIST
    // with a WARNING when n is already on the chain, -EBUSY (unique) when its priority is
    // taken. Atomic and raw chains: atomic-safe; blocking and SRCU chains: may sleep.
    int add(Flavour f, void *nh, notifier_block *n, bool unique);
    // *_chain_unregister: 0 or -ENOENT; atomic and SRCU chains then wait for the readers in
    // flight (a grace period), so it may sleep except on raw chains.
    int del(Flavour f, void *nh, notifier_block *n);
    // *_call_chain: each block in turn with (val, v) until one returns NOTIFY_STOP_MASK; the
    // last result (NOTIFY_DONE when none ran). Atomic chains are atomic-safe (callbacks run
    // under RCU); blocking and SRCU chains may sleep.
    int call(Flavour f, void *nh, unsigned long val, void *v);
    // *_call_chain_robust: call with val_up; when one vetoes it, the blocks already called
    // get val_down. The result of the val_up call. Same contexts as call().
    int call_robust(Flavour f, void *nh, unsigned long val_up, unsigned long val_down, void *v);

    // register_module_notifier's chain: COMING before init, LIVE after it succeeds, GOING
    // after it fails or after exit. module_event may sleep.
    blocking_notifier_head *module_chain() { return module_chain_.get(); }
    void module_event(unsigned long state, struct module *mod);

    // At unload: every block still registered whose callback is in the module's code, on a
    // chain that outlives the module, is reported by name and unlinked. Atomic-safe.
    unsigned module_gone(const ModuleSpan &m);

private:
    static notifier_block **head_of(Flavour f, void *nh);
    // The chain's write side (register/unregister) or read side (calls), taken and released
    // as 6.1 takes them; *flags keeps the irq state of an atomic chain's spinlock.
    static void lock(Flavour f, void *nh, bool write, unsigned long *flags, int *idx);
    static void unlock(Flavour f, void *nh, bool write, unsigned long flags, int idx);
    // The list operations, called with the write or read side held.
    int insert(notifier_block **head, notifier_block *n, bool unique, uintptr_t ip);
    int unlink(notifier_block **head, notifier_block *n);
    static int run(notifier_block **head, unsigned long val, void *v, int limit, int *called);

    Kernel &k_;
    std::unique_ptr<blocking_notifier_head> module_chain_;
    std::unordered_map<notifier_block *, notifier_block **> on_chain_;  // block -> its chain's head
};

}  // namespace kshim
