// Fuzz target: module parameters (shim/src/module/params.cpp): insmod's name=value parsing and every type's set/get.
//
// Input: insmod arguments, one per line, applied to a module with one parameter of each type
// (numbers, hexint, the bools, charp, string, arrays with and without a count). Afterwards
// every parameter is read back as sysfs would (into a PAGE_SIZE buffer allocated at exactly
// that size) and the text written back through its set op must give the same text again.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "fuzz_input.hpp"
#include "kernel.hpp"
#include "module/module.hpp"

#include "linux/module.h"
#include "linux/moduleparam.h"

namespace {

// The module's parameter variables, with their initial values.
struct Values {
    unsigned char byte = 1;
    short shrt = -2;
    unsigned short ushrt = 3;
    int num = 7;
    unsigned int unum = 8;
    long lng = -1;
    unsigned long ulng = 9;
    unsigned long long ull = 10;
    unsigned int mask = 0x2a;
    bool flag = false;
    bool inv = false;
    int bint = 0;
    bool once = false;
    char *name = const_cast<char *>("none");
    char label[8] = "lbl";
    int arr[4] = {1, 2, 3, 4};
    unsigned int arr_n = 0;
    char *words[3] = {};
    unsigned int words_n = 0;
    bool bits[2] = {};              // no count: always both
    unsigned short ports[5] = {};
    unsigned int ports_n = 0;
};

Values vals;
struct module fake_module = {};
const kparam_string label_str = {sizeof(vals.label), vals.label};
const kparam_array arr_arr = {4, sizeof(int), &vals.arr_n, &param_ops_int, vals.arr};
const kparam_array words_arr = {3, sizeof(char *), &vals.words_n, &param_ops_charp, vals.words};
const kparam_array bits_arr = {2, sizeof(bool), nullptr, &param_ops_bool, vals.bits};
const kparam_array ports_arr = {5, sizeof(unsigned short), &vals.ports_n, &param_ops_ushort, vals.ports};

kernel_param param(const char *name, const kernel_param_ops *ops, void *arg)
{
    return {name, &fake_module, ops, 0644, -1, 0, {.arg = arg}};
}

const kernel_param params[] = {
    param("byte", &param_ops_byte, &vals.byte),
    param("shrt", &param_ops_short, &vals.shrt),
    param("ushrt", &param_ops_ushort, &vals.ushrt),
    param("num", &param_ops_int, &vals.num),
    param("unum", &param_ops_uint, &vals.unum),
    param("lng", &param_ops_long, &vals.lng),
    param("ulng", &param_ops_ulong, &vals.ulng),
    param("ull", &param_ops_ullong, &vals.ull),
    param("mask", &param_ops_hexint, &vals.mask),
    param("flag", &param_ops_bool, &vals.flag),
    param("inv", &param_ops_invbool, &vals.inv),
    param("bint", &param_ops_bint, &vals.bint),
    param("once", &param_ops_bool_enable_only, &vals.once),
    param("name", &param_ops_charp, &vals.name),
    {"label", &fake_module, &param_ops_string, 0644, -1, 0, {.str = &label_str}},
    {"arr", &fake_module, &param_array_ops, 0644, -1, 0, {.arr = &arr_arr}},
    {"words", &fake_module, &param_array_ops, 0644, -1, 0, {.arr = &words_arr}},
    {"bits", &fake_module, &param_array_ops, 0644, -1, 0, {.arr = &bits_arr}},
    {"ports", &fake_module, &param_array_ops, 0644, -1, 0, {.arr = &ports_arr}},
};
constexpr unsigned kParams = sizeof(params) / sizeof(params[0]);
constexpr std::size_t kPageSize = 4096;

// One kernel for the whole run (parameters need its allocator and log), and the module.
kshim::Kernel &kernel()
{
    static kshim::Kernel *k = [] {
        kshim::Options o;
        o.console_fd = -1;  // keep the error lines as records only
        return new kshim::Kernel(o);
    }();
    return *k;
}

kshim::Module &fuzz_module()
{
    static kshim::Module *m = [] {
        std::strcpy(fake_module.name, "fuzz_params");
        fake_module.kp = params;
        fake_module.kp_end = params + kParams;
        fake_module.num_kp = kParams;
        auto *mod = new kshim::Module;
        mod->name = "fuzz_params";
        mod->mod = &fake_module;
        return mod;
    }();
    return *m;
}

void require(bool ok, const char *what, const kernel_param &p)
{
    if (!ok) {
        std::fprintf(stderr, "fuzz_params: %s: %s\n", p.name, what);
        std::abort();
    }
}

// What sysfs would show for p, read into a buffer of exactly PAGE_SIZE bytes.
std::string show(const kernel_param &p)
{
    auto page = std::make_unique<char[]>(kPageSize);
    const int n = p.ops->get(page.get(), &p);
    require(n >= 0 && static_cast<std::size_t>(n) < kPageSize, "get's length", p);
    return std::string(page.get(), static_cast<std::size_t>(n));
}

// An array is empty when its count is 0: its text is then "", which no set op takes back.
bool has_value(const kernel_param &p)
{
    return p.ops != &param_array_ops || !p.arr->num || *p.arr->num > 0;
}

// Writing back what get showed (without its newline) succeeds and shows the same again.
void round_trip(const kernel_param &p)
{
    const std::string shown = show(p);
    if (!has_value(p))
        return;
    require(!shown.empty() && shown.back() == '\n', "get's text ends in a newline", p);
    const std::string value = shown.substr(0, shown.size() - 1);
    require(p.ops->set(value.c_str(), &p) == 0, "set refuses what get showed", p);
    require(show(p) == shown, "set changed what get shows", p);
}

// rmmod's part: the charp copies go, and the next input starts from the initial values.
void reset()
{
    for (const kernel_param &p : params)
        if (p.ops->free)
            p.ops->free(p.arg);
    vals = Values{};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    kernel();
    kshim_fuzz::Input in(data, size);
    std::vector<std::string> args = in.split('\n');
    if (args.size() > 64)
        args.resize(64);
    kernel().modules().parse_params(fuzz_module(), args);
    for (const kernel_param &p : params)
        round_trip(p);
    reset();
    return 0;
}
