// Tests for the call-trace text (shim/src/debug/backtrace.cpp): the frame filter trace_shows, call_trace_lines and format_call_trace.
#include "debug/backtrace.hpp"
#include "debug/loaded_objects.hpp"
#include "debug/symbolizer.hpp"

#include <catch2/catch.hpp>

#include <dlfcn.h>
#include <link.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

// Two kernel API functions that libkshim exports with C names.
extern "C" void msleep(unsigned int msecs);
extern "C" bool kthread_should_stop(void);

// A function of the host program (the test executable) with a C name: not libkshim, not a module.
extern "C" [[gnu::noinline]] int kshim_test_host_c_function(int x)
{
    asm volatile("" ::: "memory");
    return x * 5 + 2;
}

namespace {

// A fixture dlopen()ed like a module; its range comes from the runtime's own PT_LOAD walk.
struct Fixture {
    void *handle = nullptr;
    kshim::AddressRange range;

    explicit Fixture(const char *path)
    {
        handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        REQUIRE(handle != nullptr);
        link_map *lm = nullptr;
        REQUIRE(dlinfo(handle, RTLD_DI_LINKMAP, &lm) == 0);
        range = kshim::object_range(lm->l_addr, lm->l_name);
        REQUIRE(range.lo < range.hi);
    }
    ~Fixture() { dlclose(handle); }
    // The fixture's static function (only in .symtab), through its exported accessor.
    uintptr_t static_fn() const
    {
        auto get = reinterpret_cast<void *(*)()>(dlsym(handle, "fixture_static_addr"));
        REQUIRE(get != nullptr);
        return reinterpret_cast<uintptr_t>(get());
    }
    uintptr_t exported(const char *name) const
    {
        void *p = dlsym(handle, name);
        REQUIRE(p != nullptr);
        return reinterpret_cast<uintptr_t>(p);
    }
};

uintptr_t addr_of(const void *fn)
{
    return reinterpret_cast<uintptr_t>(fn);
}

std::string hex(uintptr_t v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%lx", static_cast<unsigned long>(v));
    return buf;
}

// "name+0xOFF/0xSIZE" (plus " [mod]") for a frame that is a return address inside `fn`.
std::string frame_text(kshim::Symbolizer &sym, uintptr_t fn, uintptr_t off, const std::string &mod = {})
{
    kshim::SymbolInfo s = sym.lookup(fn);
    REQUIRE(s.found);
    std::string t = s.name + "+" + hex(off) + "/" + hex(s.size);
    return mod.empty() ? t : t + " [" + mod + "]";
}

// A return address one byte into `fn`, as the unwinder would report for a call at its start.
uintptr_t ret_in(uintptr_t fn)
{
    return fn + 1;
}

}  // namespace

TEST_CASE("The frame filter keeps every frame of a registered module, static functions included", "[debug]")
{
    kshim::Symbolizer sym;
    Fixture a(KSHIM_FIXTURE_A);
    sym.module_loaded("fixture_a", KSHIM_FIXTURE_A, a.range.lo, a.range.hi);
    CHECK(kshim::trace_shows(sym, ret_in(a.static_fn())));
    CHECK(kshim::trace_shows(sym, ret_in(a.exported("fixture_crash"))));
    CHECK(kshim::trace_shows(sym, ret_in(a.exported("fixture_call_ptr"))));
}

TEST_CASE("The frame filter drops a shared object's code until it is registered as a module", "[debug]")
{
    kshim::Symbolizer sym;
    Fixture b(KSHIM_FIXTURE_B);
    // C names, but neither a module's nor libkshim's: host code a kernel trace never shows.
    CHECK_FALSE(kshim::trace_shows(sym, ret_in(b.exported("fixture_crash"))));
    sym.module_loaded("fixture_b", KSHIM_FIXTURE_B, b.range.lo, b.range.hi);
    CHECK(kshim::trace_shows(sym, ret_in(b.exported("fixture_crash"))));
    sym.module_unloaded(b.range.lo);
    CHECK_FALSE(kshim::trace_shows(sym, ret_in(b.exported("fixture_crash"))));
}

TEST_CASE("The frame filter keeps libkshim's C-named kernel API functions", "[debug]")
{
    kshim::Symbolizer sym;
    for (uintptr_t fn : {addr_of((void *)&msleep), addr_of((void *)&kthread_should_stop)}) {
        INFO(sym.lookup(fn).name);
        REQUIRE(kshim::runtime_range().contains(fn));
        CHECK(kshim::trace_shows(sym, ret_in(fn)));
    }
}

