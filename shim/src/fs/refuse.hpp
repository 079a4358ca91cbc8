// The failure values of file-system and device entry points that are not implemented yet.
#pragma once

#include "linux/err.h"
#include "linux/errno.h"
#include "linux/kernel.h"

namespace kshim {

// Each reports "kshim: NAME is not implemented" (with a stack dump) and returns the value by which
// the real function reports failure, so that the caller takes its error path:
// -ENOMEM for an int, NULL or ERR_PTR(-ENOMEM) for a pointer as the real function fails.
inline int refuse(const char *name)
{
    (void)kshim_not_implemented(name);
    return -ENOMEM;
}

inline void *refuse_null(const char *name)
{
    (void)kshim_not_implemented(name);
    return nullptr;
}

inline void *refuse_err(const char *name)
{
    (void)kshim_not_implemented(name);
    return ERR_PTR(-ENOMEM);
}

}  // namespace kshim
