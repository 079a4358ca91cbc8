// Tests for kshim-run FILE.c (shim/src/runner/build_cache.cpp): build into the cache, rerun without a build, rebuild on a change, report compile errors.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "runner/build_cache.hpp"
#include "support/subprocess.hpp"

namespace fs = std::filesystem;
using namespace kshim_test;

namespace {

// A scratch directory with a module source and a header it includes; KSHIM_CACHE_DIR inside it.
struct Scratch {
    fs::path dir;
    Scratch()
    {
        char tmpl[] = "/tmp/kshim-run-test.XXXXXX";
        dir = mkdtemp(tmpl);
        write("greeting.h", "#define GREETING \"first\"\n");
        write("greet.c", "#include <linux/module.h>\n#include \"greeting.h\"\n"
                         "static int __init greet_init(void) { pr_info(\"greet: %s\\n\", GREETING); return 0; }\n"
                         "static void __exit greet_exit(void) { }\n"
                         "module_init(greet_init);\nmodule_exit(greet_exit);\nMODULE_LICENSE(\"GPL\");\n");
    }
    ~Scratch() { fs::remove_all(dir); }
    void write(const std::string &name, const std::string &text) { std::ofstream(dir / name) << text; }
    // kshim-run with the cache in the scratch directory (through env, as a user would set it).
    ProcResult run(std::vector<std::string> args)
    {
        std::vector<std::string> argv = {"/usr/bin/env", "KSHIM_CACHE_DIR=" + (dir / "cache").string(), kshim_run()};
        argv.insert(argv.end(), args.begin(), args.end());
        return run_process(argv, 60000);
    }
    // The cache entry's runner, found as kshim-run finds it.
    fs::path runner()
    {
        setenv("KSHIM_CACHE_DIR", (dir / "cache").c_str(), 1);
        std::string src = (dir / "greet.c").string();
        char *argv[] = {const_cast<char *>("kshim-run"), src.data(), nullptr};
        kshim::CachedBuild plan = kshim::plan_cached_build(2, argv);
        unsetenv("KSHIM_CACHE_DIR");
        return fs::path(plan.dir) / plan.name;
    }
};

}  // namespace

TEST_CASE("kshim-run FILE.c builds the module into the cache and runs it with the other arguments", "[runner]")
{
    Scratch s;
    ProcResult r = s.run({(s.dir / "greet.c").string(), "--time", "virtual", "--no-timestamps"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("greet: first\n") != std::string::npos);
    CHECK(fs::exists(s.runner()));
    CHECK(fs::exists(s.runner().string() + ".ko"));
}

TEST_CASE("kshim-run reruns a cached module without building it, and rebuilds it when a header changes", "[runner]")
{
    Scratch s;
    std::string src = (s.dir / "greet.c").string();
    REQUIRE(s.run({src, "--time", "virtual"}).exit_code == 0);
    // A second run that built again would give the entry a new time.
    auto built = fs::last_write_time(s.runner());
    REQUIRE(s.run({src, "--time", "virtual"}).exit_code == 0);
    CHECK(fs::last_write_time(s.runner()) == built);

    s.write("greeting.h", "#define GREETING \"second\"\n");
    fs::last_write_time(s.dir / "greeting.h", built + std::chrono::seconds(1));   // surely newer
    ProcResult r = s.run({src, "--time", "virtual", "--no-timestamps"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("greet: second\n") != std::string::npos);
}

TEST_CASE("kshim-run of a source that does not compile prints the compiler's error and fails", "[runner]")
{
    Scratch s;
    s.write("broken.c", "#include <linux/module.h>\nint f(void) { return no_such_symbol; }\n");
    ProcResult r = s.run({(s.dir / "broken.c").string()});
    CHECK(r.exit_code != 0);
    CHECK(r.err.find("no_such_symbol") != std::string::npos);
}
