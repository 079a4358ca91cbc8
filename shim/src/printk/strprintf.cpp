// strprintf: formats into a stack buffer first, into a heap string only for long results.
#include "printk/strprintf.hpp"

#include "printk/format.hpp"

namespace kshim {

std::string vstrprintf(const char *fmt, va_list ap)
{
    char buf[1024];
    va_list aq;
    va_copy(aq, ap);
    int n = vformat(buf, sizeof buf, fmt, aq);
    va_end(aq);
    if (n < (int)sizeof buf)
        return std::string(buf, n < 0 ? 0 : (size_t)n);
    std::string s((size_t)n + 1, '\0');
    vformat(s.data(), s.size(), fmt, ap);
    s.resize((size_t)n);
    return s;
}

std::string strprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    std::string s = vstrprintf(fmt, ap);
    va_end(ap);
    return s;
}

}  // namespace kshim