TEST_CASE("The frame filter drops the runtime's C++ internals, libc and the host program", "[debug]")
{
    kshim::Symbolizer sym;
    uintptr_t internal = addr_of((void *)&kshim::backtrace_init);
    REQUIRE(kshim::runtime_range().contains(internal));
    CHECK(sym.lookup(internal).name.find("kshim::backtrace_init") != std::string::npos);
    CHECK_FALSE(kshim::trace_shows(sym, ret_in(internal)));
    CHECK_FALSE(kshim::trace_shows(sym, ret_in(addr_of((void *)&kshim::runtime_range))));
    CHECK_FALSE(kshim::trace_shows(sym, ret_in(addr_of((void *)&::getpid))));  // libc, C name
    uintptr_t host = addr_of((void *)&kshim_test_host_c_function);
    CHECK(sym.lookup(host).name == "kshim_test_host_c_function");
    CHECK_FALSE(kshim::trace_shows(sym, ret_in(host)));
    CHECK_FALSE(kshim::trace_shows(sym, 0x10));  // nothing mapped there
}

TEST_CASE("call_trace_lines prints the frames the filter keeps, innermost first, in %pB form", "[debug]")
{
    kshim::Symbolizer sym;
    Fixture a(KSHIM_FIXTURE_A);
    sym.module_loaded("fixture_a", KSHIM_FIXTURE_A, a.range.lo, a.range.hi);
    uintptr_t mod_fn = a.static_fn();
    uintptr_t api_fn = addr_of((void *)&msleep);
    std::vector<uintptr_t> frames = {
        ret_in(mod_fn),
        ret_in(addr_of((void *)&kshim::backtrace_init)),  // dropped: C++ internal
        ret_in(api_fn),
        ret_in(addr_of((void *)&::getpid)),  // dropped: libc
    };
    std::vector<std::string> want = {frame_text(sym, mod_fn, 1, "fixture_a"), frame_text(sym, api_fn, 1)};
    CHECK(kshim::call_trace_lines(sym, frames) == want);
    CHECK(kshim::call_trace_lines(sym, {}).empty());
}

TEST_CASE("call_trace_lines with all_frames keeps every frame in order", "[debug]")
{
    kshim::Symbolizer sym;
    uintptr_t internal = addr_of((void *)&kshim::backtrace_init);
    uintptr_t host = addr_of((void *)&kshim_test_host_c_function);
    std::vector<uintptr_t> frames = {ret_in(host), ret_in(internal), 0x10};
    kshim::TraceOptions all;
    all.all_frames = true;
    std::vector<std::string> want = {frame_text(sym, host, 1), frame_text(sym, internal, 1), "0x10"};
    CHECK(kshim::call_trace_lines(sym, frames, all) == want);
}

TEST_CASE("A return address is named after the byte before it, a fault PC after itself", "[debug]")
{
    kshim::Symbolizer sym;
    Fixture a(KSHIM_FIXTURE_A);
    sym.module_loaded("fixture_a", KSHIM_FIXTURE_A, a.range.lo, a.range.hi);
    uintptr_t fn = a.static_fn();
    uintptr_t size = sym.lookup(fn).size;
    REQUIRE(size > 0);
    uintptr_t past = fn + size;  // the return address of a call that ends fixture_static
    REQUIRE(kshim::trace_shows(sym, past));

    kshim::TraceOptions fault;
    fault.first_is_fault_pc = true;
    std::vector<std::string> as_fault = kshim::call_trace_lines(sym, {fn, past}, fault);
    REQUIRE(as_fault.size() == 2);
    CHECK(as_fault[0] == frame_text(sym, fn, 0, "fixture_a"));          // exact PC: %pS
    CHECK(as_fault[1] == frame_text(sym, fn, size, "fixture_a"));       // later frames stay %pB

    std::vector<std::string> as_return = kshim::call_trace_lines(sym, {past});
    REQUIRE(as_return.size() == 1);
    CHECK(as_return[0] == frame_text(sym, fn, size, "fixture_a"));
}

TEST_CASE("format_call_trace appends every frame as an indented line without filtering", "[debug]")
{
    kshim::Symbolizer sym;
    Fixture a(KSHIM_FIXTURE_A);
    sym.module_loaded("fixture_a", KSHIM_FIXTURE_A, a.range.lo, a.range.hi);
    uintptr_t mod_fn = a.static_fn();
    uintptr_t internal = addr_of((void *)&kshim::backtrace_init);
    std::string out = "Call Trace:\n";
    kshim::format_call_trace(out, sym, {ret_in(mod_fn), ret_in(internal)});
    CHECK(out == "Call Trace:\n " + frame_text(sym, mod_fn, 1, "fixture_a") + "\n " +
                     frame_text(sym, internal, 1) + "\n");

    std::string fault;
    kshim::format_call_trace(fault, sym, {mod_fn, 0x10}, true);
    CHECK(fault == " " + frame_text(sym, mod_fn, 0, "fixture_a") + "\n 0x10\n");

    std::string none;
    kshim::format_call_trace(none, sym, {});
    CHECK(none.empty());
}
