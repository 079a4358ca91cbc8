// Tests for the virtual interrupt controller (shim/src/irq/irq.cpp): request/free error codes, dispatch, nesting, threads, the spurious detector.
#include <string>
#include <vector>

#include "irq/irq.hpp"
#include "kernel.hpp"
#include "kshim/testing.hpp"
#include "sched/scheduler.hpp"
#include "support/log_match.hpp"
#include "support/oracle.hpp"

#include "linux/cpumask.h"
#include "linux/delay.h"
#include "linux/hardirq.h"
#include "linux/interrupt.h"
#include "linux/mutex.h"
#include "linux/sched.h"
#include "linux/smp.h"

#undef WARN
#include <catch2/catch.hpp>

using kshim::testing::TestKernel;
using kshim_test::count_lines;
using kshim_test::find_line;

namespace {

// What a handler saw of its context.
struct Ctx {
    int calls = 0;
    int hardirq = -1, irq = -1, interrupt = -1, softirq = -1, task = -1, irqs_off = -1;
    int preempt = -1, cpu = -1, pid = -1;
    std::string comm;
    void *dev = nullptr;
};

Ctx ctx;
std::vector<std::string> order;   // handler calls, in order

irqreturn_t note_ctx(int irq, void *dev)
{
    (void)irq;
    ++ctx.calls;
    ctx.hardirq = in_hardirq() != 0;
    ctx.irq = in_irq() != 0;
    ctx.interrupt = in_interrupt() != 0;
    ctx.softirq = in_softirq() != 0;
    ctx.task = in_task() != 0;
    ctx.irqs_off = irqs_disabled() != 0;
    ctx.preempt = preempt_count();
    ctx.cpu = (int)smp_processor_id();
    ctx.pid = get_current()->pid;
    ctx.comm = get_current()->comm;
    ctx.dev = dev;
    return IRQ_HANDLED;
}

irqreturn_t named(int irq, void *dev)
{
    order.push_back(std::to_string(irq) + ":" + static_cast<const char *>(dev));
    return IRQ_HANDLED;
}

irqreturn_t unhandled(int, void *) { return IRQ_NONE; }

void reset()
{
    ctx = Ctx{};
    order.clear();
}

// A device raises irq from wherever the caller runs (a task: it is interrupted at once).
void raise(unsigned irq) { kshim::Kernel::get().irqs().raise(irq); }

// Runs body in a task and returns its result.
long task(TestKernel &k, const std::function<long()> &body, const std::string &name = "test")
{
    return k.run_task(body, name);
}

}  // namespace

TEST_CASE("A raised interrupt runs its handler in hardirq context on the idle CPU's swapper", "[irq]")
{
    TestKernel k;
    reset();
    static int dev;
    REQUIRE(task(k, [] { return (long)request_irq(5, note_ctx, 0, "dev5", &dev); }) == 0);
    k.raise_irq(5);
    REQUIRE(ctx.calls == 1);
    CHECK(ctx.hardirq == 1);
    CHECK(ctx.irq == 1);
    CHECK(ctx.interrupt == 1);
    CHECK(ctx.softirq == 0);
    CHECK(ctx.task == 0);
    CHECK(ctx.irqs_off == 1);
    CHECK(ctx.preempt == HARDIRQ_OFFSET);
    CHECK(ctx.cpu == 0);
    CHECK(ctx.pid == 0);
    CHECK(ctx.comm == "swapper/0");
    CHECK(ctx.dev == &dev);
    CHECK(k.bugs() == 0);
}

TEST_CASE("An interrupt raised on the running task's CPU interrupts that task where it stands", "[irq]")
{
    TestKernel k;
    reset();
    std::vector<int> seen;
    task(k, [&seen] {
        if (request_irq(7, note_ctx, 0, "dev7", nullptr))
            return 1L;
        preempt_disable();
        raise(7);
        seen = {ctx.calls, preempt_count(), irqs_disabled() != 0};
        preempt_enable();
        free_irq(7, nullptr);
        return 0L;
    });
    CHECK(seen == std::vector<int>{1, 1, 0});
    CHECK(ctx.comm == "test");
    CHECK(ctx.preempt == (int)(HARDIRQ_OFFSET + 1));
    CHECK(ctx.irqs_off == 1);
}

