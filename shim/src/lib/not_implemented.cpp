// Library entry points declared for source compatibility but not implemented yet: each reports.
#include "linux/err.h"
#include "linux/kernel.h"
#include "linux/string.h"
#include "asm/special_insns.h"

namespace {
void *refuse(const char *name)
{
    return ERR_PTR(kshim_not_implemented(name));
}
}  // namespace

extern "C" {

void *vmemdup_user(const void *src, size_t len) { (void)src; (void)len; return refuse("vmemdup_user"); }

char **argv_split(gfp_t gfp, const char *str, int *argcp)
{
    (void)gfp; (void)str; (void)argcp;
    (void)kshim_not_implemented("argv_split");
    return nullptr;
}

void argv_free(char **argv)
{
    (void)argv;
    (void)kshim_not_implemented("argv_free");
}

// A process cannot write CR0; a module that tries means to patch kernel text (lkmpg's syscall-steal).
void write_cr0(unsigned long val)
{
    (void)val;
    (void)kshim_not_implemented("write_cr0");
}

}  // extern "C"
