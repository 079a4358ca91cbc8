// Formatting helpers for the locking reports: symbol text of an address and kernel-style trace lines.
#include <dlfcn.h>

#include "locking/symbols_helper.hpp"
#include "debug/symbolizer.hpp"

namespace kshim {

namespace {

// The load address of libkshim: frames there that carry C names are kernel API functions.
const void *runtime_base()
{
    static const void *base = [] {
        Dl_info info{};
        return dladdr((void *)&runtime_base, &info) ? info.dli_fbase : nullptr;
    }();
    return base;
}

}  // namespace

std::string symbol_of(Symbolizer &sym, uintptr_t addr, char kind)
{
    std::string out;
    sym.format(out, addr, kind);
    return out;
}

std::vector<std::string> trace_lines(Symbolizer &sym, const std::vector<uintptr_t> &frames)
{
    std::vector<std::string> out;
    for (uintptr_t pc : frames) {
        SymbolInfo s = sym.lookup(pc - 1);
        bool keep = !s.module.empty();
        // C names only: the symbolizer demangles, so C++ internals carry "::" or "(".
        if (!keep && s.found && s.name.rfind("_Z", 0) != 0 &&
            s.name.find_first_of(":(<") == std::string::npos) {
            Dl_info info{};
            keep = dladdr((void *)pc, &info) && info.dli_fbase == runtime_base();
        }
        if (!keep)
            continue;
        std::string line;
        sym.format(line, pc, 'B');
        out.push_back(std::move(line));
    }
    return out;
}

}  // namespace kshim