TEST_CASE("request_irq refuses bad requests with 6.1's error codes", "[irq]")
{
    TestKernel k;
    static int a, b;
    std::vector<long> got;
    task(k, [&got] {
        got.push_back(request_threaded_irq(3, nullptr, nullptr, 0, "none", &a));         // no handler at all
        got.push_back(request_irq(3, named, IRQF_SHARED, "shared", nullptr));           // shared without dev_id
        got.push_back(request_irq(kshim::Irqs::kNrIrqs, named, 0, "range", &a));         // no such line
        got.push_back(request_threaded_irq(3, nullptr, unhandled, 0, "thr", &a));       // NULL handler, !ONESHOT
        got.push_back(request_irq(3, named, 0, "first", (void *)"a"));
        got.push_back(request_irq(3, named, 0, "second", (void *)"b"));                 // not shared
        got.push_back(request_irq(4, named, IRQF_SHARED, "s1", &a));
        got.push_back(request_irq(4, named, IRQF_SHARED | IRQF_ONESHOT, "s2", &b));     // ONESHOT mismatch
        got.push_back(request_irq(4, named, IRQF_SHARED | IRQF_TRIGGER_RISING, "s3", &b));   // trigger mismatch
        free_irq(3, (void *)"a");
        free_irq(4, &a);
        return 0L;
    });
    CHECK(got == std::vector<long>{-EINVAL, -EINVAL, -EINVAL, -EINVAL, 0, -EBUSY, 0, -EBUSY, -EBUSY});
    auto texts = k.log_texts();
    CHECK(find_line(texts, "genirq: Threaded irq requested with handler=NULL and !ONESHOT for thr (irq 3)") >= 0);
    CHECK(find_line(texts, "genirq: Flags mismatch irq 3. 00000000 (second) vs. 00000000 (first)") >= 0);
    CHECK(find_line(texts, "genirq: Flags mismatch irq 4. 00002080 (s2) vs. 00000080 (s1)") >= 0);
    CHECK(find_line(texts, "genirq: Flags mismatch irq 4. 00000081 (s3) vs. 00000080 (s1)") >= 0);
}

TEST_CASE("free_irq returns the devname, and warns about a handler that is not there", "[irq]")
{
    TestKernel k;
    static int dev;
    const void *first = nullptr, *again = &dev;
    task(k, [&] {
        if (request_irq(9, named, 0, "mydev", &dev))
            return 1L;
        first = free_irq(9, &dev);
        again = free_irq(9, &dev);
        return 0L;
    });
    REQUIRE(first != nullptr);
    CHECK(std::string(static_cast<const char *>(first)) == "mydev");
    CHECK(again == nullptr);
    CHECK(k.warnings() == 1);
    auto texts = k.log_texts();
    CHECK(find_line(texts, "Trying to free already-free IRQ 9") >= 0);
    CHECK(kshim_test::index_of(texts, "WARNING: CPU: 0 PID: 100 at kernel/irq/manage.c:1887 ") < texts.size());
}

TEST_CASE("Shared handlers are called in request order with their own dev_id, and free_irq removes only one", "[irq]")
{
    TestKernel k;
    reset();
    task(k, [] {
        long r = request_irq(11, named, IRQF_SHARED, "a", (void *)"a");
        r |= request_irq(11, named, IRQF_SHARED, "b", (void *)"b");
        r |= request_irq(11, named, IRQF_SHARED, "c", (void *)"c");
        return r;
    });
    k.raise_irq(11);
    CHECK(order == std::vector<std::string>{"11:a", "11:b", "11:c"});
    order.clear();
    task(k, [] { free_irq(11, (void *)"b"); return 0L; });
    k.raise_irq(11);
    CHECK(order == std::vector<std::string>{"11:a", "11:c"});
    order.clear();
    task(k, [] { free_irq(11, (void *)"a"); free_irq(11, (void *)"c"); return 0L; });
    k.raise_irq(11);   // nobody requested it: the edge is lost
    CHECK(order.empty());
}

