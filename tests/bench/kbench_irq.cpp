// Benchmarks of issue 7's interrupt targets: a raised interrupt to its handler and back, and tasklet_schedule to the tasklet running.
#include <csignal>
#include <cstdio>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/executor_work_guard.hpp>
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
uint64_t scheduled_at;   // now_ns() just before the round's tasklet_schedule
uint64_t latency_sum;    // sum over the rounds of (tasklet's first instruction - scheduled_at)

irqreturn_t bench_isr(int, void *)
{
    handled = handled + 1;
    return IRQ_HANDLED;
}

// Its first instruction reads the clock, so the latency excludes the tasklet's own work.
void bench_tasklet_fn(struct tasklet_struct *)
{
    latency_sum += bench::now_ns() - scheduled_at;
    tasklet_runs = tasklet_runs + 1;
}

// What one tasklet sample measured, in ns per round.
struct TaskletSample {
    double latency;      // tasklet_schedule to the tasklet's first instruction (one clock read included)
    double round_trip;   // the whole round: schedule, run, and back to the scheduling code
};

void check_runs(const char *where)
{
    if (tasklet_runs != kRounds) {
        std::fprintf(stderr, "kbench_irq: %ld of %ld tasklets ran (%s)\n", (long)tasklet_runs, kRounds, where);
        std::exit(2);
    }
}

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

// tasklet_schedule in a hardirq handler; the tasklet runs at irq exit.
TaskletSample tasklet_irq_sample()
{
    kshim::testing::TestKernel tk;
    tasklet_runs = 0;
    latency_sum = 0;
    uint64_t t0 = 0, t1 = 0;
    tk.run_task([&] {
        tasklet_setup(&bench_tasklet, bench_tasklet_fn);
        auto isr = [](int, void *) {
            scheduled_at = bench::now_ns();
            tasklet_schedule(&bench_tasklet);
            return IRQ_HANDLED;
        };
        if (request_irq(6, isr, 0, "bench", nullptr))
            return 1L;
        kshim::Irqs &irqs = kshim::Kernel::get().irqs();
        t0 = bench::now_ns();
        for (long i = 0; i < kRounds; ++i)
            irqs.raise(6);
        t1 = bench::now_ns();
        free_irq(6, nullptr);
        return 0L;
    });
    check_runs("from a handler");
    return {(double)latency_sum / kRounds, (double)(t1 - t0) / kRounds};
}

// tasklet_schedule in process context; ksoftirqd runs the tasklet when the scheduling task
// yields (a switch to ksoftirqd, and one back for the round trip).
TaskletSample tasklet_task_sample()
{
    kshim::testing::TestKernel tk;
    tasklet_runs = 0;
    latency_sum = 0;
    uint64_t t0 = 0, t1 = 0;
    tk.run_task([&] {
        tasklet_setup(&bench_tasklet, bench_tasklet_fn);
        t0 = bench::now_ns();
        for (long i = 0; i < kRounds; ++i) {
            scheduled_at = bench::now_ns();
            tasklet_schedule(&bench_tasklet);
            yield();
        }
        t1 = bench::now_ns();
        return 0L;
    });
    check_runs("from a task");
    return {(double)latency_sum / kRounds, (double)(t1 - t0) / kRounds};
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

// Peer of the tasklet: boost::asio's post of a handler to the handler running (run_one on the
// same thread), measured as the tasklet is: one clock read before the post, one in the handler.
double asio_sample()
{
    boost::asio::io_context io;
    auto guard = boost::asio::make_work_guard(io);   // run_one never finds the context out of work
    uint64_t posted_at = 0, sum = 0;
    long ran = 0;
    for (long i = 0; i < kPeerRounds; ++i) {
        posted_at = bench::now_ns();
        boost::asio::post(io, [&] { sum += bench::now_ns() - posted_at; ++ran; });
        io.run_one();
    }
    if (ran != kPeerRounds) {
        std::fprintf(stderr, "kbench_irq: %ld of %ld asio handlers ran\n", ran, kPeerRounds);
        std::exit(2);
    }
    return (double)sum / kPeerRounds;
}

}  // namespace

int main()
{
    std::vector<double> irq, tl, tlr, tt, ttr, sig, asio;
    for (int i = 0; i < kSamples; ++i) {
        irq.push_back(irq_sample());
        TaskletSample h = tasklet_irq_sample(), t = tasklet_task_sample();
        tl.push_back(h.latency);
        tlr.push_back(h.round_trip);
        tt.push_back(t.latency);
        ttr.push_back(t.round_trip);
        sig.push_back(signal_sample());
        asio.push_back(asio_sample());
    }
    double im = bench::median(irq), tlm = bench::median(tl), ttm = bench::median(tt);
    double sm = bench::median(sig), am = bench::median(asio);
    std::printf("kbench_irq: kshim raised interrupt -> handler -> back: %.1f ns (median of %d x %ld; best %.1f)\n",
                im, kSamples, kRounds, bench::best(irq));
    std::printf("kbench_irq: peer raise(SIGUSR1) -> handler -> back: %.1f ns (ratio peer/kshim %.1fx)\n", sm, sm / im);
    std::printf("kbench_irq: kshim tasklet_schedule in a handler -> tasklet running at irq exit: %.1f ns "
                "(best %.1f; whole round with the interrupt: %.1f ns)\n", tlm, bench::best(tl), bench::median(tlr));
    std::printf("kbench_irq: kshim tasklet_schedule in a task -> tasklet running in ksoftirqd: %.1f ns "
                "(best %.1f; round trip back to the task: %.1f ns)\n", ttm, bench::best(tt), bench::median(ttr));
    std::printf("kbench_irq: peer boost::asio post -> handler running (run_one): %.1f ns "
                "(ratio peer/kshim %.1fx)\n", am, am / ttm);
    return bench::verdict("kbench_irq", im <= 100.0 && ttm <= 150.0 && tlm <= 150.0,
                          "interrupt round trip <= 100 ns, tasklet_schedule to the tasklet running <= 150 ns");
}
