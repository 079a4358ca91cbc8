// The kernel printf engine (Linux 6.1 vsnprintf semantics, including the %p extensions).
#pragma once

#include <cstdarg>
#include <cstddef>
#include <string>

namespace kshim {

// Formats like Linux 6.1's vsnprintf; returns the length the full output would have (excluding
// NUL); writes at most size bytes including the NUL. size > INT_MAX yields 0 and writes nothing.
// Atomic-safe and allocation-free, except %pS/%ps/%pB with an installed SymbolFormatter, whose
// std::string may allocate for names longer than the small-string buffer.
int vformat(char *buf, std::size_t size, const char *fmt, va_list ap);

// Like vformat but returns the number of characters actually stored (0 when size is 0).
int vscnformat(char *buf, std::size_t size, const char *fmt, va_list ap);

// Formats into a fresh kmalloc(size, gfp) buffer (measure, allocate, format, as the kernel
// does); NULL if the allocation fails. Atomic-safe only when gfp is.
// `site` is the caller's return address, so the allocation is charged to the caller's module.
char *kvasformat(unsigned int gfp, const char *fmt, va_list ap, unsigned long site);

// Hook that the kernel object installs to name code addresses for %pS/%ps/%pB ('S', 's', 'B'
// given as kind). Default when unset: "0x%lx"-style raw address. Safe to call from any thread.
using SymbolFormatter = void (*)(std::string &out, const void *addr, char kind);
// Both are defined with the C ABI globals in globals.cpp (Globals installs the hook).
void set_symbol_formatter(SymbolFormatter f);
SymbolFormatter symbol_formatter();

} // namespace kshim
