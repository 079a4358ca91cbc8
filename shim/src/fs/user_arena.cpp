// User task memory: memfd chunks mapped as a PROT_NONE user view and a read-write alias, carved into size-class blocks.
#include "fs/user_arena.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace kshim {

namespace {

struct View {
    uintptr_t lo, hi;
};
// Never destroyed: a task's arena may go after static destructors have run.
std::vector<View> &views()
{
    static auto *v = new std::vector<View>;
    return *v;
}

constexpr size_t kPage = 4096;

size_t page_round(size_t n) { return (n + kPage - 1) & ~(kPage - 1); }

}  // namespace

void UserViews::add(uintptr_t lo, uintptr_t hi) { views().push_back({lo, hi}); }

void UserViews::remove(uintptr_t lo)
{
    std::erase_if(views(), [lo](const View &v) { return v.lo == lo; });
}

bool UserViews::contains(uintptr_t addr)
{
    for (const View &v : views())
        if (addr >= v.lo && addr < v.hi)
            return true;
    return false;
}

UserArena::~UserArena()
{
    for (const Chunk &c : chunks_)
        unmap_chunk(c);
}

// One memfd of size bytes mapped twice; a plain read-write mapping when memfd is refused.
UserArena::Chunk UserArena::map_chunk(size_t size, bool own)
{
    Chunk c{nullptr, nullptr, size, 0, own};
    int fd = memfd_create("kshim-user", MFD_CLOEXEC);
    if (fd >= 0 && ftruncate(fd, (off_t)size) == 0) {
        void *u = mmap(nullptr, size, PROT_NONE, MAP_SHARED, fd, 0);
        void *a = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (u != MAP_FAILED && a != MAP_FAILED) {
            c.user = static_cast<char *>(u), c.alias = static_cast<char *>(a);
            UserViews::add((uintptr_t)u, (uintptr_t)u + size);
        } else {
            if (u != MAP_FAILED)
                munmap(u, size);
            if (a != MAP_FAILED)
                munmap(a, size);
        }
    }
    if (fd >= 0)
        close(fd);
    if (!c.alias) {
        void *p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            std::abort();
        c.user = c.alias = static_cast<char *>(p);
    }
    return c;
}

void UserArena::unmap_chunk(const Chunk &c)
{
    if (c.user != c.alias) {
        UserViews::remove((uintptr_t)c.user);
        munmap(c.user, c.size);
    }
    munmap(c.alias, c.size);
}

unsigned UserArena::size_class(size_t n)
{
    unsigned s = kMinShift;
    while (((size_t)1 << s) < n)
        ++s;
    return s - kMinShift;
}

UserArena::Block UserArena::alloc(size_t n)
{
    n = std::max<size_t>(n, 1);
    if (n > ((size_t)1 << kMaxShift)) {
        chunks_.push_back(map_chunk(page_round(n), true));
        return {chunks_.back().alias, chunks_.back().user};
    }
    const unsigned cls = size_class(n);
    const size_t size = (size_t)1 << (cls + kMinShift);
    char *alias = nullptr;
    if (!free_[cls].empty()) {
        alias = free_[cls].back();
        free_[cls].pop_back();
        std::memset(alias, 0, n);
    } else {
        auto it = std::find_if(chunks_.rbegin(), chunks_.rend(),
                               [size](const Chunk &c) { return !c.own && c.size - c.used >= size; });
        if (it == chunks_.rend()) {
            chunks_.push_back(map_chunk(kChunk, false));
            it = chunks_.rbegin();
        }
        alias = it->alias + it->used;   // fresh memfd pages are zero
        it->used += size;
    }
    return {alias, reinterpret_cast<char *>(user_of((uintptr_t)alias))};
}

void UserArena::free(const char *alias, size_t n)
{
    if (n > ((size_t)1 << kMaxShift)) {
        auto it = std::find_if(chunks_.begin(), chunks_.end(), [alias](const Chunk &c) { return c.alias == alias; });
        if (it != chunks_.end()) {
            unmap_chunk(*it);
            chunks_.erase(it);
        }
        return;
    }
    free_[size_class(std::max<size_t>(n, 1))].push_back(const_cast<char *>(alias));
}

uintptr_t UserArena::user_of(uintptr_t a) const
{
    for (const Chunk &c : chunks_)
        if (a >= (uintptr_t)c.alias && a < (uintptr_t)c.alias + c.size)
            return a - (uintptr_t)c.alias + (uintptr_t)c.user;
    return a;
}

}  // namespace kshim
