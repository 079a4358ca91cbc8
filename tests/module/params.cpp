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

// The ops tables themselves, as module code and the array ops call them (shim/src/module/params.hpp).
namespace {

kernel_param param(const char *name, const kernel_param_ops *ops, void *arg)
{
    return kernel_param{name, nullptr, ops, 0644, -1, 0, {arg}};
}

kernel_param array_param(const char *name, const kparam_array *arr)
{
    return kernel_param{name, nullptr, &param_array_ops, 0644, -1, 0, {.arr = arr}};
}

// What the parameter's get op writes, as sysfs would show it.
std::string shown(const kernel_param &kp)
{
    char buf[4096] = {};
    int n = kp.ops->get(buf, &kp);
    return std::string(buf, (size_t)(n < 0 ? 0 : n));
}

std::string error(int err) { return "error " + std::to_string(err); }

// Sets a parameter of `ops` over v from `in`: what its get op then shows, or error(the errno).
template <class T>
std::string set_and_show(const kernel_param_ops *ops, T &v, const char *in)
{
    kernel_param kp = param("n", ops, &v);
    int err = kp.ops->set(in, &kp);
    return err ? error(err) : shown(kp);
}

}  // namespace

TEST_CASE("Every number type parses with kstrtox and prints in its own format", "[module][params]")
{
    kshim::testing::TestKernel k;
    const std::string erange = error(-ERANGE), einval = error(-EINVAL);
    unsigned char byte = 1;
    CHECK(set_and_show(&param_ops_byte, byte, "0x7f") == "127\n");
    CHECK(set_and_show(&param_ops_byte, byte, "256") == erange);
    CHECK(byte == 127);
    short sh = 0;
    CHECK(set_and_show(&param_ops_short, sh, "-0x10") == "-16\n");
    CHECK(set_and_show(&param_ops_short, sh, "40000") == erange);
    unsigned int u = 0;
    CHECK(set_and_show(&param_ops_uint, u, "4294967295") == "4294967295\n");
    CHECK(set_and_show(&param_ops_uint, u, "-1") == einval);
    CHECK(u == 4294967295u);
    long l = 0;
    CHECK(set_and_show(&param_ops_long, l, "-9223372036854775808") == "-9223372036854775808\n");
    unsigned long ul = 0;
    CHECK(set_and_show(&param_ops_ulong, ul, "0xffffffffffffffff") == "18446744073709551615\n");
    unsigned long long ull = 0;
    CHECK(set_and_show(&param_ops_ullong, ull, "010\n") == "8\n");
    unsigned int hex = 0;
    CHECK(set_and_show(&param_ops_hexint, hex, "255") == "0x0000ff\n");
}

TEST_CASE("A bool_enable_only parameter can be turned on but not off again", "[module][params]")
{
    kshim::testing::TestKernel k;
    bool v = false;
    kernel_param kp = param("once", &param_ops_bool_enable_only, &v);
    CHECK((kp.ops->flags & KERNEL_PARAM_OPS_FL_NOARG) != 0);
    CHECK(kp.ops->set("0", &kp) == 0);
    CHECK(!v);
    CHECK(kp.ops->set(nullptr, &kp) == 0);
    CHECK(v);
    CHECK(kp.ops->set("n", &kp) == -EROFS);
    CHECK(kp.ops->set("maybe", &kp) == -EINVAL);
    CHECK(kp.ops->set("y", &kp) == 0);
    CHECK(v);
    CHECK(shown(kp) == "Y\n");
}

TEST_CASE("A bint parameter keeps a bool in an int and prints it as a number", "[module][params]")
{
    kshim::testing::TestKernel k;
    int v = 5;
    kernel_param kp = param("bi", &param_ops_bint, &v);
    CHECK((kp.ops->flags & KERNEL_PARAM_OPS_FL_NOARG) != 0);
    CHECK(kp.ops->set("2", &kp) == -EINVAL);
    CHECK(v == 5);
    CHECK(kp.ops->set("on", &kp) == 0);
    CHECK(v == 1);
    CHECK(shown(kp) == "1\n");
    CHECK(kp.ops->set("off", &kp) == 0);
    CHECK(v == 0);
    CHECK(kp.ops->set(nullptr, &kp) == 0);
    CHECK(v == 1);
}

TEST_CASE("A charp parameter takes up to 1024 characters, refuses a longer string and keeps its copy", "[module][params]")
{
    kshim::testing::TestKernel k;
    size_t before = k.live_allocations();
    char *s = nullptr;
    kernel_param kp = param("text", &param_ops_charp, &s);
    // The real kernel loads a module with a 1024-character charp value and refuses 1025.
    std::string fits(1024, 'x'), too_long(1025, 'y');
    CHECK(kp.ops->set(fits.c_str(), &kp) == 0);
    REQUIRE(s != nullptr);
    CHECK(s == fits);
    CHECK(kp.ops->set(too_long.c_str(), &kp) == -ENOSPC);
    CHECK(k.log_texts() == std::vector<std::string>{"text: string parameter too long"});
    CHECK(k.log()[0].level == 3);
    CHECK(s == fits);
    CHECK(k.live_allocations() == before + 1);
    kp.ops->free(kp.arg);
    CHECK(s == nullptr);
    CHECK(k.live_allocations() == before);
}

TEST_CASE("Setting a charp parameter again frees the previous copy but never the initial string", "[module][params]")
{
    kshim::testing::TestKernel k;
    size_t before = k.live_allocations();
    char initial[] = "initial";
    char *s = initial;
    kernel_param kp = param("text", &param_ops_charp, &s);
    CHECK(shown(kp) == "initial\n");
    CHECK(kp.ops->set("one", &kp) == 0);
    CHECK(std::string(initial) == "initial");
    CHECK(kp.ops->set("two", &kp) == 0);
    CHECK(shown(kp) == "two\n");
    CHECK(k.live_allocations() == before + 1);
    kp.ops->free(kp.arg);
    CHECK(s == nullptr);
    CHECK(k.live_allocations() == before);
    CHECK(k.bugs() == 0);
    CHECK(k.warnings() == 0);
}

TEST_CASE("An array parameter without a count shows every element", "[module][params]")
{
    kshim::testing::TestKernel k;
    int elems[3] = {4, 5, 6};
    kparam_array arr{3, sizeof(int), nullptr, &param_ops_int, elems};
    kernel_param kp = array_param("ints", &arr);
    CHECK(shown(kp) == "4,5,6\n");
    CHECK(kp.ops->set("7,8", &kp) == 0);
    CHECK(shown(kp) == "7,8,6\n");
    CHECK(kp.ops->set("1,,2", &kp) == -EINVAL);  // an empty item goes to the element op
    CHECK(elems[0] == 1);
}

TEST_CASE("An array of charp parameters copies each item and its free op frees each copy", "[module][params]")
{
    kshim::testing::TestKernel k;
    size_t before = k.live_allocations();
    char *names[2] = {nullptr, nullptr};
    unsigned int n = 0;
    kparam_array arr{2, sizeof(char *), &n, &param_ops_charp, names};
    kernel_param kp = array_param("names", &arr);
    CHECK(kp.ops->set("ab,c", &kp) == 0);
    CHECK(n == 2);
    CHECK(shown(kp) == "ab,c\n");
    CHECK(k.live_allocations() == before + 2);
    kp.ops->free(kp.arg);
    CHECK(names[0] == nullptr);
    CHECK(names[1] == nullptr);
    CHECK(k.live_allocations() == before);
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
