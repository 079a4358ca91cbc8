// C API bridges for module reference counts (linux/module.h).
#include "kernel.hpp"
#include "module/module.hpp"

#include "linux/module.h"

using kshim::Kernel;
using kshim::Module;

namespace {
Module *of(struct module *m) { return m ? static_cast<Module *>(m->kshim) : nullptr; }
}

extern "C" {

bool try_module_get(struct module *module)
{
    Module *m = of(module);
    if (!m)
        return true;
    if (m->going)
        return false;
    ++m->refcount;
    return true;
}

void __module_get(struct module *module)
{
    if (Module *m = of(module))
        ++m->refcount;
}

void module_put(struct module *module)
{
    if (Module *m = of(module))
        --m->refcount;
}

int module_refcount(struct module *mod)
{
    Module *m = of(mod);
    return m ? m->refcount : 0;
}

bool module_is_live(struct module *mod) { return mod->state != MODULE_STATE_GOING; }

int request_module(const char *fmt, ...)
{
    (void)fmt;
    return kshim_not_implemented("request_module");
}

}  // extern "C"
