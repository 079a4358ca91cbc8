// debugobjects' index of one timer engine's armed objects by address, so that the free and init checks are one binary search.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "debug/debugobjects.hpp"

namespace kshim {

// The addresses of the timer_lists (or hrtimers) that are armed or due, in address order, as
// 6.1's debugobjects tracks every active timer by address. The engine adds an object where it
// is armed and removes it where it stops being pending (disarmed, or its callback starts); the
// objects themselves are never read, so an on-stack timer's address serves as any other.
// Allocates only when it outgrows its largest size so far. Not thread-safe; atomic-safe.
class ArmedIndex {
public:
    void add(const void *p)
    {
        auto it = std::lower_bound(v_.begin(), v_.end(), key(p));
        if (it == v_.end() || *it != key(p))
            v_.insert(it, key(p));
    }
    void remove(const void *p)
    {
        auto it = std::lower_bound(v_.begin(), v_.end(), key(p));
        if (it != v_.end() && *it == key(p))
            v_.erase(it);
    }
    bool has(const void *p) const { return std::binary_search(v_.begin(), v_.end(), key(p)); }
    // The objects that start inside r, lowest address first; none (and no allocation) is the
    // common case of a kfree.
    template <class T> std::vector<T *> in(const FreedRange &r) const
    {
        auto lo = std::lower_bound(v_.begin(), v_.end(), key(r.lo));
        auto hi = std::lower_bound(lo, v_.end(), key(r.hi));
        std::vector<T *> out;
        for (auto it = lo; it != hi; ++it)
            out.push_back(reinterpret_cast<T *>(*it));
        return out;
    }
    size_t size() const { return v_.size(); }

private:
    static uintptr_t key(const void *p) { return reinterpret_cast<uintptr_t>(p); }
    std::vector<uintptr_t> v_;
};

}  // namespace kshim
