// Definitions of the C ABI globals and the symbol formatter, and the one place that resets them.
#include "globals.hpp"

#include <atomic>

#include "time/clock.hpp"

#include "asm/current.h"
#include "kshim/internal/preempt_point.h"
#include "linux/cpumask.h"
#include "linux/jiffies.h"
#include "linux/kernel.h"
#include "linux/lockdep.h"
#include "linux/notifier.h"
#include "linux/printk.h"
#include "linux/workqueue.h"

namespace {

struct cpumask online_mask;

// console_printk's values before a Printk sets the console level: Linux's defaults.
constexpr int kConsoleDefaults[4] = {8, 4, 1, 7};

std::atomic<kshim::SymbolFormatter> symbol_formatter_hook{nullptr};

}  // namespace

extern "C" {

// time: published by Clock.
volatile unsigned long jiffies = kshim::kInitialJiffies;
unsigned long long jiffies_64 = kshim::kInitialJiffies;

// sched: the CPUs, published at boot; current, set by the Scheduler at each switch.
unsigned int nr_cpu_ids = 1;
const struct cpumask *const cpu_online_mask = &online_mask;
const struct cpumask *const cpu_possible_mask = &online_mask;
const struct cpumask *const cpu_present_mask = &online_mask;
const struct cpumask *const cpu_active_mask = &online_mask;
struct task_struct *kshim_current_task = nullptr;
// sched: the preemption points the run's exploring policy takes (0 under FIFO).
unsigned int kshim_preempt_points = 0;
// mm: percpu_counter's default batch, max(32, 2 * online CPUs) as 6.1 computes it at boot.
int percpu_counter_batch = 32;

// printk: the console levels (console_loglevel, default message level, ...), set by Printk.
int console_printk[4] = {kConsoleDefaults[0], kConsoleDefaults[1], kConsoleDefaults[2], kConsoleDefaults[3]};

// debug: lockdep turns debug_locks off after its first report.
int debug_locks = 1;
enum system_states system_state = SYSTEM_RUNNING;

// workqueue: the system workqueues, created by Workqueues.
struct workqueue_struct *system_wq;
struct workqueue_struct *system_highpri_wq;
struct workqueue_struct *system_long_wq;
struct workqueue_struct *system_unbound_wq;
struct workqueue_struct *system_freezable_wq;
struct workqueue_struct *system_power_efficient_wq;
struct workqueue_struct *system_freezable_power_efficient_wq;

// notifier: the reboot chain (kshim never reboots, so it is only registered on).
BLOCKING_NOTIFIER_HEAD(reboot_notifier_list);

}  // extern "C"

namespace kshim {

void set_symbol_formatter(SymbolFormatter f) { symbol_formatter_hook.store(f, std::memory_order_release); }

SymbolFormatter symbol_formatter() { return symbol_formatter_hook.load(std::memory_order_acquire); }

void Globals::publish_cpus(unsigned cpus)
{
    nr_cpu_ids = cpus;
    percpu_counter_batch = cpus * 2 > 32 ? (int)cpus * 2 : 32;
    cpumask_clear(&online_mask);
    for (unsigned c = 0; c < cpus; ++c)
        cpumask_set_cpu(c, &online_mask);
}

void Globals::boot(unsigned cpus, SymbolFormatter symbols)
{
    jiffies = jiffies_64 = kInitialJiffies;
    publish_cpus(cpus);
    kshim_current_task = nullptr;
    kshim_preempt_points = 0;
    for (int i = 0; i < 4; ++i)
        console_printk[i] = kConsoleDefaults[i];
    debug_locks = 1;
    system_state = SYSTEM_RUNNING;
    system_wq = system_highpri_wq = system_long_wq = system_unbound_wq = nullptr;
    system_freezable_wq = system_power_efficient_wq = system_freezable_power_efficient_wq = nullptr;
    // An unlocked, empty chain whose list pointers name the global itself.
    static const blocking_notifier_head empty_reboot = BLOCKING_NOTIFIER_INIT(reboot_notifier_list);
    reboot_notifier_list = empty_reboot;
    set_symbol_formatter(symbols);
}

void Globals::shutdown() { boot(1, nullptr); }

}  // namespace kshim
