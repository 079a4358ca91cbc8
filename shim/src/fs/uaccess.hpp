// User memory: the ranges a user task owns (its mm) and the uaccess copies checked against them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

struct mm_struct;

namespace kshim {

class Kernel;

// A user task's address space: an mm_struct (what current->mm points at) and the byte ranges
// the task owns. Only these ranges are user memory; any other address faults (-EFAULT).
struct UserMm {
    UserMm();
    ~UserMm();
    UserMm(const UserMm &) = delete;
    UserMm &operator=(const UserMm &) = delete;

    struct mm_struct *mm() const;   // what current->mm points at
    // [lo, hi) of user addresses; kshim reaches their bytes at lo + delta (the arena's alias,
    // fs/user_arena.hpp: the user view itself is PROT_NONE, so only the copies get through).
    struct Range {
        uintptr_t lo, hi;
        intptr_t delta = 0;
    };
    std::vector<Range> ranges;
    // Remote mode (a --user program, fs/host_process.hpp): the user memory is that host
    // process's own, reached with process_vm_readv/writev (fs/uaccess_remote.cpp); 0: local.
    int remote_pid = 0;

    void add(const void *p, size_t n, intptr_t delta = 0) { ranges.push_back({(uintptr_t)p, (uintptr_t)p + n, delta}); }
    void remove(const void *p);
    // How many bytes from p on are user memory, up to n (0 if p is not); *delta: where kshim
    // reaches them (p + *delta).
    size_t valid(uintptr_t p, size_t n, intptr_t *delta = nullptr) const;
    static UserMm *of(struct mm_struct *mm);

private:
    struct Box;                     // the mm_struct, with a way back to its UserMm
    std::unique_ptr<Box> box_;
};

// The uaccess API over the current task's UserMm (a task without mm owns no user memory).
// Each is atomic-safe: no fault ever sleeps here. Return values as 6.1's.
class UserAccess {
public:
    explicit UserAccess(Kernel &k) : k_(k) {}

    unsigned long copy_to(void *to, const void *from, unsigned long n);       // bytes not copied
    unsigned long copy_from(void *to, const void *from, unsigned long n);     // rest zeroed
    unsigned long clear(void *to, unsigned long n);
    int get(void *dst, const void *src, unsigned long size);                  // 0 or -EFAULT
    int put(const void *src, void *dst, unsigned long size);
    long strncpy_from(char *dst, const char *src, long count);
    long strnlen(const char *s, long n);
    // access_ok: the range lies below TASK_SIZE_MAX without wrapping (as x86-64's check).
    static bool range_ok(const void *p, unsigned long n);
    // memdup_user(_nul), strndup_user: kmalloc'd copies charged to `site`; ERR_PTR on failure.
    void *memdup(const void *src, size_t len, bool nul, uintptr_t site);
    char *strndup(const char *s, long n, uintptr_t site);
    // kstrto*_from_user: at most 66 bytes copied, NUL-terminated, then parse(buf).
    int kstrto(const char *s, size_t count, const std::function<int(const char *)> &parse);

private:
    // How many bytes from p on are the current task's, up to n; *host: where kshim reaches p.
    size_t valid(const void *p, size_t n, char **host) const;
    int remote() const;   // the current task's remote process, or 0
    Kernel &k_;
};

}  // namespace kshim
