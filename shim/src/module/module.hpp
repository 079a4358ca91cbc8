// Loading and unloading modules: dlopen with fresh state, exports, parameters, init and exit.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct module;
struct kernel_param;

namespace kshim {

class Kernel;
struct Task;

// One loaded module: its shared object, its struct module, and the address range of its code.
class Module {
public:
    std::string name;
    std::string path;
    void *handle = nullptr;
    struct module *mod = nullptr;
    uintptr_t lo = 0, hi = 0;
    int refcount = 0;
    bool going = false;

    bool contains(uintptr_t a) const { return a >= lo && a < hi; }
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
    UnloadReport unload(Module *m);

    Module *find_by_addr(uintptr_t a) const;
    Module *find(std::string_view name) const;
    const std::vector<std::unique_ptr<Module>> &list() const { return mods_; }
    std::string linked_in() const;  // "Modules linked in:" text
    // Reads a module file's modinfo and parameters without running it (for --modinfo).
    static int read_modinfo(const std::string &path, std::vector<std::pair<std::string, std::string>> &out);

    // Parses insmod-style arguments against the module's parameters (kernel's parse_args).
    int parse_params(Module &m, const std::vector<std::string> &params);

private:
    int open(const std::string &path, std::unique_ptr<Module> &m);
    int check_exports(const Module &m);
    void find_range(Module &m);
    void check_license(const Module &m);
    bool run_task(Task *t);
    UnloadReport cleanup(Module *m, bool after_exit);
    void free_params(Module &m);
    void close(Module *m);

    Kernel &k_;
    std::vector<std::unique_ptr<Module>> mods_;
};

}  // namespace kshim
