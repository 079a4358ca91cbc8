// Tests for hex dumps and rate limiting (shim/src/printk/dump.cpp): hex_dump_to_buffer, print_hex_dump, printk_ratelimited.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "kshim/testing.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/delay.h"
#include "linux/printk.h"

using kshim::testing::TestKernel;

namespace {
const unsigned char bytes20[] = "0123456789abcdefXYZ";  // 19 characters and the NUL
}

TEST_CASE("hex_dump_to_buffer formats one row as the kernel does", "[printk]")
{
    char line[200];
    int n = hex_dump_to_buffer(bytes20, 16, 16, 1, line, sizeof line, true);
    CHECK(std::string(line) == "30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66  0123456789abcdef");
    CHECK(n == (int)std::strlen(line));

    n = hex_dump_to_buffer(bytes20 + 16, 4, 16, 1, line, sizeof line, true);
    CHECK(std::string(line) == "58 59 5a 00" + std::string(38, ' ') + "XYZ.");
    CHECK(n == 53);

    n = hex_dump_to_buffer(bytes20, 8, 16, 1, line, sizeof line, false);
    CHECK(std::string(line) == "30 31 32 33 34 35 36 37");

    const unsigned char le[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    hex_dump_to_buffer(le, 8, 16, 4, line, sizeof line, false);
    CHECK(std::string(line) == "04030201 08070605");
    hex_dump_to_buffer(le, 8, 16, 2, line, sizeof line, false);
    CHECK(std::string(line) == "0201 0403 0605 0807");
    // A length that is not a multiple of the group size falls back to bytes.
    hex_dump_to_buffer(le, 5, 16, 2, line, sizeof line, false);
    CHECK(std::string(line) == "01 02 03 04 05");
}

TEST_CASE("print_hex_dump prints rows with a prefix, an offset and ASCII", "[printk]")
{
    TestKernel k;
    k.run_task([] {
        print_hex_dump(KERN_INFO, "data: ", DUMP_PREFIX_OFFSET, 16, 1, bytes20, 20, true);
        print_hex_dump(KERN_ERR, "raw ", DUMP_PREFIX_NONE, 16, 1, bytes20, 4, false);
        print_hex_dump_bytes("b: ", DUMP_PREFIX_NONE, bytes20, 2);
        return 0L;
    });
    auto log = k.log();
    REQUIRE(log.size() == 4);
    CHECK(log[0].text == "data: 00000000: 30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66  0123456789abcdef");
    CHECK(log[1].text == "data: 00000010: 58 59 5a 00" + std::string(38, ' ') + "XYZ.");
    CHECK(log[0].level == 6);
    CHECK(log[2].text == "raw 30 31 32 33");
    CHECK(log[2].level == 3);
    CHECK(log[3].text == "b: 30 31" + std::string(47 - 5 + 2, ' ') + "01");
    CHECK(log[3].level == 7);
}

namespace {

void chatty(int i)
{
    printk_ratelimited(KERN_INFO "chatty %d\n", i);
}

}  // namespace

TEST_CASE("printk_ratelimited lets a burst of 10 through per 5 seconds and counts the rest", "[printk]")
{
    TestKernel k;
    k.run_task([] {
        for (int i = 0; i < 15; ++i)
            chatty(i);
        ssleep(6);
        chatty(15);
        return 0L;
    });
    std::vector<std::string> want;
    for (int i = 0; i < 10; ++i)
        want.push_back("chatty " + std::to_string(i));
    want.push_back("chatty: 5 callbacks suppressed");
    want.push_back("chatty 15");
    CHECK(k.log_texts() == want);
    CHECK(k.log()[10].level == 4);
}
