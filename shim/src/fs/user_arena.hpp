// A user task's memory as SMAP sees it: a memfd mapped twice, a PROT_NONE user view (the addresses the module gets) and the read-write alias that kshim and the uaccess copies use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kshim {

// The user views mapped in this process, for the page-fault report: a fault there is a
// supervisor access to a present user page (6.1's oops for a module that dereferences a user
// pointer without copy_from_user, as SMAP stops it). Process-wide, as the mappings are; host
// thread only, and contains() is safe from the SIGSEGV handler (no allocation, no lock).
class UserViews {
public:
    static void add(uintptr_t lo, uintptr_t hi);
    static void remove(uintptr_t lo);
    static bool contains(uintptr_t addr);
};

// The arena of one user task. Each chunk is a memfd mapped PROT_NONE (user view) and
// read-write (alias) at a fixed distance, so a user address turns into the alias by one
// addition and no system call runs per copy. Blocks come in power-of-two size classes, reused
// after free without a system call; a block larger than the biggest class gets a chunk of its
// own, unmapped at free. Where memfd_create fails the chunk is one plain mapping (user ==
// alias: no SMAP check, everything else works). Host or task context; alloc may mmap.
class UserArena {
public:
    UserArena() = default;
    ~UserArena();
    UserArena(const UserArena &) = delete;
    UserArena &operator=(const UserArena &) = delete;

    struct Block {
        char *alias;   // what kshim's own code reads and writes
        char *user;    // what the module gets (the PROT_NONE view)
    };
    // n zeroed bytes (at least one). Aborts if the host has no memory left.
    Block alloc(size_t n);
    // Gives back the block of n bytes whose alias is alias.
    void free(const char *alias, size_t n);
    // The user view's address for an address in an alias, or a itself when it is in none.
    uintptr_t user_of(uintptr_t a) const;

private:
    struct Chunk {
        char *user, *alias;
        size_t size, used;
        bool own;   // one large block's
    };
    static Chunk map_chunk(size_t size, bool own);
    static void unmap_chunk(const Chunk &c);
    static unsigned size_class(size_t n);

    static constexpr unsigned kMinShift = 6, kMaxShift = 18, kClasses = kMaxShift - kMinShift + 1;
    static constexpr size_t kChunk = 1u << 20;
    std::vector<Chunk> chunks_;
    std::vector<char *> free_[kClasses];   // freed blocks by size class (their aliases)
};

}  // namespace kshim
