// C API bridges for notifier chains (linux/notifier.h, linux/reboot.h, register_module_notifier).
#include "kernel.hpp"
#include "module/notifier.hpp"

#include "linux/module.h"
#include "linux/notifier.h"
#include "linux/reboot.h"

using kshim::Notifiers;
using F = kshim::Notifiers::Flavour;

namespace {
Notifiers &N() { return kshim::Kernel::get().notifiers(); }
}  // namespace

extern "C" {

int atomic_notifier_chain_register(struct atomic_notifier_head *nh, struct notifier_block *n) { return N().add(F::Atomic, nh, n, false); }
int atomic_notifier_chain_register_unique_prio(struct atomic_notifier_head *nh, struct notifier_block *n) { return N().add(F::Atomic, nh, n, true); }
int blocking_notifier_chain_register(struct blocking_notifier_head *nh, struct notifier_block *n) { return N().add(F::Blocking, nh, n, false); }
int blocking_notifier_chain_register_unique_prio(struct blocking_notifier_head *nh, struct notifier_block *n) { return N().add(F::Blocking, nh, n, true); }
int raw_notifier_chain_register(struct raw_notifier_head *nh, struct notifier_block *n) { return N().add(F::Raw, nh, n, false); }
int srcu_notifier_chain_register(struct srcu_notifier_head *nh, struct notifier_block *n) { return N().add(F::Srcu, nh, n, false); }

int atomic_notifier_chain_unregister(struct atomic_notifier_head *nh, struct notifier_block *n) { return N().del(F::Atomic, nh, n); }
int blocking_notifier_chain_unregister(struct blocking_notifier_head *nh, struct notifier_block *n) { return N().del(F::Blocking, nh, n); }
int raw_notifier_chain_unregister(struct raw_notifier_head *nh, struct notifier_block *n) { return N().del(F::Raw, nh, n); }
int srcu_notifier_chain_unregister(struct srcu_notifier_head *nh, struct notifier_block *n) { return N().del(F::Srcu, nh, n); }

int atomic_notifier_call_chain(struct atomic_notifier_head *nh, unsigned long val, void *v) { return N().call(F::Atomic, nh, val, v); }
int blocking_notifier_call_chain(struct blocking_notifier_head *nh, unsigned long val, void *v) { return N().call(F::Blocking, nh, val, v); }
int raw_notifier_call_chain(struct raw_notifier_head *nh, unsigned long val, void *v) { return N().call(F::Raw, nh, val, v); }
int srcu_notifier_call_chain(struct srcu_notifier_head *nh, unsigned long val, void *v) { return N().call(F::Srcu, nh, val, v); }

int blocking_notifier_call_chain_robust(struct blocking_notifier_head *nh, unsigned long val_up,
                                        unsigned long val_down, void *v)
{
    return N().call_robust(F::Blocking, nh, val_up, val_down, v);
}

int raw_notifier_call_chain_robust(struct raw_notifier_head *nh, unsigned long val_up,
                                   unsigned long val_down, void *v)
{
    return N().call_robust(F::Raw, nh, val_up, val_down, v);
}

bool atomic_notifier_call_chain_is_empty(struct atomic_notifier_head *nh) { return !READ_ONCE(nh->head); }

void srcu_init_notifier_head(struct srcu_notifier_head *nh)
{
    mutex_init(&nh->mutex);
    init_srcu_struct(&nh->srcu);
    nh->head = nullptr;
}

int register_reboot_notifier(struct notifier_block *nb) { return N().add(F::Blocking, &reboot_notifier_list, nb, false); }
int unregister_reboot_notifier(struct notifier_block *nb) { return N().del(F::Blocking, &reboot_notifier_list, nb); }
int register_module_notifier(struct notifier_block *nb) { return N().add(F::Blocking, N().module_chain(), nb, false); }
int unregister_module_notifier(struct notifier_block *nb) { return N().del(F::Blocking, N().module_chain(), nb); }

}  // extern "C"
