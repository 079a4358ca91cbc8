// fasync as fs/fcntl.c of 6.1 has it: fasync_helper's list, kill_fasync's SIGIO to the file's owner, and the fcntl commands that drive them.
#pragma once

#include <unordered_map>

struct fasync_struct;
struct file;

namespace kshim {

class Kernel;

// The owner of a file (F_SETOWN: a process's pid) gets the file's signal (F_SETSIG, SIGIO by
// default) when the driver calls kill_fasync on a list holding the file. F_SETFL toggling
// O_ASYNC calls the driver's ->fasync(fd, file, on), which keeps its list with fasync_helper
// (FASYNC in f_flags is the helper's business, as in 6.1); the file's last put calls
// ->fasync(-1, file, 0) before release when FASYNC is still set. Process groups (a negative
// F_SETOWN) are not modelled: -EINVAL. kshim keeps no siginfo queue, so the signal arrives
// without si_code/si_band/si_fd.
class Fasync {
public:
    explicit Fasync(Kernel &k) : k_(k) {}

    // fasync_helper: on: 1 for a new entry, 0 when the file was listed (its fd updated),
    // -ENOMEM; off: 1 when an entry went, else 0. Process context.
    int helper(int fd, struct file *f, int on, struct fasync_struct **fapp);
    // kill_fasync: each listed file's owner gets its signal (none for SIGURG without F_SETSIG).
    // Any context.
    void kill(struct fasync_struct **fp, int sig, int band);
    // fcntl(2) of fd's file: F_GETFL, F_SETFL, F_GETOWN, F_SETOWN, F_GETSIG, F_SETSIG; -EINVAL
    // for any other. Process context (F_SETFL calls the driver).
    long fcntl(struct file *f, int fd, int cmd, unsigned long arg);
    // __fput's part: ->fasync(-1, f, 0) if FASYNC is set; the owner is forgotten. May sleep.
    void release(struct file *f);

private:
    long setfl(struct file *f, int fd, unsigned long arg);
    void send_sigio(struct file *f, int band);
    Kernel &k_;
    std::unordered_map<const struct file *, int> owner_;   // F_SETOWN's pid
};

}  // namespace kshim
