// Formatting helper for the locking reports: the symbol text of an address.
#include "locking/symbols_helper.hpp"
#include "debug/symbolizer.hpp"

namespace kshim {

std::string symbol_of(Symbolizer &sym, uintptr_t addr, char kind)
{
    std::string out;
    sym.format(out, addr, kind);
    return out;
}

}  // namespace kshim
