// Workqueue benchmark 2: a million work items pending at once on one workqueue; memory per item, then all run.
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <vector>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include "bench_util.hpp"
#include "kshim/testing.hpp"
#include "linux/list.h"
#include "linux/workqueue.h"

namespace {

constexpr long kBig = 1'000'000;
constexpr long kSmall = 250'000;

unsigned long g_done = 0;

void count_work(work_struct *) { ++g_done; }

// This process's resident set, in bytes.
long rss_bytes()
{
    FILE *f = std::fopen("/proc/self/statm", "r");
    long size = 0, resident = 0;
    if (!f || std::fscanf(f, "%ld %ld", &size, &resident) != 2)
        std::abort();
    std::fclose(f);
    return resident * sysconf(_SC_PAGESIZE);
}

struct Result {
    double overhead_per_item = 0;   // RSS growth while the items are pending, bytes per item
    double queue_ns = 0;            // queueing all of them
    double run_ns = 0;              // from the first execution to the last
    long executed = 0;
    long pending_seen = 0;          // how many were pending at once (kshim: work_pending)
};

// Runs fn in a forked child, so that each measurement starts from a fresh heap.
template <class F>
Result in_child(F fn)
{
    int fds[2];
    if (pipe(fds) != 0)
        std::abort();
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        Result r = fn();
        if (write(fds[1], &r, sizeof r) != (ssize_t)sizeof r)
            _exit(3);
        _exit(0);
    }
    close(fds[1]);
    Result r;
    ssize_t n = read(fds[0], &r, sizeof r);
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (n != (ssize_t)sizeof r || !bench::exited_ok(status)) {
        std::fprintf(stderr, "kbench_wq_pending: a measurement failed (status %d)\n", status);
        std::exit(2);
    }
    return r;
}

// kshim: a kernel task queues n work items (an array, touched beforehand) onto one
// alloc_workqueue() queue without yielding, so all n are pending at once; the RSS growth is
// measured then. flush_workqueue() then runs them all.
Result kshim_pending(long n)
{
    std::vector<work_struct> works((size_t)n);
    for (auto &w : works)
        INIT_WORK(&w, count_work);
    kshim::testing::TestKernel tk;
    workqueue_struct *wq = nullptr;
    tk.run_task([&] {
        wq = alloc_workqueue("kbench_wq_pending", 0, 0);
        queue_work(wq, &works[0]);   // warm-up: the kworker and its stack exist before measuring
        flush_workqueue(wq);
        return 0L;
    });
    Result r;
    g_done = 0;
    tk.run_task([&] {
        long rss0 = rss_bytes();
        uint64_t t0 = bench::now_ns();
        for (long i = 0; i < n; ++i)
            queue_work(wq, &works[(size_t)i]);
        uint64_t t1 = bench::now_ns();
        long rss1 = rss_bytes();
        for (long i = 0; i < n; ++i)
            r.pending_seen += work_pending(&works[(size_t)i]) ? 1 : 0;
        r.overhead_per_item = (double)(rss1 - rss0) / (double)n;
        r.queue_ns = (double)(t1 - t0);
        flush_workqueue(wq);
        r.run_ns = (double)(bench::now_ns() - t1);
        destroy_workqueue(wq);
        return 0L;
    });
    r.executed = (long)g_done;
    return r;
}

// The peer: boost::asio::thread_pool(1) whose only thread is held in a first handler while n
// handlers are posted, so all n are pending at once; then it is released and joined.
Result asio_pending(long n)
{
    std::vector<work_struct> works((size_t)n);
    for (auto &w : works)
        INIT_WORK(&w, count_work);
    Result r;
    g_done = 0;
    std::mutex m;
    std::condition_variable cv;
    bool go = false;
    boost::asio::thread_pool pool(1);
    boost::asio::post(pool, [&] {
        std::unique_lock<std::mutex> lk(m);
        cv.wait(lk, [&] { return go; });
    });
    long rss0 = rss_bytes();
    uint64_t t0 = bench::now_ns();
    for (long i = 0; i < n; ++i) {
        work_struct *w = &works[(size_t)i];
        boost::asio::post(pool, [w] { w->func(w); });
    }
    uint64_t t1 = bench::now_ns();
    long rss1 = rss_bytes();
    r.pending_seen = n - (long)g_done;
    {
        std::lock_guard<std::mutex> lk(m);
        go = true;
    }
    cv.notify_one();
    pool.join();
    r.run_ns = (double)(bench::now_ns() - t1);
    r.overhead_per_item = (double)(rss1 - rss0) / (double)n;
    r.queue_ns = (double)(t1 - t0);
    r.executed = (long)g_done;
    return r;
}

void print(const char *who, long n, const Result &r)
{
    std::printf("kbench_wq_pending: %s %ld items: %ld pending at once, %ld executed; RSS growth %.1f bytes "
                "per pending item; queueing %.1f ns/item, running %.1f ns/item\n",
                who, n, r.pending_seen, r.executed, r.overhead_per_item, r.queue_ns / (double)n,
                r.run_ns / (double)n);
}

}  // namespace

int main()
{
    Result kb = in_child([] { return kshim_pending(kBig); });
    Result ks = in_child([] { return kshim_pending(kSmall); });
    Result pb = in_child([] { return asio_pending(kBig); });
    print("kshim", kBig, kb);
    print("kshim", kSmall, ks);
    print("peer boost::asio::thread_pool(1) post()", kBig, pb);
    std::printf("kbench_wq_pending: the work_struct array itself is %zu bytes per item, %zu of them its lockdep_map "
                "(not counted above); an intrusive list adds 0\n", sizeof(work_struct), sizeof(lockdep_map));
    std::printf("kbench_wq_pending: ratio peer/kshim bytes per pending item = %.2fx\n",
                pb.overhead_per_item / (kb.overhead_per_item > 0 ? kb.overhead_per_item : 1));
    bool all = kb.pending_seen == kBig && kb.executed == kBig && ks.pending_seen == kSmall && ks.executed == kSmall;
    bool small = kb.overhead_per_item <= 64.0 && ks.overhead_per_item <= 64.0;
    return bench::verdict("kbench_wq_pending", all && small,
                          "1,000,000 pending at once, all executed, <= 64 bytes of overhead per pending item");
}
