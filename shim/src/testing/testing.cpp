// The C++ test API over the Kernel object.
#include "kshim/testing.hpp"

#include <cerrno>
#include <exception>
#include <stdexcept>

#include "debug/fault_inject.hpp"
#include "debug/report.hpp"
#include "fs/vfs.hpp"
#include "fs/user_task.hpp"
#include "gpio/gpio.hpp"
#include "irq/irq.hpp"
#include "kernel.hpp"
#include "mm/memory.hpp"
#include "module/module.hpp"
#include "debug/crash.hpp"
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
    o.no_detectors = cfg.no_detectors;
    for (const std::string &spec : cfg.fail)
        if (std::string err = FaultInject::parse(spec, o.faults); !err.empty())
            throw std::invalid_argument("--fail=" + spec + ": " + err);
    o.faults.fail_nth = cfg.fail_nth;
    o.seed = cfg.seed;
    if (!SchedConfig::parse(cfg.sched, o.sched) || !SchedConfig::parse_points(cfg.preempt_points, o.sched.points))
        throw std::invalid_argument("sched=" + cfg.sched + " preempt_points=" + cfg.preempt_points + ": not a policy");
    o.kfence_sample_ms = cfg.kfence_sample_ms;
    k_ = std::make_unique<Kernel>(o);
    if (o.kfence_sample_ms)
        install_guarded_fault_handler();
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
    // An exception (a failed REQUIRE) must not unwind out of the task's stack: it ends the
    // task there and is thrown again here, in the test's own thread.
    std::exception_ptr thrown;
    Task *t = s.create(TaskKind::Test, name, [&body, &thrown]() -> long {
        try {
            return body();
        } catch (...) {
            thrown = std::current_exception();
            return -EFAULT;
        }
    });
    s.wake(t, 3);
    if (s.run([t] { return !t->alive(); }) == RunResult::Idle)
        s.report_deadlock(*t);   // the test waits for t: nothing else can wake it
    k_->log().flush();
    if (thrown)
        std::rethrow_exception(thrown);
    return t->result;
}

void TestKernel::run_for(uint64_t ns)
{
    uint64_t until = k_->clock().now() + ns;
    k_->sched().run_until(until);
    k_->log().flush();
}

bool TestKernel::run_until_idle(uint64_t limit_ns)
{
    Scheduler &s = k_->sched();
    RunResult r = s.run_until_quiescent(k_->clock().now() + limit_ns);
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
        out.push_back({r->ts_ns, r->level, std::string(k_->log().text(*r)), r->comm, r->caller, r->cpu});
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

std::vector<Report> TestKernel::reports() const
{
    std::vector<Report> out;
    for (const ReportRecord &r : k_->reports().records()) {
        const ReportKindInfo &i = kind_info(r.kind);
        out.push_back({i.name, i.detector, r.task, r.pid, r.module, r.function, r.text});
    }
    return out;
}

unsigned TestKernel::report_count(const std::string &kind_or_detector) const
{
    unsigned n = 0;
    for (const ReportRecord &r : k_->reports().records())
        n += kind_or_detector == kind_info(r.kind).name || kind_or_detector == kind_info(r.kind).detector;
    return n;
}
size_t TestKernel::live_allocations() const { return k_->mm().live_count(); }

}  // namespace kshim::testing

namespace kshim::testing {

User &TestKernel::user(const std::string &comm)
{
    user_tasks_.push_back(std::make_unique<UserTask>(*k_, comm));
    users_.push_back(std::make_unique<User>(*k_, user_tasks_.back().get()));
    k_->sched().run_until(k_->clock().now());
    return *users_.back();
}

int TestKernel::make_device_node(const std::string &path, unsigned dev, unsigned mode)
{
    return k_->fs().mknod(path, dev, mode);
}

int User::pid() const { return t_->pid(); }
bool User::busy() const { return t_->busy(); }
void User::signal(int sig) { (void)k_.sched().send_signal(t_->task(), sig); }
uintptr_t User::alloc(size_t n) { return (uintptr_t)t_->map(n); }
unsigned long User::signals() { return t_->take_signals(); }

SysResult User::fcntl(int fd, int cmd, unsigned long arg)
{
    return call([this, fd, cmd, arg] { return t_->sys_fcntl(fd, cmd, arg); });
}

// Starts body in the task and runs the kernel while anything can run at this instant.
SysResult User::call(std::function<long()> body, std::function<void(SysResult &)> after)
{
    if (t_->busy())
        return SysResult{-1, EBUSY, false, {}, 0};
    after_ = std::move(after);
    t_->submit(std::move(body));
    k_.sched().run([this] { return !t_->busy(); }, k_.clock().now());
    k_.log().flush();
    return finish();
}

SysResult User::finish()
{
    SysResult r;
    if (t_->busy()) {
        r.done = false;
        return r;
    }
    long v = t_->result();
    r.ret = v < 0 ? -1 : v;
    r.err = v < 0 ? (int)-v : 0;
    if (after_)
        after_(r);
    after_ = nullptr;
    return r;
}

SysResult User::wait(uint64_t limit_ns)
{
    k_.sched().run([this] { return !t_->busy(); }, k_.clock().now() + limit_ns);
    k_.log().flush();
    return finish();
}

SysResult User::open(const std::string &path, int flags)
{
    return call([this, path, flags] { return t_->sys_open(path, flags); });
}

SysResult User::close(int fd)
{
    return call([this, fd] { return t_->sys_close(fd); });
}

SysResult User::read(int fd, size_t n)
{
    char *buf = t_->map(n);
    return call([this, fd, buf, n] { return t_->sys_read(fd, buf, n); },
                [this, buf](SysResult &r) {
                    if (r.ret > 0)
                        r.data.assign(buf, r.ret);
                    t_->unmap(buf);
                });
}

SysResult User::write(int fd, const std::string &data)
{
    char *buf = t_->map(data.size());
    std::copy(data.begin(), data.end(), buf);
    return call([this, fd, buf, n = data.size()] { return t_->sys_write(fd, buf, n); },
                [this, buf](SysResult &) { t_->unmap(buf); });
}

SysResult User::read_at(int fd, uintptr_t addr, size_t n)
{
    return call([this, fd, addr, n] { return t_->sys_read(fd, (void *)addr, n); });
}

SysResult User::write_at(int fd, uintptr_t addr, size_t n)
{
    return call([this, fd, addr, n] { return t_->sys_write(fd, (const void *)addr, n); });
}

SysResult User::lseek(int fd, long off, int whence)
{
    return call([this, fd, off, whence] { return t_->sys_lseek(fd, off, whence); });
}

SysResult User::ioctl(int fd, unsigned cmd, unsigned long arg)
{
    return call([this, fd, cmd, arg] { return t_->sys_ioctl(fd, cmd, arg); });
}

SysResult User::ioctl_buf(int fd, unsigned cmd, std::string &buf)
{
    char *p = t_->map(buf.size());
    std::copy(buf.begin(), buf.end(), p);
    return call([this, fd, cmd, p] { return t_->sys_ioctl(fd, cmd, (unsigned long)p); },
                [this, p, &buf](SysResult &) {
                    buf.assign(p, buf.size());
                    t_->unmap(p);
                });
}

SysResult User::poll(int fd, short events, int timeout_ms)
{
    auto *rev = reinterpret_cast<short *>(t_->map(sizeof(short)));
    return call([this, fd, events, timeout_ms, rev] { return t_->sys_poll(fd, events, timeout_ms, rev); },
                [this, rev](SysResult &r) {
                    r.revents = *rev;
                    t_->unmap(rev);
                });
}

}  // namespace kshim::testing
