// Tests for module parameters (shim/src/module/params.cpp): every type, insmod's parsing rules and its error messages.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "kernel.hpp"
#include "kshim/testing.hpp"
#include "module/module.hpp"
#include "support/subprocess.hpp"

#include "linux/errno.h"
#include "linux/module.h"
#include "linux/moduleparam.h"


namespace {

// A kernel that unloads params_all (if loaded) before it goes, so that no test leaves the
// module mapped with its parameter values for the next kernel to find.
class TestKernel : public kshim::testing::TestKernel {
public:
    ~TestKernel()
    {
        if (kernel().modules().find("params_all"))
            unload("params_all");
    }
};

// Loads params_all with `params`; returns the load result and the two lines its init printed.
struct Loaded {
    int err;
    std::vector<std::string> log;
};

Loaded load_params(TestKernel &k, const std::vector<std::string> &params)
{
    int err = k.load(kshim_test::test_module("params_all"), params);
    return {err, k.log_texts()};
}

std::string values(TestKernel &k, const std::vector<std::string> &params)
{
    Loaded l = load_params(k, params);
    REQUIRE(l.err == 0);
    std::string out;
    for (auto &t : l.log)
        if (t.rfind("params_all: ", 0) == 0)
            out += t.substr(12) + "\n";
    return out;
}

// The text a parameter's get op produces, as sysfs would show it.
std::string get_param(TestKernel &k, const char *name)
{
    kshim::Module *m = k.kernel().modules().find("params_all");
    REQUIRE(m != nullptr);
    for (unsigned i = 0; i < m->mod->num_kp; ++i) {
        const kernel_param &p = m->mod->kp[i];
        if (std::strcmp(p.name, name) == 0) {
            char buf[4096] = {};
            int n = p.ops->get(buf, &p);
            return std::string(buf, (size_t)(n < 0 ? 0 : n));
        }
    }
    FAIL("no parameter " << name);
    return {};
}

}  // namespace

TEST_CASE("Without parameters the module keeps its initial values", "[params]")
{
    TestKernel k;
    CHECK(values(k, {}) ==
          "num=7 mask=0x2a flag=0 inv=0 name=none\n"
          "arr_n=0 arr=1,2,3 label=lbl big=-1 small=1\n");
}

TEST_CASE("Numbers parse in any base kstrtox accepts", "[params]")
{
    TestKernel k;
    CHECK(values(k, {"num=-12", "mask=0xff", "big=-0x10", "small=010"}) ==
          "num=-12 mask=0xff flag=0 inv=0 name=none\n"
          "arr_n=0 arr=1,2,3 label=lbl big=-16 small=8\n");
    CHECK(get_param(k, "num") == "-12\n");
    CHECK(get_param(k, "small") == "8\n");
}

TEST_CASE("A hexint parameter prints as %#08x", "[params]")
{
    TestKernel k;
    values(k, {});
    CHECK(get_param(k, "mask") == "0x00002a\n");
}

TEST_CASE("Bool parameters accept y/Y/1/n/N/0/on/off/t/f and no value means true", "[params]")
{
    struct Case {
        const char *arg;
        int want;
    } cases[] = {{"flag=y", 1}, {"flag=Y", 1}, {"flag=1", 1}, {"flag=on", 1}, {"flag=t", 1},
                 {"flag", 1},   {"flag=n", 0}, {"flag=N", 0}, {"flag=0", 0}, {"flag=off", 0},
                 {"flag=f", 0}};
    for (auto &c : cases) {
        INFO(c.arg);
        TestKernel k;
        std::string v = values(k, {c.arg});
        CHECK(v.find(std::string("flag=") + (c.want ? "1" : "0") + " ") != std::string::npos);
        CHECK(get_param(k, "flag") == (c.want ? "Y\n" : "N\n"));
    }
}

TEST_CASE("An invbool parameter stores the inverse of its value", "[params]")
{
    {
        TestKernel k;
        CHECK(values(k, {"inv=n"}).find("inv=1 ") != std::string::npos);
        CHECK(get_param(k, "inv") == "N\n");
    }
    {
        TestKernel k;
        CHECK(values(k, {"inv"}).find("inv=0 ") != std::string::npos);
    }
}