TEST_CASE("disable_irq nests; an interrupt raised while disabled is taken at the last enable_irq", "[irq]")
{
    TestKernel k;
    reset();
    task(k, [] { return (long)request_irq(6, note_ctx, 0, "d", nullptr); });
    task(k, [] { disable_irq(6); disable_irq_nosync(6); return 0L; });
    k.raise_irq(6);
    k.raise_irq(6);
    CHECK(ctx.calls == 0);
    task(k, [] { enable_irq(6); return 0L; });
    k.run_until_idle();
    CHECK(ctx.calls == 0);
    std::string comm;
    task(k, [] { enable_irq(6); return 0L; }, "enabler");
    k.run_until_idle();
    CHECK(ctx.calls == 1);            // one replay for however many edges came while disabled
    CHECK(ctx.comm == "enabler");     // resent at once on the CPU of the task that enabled it
    CHECK(k.warnings() == 0);
}

TEST_CASE("enable_irq of an enabled line warns Unbalanced enable as 6.1 does", "[irq]")
{
    TestKernel k;
    task(k, [] {
        if (request_irq(12, named, 0, "u", (void *)"u"))
            return 1L;
        enable_irq(12);
        free_irq(12, (void *)"u");
        return 0L;
    });
    CHECK(k.warnings() == 1);
    auto texts = k.log_texts();
    CHECK(find_line(texts, "Unbalanced enable for IRQ 12") >= 0);
    CHECK(kshim_test::index_of(texts, "WARNING: CPU: 0 PID: 100 at kernel/irq/manage.c:781 ") < texts.size());
}

namespace {
struct Thr {
    int primary = 0, threaded = 0;
    std::vector<int> thread_ctx;   // in_task, in_interrupt, policy, preempt count
    std::string comm;
    std::vector<uint64_t> thread_at;
};
Thr thr;

irqreturn_t wake_it(int, void *)
{
    ++thr.primary;
    return IRQ_WAKE_THREAD;
}

irqreturn_t slow_thread(int, void *)
{
    ++thr.threaded;
    thr.thread_ctx = {in_task() != 0, in_interrupt() != 0, (int)get_current()->policy, preempt_count()};
    thr.comm = get_current()->comm;
    msleep(10);   // a threaded handler may sleep
    return IRQ_HANDLED;
}
}  // namespace

TEST_CASE("A threaded handler runs in irq/N-name, SCHED_FIFO, in process context, and may sleep", "[irq]")
{
    TestKernel k;
    thr = Thr{};
    task(k, [] { return (long)request_threaded_irq(13, wake_it, slow_thread, 0, "mydrv", nullptr); });
    k.raise_irq(13);
    k.run_until_idle();
    CHECK(thr.primary == 1);
    CHECK(thr.threaded == 1);
    CHECK(thr.comm == "irq/13-mydrv");
    CHECK(thr.thread_ctx == std::vector<int>{1, 0, 1, 0});
    CHECK(k.bugs() == 0);
    task(k, [] { free_irq(13, nullptr); return 0L; });
    k.run_until_idle();
    CHECK(k.kernel().sched().find_by_pid(101) == nullptr);   // the thread ended with free_irq
}

TEST_CASE("An IRQF_ONESHOT line stays masked until its thread is done, then takes the edge that came meanwhile", "[irq]")
{
    TestKernel k;
    thr = Thr{};
    task(k, [] { return (long)request_threaded_irq(14, nullptr, slow_thread, IRQF_ONESHOT, "os", nullptr); });
    k.raise_irq(14);    // the default primary handler wakes the thread, which sleeps 10 ms
    k.run_for(1'000'000);
    k.raise_irq(14);    // masked: kept pending
    k.raise_irq(14);
    CHECK(thr.threaded == 1);
    k.run_until_idle();
    CHECK(thr.threaded == 2);   // the pending edge, once, after the unmask
}

TEST_CASE("Without IRQF_ONESHOT a raise during the thread's run wakes it again when it is done", "[irq]")
{
    TestKernel k;
    thr = Thr{};
    task(k, [] { return (long)request_threaded_irq(15, wake_it, slow_thread, 0, "nos", nullptr); });
    k.raise_irq(15);
    k.run_for(1'000'000);
    k.raise_irq(15);
    CHECK(thr.primary == 2);   // the primary handler runs at once: the line is not masked
    k.run_until_idle();
    CHECK(thr.threaded == 2);
}

