// A Catch2 test an outside project writes against the installed kshim: <kshim/catch2.hpp>, kshim::testing alone.
#include <kshim/catch2.hpp>
#include <kshim/testing.hpp>

#include <cerrno>   // the C library's own <linux/errno.h>, not kshim's, must be the one found
#include <string>

#include <unistd.h>

namespace {

// consumer_mod.ko: the helper passes its path (KSHIM_KO_consumer_mod); a plain executable finds
// it beside itself.
std::string module_file()
{
#ifdef KSHIM_KO_consumer_mod
    return KSHIM_KO_consumer_mod;
#else
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    std::string dir = n > 0 ? std::string(self, (size_t)n) : std::string(".");
    return dir.substr(0, dir.rfind('/')) + "/consumer_mod.ko";
#endif
}

}  // namespace

KSHIM_TEST_CASE("The consumer's module loads with a parameter, prints it and unloads", "[consumer]")
{
    kshim::testing::TestKernel &k = kernel();
    REQUIRE(k.load(module_file(), {"answer=42"}) == 0);
    CHECK_THAT(k, kshim::testing::LogContains("consumer: the answer is 42"));
    CHECK(k.unload("consumer_mod").error == 0);
    CHECK_THAT(k, kshim::testing::LogSequence({"the answer is 42", "consumer: bye"}));
    CHECK(EINVAL == 22);
}
