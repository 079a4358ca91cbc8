// kshim-run FILE.c: builds a module's sources with kshim-cc into a cache, then runs the result.
#pragma once

#include <string>
#include <vector>

namespace kshim {

// Where a cached build lives and what it was built from.
struct CachedBuild {
    std::vector<std::string> sources;   // absolute paths of the module's .c files
    std::vector<std::string> run_args;  // the other arguments, for the built runner
    std::string dir;                    // the cache entry: DIR/NAME, DIR/NAME.ko, DIR/NAME.d
    std::string name;                   // the first source's name without .c
};

// The .c arguments of a kshim-run command line, or no sources when it names none (then the
// command line is the generic runner's own). Process context, before any kernel exists.
CachedBuild plan_cached_build(int argc, char **argv);

// Builds the plan's module unless the cache entry is newer than every file it was built from
// (the deps kshim-cc wrote, kshim-cc itself and libkshim.so), then execs its runner with the
// other arguments. Returns only on failure, with the exit status to give (kshim-cc's own
// diagnostics are already printed).
int build_and_exec(const CachedBuild &plan, const char *prog);

}  // namespace kshim