TEST_CASE("synchronize_irq waits until the threaded handler has finished", "[irq]")
{
    TestKernel k;
    thr = Thr{};
    uint64_t waited = 0;
    task(k, [] { return (long)request_threaded_irq(16, wake_it, slow_thread, 0, "sy", nullptr); });
    k.raise_irq(16);
    task(k, [&waited, &k] {
        uint64_t t0 = k.now_ns();
        synchronize_irq(16);
        waited = k.now_ns() - t0;
        free_irq(16, nullptr);
        return 0L;
    });
    CHECK(thr.threaded == 1);
    CHECK(waited >= 10'000'000);
}

TEST_CASE("A line whose handler returns IRQ_NONE 99900 times of 100000 is reported as nobody cared and disabled", "[irq]")
{
    TestKernel k;
    reset();
    task(k, [] { return (long)request_irq(17, unhandled, 0, "deaf", nullptr); });
    for (int i = 0; i < 99999; ++i)
        k.raise_irq(17);
    CHECK(count_lines(k, "nobody cared") == 0);
    k.raise_irq(17);
    auto texts = k.log_texts();
    CHECK(find_line(texts, "irq 17: nobody cared (try booting with the \"irqpoll\" option)") >= 0);
    size_t h = kshim_test::index_of(texts, "handlers:");
    REQUIRE(h + 1 < texts.size());
    INFO(texts[h + 1]);
    CHECK(texts[h + 1].rfind("[<", 0) == 0);
    CHECK(texts[h + 1].find("unhandled(int, void*)") != std::string::npos);   // %ps of the handler
    CHECK(find_line(texts, "Disabling IRQ #17") >= 0);
    CHECK(k.kernel().irqs().desc(17)->depth == 1);
    uint64_t before = k.kernel().irqs().desc(17)->count;
    k.raise_irq(17);
    CHECK(k.kernel().irqs().desc(17)->count == before);
}

TEST_CASE("Taking a mutex in a hardirq handler is a sleep in invalid context, irqs off", "[irq]")
{
    TestKernel k;
    static DEFINE_MUTEX(m);
    task(k, [] {
        return (long)request_irq(18, [](int, void *) {
            mutex_lock(&m);
            mutex_unlock(&m);
            return IRQ_HANDLED;
        }, 0, "sleepy", nullptr);
    });
    k.raise_irq(18);
    auto texts = k.log_texts();
    CHECK(count_lines(k, "BUG: sleeping function called from invalid context at kernel/locking/mutex.c:") == 1);
    CHECK(find_line(texts, "in_atomic(): 1, irqs_disabled(): 1, non_block: 0, pid: 0, name: swapper/0") >= 0);
    CHECK(find_line(texts, "preempt_count: 10000, expected: 0") >= 0);
}

TEST_CASE("Sleeping in a hardirq handler is scheduling while atomic", "[irq]")
{
    TestKernel k;
    task(k, [] {
        return (long)request_irq(19, [](int, void *) {
            msleep(1);
            return IRQ_HANDLED;
        }, 0, "sleeper", nullptr);
    });
    k.raise_irq(19);
    k.run_until_idle();
    CHECK(count_lines(k, "BUG: scheduling while atomic: swapper/0/0/0x00010000") == 1);
}

TEST_CASE("irq_set_affinity moves a line's delivery to the named CPU", "[irq]")
{
    TestKernel k;
    reset();
    long r = task(k, [] {
        long e = request_irq(20, note_ctx, 0, "aff", nullptr);
        e |= irq_set_affinity(20, cpumask_of(1));
        struct cpumask none = {};
        e |= irq_set_affinity(20, &none) == -EINVAL ? 0 : 1;
        return e;
    });
    CHECK(r == 0);
    k.raise_irq(20);
    CHECK(ctx.cpu == 1);
    CHECK(ctx.comm == "swapper/1");
}

