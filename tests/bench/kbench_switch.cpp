// Benchmark 1: kthread ping-pong via wake_up_process/schedule against std::thread mutex+condvar.
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/context/fiber.hpp>

#include "bench_util.hpp"
#include "kshim/testing.hpp"
#include "linux/err.h"
#include "linux/kthread.h"
#include "linux/sched.h"

namespace {

constexpr long kKshimRounds = 1'000'000;   // round trips per kshim sample (2 switches each)
constexpr long kThreadRounds = 20'000;     // round trips per std::thread sample
constexpr long kFiberRounds = 5'000'000;   // round trips per raw fiber sample
constexpr int kSamples = 7;   // kshim and floor samples, taken in adjacent pairs

// Shared by the two kthreads: whose turn it is, and when the measured loop started and ended.
struct PingPong {
    task_struct *ping = nullptr;
    task_struct *pong = nullptr;
    volatile int turn = 0;
    uint64_t t0 = 0, t1 = 0;
};
PingPong pp;

// The kernel's wait pattern: state first, then the condition, then schedule().
void wait_turn(int me)
{
    for (;;) {
        set_current_state(TASK_UNINTERRUPTIBLE);
        if (pp.turn == me)
            break;
        schedule();
    }
    __set_current_state(TASK_RUNNING);
}

int ping_fn(void *)
{
    pp.t0 = bench::now_ns();
    for (long i = 0; i < kKshimRounds; ++i) {
        pp.turn = 1;
        wake_up_process(pp.pong);
        wait_turn(0);
    }
    pp.t1 = bench::now_ns();
    return 0;
}

int pong_fn(void *)
{
    for (long i = 0; i < kKshimRounds; ++i) {
        wait_turn(1);
        pp.turn = 0;
        wake_up_process(pp.ping);
    }
    return 0;
}

// ns per switch for kthread A waking B and sleeping, B waking A and sleeping.
double kshim_sample()
{
    kshim::testing::TestKernel tk;
    pp = PingPong{};
    long rc = tk.run_task([] {
        pp.ping = kthread_create(ping_fn, nullptr, "ping");
        pp.pong = kthread_create(pong_fn, nullptr, "pong");
        if (IS_ERR(pp.ping) || IS_ERR(pp.pong))
            return -1L;
        wake_up_process(pp.ping);
        return 0L;
    });
    if (rc != 0 || !tk.run_until_idle() || pp.t1 == 0) {
        std::fprintf(stderr, "kbench_switch: the kthread ping-pong did not complete\n");
        std::exit(2);
    }
    return (double)(pp.t1 - pp.t0) / (2.0 * kKshimRounds);
}

// ns per switch for the same ping-pong between two std::threads through a mutex and condvar.
double thread_sample()
{
    std::mutex m;
    std::condition_variable cv;
    int turn = 0;
    std::thread pong([&] {
        for (long i = 0; i < kThreadRounds; ++i) {
            std::unique_lock<std::mutex> l(m);
            cv.wait(l, [&] { return turn == 1; });
            turn = 0;
            cv.notify_one();
        }
    });
    uint64_t t0 = bench::now_ns();
    for (long i = 0; i < kThreadRounds; ++i) {
        std::unique_lock<std::mutex> l(m);
        turn = 1;
        cv.notify_one();
        cv.wait(l, [&] { return turn == 0; });
    }
    uint64_t t1 = bench::now_ns();
    pong.join();
    return (double)(t1 - t0) / (2.0 * kThreadRounds);
}

// ns per switch of a bare Boost.Context fiber round trip: the floor under any task switch.
double fiber_sample()
{
    namespace ctx = boost::context;
    ctx::fiber f([](ctx::fiber &&main) {
        for (long i = 0; i < kFiberRounds; ++i)
            main = std::move(main).resume();
        return std::move(main);
    });
    uint64_t t0 = bench::now_ns();
    for (long i = 0; i < kFiberRounds; ++i)
        f = std::move(f).resume();
    uint64_t t1 = bench::now_ns();
    f = std::move(f).resume();
    return (double)(t1 - t0) / (2.0 * kFiberRounds);
}

// The same fiber round trip with each switch made inside a called function that returns after
// it: what any switch behind an API call pays when a `ret` follows it (the CPU's return-stack
// predictor holds the other side's calls, so that `ret` mispredicts). Shown, not a target: it
// says how much of a switch is the return after it (docs/performance.md).
boost::context::fiber call_slots[2];
boost::context::fiber *call_save_to = nullptr;
uint64_t call_t0 = 0, call_t1 = 0;

__attribute__((noinline)) void call_switch(int mine)
{
    call_save_to = &call_slots[mine];
    boost::context::fiber from = std::move(call_slots[!mine]).resume();
    *call_save_to = std::move(from);
}

double fiber_call_sample()
{
    namespace ctx = boost::context;
    static ctx::fiber host;
    call_slots[1] = ctx::fiber([](ctx::fiber &&h) {
        host = std::move(h);
        call_t0 = bench::now_ns();
        for (long i = 0; i < kFiberRounds; ++i)
            call_switch(1);
        call_t1 = bench::now_ns();
        return std::move(host);
    });
    call_slots[0] = ctx::fiber([](ctx::fiber &&h) {
        *call_save_to = std::move(h);
        for (;;)
            call_switch(0);
        return ctx::fiber{};
    });
    call_slots[1] = std::move(call_slots[1]).resume();   // runs until the last round trip is done
    call_slots[0] = ctx::fiber{};                          // unwinds the other side's stack
    return (double)(call_t1 - call_t0) / (2.0 * kFiberRounds);
}

}  // namespace

