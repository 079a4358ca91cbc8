// Small formatting helpers for the locking reports: %pS of an address, trace lines.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kshim {

class Symbolizer;

// The kernel's %pS text of addr ("name+0x10/0x40 [mod]", or 0x... when unnamed).
std::string symbol_of(Symbolizer &sym, uintptr_t addr, char kind);
// The frames of a captured stack that a kernel trace would show: module code and the
// runtime's kernel API functions, innermost first, each as %pB text.
std::vector<std::string> trace_lines(Symbolizer &sym, const std::vector<uintptr_t> &frames);

}  // namespace kshim
