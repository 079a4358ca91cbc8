// strprintf: printk's format engine (%pS and friends included) into a std::string.
#pragma once

#include <cstdarg>
#include <string>

namespace kshim {

// Formats as vsnprintf would, with the kernel's conversions. Atomic-safe; allocates.
std::string vstrprintf(const char *fmt, va_list ap);
std::string strprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

}  // namespace kshim
