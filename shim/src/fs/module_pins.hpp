// The hook through which the VFS pins a module while one of its files is open (fops.owner).
#pragma once

struct module;

namespace kshim {

// Modules implements it (try_module_get/module_put), so fs needs nothing above it. Atomic-safe.
class ModulePins {
public:
    virtual bool try_get(struct module *m) = 0;
    virtual void put(struct module *m) = 0;

protected:
    ~ModulePins() = default;
};

}  // namespace kshim
