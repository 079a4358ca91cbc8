// Notifier chains: the list operations, each flavour's locking, the module chain, and blocks left behind at unload.
#include "module/notifier.hpp"

#include <string>

#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "module/address_map.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"

#include "linux/module.h"
#include "linux/notifier.h"
#include "linux/rcupdate.h"

namespace kshim {

Notifiers::Notifiers(Kernel &k) : k_(k), module_chain_(std::make_unique<blocking_notifier_head>())
{
    init_rwsem(&module_chain_->rwsem);
    module_chain_->head = nullptr;
}

Notifiers::~Notifiers() = default;

notifier_block **Notifiers::head_of(Flavour f, void *nh)
{
    switch (f) {
    case Flavour::Atomic: return &static_cast<atomic_notifier_head *>(nh)->head;
    case Flavour::Blocking: return &static_cast<blocking_notifier_head *>(nh)->head;
    case Flavour::Raw: return &static_cast<raw_notifier_head *>(nh)->head;
    case Flavour::Srcu: return &static_cast<srcu_notifier_head *>(nh)->head;
    }
    return nullptr;
}

void Notifiers::lock(Flavour f, void *nh, bool write, unsigned long *flags, int *idx)
{
    switch (f) {
    case Flavour::Atomic:  // writers take the spinlock; readers are RCU readers
        if (write)
            spin_lock_irqsave(&static_cast<atomic_notifier_head *>(nh)->lock, *flags);
        else
            rcu_read_lock();
        break;
    case Flavour::Blocking:
        if (write)
            down_write(&static_cast<blocking_notifier_head *>(nh)->rwsem);
        else
            down_read(&static_cast<blocking_notifier_head *>(nh)->rwsem);
        break;
    case Flavour::Srcu:  // writers take the mutex; readers are SRCU readers
        if (write)
            mutex_lock(&static_cast<srcu_notifier_head *>(nh)->mutex);
        else
            *idx = srcu_read_lock(&static_cast<srcu_notifier_head *>(nh)->srcu);
        break;
    case Flavour::Raw: break;
    }
}

void Notifiers::unlock(Flavour f, void *nh, bool write, unsigned long flags, int idx)
{
    switch (f) {
    case Flavour::Atomic:
        if (write)
            spin_unlock_irqrestore(&static_cast<atomic_notifier_head *>(nh)->lock, flags);
        else
            rcu_read_unlock();
        break;
    case Flavour::Blocking:
        if (write)
            up_write(&static_cast<blocking_notifier_head *>(nh)->rwsem);
        else
            up_read(&static_cast<blocking_notifier_head *>(nh)->rwsem);
        break;
    case Flavour::Srcu:
        if (write)
            mutex_unlock(&static_cast<srcu_notifier_head *>(nh)->mutex);
        else
            srcu_read_unlock(&static_cast<srcu_notifier_head *>(nh)->srcu, idx);
        break;
    case Flavour::Raw: break;
    }
}

int Notifiers::insert(notifier_block **head, notifier_block *n, bool unique, uintptr_t ip)
{
    notifier_block **at = head;
    for (; *at; at = &(*at)->next) {
        if (*at == n) {
            const std::string fn = k_.symbols().text((uintptr_t)n->notifier_call, 's');
            k_.reports().warn("kernel/notifier.c", 28, ip, "notifier callback " + fn + " already registered");
            return -EEXIST;
        }
        if (n->priority > (*at)->priority)
            break;
        if (unique && n->priority == (*at)->priority)
            return -EBUSY;
    }
    n->next = *at;
    *at = n;
    on_chain_[n] = head;
    return 0;
}

int Notifiers::unlink(notifier_block **head, notifier_block *n)
{
    for (notifier_block **at = head; *at; at = &(*at)->next)
        if (*at == n) {
            *at = n->next;
            on_chain_.erase(n);
            return 0;
        }
    return -ENOENT;
}

int Notifiers::run(notifier_block **head, unsigned long val, void *v, int limit, int *called)
{
    int ret = NOTIFY_DONE;
    for (notifier_block *nb = *head; nb && limit != 0; --limit) {
        notifier_block *next = nb->next;  // the callback may unregister itself
        ret = nb->notifier_call(nb, val, v);
        if (called)
            ++*called;
        if (ret & NOTIFY_STOP_MASK)
            break;
        nb = next;
    }
    return ret;
}

int Notifiers::add(Flavour f, void *nh, notifier_block *n, bool unique)
{
    unsigned long flags = 0;
    int idx = 0;
    lock(f, nh, true, &flags, &idx);
    int ret = insert(head_of(f, nh), n, unique, (uintptr_t)__builtin_return_address(0));
    unlock(f, nh, true, flags, idx);
    return ret;
}

int Notifiers::del(Flavour f, void *nh, notifier_block *n)
{
    unsigned long flags = 0;
    int idx = 0;
    lock(f, nh, true, &flags, &idx);
    int ret = unlink(head_of(f, nh), n);
    unlock(f, nh, true, flags, idx);
    // Callers in flight may still be inside n's callback: wait them out.
    if (f == Flavour::Atomic)
        synchronize_rcu();
    else if (f == Flavour::Srcu)
        synchronize_srcu(&static_cast<srcu_notifier_head *>(nh)->srcu);
    return ret;
}

int Notifiers::call(Flavour f, void *nh, unsigned long val, void *v)
{
    notifier_block **head = head_of(f, nh);
    if (f == Flavour::Blocking && !READ_ONCE(*head))
        return NOTIFY_DONE;  // an empty blocking chain is not even locked
    unsigned long flags = 0;
    int idx = 0;
    lock(f, nh, false, &flags, &idx);
    int ret = run(head, val, v, -1, nullptr);
    unlock(f, nh, false, flags, idx);
    return ret;
}

int Notifiers::call_robust(Flavour f, void *nh, unsigned long val_up, unsigned long val_down, void *v)
{
    notifier_block **head = head_of(f, nh);
    if (f == Flavour::Blocking && !READ_ONCE(*head))
        return NOTIFY_DONE;
    unsigned long flags = 0;
    int idx = 0, called = 0;
    lock(f, nh, false, &flags, &idx);
    int ret = run(head, val_up, v, -1, &called);
    // The one that vetoed is not told to undo; the ones before it are.
    if (ret & NOTIFY_STOP_MASK)
        run(head, val_down, v, called - 1, nullptr);
    unlock(f, nh, false, flags, idx);
    return ret;
}

void Notifiers::module_event(unsigned long state, struct module *mod)
{
    call(Flavour::Blocking, module_chain_.get(), state, mod);
}

unsigned Notifiers::module_gone(const ModuleSpan &m)
{
    unsigned n = 0;
    for (auto it = on_chain_.begin(); it != on_chain_.end();) {
        notifier_block *nb = it->first;
        notifier_block **head = it->second;
        // A chain whose head is the module's own dies with it: nothing outside points in.
        if (m.contains(head) || !m.contains((const void *)nb->notifier_call)) {
            it = m.contains(head) ? on_chain_.erase(it) : std::next(it);
            continue;
        }
        const std::string fn = k_.symbols().text((uintptr_t)nb->notifier_call, 's');
        k_.log().emit(3, strprintf("kshim: notifier block %s is still registered after module_exit of %s; a "
                                   "real kernel would oops when the chain is next called; unregistered",
                                   fn.c_str(), m.name));
        k_.reports().count_bug(ReportKind::UnloadLeftover);
        ++it;                 // unlink erases nb's entry; other iterators stay valid
        (void)unlink(head, nb);
        ++n;
    }
    return n;
}

}  // namespace kshim
