// Benchmarks of issue 7's interrupt targets: a raised interrupt to its handler and back, and tasklet_schedule to the tasklet running.
#include <csignal>
#include <cstdio>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "bench_util.hpp"
#include "irq/irq.hpp"
#include "kernel.hpp"
#include "kshim/testing.hpp"
#include "linux/interrupt.h"
#include "linux/sched.h"

namespace {

constexpr long kRounds = 2'000'000;
constexpr long kPeerRounds = 500'000;
constexpr int kSamples = 5;

volatile long handled;
struct tasklet_struct bench_tasklet;
volatile long tasklet_runs;

irqreturn_t bench_isr(int, void *)
{
    handled = handled + 1;
    return IRQ_HANDLED;
}

void bench_tasklet_fn(struct tasklet_struct *) { tasklet_runs = tasklet_runs + 1; }

// ns per interrupt raised on the running task's CPU: hardirq entry, the handler, irq exit.
double irq_sample()
{
    kshim::testing::TestKernel tk;
    handled = 0;
    uint64_t t0 = 0, t1 = 0;
    tk.run_task([&] {
        if (request_irq(5, bench_isr, 0, "bench", nullptr))
            return 1L;
        kshim::Irqs &irqs = kshim::Kernel::get().irqs();
        t0 = bench::now_ns();
        for (long i = 0; i < kRounds; ++i)
            irqs.raise(5);
        t1 = bench::now_ns();
        free_irq(5, nullptr);
        return 0L;
    });
    if (handled != kRounds) {
        std::fprintf(stderr, "kbench_irq: %ld of %ld interrupts handled\n", (long)handled, kRounds);
        std::exit(2);
    }
    return (double)(t1 - t0) / kRounds;
}

// ns from tasklet_schedule in a hardirq handler to the tasklet's end (it runs at irq exit).
double tasklet_irq_sample()
{
    kshim::testing::TestKernel tk;
    tasklet_runs = 0;
    uint64_t t0 = 0, t1 = 0;
    tk.run_task([&] {
        tasklet_setup(&bench_tasklet, bench_tasklet_fn);
        if (request_irq(6, [](int, void *) { tasklet_schedule(&bench_tasklet); return IRQ_HANDLED; }, 0, "bench", nullptr))
            return 1L;
        kshim::Irqs &irqs = kshim::Kernel::get().irqs();
        t0 = bench::now_ns();
        for (long i = 0; i < kRounds; ++i)
            irqs.raise(6);
        t1 = bench::now_ns();
        free_irq(6, nullptr);
        return 0L;
    });
    if (tasklet_runs != kRounds) {
        std::fprintf(stderr, "kbench_irq: %ld of %ld tasklets ran\n", (long)tasklet_runs, kRounds);
        std::exit(2);
    }
    return (double)(t1 - t0) / kRounds;
}

// ns from tasklet_schedule in process context to the tasklet's end: ksoftirqd runs it when the
// scheduling task yields (two task switches).
double tasklet_task_sample()
{
    kshim::testing::TestKernel tk;
    tasklet_runs = 0;
    uint64_t t0 = 0, t1 = 0;
    tk.run_task([&] {
        tasklet_setup(&bench_tasklet, bench_tasklet_fn);
        t0 = bench::now_ns();
        for (long i = 0; i < kRounds; ++i) {
            tasklet_schedule(&bench_tasklet);
            yield();
        }
        t1 = bench::now_ns();
        return 0L;
    });
    if (tasklet_runs != kRounds) {
        std::fprintf(stderr, "kbench_irq: %ld of %ld tasklets ran (process context)\n", (long)tasklet_runs, kRounds);
        std::exit(2);
    }
    return (double)(t1 - t0) / kRounds;
}

volatile sig_atomic_t signalled;
void on_signal(int) { signalled = signalled + 1; }

// Peer of the interrupt: a signal raised to the process itself, its handler and the return.
double signal_sample()
{
    struct sigaction sa = {};
    sa.sa_handler = on_signal;
    sigaction(SIGUSR1, &sa, nullptr);
    uint64_t t0 = bench::now_ns();
    for (long i = 0; i < kPeerRounds; ++i)
        raise(SIGUSR1);
    uint64_t t1 = bench::now_ns();
    return (double)(t1 - t0) / kPeerRounds;
}

// Peer of the tasklet: boost::asio's post of a handler and run_one on the same thread.
double asio_sample()
{
    boost::asio::io_context io;
    long runs = 0;
    uint64_t t0 = bench::now_ns();
    for (long i = 0; i < kPeerRounds; ++i) {
        boost::asio::post(io, [&runs] { ++runs; });
        io.run_one();
    }
    uint64_t t1 = bench::now_ns();
    return (double)(t1 - t0) / kPeerRounds;
}

}  // namespace

int main()
{
    std::vector<double> irq, tl, tt, sig, asio;
    for (int i = 0; i < kSamples; ++i) {
        irq.push_back(irq_sample());
        tl.push_back(tasklet_irq_sample());
        tt.push_back(tasklet_task_sample());
        sig.push_back(signal_sample());
        asio.push_back(asio_sample());
    }
    double im = bench::median(irq), tlm = bench::median(tl), ttm = bench::median(tt);
    double sm = bench::median(sig), am = bench::median(asio);
    std::printf("kbench_irq: kshim raised interrupt -> handler -> back: %.1f ns (median of %d x %ld; best %.1f)\n",
                im, kSamples, kRounds, bench::best(irq));
    std::printf("kbench_irq: peer raise(SIGUSR1) -> handler -> back: %.1f ns (ratio peer/kshim %.1fx)\n", sm, sm / im);
    std::printf("kbench_irq: kshim tasklet_schedule in a handler -> tasklet run at irq exit (interrupt included): "
                "%.1f ns (best %.1f)\n", tlm, bench::best(tl));
    std::printf("kbench_irq: kshim tasklet_schedule in a task -> tasklet run in ksoftirqd (two switches): "
                "%.1f ns (best %.1f)\n", ttm, bench::best(tt));
    std::printf("kbench_irq: peer boost::asio post -> run_one: %.1f ns (ratio peer/kshim %.1fx)\n", am, am / ttm);
    return bench::verdict("kbench_irq", im <= 100.0 && ttm <= 150.0 && tlm <= 150.0,
                          "interrupt round trip <= 100 ns, tasklet_schedule to run <= 150 ns");
}
