// C entry points for modules: the kernel's printf, sscanf and kstrto* families, forwarding to kshim.
#include "format.hpp"
#include "kstrtox.hpp"

#include <climits>
#include <cstdarg>
#include <cstddef>

extern "C" {

int kshim_vsnprintf(char *buf, std::size_t size, const char *fmt, va_list ap)
{
    return kshim::vformat(buf, size, fmt, ap);
}

int kshim_snprintf(char *buf, std::size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const int n = kshim::vformat(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int kshim_vsprintf(char *buf, const char *fmt, va_list ap)
{
    return kshim::vformat(buf, INT_MAX, fmt, ap);
}

int kshim_sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const int n = kshim::vformat(buf, INT_MAX, fmt, ap);
    va_end(ap);
    return n;
}

int vscnprintf(char *buf, std::size_t size, const char *fmt, va_list ap)
{
    return kshim::vscnformat(buf, size, fmt, ap);
}

int scnprintf(char *buf, std::size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const int n = kshim::vscnformat(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

char *kvasprintf(unsigned int gfp, const char *fmt, va_list ap)
{
    return kshim::kvasformat(gfp, fmt, ap, (unsigned long)__builtin_return_address(0));
}

char *kasprintf(unsigned int gfp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = kshim::kvasformat(gfp, fmt, ap, (unsigned long)__builtin_return_address(0));
    va_end(ap);
    return p;
}

int kshim_vsscanf(const char *buf, const char *fmt, va_list ap)
{
    return kshim::vscan(buf, fmt, ap);
}

int kshim_sscanf(const char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const int n = kshim::vscan(buf, fmt, ap);
    va_end(ap);
    return n;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
    return kshim::kstrtoull(s, base, res);
}

int kstrtoll(const char *s, unsigned int base, long long *res)
{
    return kshim::kstrtoll(s, base, res);
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
    return kshim::kstrtoul(s, base, res);
}

int kstrtol(const char *s, unsigned int base, long *res)
{
    return kshim::kstrtol(s, base, res);
}

int _kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
    return kshim::kstrtoul(s, base, res);
}

int _kstrtol(const char *s, unsigned int base, long *res)
{
    return kshim::kstrtol(s, base, res);
}

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
    return kshim::kstrtouint(s, base, res);
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
    return kshim::kstrtoint(s, base, res);
}

int kstrtou16(const char *s, unsigned int base, unsigned short *res)
{
    return kshim::kstrtou16(s, base, res);
}

int kstrtos16(const char *s, unsigned int base, short *res)
{
    return kshim::kstrtos16(s, base, res);
}

int kstrtou8(const char *s, unsigned int base, unsigned char *res)
{
    return kshim::kstrtou8(s, base, res);
}

int kstrtos8(const char *s, unsigned int base, signed char *res)
{
    return kshim::kstrtos8(s, base, res);
}

int kstrtobool(const char *s, bool *res)
{
    return kshim::kstrtobool(s, res);
}

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
    return kshim::simple_strtoul(cp, endp, base);
}

long simple_strtol(const char *cp, char **endp, unsigned int base)
{
    return kshim::simple_strtol(cp, endp, base);
}

unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
    return kshim::simple_strtoull(cp, endp, base);
}

long long simple_strtoll(const char *cp, char **endp, unsigned int base)
{
    return kshim::simple_strtoll(cp, endp, base);
}

} // extern "C"
