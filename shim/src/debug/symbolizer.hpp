// Symbolizer: turns code addresses into kernel-style names for %pS/%ps/%pB and oops call traces.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace kshim {

// Result of one address lookup. `module` is the kernel module name of a
// registered kshim module, empty for everything else (runtime, libc, ...).
struct SymbolInfo {
    std::string name;
    uintptr_t offset = 0;  // addr - symbol start
    uintptr_t size = 0;    // symbol size (st_size, or distance to next symbol)
    std::string module;
    bool found = false;
};

// Names addresses of the whole process using elfutils libdwfl, reading the
// full .symtab of each object so static functions are named. The index is
// built lazily on the first lookup and rebuilt from scratch after any module
// load/unload (or any other dlopen/dlclose), so a module reloaded at the same
// address never reports the previous code's names.
//
// All members are thread-safe (internal mutex) and may allocate; none is
// async-signal-safe: in a signal handler only capture addresses, and
// symbolize after leaving the handler.
class Symbolizer {
public:
    Symbolizer();
    ~Symbolizer();
    Symbolizer(const Symbolizer &) = delete;
    Symbolizer &operator=(const Symbolizer &) = delete;

    // A kshim module was dlopen()ed: `name` is its kernel module name
    // ("custom_wq"), `path` the file, [start,end) its mapped range.
    void module_loaded(std::string name, std::string path, uintptr_t start, uintptr_t end);
    // The module mapped at `start` is going away (call before or after
    // dlclose); no name from it is returned again.
    void module_unloaded(uintptr_t start);

    // Exact address lookup. May allocate; not async-signal-safe.
    SymbolInfo lookup(uintptr_t addr);

    // The address of symbol `name` (any symbol of its symbol table: exported, global or
    // static, function or object) in the kshim module `kmod`; 0 if there is none. The reverse
    // of lookup, for the test API. May allocate; not async-signal-safe.
    uintptr_t address_of(std::string_view kmod, std::string_view name);

    // Appends the kernel text form of `addr`:
    //   'S' -> "do_work1+0x1c/0x4d [custom_wq]" (suffix only for kshim modules)
    //   's' -> "do_work1"
    //   'B' -> like 'S' for a return address (looks up addr-1, prints addr's offset)
    // Unresolvable addresses print as "0x" + lowercase hex. May allocate.
    void format(std::string &out, uintptr_t addr, char kind);
    // The same text as a string of its own. May allocate.
    std::string text(uintptr_t addr, char kind)
    {
        std::string out;
        format(out, addr, kind);
        return out;
    }

private:
    struct State;
    std::unique_ptr<State> st_;
};

}  // namespace kshim
