// kshim-run FILE.c: the build cache (one entry per set of sources) and the exec of its runner.
#include "runner/build_cache.hpp"

#include <dlfcn.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char **environ;

namespace kshim {

namespace fs = std::filesystem;

namespace {

bool is_source(const std::string &a) { return a.size() > 2 && a.compare(a.size() - 2, 2, ".c") == 0 && a[0] != '-'; }

// The directory of this executable: kshim-cc is installed beside kshim-run.
fs::path self_dir()
{
    std::error_code ec;
    fs::path p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path(".") : p.parent_path();
}

// $KSHIM_CACHE_DIR, else $XDG_CACHE_HOME/kshim, else ~/.cache/kshim, else /tmp/kshim-cache-UID.
fs::path cache_root()
{
    if (const char *d = std::getenv("KSHIM_CACHE_DIR"); d && *d)
        return d;
    if (const char *d = std::getenv("XDG_CACHE_HOME"); d && *d)
        return fs::path(d) / "kshim";
    if (const char *h = std::getenv("HOME"); h && *h)
        return fs::path(h) / ".cache" / "kshim";
    return fs::path("/tmp") / ("kshim-cache-" + std::to_string(getuid()));
}

// FNV-1a of the sources' paths: one cache entry per module, whatever its contents.
std::string entry_key(const std::vector<std::string> &sources)
{
    uint64_t h = 1469598103934665603ull;
    for (const std::string &s : sources)
        for (char c : s + '\n')
            h = (h ^ (unsigned char)c) * 1099511628211ull;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", (unsigned long long)h);
    return buf;
}

// The files a make-format dependency file names (targets and line continuations left out).
std::vector<std::string> deps_of(const fs::path &d)
{
    std::ifstream in(d);
    std::vector<std::string> files;
    std::string word;
    while (in >> word)
        if (word != "\\" && word.back() != ':')
            files.push_back(word);
    return files;
}

// The path of libkshim.so: a rebuilt runtime may change what modules are compiled against.
fs::path runtime_path()
{
    Dl_info info{};
    if (dladdr(reinterpret_cast<void *>(&plan_cached_build), &info) && info.dli_fname)
        return info.dli_fname;
    return {};
}

// Whether the entry's runner is newer than every input; any missing file means no.
bool up_to_date(const fs::path &runner, const fs::path &deps, const fs::path &cc)
{
    std::error_code ec;
    auto built = fs::last_write_time(runner, ec);
    if (ec || !fs::exists(runner.string() + ".ko") || !fs::exists(deps))
        return false;
    std::vector<std::string> inputs = deps_of(deps);
    inputs.push_back(cc.string());
    inputs.push_back(runtime_path().string());
    for (const std::string &f : inputs) {
        auto t = fs::last_write_time(f, ec);
        if (ec || t > built)
            return false;
    }
    return true;
}

// An exec-style argument vector over args (which must outlive it), NULL-terminated.
std::vector<char *> argv_of(std::vector<std::string> &args)
{
    std::vector<char *> argv;
    for (std::string &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    return argv;
}

// Runs args to completion; returns its exit status (127 when it cannot start).
int spawn_wait(std::vector<std::string> args)
{
    std::vector<char *> argv = argv_of(args);
    pid_t pid;
    if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
        return 127;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

CachedBuild plan_cached_build(int argc, char **argv)
{
    CachedBuild plan;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--user" && i + 1 < argc) {   // a user program's source is no module source
            plan.run_args.push_back(a);
            plan.run_args.push_back(fs::absolute(argv[++i]).string());
        } else if (is_source(a))
            plan.sources.push_back(fs::absolute(a).lexically_normal().string());
        else
            plan.run_args.push_back(a);
    }
    if (plan.sources.empty())
        return plan;
    plan.name = fs::path(plan.sources.front()).stem().string();
    plan.dir = (cache_root() / entry_key(plan.sources)).string();
    return plan;
}

int build_and_exec(const CachedBuild &plan, const char *prog)
{
    fs::path dir = plan.dir, runner = dir / plan.name, deps = dir / (plan.name + ".d");
    fs::path cc = self_dir() / "kshim-cc";
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        std::fprintf(stderr, "%s: cannot create the build cache %s: %s\n", prog, dir.c_str(), ec.message().c_str());
        return 1;
    }
    if (!up_to_date(runner, deps, cc)) {
        std::vector<std::string> args = {cc.string()};
        args.insert(args.end(), plan.sources.begin(), plan.sources.end());
        args.insert(args.end(), {"-o", runner.string(), "--deps", deps.string()});
        if (int status = spawn_wait(args)) {
            fs::remove(runner, ec);   // a failed build leaves no entry that looks current
            return status == 127 ? (std::fprintf(stderr, "%s: cannot run %s\n", prog, cc.c_str()), 127) : status;
        }
    }
    std::vector<std::string> args = {runner.string()};
    args.insert(args.end(), plan.run_args.begin(), plan.run_args.end());
    std::vector<char *> argv = argv_of(args);
    execv(argv[0], argv.data());
    std::fprintf(stderr, "%s: cannot run %s\n", prog, runner.c_str());
    return 127;
}

}  // namespace kshim
