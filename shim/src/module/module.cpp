// The module loader: dlopen/dlclose (or kept images) with fresh state, checks, init/exit tasks, leftovers.
#include "module/module.hpp"
#include "module/notifier.hpp"
#include <dlfcn.h>
#include <link.h>
#include <algorithm>
#include <cstring>
#include "debug/loaded_objects.hpp"
#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "device/devices.hpp"
#include "fs/vfs.hpp"
#include "irq/irq.hpp"
#include "irq/tasklet.hpp"
#include "kernel.hpp"
#include "kunit/kunit.hpp"
#include "locking/locking.hpp"
#include "mm/memory.hpp"
#include "mm/percpu.hpp"
#include "module/address_map.hpp"
#include "module/module_image.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"
#include "time/timer.hpp"
#include "time/hrtimer.hpp"
#include "workqueue/workqueue.hpp"

#include "linux/export.h"
#include "linux/lockdep.h"
#include "linux/module.h"
#include "linux/notifier.h"
#include "linux/sched.h"

namespace kshim {

namespace {

std::string base_name(const std::string &path)
{
    std::string b = path.substr(path.find_last_of('/') + 1);
    if (b.size() > 3 && b.compare(b.size() - 3, 3, ".ko") == 0)
        b.resize(b.size() - 3);
    return b;
}

bool gpl_compatible(const std::string &l)
{
    static const char *ok[] = {"GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL",
                               "Dual MIT/GPL", "Dual MPL/GPL"};
    return std::any_of(std::begin(ok), std::end(ok), [&](const char *s) { return l == s; });
}

std::vector<std::pair<std::string, std::string>> parse_modinfo(const char *p, unsigned long n)
{
    std::vector<std::pair<std::string, std::string>> out;
    const char *end = p + n;
    while (p < end) {
        if (!*p) {  // entries may be padded with NULs
            ++p;
            continue;
        }
        std::string entry(p, strnlen(p, (size_t)(end - p)));
        p += entry.size() + 1;
        size_t eq = entry.find('=');
        if (eq != std::string::npos)
            out.emplace_back(entry.substr(0, eq), entry.substr(eq + 1));
    }
    return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> Module::modinfo() const
{
    return parse_modinfo(mod->modinfo, (unsigned long)(mod->modinfo_end - mod->modinfo));
}

std::string Module::license() const
{
    for (auto &[k, v] : modinfo())
        if (k == "license")
            return v;
    return {};
}

Modules::Modules(Kernel &k) : k_(k) {}

Modules::~Modules()
{
    // Kernel teardown without rmmod: no module code runs any more (the scheduler abandons
    // its fibers without unwinding them), so unmapping gives the next kernel fresh statics.
    while (!mods_.empty()) {
        void *h = mods_.back()->handle;
        k_.module_map().remove(mods_.back().get());
        mods_.pop_back();
        ModuleImages::close(h);
    }
}

bool Module::going() const { return mod->state == MODULE_STATE_GOING; }

Module *Modules::of(struct module *mod) { return mod ? static_cast<Module *>(mod->kshim) : nullptr; }

bool Modules::try_get(struct module *mod)
{
    Module *m = of(mod);
    if (!m)
        return true;
    if (m->going())
        return false;
    ++m->refcount;
    return true;
}

void Modules::get(struct module *mod)
{
    if (Module *m = of(mod))
        ++m->refcount;
}

void Modules::put(struct module *mod, uintptr_t ip)
{
    Module *m = of(mod);
    if (!m)
        return;
    // As module_put's atomic_dec_if_positive: an unbalanced put warns and leaves the count.
    if (m->refcount == 0) {
        k_.reports().warn(__FILE__, __LINE__, ip, "");
        return;
    }
    --m->refcount;
}

int Modules::refcount(struct module *mod) const
{
    Module *m = of(mod);
    return m ? m->refcount : 0;
}

bool Modules::is_live(struct module *mod) const { return mod->state != MODULE_STATE_GOING; }

Module *Modules::find(std::string_view name) const
{
    for (auto &m : mods_)
        if (m->name == name)
            return m.get();
    return nullptr;
}

std::string Modules::linked_in() const
{
    std::string s;
    for (auto it = mods_.rbegin(); it != mods_.rend(); ++it) {
        if (!s.empty())
            s += ' ';
        s += (*it)->name;
    }
    if (!last_unloaded_.empty())  // as 6.1's print_modules: what a stale pointer may point into
        s += (s.empty() ? "" : " ") + std::string("[last unloaded: ") + last_unloaded_ + "]";
    return s;
}

int Modules::open(const std::string &path, std::unique_ptr<Module> &m)
{
    m = std::make_unique<Module>();
    m->path = path;
    m->name = base_name(path);
    std::string err;
    m->handle = ModuleImages::open(path, err);
    if (!m->handle) {
        size_t u = err.find("undefined symbol: ");
        if (u != std::string::npos) {
            std::string sym = err.substr(u + 18);
            sym = sym.substr(0, sym.find_first_of(" \t,("));
            k_.log().emit(4, strprintf("%s: Unknown symbol %s (err -2)", m->name.c_str(), sym.c_str()));
            return -ENOENT;
        }
        k_.log().emit(3, "kshim: " + err);
        return -ENOEXEC;
    }
    m->mod = static_cast<struct module *>(dlsym(m->handle, "__this_module"));
    if (!m->mod) {
        ModuleImages::close(m->handle);
        k_.log().emit(3, strprintf("%s: not a kernel module (no __this_module)", m->name.c_str()));
        return -ENOEXEC;
    }
    m->name = m->mod->name;
    m->mod->num_kp = (unsigned)(m->mod->kp_end - m->mod->kp);
    m->mod->num_syms = (unsigned)(m->mod->syms_end - m->mod->syms);
    m->mod->num_kunit_suites = (int)(m->mod->kunit_suites_end - m->mod->kunit_suites);
    return 0;
}

int Modules::check_exports(const Module &m)
{
    for (unsigned i = 0; i < m.mod->num_syms; ++i) {
        const char *sym = m.mod->syms[i].name;
        for (auto &o : mods_)
            for (unsigned j = 0; j < o->mod->num_syms; ++j)
                if (std::strcmp(o->mod->syms[j].name, sym) == 0) {
                    k_.log().emit(3, strprintf("%s: exports duplicate symbol %s (owned by %s)",
                                               m.name.c_str(), sym, o->name.c_str()));
                    return -ENOEXEC;
                }
    }
    return 0;
}

void Modules::find_range(Module &m)
{
    link_map *lm = nullptr;
    dlinfo(m.handle, RTLD_DI_LINKMAP, &lm);
    AddressRange r = object_range(lm->l_addr, lm->l_name);
    m.lo = r.lo;
    m.hi = r.hi;
}

void Modules::check_license(const Module &m)
{
    std::string lic = m.license();
    if (!lic.empty() && gpl_compatible(lic))
        return;
    if (!(k_.reports().taint() & (1ul << TaintProprietary))) {
        k_.log().emit(4, strprintf("%s: module license '%s' taints kernel.", m.name.c_str(),
                                   lic.empty() ? "unspecified" : lic.c_str()));
        k_.log().emit(4, "Disabling lock debugging due to kernel taint");
    }
    k_.reports().add_taint(TaintProprietary);
}

bool Modules::run_task(Task *t)
{
    Scheduler &s = k_.sched();
    s.wake(t, TASK_NORMAL);
    // A first SIGINT/SIGTERM cannot stop insmod or rmmod (the runner unloads once init is
    // done); it stays requested, and a second one ends the run.
    RunResult r;
    while ((r = s.run([t] { return !t->alive(); })) == RunResult::Signal)
        k_.clear_signal();
    if (r == RunResult::Done)
        return true;
    // Nothing can happen any more and the task is still blocked: nothing outside can wake it
    // either, since the loader waits for it.
    if (r == RunResult::Idle)
        s.report_deadlock(*t);
    return false;
}

int Modules::load(const std::string &path, const std::vector<std::string> &params, Module **out)
{
    std::unique_ptr<Module> m;
    if (int err = open_checked(path, m))
        return err;
    Module *mp = enter(std::move(m));
    if (int err = parse_params(*mp, params)) {
        free_params(*mp);
        close(mp);
        return err;
    }
    if (int err = run_init(mp))
        return err;
    if (out)
        *out = mp;
    return 0;
}

int Modules::open_checked(const std::string &path, std::unique_ptr<Module> &m)
{
    if (int err = open(path, m))
        return err;
    int err = find(m->name) ? -EEXIST : check_exports(*m);
    if (err)
        ModuleImages::close(m->handle);
    return err;
}

Module *Modules::enter(std::unique_ptr<Module> m)
{
    find_range(*m);
    Module *mp = m.get();
    mp->mod->kshim = mp;
    mp->mod->state = MODULE_STATE_COMING;
    mods_.push_back(std::move(m));
    k_.module_map().add(mp->lo, mp->hi, mp);
    k_.percpu().add_static(mp->mod->percpu, mp->mod->percpu_end);
    k_.symbols().module_loaded(mp->name, mp->path, mp->lo, mp->hi);
    check_license(*mp);
    return mp;
}

int Modules::run_init(Module *mp)
{
    struct module *mod = mp->mod;
    // As 6.1's KUnit notifier: a module's suites run while it is COMING, before its init.
    Task *t = k_.sched().create(TaskKind::Insmod, "insmod", [this, mod] {
        // A module notifier may veto the load while it is COMING (those before it hear GOING).
        Notifiers &n = k_.notifiers();
        int veto = notifier_to_errno(n.call_robust(Notifiers::Flavour::Blocking, n.module_chain(),
                                                   MODULE_STATE_COMING, MODULE_STATE_GOING, mod));
        if (veto)
            return (long)veto;
        k_.kunit().run_module(mod);
        long ret = mod->init ? (long)mod->init() : 0L;
        mod->state = ret < 0 ? MODULE_STATE_GOING : MODULE_STATE_LIVE;
        n.module_event(mod->state, mod);
        return ret;
    });
    if (!run_task(t))
        return -EDEADLK;
    int ret = (int)t->result;
    if (ret < 0) {
        mp->mod->state = MODULE_STATE_GOING;
        cleanup(mp, false);
        close(mp);
        return ret;
    }
    if (ret > 0) {
        k_.log().emit(4, strprintf("do_init_module: '%s'->init suspiciously returned %d, it should follow 0/-E convention",
                                   mp->name.c_str(), ret));
        k_.reports().dump_stack(4, 0);
    }
    mp->mod->state = MODULE_STATE_LIVE;
    return 0;
}

UnloadReport Modules::unload(Module *m)
{
    UnloadReport rep;
    if (m->refcount > 0) {
        rep.error = -EWOULDBLOCK;
        return rep;
    }
    if (m->mod->init && !m->mod->exit) {
        rep.error = -EBUSY;
        return rep;
    }
    m->mod->state = MODULE_STATE_GOING;
    if (m->mod->exit || k_.notifiers().module_chain()->head) {
        struct module *mod = m->mod;
        Task *t = k_.sched().create(TaskKind::Rmmod, "rmmod", [this, mod] {
            if (mod->exit)
                mod->exit();
            k_.notifiers().module_event(MODULE_STATE_GOING, mod);
            return 0L;
        });
        if (!run_task(t)) {
            rep.exit_finished = false;
            return rep;
        }
    }
    rep = cleanup(m, true);
    close(m);
    return rep;
}

// Tasks of other owners (kworkers, other modules' kthreads) asleep or preempted inside m's
// code: resumed after the unmap they would run freed code, so each is reported with its
// stack and parked for good (never scheduled again). Host context, before the unmap.
unsigned Modules::retire_sleepers(Module *m, const char *when)
{
    unsigned n = 0;
    Scheduler &s = k_.sched();
    for (auto &tp : s.tasks()) {
        Task *t = tp.get();
        if (!t->alive() || t->owner == m || t == s.running())
            continue;
        std::vector<uintptr_t> frames = s.dump_stack_of(t);
        uintptr_t inner = 0, outer = 0;
        for (uintptr_t f : frames)
            if (f > m->lo && f <= m->hi) {
                inner = inner ? inner : f;
                outer = f;
            }
        if (!inner)
            continue;
        ++n;
        k_.reports().count_bug();
        const std::string at = k_.symbols().text(inner, 'B'), fn = k_.symbols().text(outer - 1, 's');
        k_.log().emit(3, strprintf("kshim: %s:%d is still inside %s (asleep in %s) after %s of %s; a real "
                                   "kernel would oops when it resumes in the module's freed code; it is parked "
                                   "for good", t->comm(), t->pid(), fn.c_str(), at.c_str(), when, m->name.c_str()));
        k_.reports().call_trace(frames, 3);
        s.kill(t);
    }
    return n;
}

// The unload-leftover report on t, a kthread of m still alive after `when`. Host context.
void Modules::report_leftover(Task &t, const Module &m, const char *when)
{
    if (t.life == Life::Created) {
        k_.log().emit(3, strprintf("kshim: kthread %s:%d of %s was created but never woken or stopped "
                                   "(after %s); its task_struct leaks", t.comm(), t.pid(), m.name.c_str(), when));
        return;
    }
    k_.log().emit(3, strprintf("kshim: kthread %s:%d is still running after %s of %s; a real "
                               "kernel would oops when it next runs the module's freed code",
                               t.comm(), t.pid(), when, m.name.c_str()));
    k_.reports().call_trace(k_.sched().dump_stack_of(&t), 3);
}

UnloadReport Modules::cleanup(Module *m, bool after_exit)
{
    UnloadReport rep;
    Scheduler &s = k_.sched();
    const char *when = after_exit ? "module_exit" : "a failed module_init";
    rep.tasks_left += retire_sleepers(m, when);
    for (auto &tp : s.tasks()) {
        Task *t = tp.get();
        if (!t->alive() || t->owner != m)
            continue;
        ++rep.tasks_left;
        // A silenced unload-leftover prints nothing (and spares the stack's symbols).
        if (k_.reports().record(ReportKind::UnloadLeftover, {}))
            report_leftover(*t, *m, when);
        s.kill(t);
    }
    const ModuleSpan span{m, m->name.c_str(), m->lo, m->hi};
    rep.timers_left = k_.workqueues().module_gone(span) + k_.timer_lists().module_gone(span) +
                      k_.irqs().module_gone(span) + k_.tasklets().module_gone(span) +
                      k_.hrtimers().module_gone(span) + k_.locking().rcu.module_gone(span) +
                      k_.notifiers().module_gone(span) +
                      k_.devices().module_gone(span) + k_.fs().module_gone(span);
    free_params(*m);
    k_.mm().check_objects(m);
    rep.leaks = k_.mm().report_leaks(m);
    return rep;
}

void Modules::close(Module *m)
{
    lockdep_free_key_range((void *)m->lo, m->hi - m->lo);
    k_.symbols().module_unloaded(m->lo);
    last_unloaded_ = m->name;
    k_.module_map().remove(m);
    k_.percpu().remove_static(m->mod->percpu);
    void *h = m->handle;
    mods_.erase(std::remove_if(mods_.begin(), mods_.end(), [m](auto &p) { return p.get() == m; }),
                mods_.end());
    ModuleImages::close(h);
}

int Modules::read_modinfo(const std::string &path, std::vector<std::pair<std::string, std::string>> &out)
{
    void *h = dlopen(path.c_str(), RTLD_LAZY | RTLD_LOCAL);
    if (!h)
        return -ENOENT;
    auto *mod = static_cast<struct module *>(dlsym(h, "__this_module"));
    if (!mod) {
        dlclose(h);
        return -ENOEXEC;
    }
    out = parse_modinfo(mod->modinfo, (unsigned long)(mod->modinfo_end - mod->modinfo));
    dlclose(h);
    return 0;
}

}  // namespace kshim