TEST_CASE("An interrupt raised while the CPU's task has irqs off is taken when they are on again", "[irq]")
{
    TestKernel k;
    reset();
    std::vector<int> seen;
    task(k, [&seen] {
        if (request_irq(21, note_ctx, 0, "off", nullptr))
            return 1L;
        unsigned long flags;
        local_irq_save(flags);
        raise(21);
        seen.push_back(ctx.calls);
        local_irq_restore(flags);
        msleep(1);
        seen.push_back(ctx.calls);
        free_irq(21, nullptr);
        return 0L;
    });
    CHECK(seen == std::vector<int>{0, 1});
}

TEST_CASE("The runner's --irq N@PERIODxCOUNT raises the line COUNT times, one PERIOD apart, and prints nothing itself", "[irq]")
{
    kshim_test::ProcResult r = kshim_test::run_test_module("irq_counter", "1s", {"--irq", "5@100msx3", "--irq", "6@10ms"});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    CHECK(r.err == "");
    CHECK(r.out ==
          "[    0.100000] irq_counter: irq 5 #1: in_hardirq 1 irqs_disabled 1 cpu 0\n"
          "[    0.200000] irq_counter: irq 5 #2: in_hardirq 1 irqs_disabled 1 cpu 0\n"
          "[    0.300000] irq_counter: irq 5 #3: in_hardirq 1 irqs_disabled 1 cpu 0\n"
          "[    1.000000] irq_counter: 3 taken\n");
}

TEST_CASE("A handler left requested after module_exit is reported and freed at unload", "[irq]")
{
    TestKernel k;
    REQUIRE(k.load(kshim_test::test_module("irq_counter"), {"leak=1"}) == 0);
    k.raise_irq(5);
    auto u = k.unload("irq_counter");
    CHECK(u.error == 0);
    auto texts = k.log_texts();
    CHECK(kshim_test::index_of(texts, "kshim: irq 5 (irq_counter, counter_isr [irq_counter]) is still requested after module_exit of "
                                      "irq_counter; a real kernel would oops at its next interrupt") < texts.size());
    CHECK(k.bugs() == 1);
    k.raise_irq(5);   // the line is closed: the module's freed code is not called
    CHECK(count_lines(k, "irq_counter: irq 5 #") == 1);
}

TEST_CASE("An edge that comes while the line's handler busy-waits is taken after it, never nested in it", "[irq]")
{
    TestKernel k;
    static int calls, depth, max_depth;
    calls = depth = max_depth = 0;
    task(k, [] {
        return (long)request_irq(22, [](int, void *) {
            ++calls;
            max_depth = std::max(max_depth, ++depth);
            if (calls == 1)
                mdelay(10);
            --depth;
            return IRQ_HANDLED;
        }, 0, "busy", nullptr);
    });
    // At 1 ms (the handler enters its 10 ms mdelay) and at 2 ms, while it is still in it.
    k.kernel().irqs().raise_every(22, 1'000'000, 2);
    k.run_until_idle();
    CHECK(calls == 2);
    CHECK(k.now_ns() >= 11'000'000);
    CHECK(max_depth == 1);
}

namespace {
// The lines of a log that tell request_irq's story: the module's, genirq's and the WARN texts.
std::vector<std::string> request_story(const std::vector<std::string> &texts)
{
    std::vector<std::string> out;
    for (const std::string &t : texts) {
        if (t.rfind("irq_request: ", 0) == 0 || t.rfind("genirq: ", 0) == 0 || t.rfind("Unbalanced enable", 0) == 0 ||
            t.rfind("Trying to free", 0) == 0 || t == "------------[ cut here ]------------")
            out.push_back(t);
        size_t at = t.find(" at kernel/irq/manage.c:");
        if (t.rfind("WARNING: CPU: ", 0) == 0 && at != std::string::npos)
            out.push_back(t.substr(at, t.find(' ', at + 4) - at));
    }
    return out;
}
}  // namespace

TEST_CASE("The irq_request module prints the real kernel's return values, genirq lines and WARNs", "[irq]")
{
    TestKernel k;
    REQUIRE(k.load(kshim_test::test_module("irq_request")) == 0);
    k.run_for(1'000'000'000);
    CHECK(k.unload("irq_request").error == 0);
    auto want = request_story(
        kshim_test::texts_of(kshim_test::oracle_log("irq_request")));
    REQUIRE(want.size() > 15);
    CHECK(request_story(k.log_texts()) == want);
    CHECK(k.warnings() == 2);
}
