// Modules kept mapped across kernels for schedule exploration: one dlopen, pristine data per run.
#pragma once

#include <string>

namespace kshim {

// While a KeepModuleImages scope lasts, a module file is dlopened once: the first load copies
// its writable PT_LOAD segments (.data, .bss, the GOT past RELRO) right after dlopen, before
// any of its code runs; every later load of that file, in this kernel or the next, writes the
// copy back and gets the same mapping, and an unload keeps it mapped. So a run starts from the
// module's static initialisers as a fresh dlopen would, without the loader's cost. The scope's
// end dlcloses what it kept. One thread (the kernel thread), host context, between runs.
class ModuleImages {
public:
    // dlopen(path, RTLD_NOW | RTLD_GLOBAL), or the kept mapping with its data restored.
    // nullptr and dlerror()'s text in err on failure.
    static void *open(const std::string &path, std::string &err);
    // The loader is done with handle: dlclose unless a scope keeps it.
    static void close(void *handle);
    static bool keeping();
};

// Keeps module images for its lifetime (explore's runs). Scopes nest.
class KeepModuleImages {
public:
    KeepModuleImages();
    ~KeepModuleImages();
    KeepModuleImages(const KeepModuleImages &) = delete;
    KeepModuleImages &operator=(const KeepModuleImages &) = delete;
};

}  // namespace kshim