TEST_CASE("A charp parameter holds a copy of the string, freed at unload", "[params]")
{
    TestKernel k;
    size_t before = k.live_allocations();
    std::string arg = "name=bob";
    CHECK(values(k, {arg, "name=\"two words\""}).find("name=two words\n") != std::string::npos);
    CHECK(get_param(k, "name") == "two words\n");
    CHECK(k.live_allocations() == before + 1);
    auto r = k.unload("params_all");
    CHECK(r.leaks == 0);
    CHECK(k.live_allocations() == before);
}

TEST_CASE("Array parameters are comma separated and set the element count", "[params]")
{
    TestKernel k;
    CHECK(values(k, {"arr=9,-8"}).find("arr_n=2 arr=9,-8,3 ") != std::string::npos);
    CHECK(get_param(k, "arr") == "9,-8\n");
}

TEST_CASE("An array parameter refuses more values than the array holds", "[params]")
{
    TestKernel k;
    Loaded l = load_params(k, {"arr=1,2,3,4"});
    CHECK(l.err == -EINVAL);
    CHECK(l.log == std::vector<std::string>{"arr: can only take 3 arguments",
                                            "params_all: `1,2,3,4' invalid for parameter `arr'"});
}

TEST_CASE("A string parameter refuses a string that does not fit", "[params]")
{
    TestKernel k;
    CHECK(values(k, {"label=1234567"}).find("label=1234567 ") != std::string::npos);
    k.unload("params_all");
    Loaded l = load_params(k, {"label=12345678"});
    CHECK(l.err == -ENOSPC);
    CHECK(l.log.size() == 5);
    CHECK(l.log[l.log.size() - 2] == "label: string doesn't fit in 7 chars.");
    CHECK(l.log.back() == "params_all: `12345678' too large for parameter `label'");
}

TEST_CASE("An unknown parameter is warned about and ignored, and the load proceeds", "[params]")
{
    TestKernel k;
    Loaded l = load_params(k, {"bogus=1", "num=5"});
    CHECK(l.err == 0);
    REQUIRE(l.log.size() == 3);
    CHECK(l.log[0] == "params_all: unknown parameter 'bogus' ignored");
    CHECK(k.log()[0].level == 4);
    CHECK(l.log[1].find("num=5 ") != std::string::npos);
}

TEST_CASE("A value that does not parse fails insmod with -EINVAL before init runs", "[params]")
{
    TestKernel k;
    Loaded l = load_params(k, {"num=abc"});
    CHECK(l.err == -EINVAL);
    CHECK(l.log == std::vector<std::string>{"params_all: `abc' invalid for parameter `num'"});
    CHECK(k.log()[0].level == 3);
    CHECK(k.kernel().modules().find("params_all") == nullptr);
}

TEST_CASE("Out-of-range and malformed values are refused with the kstrtox error", "[params]")
{
    {
        TestKernel k;
        Loaded l = load_params(k, {"small=70000"});
        CHECK(l.err == -ERANGE);
        CHECK(l.log == std::vector<std::string>{"params_all: `70000' invalid for parameter `small'"});
    }
    {
        TestKernel k;
        Loaded l = load_params(k, {"flag=maybe"});
        CHECK(l.err == -EINVAL);
    }
    {
        TestKernel k;
        Loaded l = load_params(k, {"num="});
        CHECK(l.err == -EINVAL);
        CHECK(l.log == std::vector<std::string>{"params_all: `' invalid for parameter `num'"});
    }
    {
        TestKernel k;
        Loaded l = load_params(k, {"num"});  // an int needs a value
        CHECK(l.err == -EINVAL);
    }
}

TEST_CASE("Dashes and underscores in parameter names are interchangeable", "[params]")
{
    TestKernel k;
    // params_all has no name with an underscore, so check the matching rule on "num" both ways.
    Loaded l = load_params(k, {"n-um=1"});
    CHECK(l.err == 0);
    CHECK(l.log[0] == "params_all: unknown parameter 'n-um' ignored");
}

TEST_CASE("module_param_cb values go through the module's setter, which may refuse them", "[params]")
{
    const std::string mod = kshim_test::test_module("module_refs");
    {
        TestKernel k;
        REQUIRE(k.load(mod, {"level=2"}) == 0);
        CHECK(k.log_contains("module_refs: level set to 2"));
        CHECK(k.log_contains("module_refs: get 1 refcount 1 level 2"));
    }
    TestKernel k;
    CHECK(k.load(mod, {"level=9"}) == -22);
    CHECK(k.log_contains("module_refs: `9' invalid for parameter `level'"));
    CHECK_FALSE(k.log_contains("module_refs: get"));
}
