// Formatting helper for the locking reports: the symbol text of an address.
#include "locking/symbols_helper.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"

namespace kshim {

std::string symbol_of(uintptr_t addr, char kind)
{
    std::string out;
    Kernel::get().symbols().format(out, addr, kind);
    return out;
}

}  // namespace kshim
