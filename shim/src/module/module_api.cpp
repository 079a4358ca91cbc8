// C API bridges for module reference counts (linux/module.h).
#include "kernel.hpp"
#include "module/module.hpp"

#include "linux/module.h"

using kshim::Kernel;

extern "C" {

bool try_module_get(struct module *module) { return Kernel::get().modules().try_get(module); }
void __module_get(struct module *module) { Kernel::get().modules().get(module); }
void module_put(struct module *module) { Kernel::get().modules().put(module, _THIS_IP_); }
int module_refcount(struct module *mod) { return Kernel::get().modules().refcount(mod); }
bool module_is_live(struct module *mod) { return Kernel::get().modules().is_live(mod); }

}  // extern "C"
