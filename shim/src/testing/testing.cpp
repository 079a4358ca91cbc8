// The C++ test API over the Kernel object.
#include "kshim/testing.hpp"

#include "debug/report.hpp"
#include "gpio/gpio.hpp"
#include "irq/irq.hpp"
#include "kernel.hpp"
#include "mm/memory.hpp"
#include "module/module.hpp"
#include "printk/log.hpp"
#include "sched/scheduler.hpp"

namespace kshim::testing {

TestKernel::TestKernel(const Config &cfg)
{
    Options o;
    o.cpus = cfg.cpus;
    o.time = cfg.virtual_time ? TimeMode::Virtual : TimeMode::Real;
    o.console_fd = cfg.console_fd;
    o.console_level = cfg.console_level;
    k_ = std::make_unique<Kernel>(o);
}

TestKernel::~TestKernel() = default;

int TestKernel::load(const std::string &ko_path, const std::vector<std::string> &params)
{
    return k_->modules().load(ko_path, params);
}

UnloadResult TestKernel::unload(const std::string &name)
{
    UnloadResult out;
    Module *m = k_->modules().find(name);
    if (!m) {
        out.error = -2;
        return out;
    }
    UnloadReport r = k_->modules().unload(m);
    out.error = r.error;
    out.exit_finished = r.exit_finished;
    out.tasks_left = r.tasks_left;
    out.leaks = r.leaks;
    return out;
}

long TestKernel::run_task(const std::function<long()> &body, const std::string &name)
{
    Scheduler &s = k_->sched();
    Task *t = s.create(TaskKind::Test, name, body);
    s.wake(t, 3);
    if (s.run([t] { return !t->alive(); }) == RunResult::Idle)
        s.report_deadlock(*t);   // the test waits for t: nothing else can wake it
    k_->log().flush();
    return t->result;
}

void TestKernel::run_for(uint64_t ns)
{
    uint64_t until = k_->clock().now() + ns;
    k_->sched().run([] { return false; }, until);
    k_->log().flush();
}

bool TestKernel::run_until_idle(uint64_t limit_ns)
{
    Scheduler &s = k_->sched();
    RunResult r = s.run([&s] { return s.runnable() == 0 && s.quiescent(); },
                        k_->clock().now() + limit_ns);
    k_->log().flush();
    return r == RunResult::Done || r == RunResult::Idle;
}

void TestKernel::raise_irq(unsigned irq)
{
    Irqs &irqs = k_->irqs();
    irqs.raise(irq);
    k_->sched().run([&irqs] { return irqs.settled(); });
    k_->log().flush();
}

void TestKernel::set_gpio(unsigned line, int value)
{
    Irqs &irqs = k_->irqs();
    k_->gpio().drive(line, value);
    k_->sched().run([&irqs] { return irqs.settled(); });
    k_->log().flush();
}

int TestKernel::get_gpio(unsigned line) const { return k_->gpio().level(line); }

uint64_t TestKernel::now_ns() const { return k_->clock().now(); }
unsigned long TestKernel::jiffies() const { return k_->clock().jiffies(); }

std::vector<LogLine> TestKernel::log() const
{
    std::vector<LogLine> out;
    for (const LogRecord *r : k_->log().records())
        out.push_back({r->ts_ns, r->level, std::string(k_->log().text(*r))});
    return out;
}

std::vector<std::string> TestKernel::log_texts() const { return k_->log().texts(); }

bool TestKernel::log_contains(const std::string &needle) const
{
    for (const LogRecord *r : k_->log().records())
        if (k_->log().text(*r).find(needle) != std::string_view::npos)
            return true;
    return false;
}

unsigned TestKernel::bugs() const { return k_->reports().bugs(); }
unsigned TestKernel::warnings() const { return k_->reports().warnings(); }
size_t TestKernel::live_allocations() const { return k_->mm().live_count(); }

}  // namespace kshim::testing
