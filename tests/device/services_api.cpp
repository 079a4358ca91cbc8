// Kernel services that are loud stubs (shim/src/device/services_api.cpp): I/O memory, kprobes, request_module.
#include <catch2/catch.hpp>

#include <cstdio>

#include "kshim/testing.hpp"

#include "asm/io.h"
#include "linux/kmod.h"
#include "linux/kprobes.h"

TEST_CASE("ioremap fails with NULL and a read of I/O memory reports itself and returns all-ones", "[device]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] {
        long bad = 0;
        bad += ioremap(0xfe000000, 4096) != nullptr;
        bad += readl(nullptr) != 0xffffffffu;
        bad += inb(0x60) != 0xff;
        return bad;
    });
    CHECK(r == 0);
    CHECK(k.log_contains("kshim: ioremap is not implemented"));
    CHECK(k.log_contains("kshim: readl is not implemented"));
    CHECK(k.log_contains("kshim: inb is not implemented"));
}

TEST_CASE("register_kprobe and request_module report themselves and fail with -ENOMEM", "[device]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] {
        struct kprobe kp = {};
        kp.symbol_name = "kallsyms_lookup_name";
        long bad = 0;
        bad += register_kprobe(&kp) != -ENOMEM;
        bad += request_module("nfs") != -ENOMEM;
        return bad;
    });
    CHECK(r == 0);
    CHECK(k.log_contains("kshim: register_kprobe is not implemented"));
    CHECK(k.log_contains("kshim: request_module is not implemented"));
}

TEST_CASE("call_usermodehelper reports itself, fails with -ENOMEM and never starts the host program", "[device]")
{
    const char *marker = "/tmp/kshim-umh-must-not-exist";
    std::remove(marker);
    kshim::testing::TestKernel k;
    long r = k.run_task([marker] {
        char *argv[] = {const_cast<char *>("/usr/bin/touch"), const_cast<char *>(marker), nullptr};
        char *envp[] = {nullptr};
        return (long)call_usermodehelper(argv[0], argv, envp, UMH_WAIT_PROC);
    });
    CHECK(r == -ENOMEM);
    CHECK(k.log_contains("kshim: call_usermodehelper is not implemented"));
    CHECK(std::fopen(marker, "r") == nullptr);
}
