// Loading and unloading modules: dlopen with fresh state, exports, parameters, init and exit.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fs/module_pins.hpp"
#include "module/params.hpp"

struct module;
struct kernel_param;

namespace kshim {

class Kernel;
struct Task;

// One loaded module: its shared object, its struct module, and the address range of its code.
// Its state (coming, live, going) is mod->state alone, as module code sees it.
class Module {
public:
    std::string name;
    std::string path;
    void *handle = nullptr;
    struct module *mod = nullptr;
    uintptr_t lo = 0, hi = 0;
    int refcount = 0;             // try_module_get/module_put balance

    // All atomic-safe.
    bool going() const;           // mod->state is MODULE_STATE_GOING (exit ran or init failed)
    std::vector<std::pair<std::string, std::string>> modinfo() const;
    std::string license() const;
};

// Outcome of an unload, for the runner's end-of-run report and exit status.
struct UnloadReport {
    int error = 0;            // 0, or -EWOULDBLOCK (in use) / -EBUSY (no exit function)
    bool exit_finished = true;
    unsigned tasks_left = 0;  // kthreads of the module still alive after module_exit
    unsigned timers_left = 0;
    size_t leaks = 0;
};

class Modules {
public:
    explicit Modules(Kernel &k);
    ~Modules();

    // insmod: loads `path`, applies "name=value" params, runs init in an "insmod" task and
    // drives the scheduler until init returns. Returns 0 or a negative errno. Host context only.
    int load(const std::string &path, const std::vector<std::string> &params, Module **out = nullptr);
    // rmmod: runs exit in an "rmmod" task, reports what the module left behind, unloads it.
    // -EWOULDBLOCK while references are held. Host context only.
    UnloadReport unload(Module *m);

    // Reference counts on a C struct module (nullptr: built-in code, always there).
    // try_module_get: false once the module is going. Atomic-safe, as are the others.
    bool try_get(struct module *mod);
    void get(struct module *mod);                 // __module_get: takes one unconditionally
    // module_put; an unbalanced put is a WARNING at ip and leaves the count at 0, as Linux.
    void put(struct module *mod, uintptr_t ip = 0);
    int refcount(struct module *mod) const;       // module_refcount
    bool is_live(struct module *mod) const;       // module_is_live: not going

    // Lookups. Atomic-safe.
    Module *find(std::string_view name) const;
    const std::vector<std::unique_ptr<Module>> &list() const { return mods_; }
    std::string linked_in() const;  // "Modules linked in:" text
    // Reads a module file's modinfo and parameters without running it (for --modinfo).
    // Host context only.
    static int read_modinfo(const std::string &path, std::vector<std::pair<std::string, std::string>> &out);

    // Parses insmod-style arguments against the module's parameters (kernel's parse_args).
    // Called from load(), before init runs. Host context.
    int parse_params(Module &m, const std::vector<std::string> &params);
    // The kernel_param_ops' work, for the param_* bridges. Atomic-safe (each op says its own).
    Params &params() { return params_; }
    // What the VFS pins modules through (fops.owner): try_get and put above.
    ModulePins &pins() { return pins_; }

private:
    unsigned retire_sleepers(Module *m, const char *when);
    std::string last_unloaded_;  // the name print_modules shows as [last unloaded: NAME]
    // The Module behind a struct module, or nullptr. Atomic-safe.
    static Module *of(struct module *mod);
    // The loader's steps, all in host context (between scheduler runs, never in a task).
    int open(const std::string &path, std::unique_ptr<Module> &m);   // dlopen, fresh state
    // load()'s steps. open_checked: open() and refuse a second module of the name or a bad
    // export (-EEXIST and check_exports' errors). enter: the module joins the list, the address
    // map and the symbolizer as COMING, with its licence taint. run_init: its init in an insmod
    // task; LIVE on success, else cleaned up and closed. Process context; run_init may sleep.
    int open_checked(const std::string &path, std::unique_ptr<Module> &m);
    Module *enter(std::unique_ptr<Module> m);
    int run_init(Module *mp);
    int check_exports(const Module &m);           // unresolved or duplicate symbols
    void find_range(Module &m);                   // the code's address range
    void check_license(const Module &m);          // taints for a non-GPL licence
    bool run_task(Task *t);                       // runs until t ends; false: it never will
    UnloadReport cleanup(Module *m, bool after_exit);  // reports and reaps what m left
    void report_leftover(Task &t, const Module &m, const char *when);
    void free_params(Module &m);                  // the charp parameters' copies
    void close(Module *m);                        // dlclose and forget m

    struct Pins final : ModulePins {
        explicit Pins(Modules &m) : mods(m) {}
        bool try_get(struct module *m) override { return mods.try_get(m); }
        void put(struct module *m) override { mods.put(m); }
        Modules &mods;
    };

    Kernel &k_;
    Params params_{k_};
    Pins pins_{*this};
    std::vector<std::unique_ptr<Module>> mods_;
};

}  // namespace kshim
