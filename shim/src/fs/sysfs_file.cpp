// fs/sysfs/file.c's formatting helpers: sysfs_emit and sysfs_emit_at into a show() page.
#include <cstdarg>

#include "asm/page.h"
#include "linux/bug.h"
#include "linux/kernel.h"
#include "linux/sysfs.h"

extern "C" {

// Formats into the page buf (which must be page-aligned: WARN and 0 otherwise); returns the
// bytes written, as scnprintf (at most PAGE_SIZE - 1). Atomic-safe.
int sysfs_emit(char *buf, const char *fmt, ...)
{
    if (WARN(!buf || ((unsigned long)buf & ~PAGE_MASK), "invalid sysfs_emit: buf:%p\n", buf))
        return 0;
    va_list args;
    va_start(args, fmt);
    int len = vscnprintf(buf, PAGE_SIZE, fmt, args);
    va_end(args);
    return len;
}

// sysfs_emit at offset at of the page (0 <= at < PAGE_SIZE, else WARN and 0). Atomic-safe.
int sysfs_emit_at(char *buf, int at, const char *fmt, ...)
{
    if (WARN(!buf || ((unsigned long)buf & ~PAGE_MASK) || at < 0 || at >= (int)PAGE_SIZE,
             "invalid sysfs_emit_at: buf:%p at:%d\n", buf, at))
        return 0;
    va_list args;
    va_start(args, fmt);
    int len = vscnprintf(buf + at, PAGE_SIZE - at, fmt, args);
    va_end(args);
    return len;
}

}  // extern "C"
