// A small formatting helper for the locking reports: %pS of an address.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kshim {

class Symbolizer;

// The kernel's %pS text of addr ("name+0x10/0x40 [mod]", or 0x... when unnamed).
std::string symbol_of(Symbolizer &sym, uintptr_t addr, char kind);

}  // namespace kshim