int main()
{
    std::vector<double> k, t, f, c;
    for (int i = 0; i < kSamples; ++i) {
        k.push_back(kshim_sample());
        f.push_back(fiber_sample());
        c.push_back(fiber_call_sample());
        if (i < 3)
            t.push_back(thread_sample());
    }
    double km = bench::median(k), tm = bench::median(t), fm = bench::median(f);
    double ratio = tm / km;
    // The floor moves with the machine's state (4.7 to 7.7 ns between runs on the 2-vCPU VM),
    // so the target compares each kshim sample with the floor sample taken right after it.
    std::vector<double> paired;
    for (size_t i = 0; i < k.size(); ++i)
        paired.push_back(k[i] / f[i]);
    double pm = bench::median(paired);
    std::printf("kbench_switch: kshim kthread wake_up_process/schedule ping-pong: %.1f ns/switch "
                "(median of %d x %ld round trips; best %.1f)\n",
                km, kSamples, kKshimRounds, bench::best(k));
    std::printf("kbench_switch: peer std::thread mutex+condition_variable ping-pong: %.0f ns/switch "
                "(median of %zu x %ld round trips)\n",
                tm, t.size(), kThreadRounds);
    std::printf("kbench_switch: floor: bare Boost.Context fiber switch: %.1f ns/switch "
                "(kshim costs %.1fx the floor; %.1fx as the median of the %zu adjacent pairs, %.1fx to %.1fx)\n",
                fm, km / fm, pm, paired.size(), bench::best(paired),
                *std::max_element(paired.begin(), paired.end()));
    std::printf("kbench_switch: shown: the same fiber switch inside a called function, a ret after "
                "each: %.1f ns/switch (%.1fx the floor)\n",
                bench::median(c), bench::median(c) / fm);
    std::printf("kbench_switch: ratio peer/kshim = %.0fx\n", ratio);
    int status = bench::verdict("kbench_switch", km <= 100.0 && ratio >= 50.0,
                                "<= 100 ns/switch and >= 50x faster than the std::thread peer");
    // Issue 9: task to task directly, at most 4 times the bare fiber switch of the same run
    // (the median of the adjacent pairs' ratios).
    return bench::verdict("kbench_switch", pm <= 4.0, "<= 4x the bare Boost.Context fiber switch") | status;
}
