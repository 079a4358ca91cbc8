// The test API's driving calls: run until a predicate, jump the clock, module symbols, queue work, complete.
#include "kshim/testing.hpp"

#include <stdexcept>

#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "locking/locking.hpp"
#include "printk/log.hpp"
#include "sched/scheduler.hpp"
#include "workqueue/workqueue.hpp"

namespace kshim::testing {

namespace {

// The live (not destroyed) workqueue called name, or nullptr. Host context.
workqueue_struct *workqueue_named(Kernel &k, const std::string &name)
{
    for (const auto &wq : k.workqueues().list())
        if (!wq->destroyed && wq->name == name)
            return wq.get();
    return nullptr;
}

}  // namespace

bool TestKernel::run_until(const std::function<bool()> &pred, uint64_t limit_ns)
{
    RunResult r = k_->sched().run(pred, k_->clock().now() + limit_ns);
    k_->log().flush();
    return r == RunResult::Done || pred();
}

void TestKernel::advance_clock(uint64_t ns)
{
    k_->clock().skip(ns);
    k_->clock().publish();
    run_for(0);
}

void *TestKernel::symbol(const std::string &module, const std::string &name) const
{
    return reinterpret_cast<void *>(k_->symbols().address_of(module, name));
}

bool TestKernel::queue_work(void *work, const std::string &wq)
{
    workqueue_struct *q = workqueue_named(*k_, wq);
    if (!q)
        throw std::invalid_argument("no workqueue named " + wq);
    return k_->workqueues().queue(WORK_CPU_UNBOUND, q, static_cast<work_struct *>(work));
}

void TestKernel::complete(void *completion, bool all)
{
    k_->locking().complete(static_cast<struct completion *>(completion), all);
}

}  // namespace kshim::testing
